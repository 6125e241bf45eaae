/** @file
 * @brief Tests for boilerplate.h and the shipped corpus/boilerplate.txt:
 *        every shipped pattern drops a real furniture line, real sentences
 *        that merely contain the phrases survive, and strip() keeps the
 *        paragraph structure.
 */
#include "boilerplate.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using newsdex::BoilerplateFilter;
namespace fs = std::filesystem;

namespace {

const std::string kShippedFile = NEWSDEX_SOURCE_DIR "/corpus/boilerplate.txt";
const std::string kCorpusArticles = NEWSDEX_SOURCE_DIR "/corpus/articles";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string trim(std::string s) {
    auto space = [](unsigned char c) { return c <= ' '; };
    while (!s.empty() && space(s.back())) s.pop_back();
    s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
    return s;
}

/// The patterns of the shipped file as written (the filter does not expose
/// its patterns), by the rules boilerplate.h states for pattern files.
std::vector<std::string> shipped_patterns() {
    std::vector<std::string> patterns;
    for (const auto& raw : split_lines(read_file(kShippedFile))) {
        std::string line = trim(raw);
        if (!line.empty() && line[0] != '#') patterns.push_back(line);
    }
    return patterns;
}

BoilerplateFilter shipped_filter() {
    BoilerplateFilter filter;
    filter.load_file(kShippedFile);
    return filter;
}

BoilerplateFilter filter_of(std::string_view pattern) {
    BoilerplateFilter filter;
    filter.add_pattern(pattern);
    return filter;
}

struct FurnitureCase {
    std::string_view pattern;  ///< as written in corpus/boilerplate.txt
    std::string_view line;     ///< a furniture line as seen on a news page
};

// One realistic line per shipped pattern (test "every shipped pattern has an
// example" fails when a pattern is added without one).
constexpr FurnitureCase kFurniture[] = {
    {"advertisement", "Advertisement"},
    {"advertisment", "ADVERTISMENT"},
    {"advertisements", "Advertisements"},
    {"- advertisement -", "- Advertisement -"},
    {"-- advertisement --", "-- ADVERTISEMENT --"},
    {"— advertisement —", "— Advertisement —"},
    {"advertisement - scroll to continue*", "Advertisement - scroll to continue with content"},
    {"advertisement - continue reading below", "ADVERTISEMENT - CONTINUE READING BELOW"},
    {"story continues below advertisement", "Story continues below advertisement"},
    {"sponsored", "Sponsored"},
    {"sponsored content", "Sponsored Content"},
    {"publicité", "PUBLICITÉ"},
    {"you may also love to watch this video", "YOU MAY ALSO LOVE TO WATCH THIS VIDEO"},
    {"video courtesy:*", "Video Courtesy: Sahel TV"},
    {"image credit:*", "Image Credit: Source Content"},
    {"image credits:*", "Image credits: Sahel Security Review / File"},
    {"image source:*", "Image source: social media"},
    {"photo credit:*", "Photo credit: Desert Dispatch"},
    {"photo credits:*", "Photo credits: MINUSMA / Archives"},
    {"photo: ©*", "Photo: © Bamako Daily"},
    {"photo : ©*", "Photo : © Gao Info"},
    {"photo: afp*", "Photo: AFP"},
    {"photo : afp*", "Photo : AFP / Archives"},
    {"photo: file", "Photo: File"},
    {"crédit photo*", "Crédit photo : L'Écho de Tombouctou"},
    {"©*", "© 2024 Sahel Monitor. All rights reserved."},
    {"share this:", "Share this:"},
    {"share this", "SHARE THIS"},
    {"share this article", "Share this article"},
    {"share this story", "Share This Story"},
    {"share:", "Share:"},
    {"share on facebook", "Share on Facebook"},
    {"share on twitter", "Share on Twitter"},
    {"share on whatsapp", "Share on WhatsApp"},
    {"share on x", "Share on X"},
    {"click to share on *", "Click to share on Telegram (Opens in new window)"},
    {"click to print*", "Click to print (Opens in new window)"},
    {"click to email*", "Click to email a link to a friend (Opens in new window)"},
    {"partager :", "Partager :"},
    {"partager:", "PARTAGER:"},
    {"partager cet article", "Partager cet article"},
    {"facebook", "Facebook"},
    {"twitter", "Twitter"},
    {"whatsapp", "WhatsApp"},
    {"telegram", "Telegram"},
    {"linkedin", "LinkedIn"},
    {"pinterest", "Pinterest"},
    {"reddit", "Reddit"},
    {"email", "Email"},
    {"print", "Print"},
    {"tweet", "Tweet"},
    {"follow us on *facebook*", "Follow us on Facebook and Telegram for more updates"},
    {"follow us on *twitter*", "Follow us on Twitter: @sahelmonitor"},
    {"follow us on *telegram*", "Follow us on our Telegram channel"},
    {"follow us on *whatsapp*", "Follow us on WhatsApp"},
    {"follow us on *instagram*", "Follow us on Instagram"},
    {"follow us on *youtube*", "Follow us on YouTube for daily videos"},
    {"follow us on *tiktok*", "Follow us on TikTok"},
    {"follow us on *linkedin*", "Follow us on LinkedIn"},
    {"follow us on x", "Follow us on X"},
    {"join our telegram channel*", "Join our Telegram channel for breaking news"},
    {"join our whatsapp channel*", "Join our WhatsApp channel"},
    {"join us on telegram*", "Join us on Telegram: t.me/example"},
    {"join us on whatsapp*", "Join us on WhatsApp"},
    {"suivez-nous sur *facebook*", "Suivez-nous sur Facebook"},
    {"suivez-nous sur *twitter*", "Suivez-nous sur Twitter et Facebook"},
    {"suivez-nous sur *telegram*", "Suivez-nous sur notre chaîne Telegram"},
    {"suivez-nous sur *whatsapp*", "Suivez-nous sur WhatsApp"},
    {"like this:", "Like this:"},
    {"like loading...", "Like Loading..."},
    {"loading...", "Loading..."},
    {"read more", "Read more"},
    {"read more:*", "Read more: Kidal families flee north as strikes intensify"},
    {"read more »", "Read More »"},
    {"read more...", "Read more..."},
    {"read more…", "Read more…"},
    {"read also:*", "Read also: Timbuktu under blockade"},
    {"also read:*", "Also read: What is the Africa Corps?"},
    {"see also:*", "See also: Mali quits ECOWAS"},
    {"voir aussi :*", "Voir aussi : Kidal, un an après"},
    {"related", "RELATED"},
    {"related:", "Related:"},
    {"related articles", "Related Articles"},
    {"related posts", "Related posts"},
    {"related stories", "Related Stories"},
    {"related news", "Related News"},
    {"you may also like", "You May Also Like"},
    {"you might also like", "You might also like"},
    {"recommended for you", "Recommended for you"},
    {"most read", "Most Read"},
    {"trending now", "Trending Now"},
    {"lire aussi", "Lire aussi"},
    {"lire aussi:*", "Lire aussi: Kidal, la ville de tous les enjeux"},
    {"lire aussi :*", "LIRE AUSSI : Ménaka, l'afflux des déplacés"},
    {"à lire aussi", "À lire aussi"},
    {"à lire aussi:*", "À lire aussi: le GSIM et le blocus"},
    {"à lire aussi :*", "À LIRE AUSSI : Tombouctou, une ville sous pression"},
    {"subscribe", "Subscribe"},
    {"subscribe now", "SUBSCRIBE NOW"},
    {"subscribe to our newsletter*", "Subscribe to our newsletter"},
    {"sign up for our newsletter*", "Sign up for our newsletter to get the Sahel briefing"},
    {"abonnez-vous*", "Abonnez-vous à notre newsletter"},
    {"inscrivez-vous à notre newsletter*", "Inscrivez-vous à notre newsletter !"},
    {"leave a reply", "Leave a Reply"},
    {"leave a reply cancel reply", "Leave a Reply Cancel reply"},
    {"leave a comment", "Leave a comment"},
    {"cancel reply", "Cancel reply"},
    {"post comment", "Post Comment"},
    {"your email address will not be published*",
     "Your email address will not be published. Required fields are marked *"},
    {"required fields are marked \\*", "Required fields are marked *"},
    {"comment \\*", "Comment *"},
    {"name \\*", "Name *"},
    {"email \\*", "Email *"},
    {"website", "Website"},
    {"save my name, email, and website in this browser*",
     "Save my name, email, and website in this browser for the next time I comment."},
    {"this article was originally published *",
     "This article was originally published by Wire Service Africa."},
    {"this story was first published *", "This story was first published on 12 March 2024."},
    {"all rights reserved*", "All rights reserved."},
    {"copyright ©*", "Copyright © 2024 Bamako Daily"},
    {"copyright 20[0-9][0-9]*", "Copyright 2023 Le Républicain du Sahel"},
    {"we use cookies to *", "We use cookies to improve your experience on our site."},
    {"this website uses cookies*", "This website uses cookies."},
    {"accept all cookies", "Accept all cookies"},
    {"skip to content", "Skip to content"},
    {"skip to main content", "Skip to main content"},
};

// Sentences and paragraphs from real reporting that contain a furniture
// phrase, or start like one, and must be kept.
constexpr std::string_view kSurvivors[] = {
    "Channels on Telegram linked to Wagner confirmed heavy losses, including a commander.",
    "Follow us on the road north, the commander told the convoy leaving Gao.",
    "Residents said they would follow us on foot if the army left Kidal.",
    "The CSP published photos of burnt vehicles and prisoners near Tinzaouaten.",
    // Captions and source lines carry places and names, so "photo:*" and
    // "source:*" are deliberately not shipped.
    "Photo: soldiers of the Malian army patrol a market in Gao, 12 March 2024.",
    "Source: a senior security official in Bamako, speaking on condition of anonymity.",
    "Advertisement boards in Bamako now carry portraits of the transition's leaders.",
    "Sponsored by the European Union, the G5 Sahel force never received its funding.",
    "Related to the 2015 agreement, the CMA's demands were never met.",
    "Share this information with the army, the governor told residents of Ménaka.",
    "Subscribers to the satellite service in Kidal lost access for three days.",
    "Read more than 200 pages of the UN report and the pattern is clear.",
    "Email addresses of journalists were published by an anonymous account.",
    "Print and radio journalists were told to stop covering political parties.",
    "The website of the MNLA announced the independence of Azawad.",
    "Copyright disputes are not what keeps Timbuktu's manuscript libraries awake.",
    "Name withheld at the request of the family.",
    "Like this, the jihadists control the roads without holding the towns.",
    "Loading of the lorries resumed at Bougouni on Monday.",
    "Image credits aside, the footage was verified by three outlets.",
    "Related stories of abuses have emerged from Ségou and Mopti.",
    "Lire aussitôt le communiqué de l'armée, c'était comprendre que Kidal était tombée.",
    "Suivez-nous, a lancé le capitaine aux jeunes recrues de Ségou.",
    "Publicité mensongère, dénonce le CSP à propos des images diffusées par l'armée.",
    "Telegram channels close to the junta denied the losses.",
    "All rights to the land, the MSA says, belong to the communities of Ménaka.",
    "We use cookies and tea to welcome guests, a Tuareg elder said with a smile.",
};

}  // namespace

