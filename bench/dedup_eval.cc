/** @file
 * @brief Measures the near-duplicate detector (common/near_duplicates.h) on
 *        pairs built from the Reuters corpora in ../shared: precision and
 *        recall per shingle size and threshold. See bench/README-dedup.md.
 *
 * Pairs, all deterministic (fixed seed):
 *  - reuters21578 bodies (>= 40 words, >= 4 sentences), positives: the exact
 *    text re-wrapped; one sentence deleted; the last quarter cut; two
 *    sentences swapped; a sentence deleted + a word changed + a "Read more"
 *    line; and two different edited copies of one story against each other.
 *    Negatives: two different stories of the same day and first TOPIC.
 *  - reuters-headlines 2013, positives: real "UPDATE n-"/"REFILE-" re-files
 *    of a headline on the same day; a word deleted; a word replaced.
 *    Negatives: two different headlines of the same day whose URL slugs
 *    share the topic (first three slug words), e.g. us-usa-fiscal-*.
 * A pair is called a duplicate when it shares an LSH band and the estimated
 * similarity reaches the threshold, exactly as the indexer decides.
 */
#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "near_duplicates.h"

using namespace newsdex;

namespace {

struct Story {
    std::string day, topic, title, body;
};

struct Pair {
    std::string kind;  // "exact", "del1", ... ; negatives start with "neg"
    std::string a, b;
    bool positive;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string between(const std::string& s, const std::string& open, const std::string& close, std::size_t from = 0) {
    std::size_t a = s.find(open, from);
    if (a == std::string::npos) return "";
    a += open.size();
    std::size_t b = s.find(close, a);
    return b == std::string::npos ? "" : s.substr(a, b - a);
}

std::string unescape(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::string(from).size(), to);
    s = std::regex_replace(s, std::regex("&#[0-9]+;"), " ");
    return s;
}

std::vector<Story> load_reuters21578(const std::string& dir) {
    std::vector<Story> out;
    for (int i = 0; i <= 21; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "/reut2-%03d.sgm", i);
        std::string file = slurp(dir + name);
        for (std::size_t p = 0; (p = file.find("<REUTERS", p)) != std::string::npos; ++p) {
            std::size_t end = file.find("</REUTERS>", p);
            std::string rec = file.substr(p, end - p);
            Story s;
            s.day = between(rec, "<DATE>", "</DATE>").substr(0, 11);
            s.topic = between(between(rec, "<TOPICS>", "</TOPICS>"), "<D>", "</D>");
            s.title = unescape(between(rec, "<TITLE>", "</TITLE>"));
            s.body = unescape(between(rec, "<BODY>", "</BODY>"));
            if (std::size_t r = s.body.rfind("Reuter"); r != std::string::npos && r + 12 > s.body.size())
                s.body.resize(r);
            if (!s.topic.empty() && signature_words(s.body).size() >= 40) out.push_back(std::move(s));
        }
    }
    return out;
}

std::vector<std::string> sentences(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        cur += text[i];
        if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && i + 2 < text.size() &&
            std::isspace(static_cast<unsigned char>(text[i + 1])) &&
            (std::isupper(static_cast<unsigned char>(text[i + 2])) || text[i + 2] == ' ' || text[i + 2] == '\n')) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (cur.find_first_not_of(" \n\t") != std::string::npos) out.push_back(cur);
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += p + " ";
    return out;
}

std::string change_word(const std::string& text, std::mt19937& rng) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    if (words.size() < 3) return text;
    words[rng() % words.size()] = "edited";
    std::string out;
    for (const auto& w : words) out += w + " ";
    return out;
}

std::string delete_word(const std::string& text, std::mt19937& rng) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    if (words.size() < 3) return text;
    words.erase(words.begin() + static_cast<long>(rng() % words.size()));
    std::string out;
    for (const auto& w : words) out += w + " ";
    return out;
}

