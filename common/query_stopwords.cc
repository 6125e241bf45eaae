/** @file
 * @brief Query stopwords and the rewriting of query text before Xapian's
 *        QueryParser reads it (see query_stopwords.h).
 *
 * The rewriting follows the QueryParser's own lexer (Xapian 1.4
 * queryparser.lemony): a field is recognised where a term starts, a boolean
 * filter value runs to the next whitespace or `)` unless quoted, and `""`
 * inside a quoted value is an escaped quote. Diverging from that would make
 * the rewrite touch text Xapian reads differently.
 */
#include "query_stopwords.h"

#include <cctype>
#include <iterator>
#include <string_view>

#include <xapian.h>

namespace newsdex {

namespace {

constexpr std::string_view kOpenCurly = "\xE2\x80\x9C";   // U+201C
constexpr std::string_view kCloseCurly = "\xE2\x80\x9D";  // U+201D
constexpr std::string_view kBooleanFields[] = {"actor", "place", "source", "lang", "year", "date"};

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) || u >= 0x80 || c == '_';
}

/// Length of the double quote (ASCII or curly) at @p i, or 0.
std::size_t quote_at(std::string_view t, std::size_t i) {
    if (t[i] == '"') return 1;
    const std::string_view three = t.substr(i, 3);
    return three == kOpenCurly || three == kCloseCurly ? 3 : 0;
}