TEST_CASE("every shipped pattern drops a realistic furniture line") {
    BoilerplateFilter shipped = shipped_filter();
    for (const auto& c : kFurniture) {
        CAPTURE(c.pattern);
        CAPTURE(c.line);
        CHECK(filter_of(c.pattern).is_boilerplate(c.line));
        CHECK(shipped.is_boilerplate(c.line));
    }
}

TEST_CASE("every shipped pattern has an example in the table above") {
    std::vector<std::string> patterns = shipped_patterns();
    REQUIRE(patterns.size() > 50);
    for (const auto& pattern : patterns) {
        CAPTURE(pattern);
        bool covered = std::any_of(std::begin(kFurniture), std::end(kFurniture),
                                   [&](const FurnitureCase& c) { return c.pattern == pattern; });
        CHECK(covered);
    }
    // and the table names no pattern that is not shipped
    for (const auto& c : kFurniture) {
        CAPTURE(c.pattern);
        CHECK(std::find(patterns.begin(), patterns.end(), c.pattern) != patterns.end());
    }
}

TEST_CASE("sentences that merely contain a furniture phrase survive") {
    BoilerplateFilter shipped = shipped_filter();
    for (std::string_view sentence : kSurvivors) {
        CAPTURE(sentence);
        CHECK_FALSE(shipped.is_boilerplate(sentence));
        std::string paragraph = "First paragraph.\n\n" + std::string(sentence) + "\n\nLast.\n";
        CHECK(shipped.strip(paragraph) == paragraph);
    }
}