void body_pairs(const std::vector<Story>& stories, std::vector<Pair>& pairs, std::mt19937& rng, std::size_t per_kind) {
    std::vector<std::size_t> usable;
    for (std::size_t i = 0; i < stories.size(); ++i)
        if (sentences(stories[i].body).size() >= 4) usable.push_back(i);
    std::shuffle(usable.begin(), usable.end(), rng);
    std::size_t made = 0;
    for (std::size_t idx : usable) {
        if (made++ == per_kind) break;
        const std::string& body = stories[idx].body;
        auto s = sentences(body);
        auto del = [&](std::vector<std::string> v, std::size_t k) { v.erase(v.begin() + static_cast<long>(k)); return v; };
        std::size_t k = 1 + rng() % (s.size() - 1);
        pairs.push_back({"body-exact", body, join(s), true});
        pairs.push_back({"body-del1", body, join(del(s, k)), true});
        auto cut = s;
        cut.resize(s.size() - std::max<std::size_t>(1, s.size() / 4));
        pairs.push_back({"body-cut-end", body, join(cut), true});
        auto swapped = s;
        std::size_t j = rng() % (s.size() - 1);
        std::swap(swapped[j], swapped[j + 1]);
        pairs.push_back({"body-reorder", body, join(swapped), true});
        auto edited = del(s, k);
        std::string copy = change_word(join(edited), rng) + "\nRead more: " + stories[rng() % stories.size()].title;
        pairs.push_back({"body-edit", body, copy, true});
        pairs.push_back({"body-copy-vs-copy", join(del(s, k)), join(cut) + "\nRead more: more news", true});
    }
    // Negatives: different stories of the same day and topic.
    std::map<std::string, std::vector<std::size_t>> by_day_topic;
    for (std::size_t i = 0; i < stories.size(); ++i) by_day_topic[stories[i].day + "|" + stories[i].topic].push_back(i);
    std::vector<Pair> negatives;
    for (const auto& [key, ids] : by_day_topic)
        for (std::size_t a = 0; a < ids.size(); ++a)
            for (std::size_t b = a + 1; b < ids.size() && b < a + 4; ++b)
                if (signature_words(stories[ids[a]].body) != signature_words(stories[ids[b]].body))
                    negatives.push_back({"body-neg-same-day-topic", stories[ids[a]].body, stories[ids[b]].body, false});
    std::shuffle(negatives.begin(), negatives.end(), rng);
    if (negatives.size() > per_kind * 6) negatives.resize(per_kind * 6);
    pairs.insert(pairs.end(), negatives.begin(), negatives.end());
}

std::string strip_refile(const std::string& title) {
    static const std::regex prefix(R"(^((UPDATE|WRAPUP) \d+-|REFILE-|RPT-|CORRECTED-|UPDATE-|EXCLUSIVE-)+)");
    return std::regex_replace(title, prefix, "");
}

std::string slug_topic(const std::string& url) {
    std::size_t slash = url.rfind('/');
    std::string slug = url.substr(slash + 1);
    std::size_t id = slug.find("-id");
    if (id != std::string::npos) slug.resize(id);
    std::vector<std::string> parts;
    std::stringstream in(slug);
    for (std::string part; std::getline(in, part, '-');) parts.push_back(part);
    if (parts.size() < 4) return "";
    return parts[0] + "-" + parts[1] + "-" + parts[2];
}

void headline_pairs(const std::string& path, std::vector<Pair>& pairs, std::mt19937& rng, std::size_t per_kind) {
    gzFile gz = gzopen(path.c_str(), "rb");
    if (!gz) throw std::runtime_error("cannot read " + path);
    std::string data;
    char buf[1 << 16];
    for (int n; (n = gzread(gz, buf, sizeof buf)) > 0;) data.append(buf, static_cast<std::size_t>(n));
    gzclose(gz);
    struct Headline { std::string day, title, topic; };
    std::vector<Headline> all;
    std::istringstream in(data);
    for (std::string line; std::getline(in, line);) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded()) continue;
        all.push_back({j.value("date", ""), j.value("title", ""), slug_topic(j.value("url", ""))});
    }
    // Real re-files: "UPDATE 1-X" and "X" on the same day.
    std::map<std::string, std::string> plain;  // day|title -> title
    for (const auto& h : all) if (strip_refile(h.title) == h.title) plain[h.day + "|" + h.title] = h.title;
    std::vector<Pair> refiles, deleted, replaced, negatives;
    for (const auto& h : all) {
        const std::string base = strip_refile(h.title);
        if (base != h.title && plain.count(h.day + "|" + base)) refiles.push_back({"head-refile", base, h.title, true});
    }
    std::vector<std::size_t> order(all.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
        const std::string& t = all[i].title;
        if (signature_words(t).size() < 6) continue;
        if (deleted.size() < per_kind) deleted.push_back({"head-del-word", t, delete_word(t, rng), true});
        else if (replaced.size() < per_kind) replaced.push_back({"head-change-word", t, change_word(t, rng), true});
        else break;
    }
    std::map<std::string, std::vector<std::size_t>> by_day_topic;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (!all[i].topic.empty()) by_day_topic[all[i].day + "|" + all[i].topic].push_back(i);
    for (const auto& [key, ids] : by_day_topic)
        for (std::size_t a = 0; a + 1 < ids.size() && a < 3; ++a) {
            const std::string& x = all[ids[a]].title;
            const std::string& y = all[ids[a + 1]].title;
            if (signature_words(strip_refile(x)) != signature_words(strip_refile(y)))
                negatives.push_back({"head-neg-same-day-topic", x, y, false});
        }
    for (auto* v : {&refiles, &negatives}) {
        std::shuffle(v->begin(), v->end(), rng);
        if (v->size() > per_kind * (v == &negatives ? 3 : 1)) v->resize(per_kind * (v == &negatives ? 3 : 1));
    }
    for (auto* v : {&refiles, &deleted, &replaced, &negatives}) pairs.insert(pairs.end(), v->begin(), v->end());
}

