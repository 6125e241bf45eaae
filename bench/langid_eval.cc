/** @file
 * @brief Measures language detection (common/language_detect.h) and French
 *        date parsing (common/dates.h) on ../shared: the 150 French IWAC
 *        press articles mixed with English Reuters-21578 bodies. See
 *        bench/README-langid.md.
 *
 * Detection is scored on whole articles, on their first paragraph (first
 * 400 bytes, cut at a word) and on their first sentence-sized piece (first
 * 120 bytes), since dumps hold everything from full texts to teasers.
 * French dates: every "[weekday] D[er] month YYYY" found in the IWAC texts
 * by a pattern independent of the parser is handed to parse_date(), and
 * the day it returns is compared with the pattern's own reading.
 */
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dates.h"
#include "language_detect.h"

using namespace newsdex;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// RFC 4180 rows (quoted fields may hold commas, newlines and "").
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            rows.back().push_back(std::move(field));
            field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
    if (rows.back().empty()) rows.pop_back();
    return rows;
}

std::vector<std::string> reuters_bodies(const std::string& dir, std::size_t limit) {
    std::vector<std::string> out;
    for (int i = 0; i <= 21 && out.size() < limit; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "/reut2-%03d.sgm", i);
        const std::string file = slurp(dir + name);
        for (std::size_t p = 0; (p = file.find("<BODY>", p)) != std::string::npos && out.size() < limit; ++p) {
            const std::size_t end = file.find("</BODY>", p);
            std::string body = file.substr(p + 6, end - p - 6);
            if (body.size() >= 400) out.push_back(body);
        }
    }
    return out;
}

/// The first @p bytes of @p text, cut back to a space.
std::string head(const std::string& text, std::size_t bytes) {
    if (text.size() <= bytes) return text;
    std::size_t cut = text.rfind(' ', bytes);
    return text.substr(0, cut == std::string::npos ? bytes : cut);
}

}  // namespace

int main(int argc, char** argv) {
    std::string shared = argc > 1 ? argv[1] : "../shared";
    std::vector<std::string> french, english;
    try {
        auto rows = parse_csv(slurp(shared + "/corpora/iwac-fr-press/iwac-musulmanes-presse-150.csv"));
        std::size_t content = 0;
        for (std::size_t i = 0; i < rows[0].size(); ++i)
            if (rows[0][i] == "bibo:content") content = i;
        for (std::size_t r = 1; r < rows.size(); ++r)
            if (rows[r].size() > content && !rows[r][content].empty()) french.push_back(rows[r][content]);
        english = reuters_bodies(shared + "/corpora/reuters21578", 1500);
    } catch (const std::exception& e) {
        std::cerr << "langid_eval: " << e.what() << "\n";
        return 2;
    }
    std::printf("articles: %zu French (IWAC), %zu English (Reuters-21578 bodies >= 400 bytes)\n\n", french.size(),
                english.size());
    std::printf("%-22s %-8s %8s %8s %8s %8s\n", "piece", "truth", "correct", "wrong", "no call", "accuracy");
    for (const auto& [label, bytes] : std::vector<std::pair<std::string, std::size_t>>{
             {"whole article", 0}, {"first 400 bytes", 400}, {"first 120 bytes", 120}, {"first 60 bytes", 60}}) {
        for (const auto& [truth, texts] : {std::pair<std::string, const std::vector<std::string>*>{"fr", &french},
                                          {"en", &english}}) {
            std::size_t correct = 0, wrong = 0, none = 0;
            std::map<std::string, std::size_t> confusions;
            for (const auto& text : *texts) {
                const std::string code = detect_language(bytes ? head(text, bytes) : text).code;
                if (code == truth) ++correct;
                else if (code.empty()) ++none;
                else ++wrong, ++confusions[code];
            }
            std::printf("%-22s %-8s %8zu %8zu %8zu %7.2f%%", label.c_str(), truth.c_str(), correct, wrong, none,
                        100.0 * static_cast<double>(correct) / static_cast<double>(texts->size()));
            for (const auto& [code, n] : confusions) std::printf("  (%zu as %s)", n, code.c_str());
            std::printf("\n");
        }
    }

    // English headlines (Reuters 2013, the whole year): how many are given
    // another language? A headline is the hardest case: ten words.
    if (gzFile gz = gzopen((shared + "/corpora/reuters-headlines/reuters-headlines-2013.jsonl.gz").c_str(), "rb")) {
        std::string data;
        char buf[1 << 16];
        for (int n; (n = gzread(gz, buf, sizeof buf)) > 0;) data.append(buf, static_cast<std::size_t>(n));
        gzclose(gz);
        std::size_t total = 0, none = 0;
        std::map<std::string, std::size_t> other;
        std::vector<std::string> samples;
        std::istringstream in(data);
        for (std::string line; std::getline(in, line);) {
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded()) continue;
            const std::string title = j.value("title", "");
            const std::string code = detect_language(title).code;
            ++total;
            if (code.empty()) ++none;
            else if (code != "en") {
                ++other[code];
                if (samples.size() < 12 && total % 7 == 0) samples.push_back(code + ": " + title);
            }
        }
        std::size_t wrong = 0;
        for (const auto& [code, n] : other) wrong += n;
        std::printf("\nReuters 2013 headlines (English): %zu; en %zu, no call %zu (indexed as en), other %zu (%.3f%%):",
                    total, total - none - wrong, none, wrong, 100.0 * double(wrong) / double(total));
        for (const auto& [code, n] : other) std::printf(" %s %zu", code.c_str(), n);
        std::printf("\n");
        for (const auto& sample : samples) std::printf("  %s\n", sample.c_str());
    }

    // French dates written in the articles.
    static const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    const std::regex date(R"(((lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) )?(\d{1,2})(er)? )"
                          R"((janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) )"
                          R"((\d{4}))",
                          std::regex::icase);
    std::size_t found = 0, parsed = 0, right = 0, with_weekday = 0;
    std::vector<std::string> failures;
    for (const auto& text : french) {
        for (auto it = std::sregex_iterator(text.begin(), text.end(), date); it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            ++found;
            with_weekday += m[1].matched;
            int month = 0;
            std::string name = m[5].str();
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (int i = 0; i < 12; ++i)
                if (name == kMonths[i]) month = i + 1;
            const Day expected{std::stoi(m[6].str()), month, std::stoi(m[3].str())};
            const auto day = parse_date(m.str());
            if (day) ++parsed;
            if (day && *day == expected) ++right;
            else if (failures.size() < 10) failures.push_back(m.str());
        }
    }
    std::printf("\nFrench dates in the IWAC texts: %zu found (%zu with a weekday), %zu parsed, %zu parsed to the "
                "right day (%.2f%%)\n",
                found, with_weekday, parsed, right, found ? 100.0 * static_cast<double>(right) / double(found) : 0.0);
    for (const auto& f : failures) std::printf("  not parsed right: %s\n", f.c_str());
    return 0;
}