TEST_CASE("matching folds case, also outside ASCII, but not accents") {
    struct Case {
        std::string_view pattern, line;
        bool expected;
    };
    constexpr Case kCases[] = {
        {"advertisement", "ADVERTISEMENT", true},
        {"ADVERTISEMENT", "advertisement", true},  // patterns are lower-cased too
        {"Image Credit:*", "IMAGE CREDIT: AFP", true},
        {"publicité", "PUBLICITÉ", true},
        {"PUBLICITÉ", "Publicité", true},
        {"à lire aussi :*", "À LIRE AUSSI : Tombouctou, une ville sous pression", true},
        {"crédit photo*", "CRÉDIT PHOTO : Archives", true},
        {"реклама", "РЕКЛАМА", true},  // Cyrillic "advertisement"
        {"ménaka info", "MÉNAKA INFO", true},
        {"publicité", "PUBLICITE", false},  // accents are not folded
        {"publicite", "Publicité", false},
    };
    for (const auto& c : kCases) {
        CAPTURE(c.pattern);
        CAPTURE(c.line);
        CHECK(filter_of(c.pattern).is_boilerplate(c.line) == c.expected);
    }
}

TEST_CASE("lines are trimmed before matching and must match whole") {
    struct Case {
        std::string_view pattern, line;
        bool expected;
    };
    constexpr Case kCases[] = {
        {"advertisement", "   Advertisement   ", true},
        {"advertisement", "\tAdvertisement\r", true},  // CRLF files
        {"advertisement", "\xC2\xA0" "Advertisement" "\xC2\xA0", true},  // NBSP padding
        {"  advertisement  ", "Advertisement", true},  // patterns are trimmed too
        {"advertisement", "Advertisement.", false},
        {"advertisement", "An advertisement", false},
        {"share this:", "Share this: the army's version of events", false},
        {"*", "", false},  // a blank line is structure, never furniture
        {"*", "   ", false},
        // glob features: '?', classes, escapes; '/' and a leading '.' are ordinary
        {"page ? of ?", "Page 1 of 3", true},
        {"copyright 20[0-9][0-9]*", "Copyright 2024 Bamako Daily", true},
        {"copyright 20[0-9][0-9]*", "Copyright notice", false},
        {"required fields are marked \\*", "Required fields are marked *", true},
        {"required fields are marked \\*", "Required fields are marked in red", false},
        {"image credit:*", "Image Credit: Sahel Security Review / File", true},
        {"*...", "...", true},
        {"[unclosed", "[unclosed", true},  // glibc reads a lone '[' literally
    };
    for (const auto& c : kCases) {
        CAPTURE(c.pattern);
        CAPTURE(c.line);
        CHECK(filter_of(c.pattern).is_boilerplate(c.line) == c.expected);
    }
}