/// True when the first @p bands bands agree (bands are independent, so a
/// prefix measures what fewer bands would find).
bool share_band(const DuplicateSignature& a, const DuplicateSignature& b, std::size_t bands) {
    const BandValues x = band_values(encode_signature(a)), y = band_values(encode_signature(b));
    for (std::size_t i = 0; i < x.size() && i < bands; ++i) if (x[i] == y[i]) return true;
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::string shared = "../shared";
    std::size_t per_kind = 2000;
    bool examples = false;
    std::size_t bands = kBands;
    std::vector<std::size_t> shingles{1, 2, 3, 4, 5};
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--shared" && i + 1 < argc) shared = argv[++i];
        else if (a == "--pairs" && i + 1 < argc) per_kind = std::stoul(argv[++i]);
        else if (a == "--examples") examples = true;
        else if (a == "--bands" && i + 1 < argc) bands = std::stoul(argv[++i]);
        else if (a == "--shingle" && i + 1 < argc) shingles = {std::stoul(argv[++i])};
        else {
            std::cerr << "usage: dedup_eval [--shared DIR] [--pairs N] [--bands N] [--shingle W] [--examples]\n";
            return 2;
        }
    }
    std::mt19937 rng(20240320);
    std::vector<Pair> pairs;
    try {
        body_pairs(load_reuters21578(shared + "/corpora/reuters21578"), pairs, rng, per_kind);
        headline_pairs(shared + "/corpora/reuters-headlines/reuters-headlines-2013.jsonl.gz", pairs, rng, per_kind);
    } catch (const std::exception& e) {
        std::cerr << "dedup_eval: " << e.what() << "\n";
        return 2;
    }
    std::map<std::string, std::size_t> per_kind_count;
    for (const auto& p : pairs) ++per_kind_count[p.kind];
    std::cout << "pairs:";
    for (const auto& [k, n] : per_kind_count) std::cout << " " << k << "=" << n;
    std::cout << "\n\n";

    const double thresholds[] = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    std::cout << "LSH: " << bands << " bands of " << kRowsPerBand << " MinHash values; estimate from " << kMinHashes
              << " values\n\n";
    for (std::size_t w : shingles) {
        // Per pair: candidate (shares a band) and estimated similarity.
        std::vector<std::pair<bool, double>> scored;
        for (const auto& p : pairs) {
            auto a = compute_signature("", p.a, w), b = compute_signature("", p.b, w);
            if (!a || !b) { scored.push_back({false, 0}); continue; }
            scored.push_back({share_band(*a, *b, bands), estimate_similarity(encode_signature(*a), encode_signature(*b))});
        }
        std::cout << "shingle " << w << " words\n  threshold  precision  recall   F1     | recall per positive kind; false-positive rate per negative kind\n";
        for (double t : thresholds) {
            std::size_t tp = 0, fp = 0, fn = 0;
            std::map<std::string, std::pair<std::size_t, std::size_t>> kinds;  // hits, total
            for (std::size_t i = 0; i < pairs.size(); ++i) {
                const bool yes = scored[i].first && scored[i].second >= t;
                auto& k = kinds[pairs[i].kind];
                ++k.second;
                k.first += yes;
                if (pairs[i].positive) (yes ? tp : fn)++;
                else fp += yes;
            }
            const double precision = tp + fp ? double(tp) / double(tp + fp) : 1.0;
            const double recall = tp + fn ? double(tp) / double(tp + fn) : 1.0;
            std::printf("  %.1f        %.4f     %.4f   %.4f |", t, precision, recall,
                        2 * precision * recall / (precision + recall));
            for (const auto& [k, v] : kinds) std::printf(" %s %.3f", k.c_str(), double(v.first) / double(v.second));
            std::printf("\n");
            if (examples && w == kShingleWords && t == kDuplicateThreshold) {
                for (std::size_t i = 0, shown = 0; i < pairs.size() && shown < 20; ++i)
                    if (!pairs[i].positive && scored[i].first && scored[i].second >= t &&
                        (shown < 10 || pairs[i].kind.starts_with("head"))) {
                        std::cout << "    FP " << scored[i].second << ": " << pairs[i].a.substr(0, 160) << "\n       vs "
                                  << pairs[i].b.substr(0, 160) << "\n";
                        ++shown;
                    }
                for (std::size_t i = 0, shown = 0; i < pairs.size() && shown < 10; ++i)
                    if (pairs[i].positive && !(scored[i].first && scored[i].second >= t)) {
                        std::cout << "    FN " << scored[i].second << " (" << pairs[i].kind << "): " << pairs[i].a.substr(0, 160)
                                  << "\n       vs " << pairs[i].b.substr(0, 160) << "\n";
                        ++shown;
                    }
            }
        }
        std::cout << "\n";
    }
    return 0;
}