/// True where Xapian may start a new term (so a field or `=` counts there):
/// not inside a word, nor after the punctuation that joins words into a
/// phrase ("al-Qaeda", "U.N.", "a/b").
bool starts_token(std::string_view t, std::size_t i) {
    if (i == 0) return true;
    const char p = t[i - 1];
    if (is_word_byte(p) || p == '.' || p == ':' || p == '/' || p == '\\' || p == '@') return false;
    return !(p == '-' && i >= 2 && is_word_byte(t[i - 2]));
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// True for a `field:value` token of a boolean field.
bool is_filter_token(std::string_view token) {
    std::size_t colon = token.find(':');
    return colon != std::string_view::npos && colon > 0 && is_boolean_field(token.substr(0, colon));
}

/// Length of `name:` at @p i when name is a query field (any case), else 0.
std::size_t field_at(std::string_view t, std::size_t i, std::string& name) {
    std::size_t j = i;
    while (j < t.size() && std::isalpha(static_cast<unsigned char>(t[j]))) ++j;
    if (j == i || j >= t.size() || t[j] != ':') return 0;
    name = lower_ascii(t.substr(i, j - i));
    return is_query_field(name) ? j - i + 1 : 0;
}

/// Length of the filter value at @p i, as the QueryParser delimits it.
std::size_t value_length(std::string_view t, std::size_t i) {
    const std::size_t q = quote_at(t, i);
    if (q == 0) {
        std::size_t j = i;
        while (j < t.size() && !is_space(t[j]) && t[j] != ')') ++j;
        return j - i;
    }
    for (std::size_t j = i + q; j < t.size(); ++j) {
        if (t[j] == '"') {
            if (j + 1 < t.size() && t[j + 1] == '"') { ++j; continue; }
            return j + 1 - i;
        }
        if (q == 3 && quote_at(t, j) == 3) return j + 3 - i;
    }
    return t.size() - i;
}

bool is_positional_operator(std::string_view token) {
    for (std::string_view op : {"NEAR", "ADJ"})
        if (token == op || (token.substr(0, op.size()) == op && token.substr(op.size(), 1) == "/")) return true;
    return false;
}

/// True when the token before @p begin or the one from @p end is NEAR/ADJ:
/// their operands must be plain terms, and are never stemmed anyway.
bool next_to_positional_operator(std::string_view t, std::size_t begin, std::size_t end) {
    std::size_t b = begin;
    while (b > 0 && is_space(t[b - 1])) --b;
    std::size_t a = b;
    while (a > 0 && !is_space(t[a - 1])) --a;
    if (b < begin && is_positional_operator(t.substr(a, b - a))) return true;
    std::size_t c = end;
    while (c < t.size() && is_space(t[c])) ++c;
    std::size_t d = c;
    while (d < t.size() && !is_space(t[d])) ++d;
    return c > end && is_positional_operator(t.substr(c, d - c));
}

/// True for the characters Xapian 1.4.22 splits into n-grams under
/// FLAG_CJK_NGRAM (CJK::codepoint_is_cjk_wordchar in its cjk-tokenizer.cc).
bool is_cjk_wordchar(unsigned c) {
    const bool cjk = (c >= 0x2E80 && c <= 0x2EFF) || (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xA700 && c <= 0xA71F) ||
                     (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
                     (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2F800 && c <= 0x2FA1F);
    return cjk && Xapian::Unicode::is_wordchar(c);
}

/// What rewrite_query() puts after a CJK run followed by a word.
constexpr std::string_view kCjkSeparator = " ,";

/// Handles `=word` at @p i (t[i] is '='); returns the index after it.
std::size_t rewrite_exact(std::string_view t, std::size_t i, std::string& out) {
    std::size_t end = i + 1;
    // The word, including the punctuation Xapian reads inside a word or as
    // a phrase joiner ("al-Qaeda", "Ansar's") when a word byte follows.
    while (end < t.size() && (is_word_byte(t[end]) ||
                              (std::string_view("-.'&/:@\\").find(t[end]) != std::string_view::npos &&
                               end + 1 < t.size() && is_word_byte(t[end + 1]))))
        ++end;
    const std::string_view word = t.substr(i + 1, end - i - 1);
    if ((end < t.size() && t[end] == '*') || next_to_positional_operator(t, i, end)) {
        out += word;
    } else {
        out += kOpenCurly;
        out += word;
        out += kCloseCurly;
    }
    return end;
}

}  // namespace

std::size_t cjk_run_length(std::string_view t, std::size_t i) {
    if (i >= t.size() || static_cast<unsigned char>(t[i]) < 0xE2) return 0;  // U+2E80 and up: 3 or 4 bytes
    Xapian::Utf8Iterator it(t.data() + i, t.size() - i), end;
    while (it != end && is_cjk_wordchar(*it)) ++it;
    return t.size() - i - it.left();
}

bool cjk_before(std::string_view t, std::size_t at) {
    if (at == 0 || at > t.size()) return false;
    std::size_t start = at - 1;  // back to the first byte of the character before @p at
    while (start > 0 && (static_cast<unsigned char>(t[start]) & 0xC0) == 0x80) --start;
    return cjk_run_length(t, start) >= at - start;
}

const std::vector<std::string>& query_stopwords() {
    static const std::vector<std::string> words = {
        "a",    "an",    "and",  "are",   "as",    "at",   "be",   "but",  "by",
        "for",  "if",    "in",   "into",  "is",    "it",   "of",   "on",   "or",
        "such", "that",  "the",  "their", "then",  "there", "these", "they", "this",
        "to",   "was",   "were", "with",
    };
    return words;
}

const std::vector<std::string>& natural_language_stopwords() {
    // The Snowball English stop list (snowballstem.org/algorithms/english/stop.txt)
    // less "who"; it contains all of query_stopwords().
    static const std::vector<std::string> words = [] {
        std::vector<std::string> all = query_stopwords();
        const char* const rest[] = {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
        "its", "itself", "them", "theirs", "themselves", "what", "which", "whom", "those", "am",
        "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "would",
        "should", "could", "ought", "i'm", "you're", "he's", "she's", "it's", "we're", "they're",
        "i've", "you've", "we've", "they've", "i'd", "you'd", "he'd", "she'd", "we'd", "they'd",
        "i'll", "you'll", "he'll", "she'll", "we'll", "they'll", "isn't", "aren't", "wasn't",
        "weren't", "hasn't", "haven't", "hadn't", "doesn't", "don't", "didn't", "won't", "wouldn't",
        "shan't", "shouldn't", "can't", "cannot", "couldn't", "mustn't", "let's", "that's", "who's",
        "what's", "here's", "there's", "when's", "where's", "why's", "how's", "because", "until",
        "while", "about", "against", "between", "through", "during", "before", "after", "above",
        "below", "from", "up", "down", "out", "off", "over", "under", "again", "further", "once",
        "here", "when", "where", "why", "how", "all", "any", "both", "each", "few", "more", "most",
        "other", "some", "no", "nor", "not", "only", "own", "same", "so", "than", "too", "very",
        };
        all.insert(all.end(), std::begin(rest), std::end(rest));
        return all;
    }();
    return words;
}

bool is_boolean_field(std::string_view name) {
    for (std::string_view field : kBooleanFields)
        if (name == field) return true;
    return false;
}

bool is_query_field(std::string_view name) { return name == "title" || is_boolean_field(name); }

std::string rewrite_query(std::string_view t) {
    std::string out;
    out.reserve(t.size() + 16);
    bool in_quotes = false;
    int depth = 0;
    std::size_t i = 0;
    while (i < t.size()) {
        if (const std::size_t q = quote_at(t, i)) {
            in_quotes = !in_quotes;
            out += t.substr(i, q);
            i += q;
            continue;
        }
        const char c = t[i];
        if (!in_quotes && c == '(') ++depth;
        if (!in_quotes && c == ')') {
            if (depth == 0) {
                ++i;  // unmatched: drop it
                continue;
            }
            --depth;
        }
        std::string name;
        if (!in_quotes && starts_token(t, i)) {
            if (const std::size_t n = field_at(t, i, name)) {
                std::size_t v = i + n;
                while (v < t.size() && is_space(t[v])) ++v;
                if (v < t.size() && t[v] != ')') {
                    out += name;
                    out += ':';
                    i = v;
                    if (is_boolean_field(name)) {
                        const std::size_t length = value_length(t, v);
                        out += t.substr(v, length);
                        i += length;
                    } else if (t[i] == '=' && i + 1 < t.size() && is_word_byte(t[i + 1])) {
                        i = rewrite_exact(t, i, out);  // title:=word
                    }
                    continue;
                }
            }
            if (c == '=' && i + 1 < t.size() && is_word_byte(t[i + 1])) {
                i = rewrite_exact(t, i, out);
                continue;
            }
        }
        if (const std::size_t run = cjk_run_length(t, i)) {
            out += t.substr(i, run);
            i += run;
            std::size_t next = i;
            while (next < t.size() && is_space(t[next])) ++next;
            if (next < t.size() && is_word_byte(t[next])) out += kCjkSeparator;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

std::string unrewrite_exact_words(std::string_view original, std::string corrected) {
    for (std::size_t at = 0; (at = corrected.find(kCjkSeparator, at)) != std::string::npos;) {
        if (cjk_before(corrected, at))
            corrected.erase(at, kCjkSeparator.size());
        else
            ++at;
    }
    if (original.find(kOpenCurly) != std::string_view::npos ||
        original.find(kCloseCurly) != std::string_view::npos)
        return corrected;
    std::string out;
    std::size_t from = 0;
    for (std::size_t open; (open = corrected.find(kOpenCurly, from)) != std::string::npos;) {
        const std::size_t close = corrected.find(kCloseCurly, open);
        if (close == std::string::npos) break;
        out.append(corrected, from, open - from);
        out += '=';
        out.append(corrected, open + kOpenCurly.size(), close - open - kOpenCurly.size());
        from = close + kCloseCurly.size();
    }
    out.append(corrected, from);
    return out;
}

namespace {

/// True when `@p field:` (any case) starts a token at byte @p i of @p t.
bool field_name_at(std::string_view t, std::size_t i, std::string_view field) {
    return i + field.size() < t.size() && t[i + field.size()] == ':' && starts_token(t, i) &&
           lower_ascii(t.substr(i, field.size())) == field;
}

}  // namespace

std::optional<std::size_t> find_filter_value(std::string_view t, std::string_view field,
                                             std::string_view value) {
    for (std::size_t i = 0; i + field.size() < t.size(); ++i) {
        if (!field_name_at(t, i, field)) continue;
        std::size_t v = i + field.size() + 1;
        while (v < t.size() && is_space(t[v])) ++v;
        if (v >= t.size()) break;
        const std::size_t q = quote_at(t, v), length = value_length(t, v);
        std::string raw(t.substr(v + q, length - q));
        if (q) {
            if (raw.size() >= q && quote_at(raw, raw.size() - 1) == 1) raw.pop_back();
            else if (raw.size() >= 3 && raw.substr(raw.size() - 3) == kCloseCurly) raw.resize(raw.size() - 3);
            for (std::size_t e = 0; (e = raw.find("\"\"", e)) != std::string::npos; ++e) raw.erase(e, 1);
        }
        if (raw == value) return v + q;
    }
    return std::nullopt;
}

std::string without_field_name(std::string_view t, std::string_view field) {
    std::string out;
    bool in_phrase = false;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] == '"') in_phrase = !in_phrase;
        if (!in_phrase && field_name_at(t, i, field)) {
            i += field.size() + 1;
            continue;
        }
        out += t[i++];
    }
    return out;
}

std::optional<std::size_t> find_operator(std::string_view t, std::string_view op) {
    for (std::size_t at = t.find(op); at != std::string_view::npos; at = t.find(op, at + 1)) {
        const std::size_t end = at + op.size();
        if ((at == 0 || is_space(t[at - 1]) || t[at - 1] == '(') &&
            (end == t.size() || is_space(t[end]) || t[end] == ')'))
            return at;
    }
    return std::nullopt;
}

bool has_operator(std::string_view t) {
    for (std::size_t i = 0; i < t.size();) {
        while (i < t.size() && (is_space(t[i]) || t[i] == '(' || t[i] == ')')) ++i;
        std::size_t end = i;
        while (end < t.size() && !is_space(t[end]) && t[end] != '(' && t[end] != ')') ++end;
        const std::string_view token = t.substr(i, end - i);
        if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR" || is_positional_operator(token))
            return true;
        i = end;
    }
    return false;
}

bool only_words_and_filters(std::string_view t) {
    if (has_operator(t)) return false;
    for (std::size_t i = 0; i < t.size();) {
        while (i < t.size() && is_space(t[i])) ++i;
        std::size_t end = i;
        while (end < t.size() && !is_space(t[end])) ++end;
        const std::string_view token = t.substr(i, end - i);
        i = end;
        if (token.empty()) continue;
        if (token.find_first_of("\"()") != std::string_view::npos) return false;
        // field:value: Xapian reads the value whole (a date range's "-" and
        // "..", a name's "+").
        if (is_filter_token(token)) continue;
        if (token.find_first_of("+*~") != std::string_view::npos) return false;
        if (token.front() == '-' || token.back() == '-') return false;
    }
    return true;
}

std::size_t count_words(std::string_view t) {
    std::size_t words = 0;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (!is_space(t[i]) && (i == 0 || is_space(t[i - 1]))) ++words;
    return words;
}

namespace {

// A whitespace-delimited token of a query, with a quoted part kept whole
// (`actor:"Support Group for Islam"`), and brackets counted.
struct QueryToken {
    std::string_view text;
    int depth = 0;  // bracket depth at the token's start
};

std::vector<QueryToken> split_top_level(std::string_view text) {
    std::vector<QueryToken> tokens;
    int depth = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
        if (i >= text.size()) break;
        std::size_t start = i;
        int start_depth = depth;
        bool quoted = false;
        for (; i < text.size(); ++i) {
            char c = text[i];
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c == '(') ++depth;
            if (c == ')') --depth;
            if (c == ' ' || c == '\t') break;
        }
        tokens.push_back({text.substr(start, i - start), start_depth});
    }
    return tokens;
}

}  // namespace

std::string hoist_top_level_filters(std::string_view rewritten) {
    if (!has_operator(rewritten)) return std::string(rewritten);
    std::vector<QueryToken> tokens = split_top_level(rewritten);
    std::string rest, filters;
    // A filter that is an operand of an operator (`actor:A OR actor:B`,
    // `x NOT actor:A`) stays where it is.
    auto is_operator_word = [&](std::size_t i) { return i < tokens.size() && has_operator(tokens[i].text); };
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const QueryToken& token = tokens[i];
        bool operand = (i > 0 && is_operator_word(i - 1)) || is_operator_word(i + 1);
        bool hoist = token.depth == 0 && !operand && is_filter_token(token.text) &&
                     token.text.find('(') == std::string_view::npos && token.text.find(')') == std::string_view::npos;
        std::string& target = hoist ? filters : rest;
        if (!target.empty()) target += ' ';
        target += token.text;
    }
    if (filters.empty() || rest.empty()) return std::string(rewritten);
    return "(" + rest + ") " + filters;
}

}  // namespace newsdex