TEST_CASE("in a filter of many patterns, each is tried whatever its literal start") {
    // Patterns are first screened by their text before the first wildcard
    // or escape; heads of different lengths, non-ASCII heads (more bytes
    // than code points), wildcard-first and escape-first patterns must all
    // still be tried.
    BoilerplateFilter filter;
    for (const char* pattern : {"read more", "à lire aussi :*", "*...", "?? comments", "\\#*", "photo: ©*",
                                "[0-9]* shares", "ménaka info"})
        filter.add_pattern(pattern);
    for (const char* line : {"Read more", "À LIRE AUSSI : Gao", "Loading...", "12 comments", "#Mali",
                             "PHOTO: © AFP", "3 shares", "Ménaka Info"}) {
        CAPTURE(line);
        CHECK(filter.is_boilerplate(line));
    }
    for (const char* line : {"Read", "Read more about the convoy", "À lire", "123 comments", "Mali",
                             "Photo: AFP", "many shares", "Ménaka"}) {
        CAPTURE(line);
        CHECK_FALSE(filter.is_boilerplate(line));
    }
}

TEST_CASE("an empty filter and empty patterns match nothing") {
    BoilerplateFilter filter;
    CHECK_FALSE(filter.is_boilerplate("Advertisement"));
    CHECK(filter.strip("Advertisement\n") == "Advertisement\n");
    filter.add_pattern("");
    filter.add_pattern(" \t ");
    CHECK(filter.size() == 0);
}

