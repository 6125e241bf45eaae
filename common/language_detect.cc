/** @file
 * @brief Function-word scoring for detect_language().
 */
#include "language_detect.h"

#include <algorithm>
#include <unordered_map>

#include <xapian.h>

#include "ascii_words.h"

namespace newsdex {

namespace {

/// Bytes of text read: a few paragraphs decide; the rest would only cost time.
constexpr std::size_t kMaxBytes = 4000;
/// The winner's weighted score must be at least this multiple of the
/// runner-up's: a quotation or a French place name in an English story
/// must not flip it.
constexpr double kMinLead = 1.5;

struct LanguageWords {
    const char* code;
    const char* words;  // space-separated, lower case
};

// The most frequent function words of each language, chosen so that few
// are shared (shared ones count less, see Table). Elided French forms keep
// their apostrophe ("l'" of "l'armée"), so that the "s" of an English
// possessive ("Obama's") or the "L" of "L-T" is not taken for French.
constexpr LanguageWords kLanguages[] = {
    {"en", "the a of and to in is was that for on with as by it he said at from his an were are which "
           "this be has have had not but they their its who been after will would than there when also "
           "into over more we or one about she her what could should"},
    {"fr", "le la les de des du et est un une dans pour que qui sur par au aux en pas ne il elle ils "
           "ont sont été avec ce cette ces se sa son ses leur leurs plus mais ou où nous vous l' d' qu' n' "
           "s' c' j' à y lors selon depuis entre était avait aussi après dont"},
    {"es", "el la los las de del y en que es un una por con para se no su sus al lo como más pero fue "
           "ha han este esta son entre sobre también desde según era muy"},
    {"pt", "o a os as de do da dos das e em no na nos nas que um uma por para com não se foi é ao pelo "
           "pela mais como mas seu sua também são entre já ou"},
    {"it", "il lo la gli le di del della dei delle e è in che un una per con non si da dal al alla "
           "sono ha hanno come più ma anche questo questa nel nella tra dopo"},
    {"de", "der die das und ist nicht ein eine zu den dem des mit von auf für im sich auch es sie er "
           "wird wurde bei nach aus dass wie oder sind hat am um noch über einer"},
};
constexpr std::size_t kLanguageCount = std::size(kLanguages);

/// word -> (language index -> weight). A word in k lists weighs 1/k in each.
using Table = std::unordered_map<std::string, std::vector<std::pair<std::size_t, double>>>;

const Table& table() {
    static const Table words = [] {
        Table t;
        for (std::size_t lang = 0; lang < kLanguageCount; ++lang) {
            std::string list = kLanguages[lang].words;
            std::size_t start = 0;
            while (start < list.size()) {
                std::size_t end = list.find(' ', start);
                if (end == std::string::npos) end = list.size();
                if (end > start) t[list.substr(start, end - start)].push_back({lang, 1.0});
                start = end + 1;
            }
        }
        for (auto& [word, langs] : t)
            for (auto& entry : langs) entry.second = 1.0 / static_cast<double>(langs.size());
        return t;
    }();
    return words;
}

}  // namespace

const std::vector<std::string>& detectable_languages() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> c;
        for (const auto& l : kLanguages) c.emplace_back(l.code);
        return c;
    }();
    return codes;
}

LanguageGuess detect_language(std::string_view text) {
    if (text.size() > kMaxBytes) {
        text = text.substr(0, kMaxBytes);
        // Do not end inside a UTF-8 sequence.
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.remove_suffix(1);
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);
    }
    const Table& words = table();
    double score[kLanguageCount] = {};
    unsigned evidence[kLanguageCount] = {};
    std::string word;
    // No function word is long: longer words need no look-up.
    static const std::size_t longest = std::max_element(words.begin(), words.end(), [](const auto& a, const auto& b) {
                                           return a.first.size() < b.first.size();
                                       })->first.size();
    auto count = [&] {
        if (word.empty()) return;
        if (word.size() > longest) {
            word.clear();
            return;
        }
        if (auto it = words.find(word); it != words.end()) {
            for (const auto& [lang, weight] : it->second) {
                score[lang] += weight;
                ++evidence[lang];
            }
        }
        word.clear();
    };
    // Apostrophes split words ("l'armée" -> "l'", "armée"), as elision does.
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p != end) {
        const auto byte = static_cast<unsigned char>(*p);
        if (byte < 0x80) {  // nearly every byte: no decoding
            ++p;
            if (kAsciiWords.word[byte]) {
                word += kAsciiWords.lower[byte];
            } else {
                if (byte == '\'' && !word.empty()) word += '\'';
                count();
            }
            continue;
        }
        const unsigned ch = next_code_point(p, end);
        if (Xapian::Unicode::is_wordchar(ch)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
        } else {
            if ((ch == '\'' || ch == 0x2019) && !word.empty()) word += '\'';
            count();
        }
    }
    count();

    std::size_t best = 0, second = 1;
    if (score[second] > score[best]) std::swap(best, second);
    for (std::size_t lang = 2; lang < kLanguageCount; ++lang) {
        if (score[lang] > score[best]) {
            second = best;
            best = lang;
        } else if (score[lang] > score[second]) {
            second = lang;
        }
    }
    double total = 0;
    for (double s : score) total += s;
    LanguageGuess guess;
    guess.evidence = evidence[best];
    guess.share = total > 0 ? score[best] / total : 0;
    if (evidence[best] >= kMinEvidence && score[best] >= kMinLead * score[second])
        guess.code = kLanguages[best].code;
    return guess;
}

}  // namespace newsdex