TEST_CASE("strip() drops furniture and collapses the blank lines left behind") {
    BoilerplateFilter shipped = shipped_filter();
    struct Case {
        std::string_view input, expected;
    };
    constexpr Case kCases[] = {
        // nothing to drop: byte for byte, odd spacing and CRLF included
        {"", ""},
        {"One.\n\n\n\nTwo.  \n", "One.\n\n\n\nTwo.  \n"},
        {"One.\r\n\r\nTwo.\r\n", "One.\r\n\r\nTwo.\r\n"},
        {"\n\nOne.", "\n\nOne."},
        // a furniture paragraph between two paragraphs
        {"One.\n\nAdvertisement\n\nTwo.", "One.\n\nTwo."},
        {"One.\n\nAdvertisement\n\nTwo.\n", "One.\n\nTwo.\n"},
        // several, with uneven blank runs: one paragraph break remains
        {"One.\n\nAdvertisement\n\n\nShare this:\n\nTwo.\n", "One.\n\nTwo.\n"},
        // a furniture line inside a paragraph: its neighbours join up
        {"Line one of a wrapped paragraph\nAdvertisement\nline two.",
         "Line one of a wrapped paragraph\nline two."},
        {"One.\nAdvertisement\n\nTwo.", "One.\n\nTwo."},
        // at the start or the end: no leading or trailing blank lines left
        {"Image Credit: AFP\n\nOne.\n\nTwo.", "One.\n\nTwo."},
        {"One.\n\nShare this:\nFacebook\nWhatsApp\nTelegram\n\nLike this:\n\nLike Loading...\n",
         "One.\n"},
        {"Advertisement", ""},
        {"\n\nAdvertisement\n\n", ""},
        // gaps without furniture are untouched even when others are collapsed
        {"One.\n\n\n\nTwo.\n\nAdvertisement\n\nThree.", "One.\n\n\n\nTwo.\n\nThree."},
        // the kept blank line is the first of the gap, verbatim
        {"One.\n  \nAdvertisement\n\nTwo.", "One.\n  \nTwo."},
        {"One.\r\n\r\nAdvertisement\r\n\r\nTwo.\r\n", "One.\r\n\r\nTwo.\r\n"},
        // kept lines are verbatim, not trimmed
        {"  One.  \n\nPUBLICITÉ\n\n\tTwo.", "  One.  \n\n\tTwo."},
    };
    for (const auto& c : kCases) {
        CAPTURE(c.input);
        CHECK(shipped.strip(c.input) == c.expected);
    }
}

TEST_CASE("load_file: comments, blank lines, CRLF, BOM and escapes") {
    fs::path path = fs::temp_directory_path() / "newsdex_boilerplate_test.txt";
    {
        std::ofstream out(path, std::ios::binary);
        out << "\xEF\xBB\xBF# comment on the first line, after a BOM\r\n"
               "\r\n"
               "Advertisement\r\n"
               "   # an indented comment\n"
               "  share this:  \n"
               "\\#hashtag\n"
               "\n";
    }
    BoilerplateFilter filter;
    filter.load_file(path.string());
    fs::remove(path);
    CHECK(filter.size() == 3);
    CHECK(filter.is_boilerplate("ADVERTISEMENT"));
    CHECK(filter.is_boilerplate("Share this:"));
    CHECK(filter.is_boilerplate("#Hashtag"));
    CHECK_FALSE(filter.is_boilerplate("# comment on the first line, after a BOM"));
    CHECK_FALSE(filter.is_boilerplate("# an indented comment"));
}

TEST_CASE("load_file: unreadable inputs throw with the path and the reason") {
    struct Case {
        std::string path, expected;
    };
    const std::string missing = NEWSDEX_SOURCE_DIR "/corpus/no-such-boilerplate.txt";
    const std::string directory = NEWSDEX_SOURCE_DIR "/corpus";
    const Case kCases[] = {
        {missing, missing + ": cannot read: No such file or directory"},
        {directory, directory + ": cannot read: Is a directory"},
    };
    for (const auto& c : kCases) {
        CAPTURE(c.path);
        BoilerplateFilter filter;
        CHECK_THROWS_WITH_AS(filter.load_file(c.path), c.expected.c_str(), std::runtime_error);
        CHECK(filter.size() == 0);
    }
}

TEST_CASE("the shipped file loads every pattern it lists") {
    BoilerplateFilter shipped = shipped_filter();
    CHECK(shipped.size() == shipped_patterns().size());
}

TEST_CASE("the shipped patterns clean the bundled corpus articles, and only the furniture") {
    // Exactly the furniture lines written into corpus/articles (see
    // corpus/README.md); anything else dropped would be a false positive on
    // real article text, header lines included.
    const std::multimap<std::string, std::string> expected = {
        {"aguelhok-drones-repost.txt", "Read more: Kidal families flee north as strikes intensify"},
        {"aguelhok-drones-sahel-monitor.txt",
         "This article was originally published by Wire Service Africa."},
        {"ber-fighting-bamako-daily.txt",
         "Read more: Timbuktu traders fear shortages as UN convoys leave"},
        {"ber-fighting-repost.txt", "Share this:"},
        {"ber-fighting-repost.txt", "Facebook"},
        {"ber-fighting-repost.txt", "WhatsApp"},
        {"ber-fighting-repost.txt", "Telegram"},
        {"ber-fighting-repost.txt", "Like this:"},
        {"ber-fighting-repost.txt", "Like Loading..."},
        {"kidal-frappes-de-drones.txt", "PUBLICITÉ"},
        {"niono-sweep.txt", "Advertisement"},
        {"niono-sweep.txt", "Image Credit: Desert Dispatch"},
        {"niono-sweep.txt", "ADVERTISMENT"},
        {"niono-sweep.txt", "Follow us on Facebook and Telegram for more updates"},
        {"niono-sweep.txt", "Subscribe to our newsletter"},
        {"regional-security-analysis.txt", "Image Credit: Sahel Security Review / File"},
        {"regional-security-analysis.txt", "Advertisement"},
        {"regional-security-analysis.txt", "Follow us on Facebook and Telegram for more updates"},
        {"regional-security-analysis.txt", "Share this:"},
        {"regional-security-analysis.txt", "Leave a Reply"},
        {"regional-security-analysis.txt",
         "Your email address will not be published. Required fields are marked *"},
        {"tombouctou-blocus-prix.txt", "À LIRE AUSSI : Tombouctou, une ville sous pression"},
    };
    BoilerplateFilter shipped = shipped_filter();
    std::multimap<std::string, std::string> dropped;
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(kCorpusArticles)) {
        if (entry.path().extension() != ".txt") continue;
        ++files;
        std::string name = entry.path().filename().string();
        std::string text = read_file(entry.path().string());
        for (const auto& line : split_lines(text))
            if (shipped.is_boilerplate(line)) dropped.emplace(name, line);

        // strip() leaves clean paragraphs: no furniture, no runs of blank
        // lines, nothing blank at either end.
        CAPTURE(name);
        std::string clean = shipped.strip(text);
        CHECK(clean.find("\n\n\n") == std::string::npos);
        CHECK(clean.front() != '\n');
        CHECK(clean.ends_with("\n"));
        CHECK_FALSE(clean.ends_with("\n\n"));
        for (const auto& line : split_lines(clean)) CHECK_FALSE(shipped.is_boilerplate(line));
    }
    CHECK(files == 23);
    auto render = [](const std::multimap<std::string, std::string>& lines) {
        std::vector<std::string> out;
        for (const auto& [file, line] : lines) out.push_back(file + ": " + line);
        std::sort(out.begin(), out.end());
        std::string joined;
        for (const auto& s : out) joined += s + "\n";
        return joined;
    };
    CHECK(render(dropped) == render(expected));
}
