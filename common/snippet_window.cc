/** @file
 * @brief snippet_window(): where in a long text to look for a snippet.
 */
#include "snippet_window.h"

#include <algorithm>

#include "schema.h"

namespace newsdex {

namespace {

char fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_word_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

/// The first offset where @p word starts a word of @p folded, or npos.
std::size_t find_word_start(std::string_view folded, std::string_view word) {
    for (std::size_t at = folded.find(word); at != std::string_view::npos; at = folded.find(word, at + 1))
        if (at == 0 || !is_word_byte(folded[at - 1])) return at;
    return std::string_view::npos;
}

/// @p pos moved back to the start of a UTF-8 sequence.
std::size_t char_start(std::string_view text, std::size_t pos) {
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    return pos;
}

}  // namespace

SnippetWindow snippet_window(std::string_view text, const std::vector<std::string>& words,
                             std::size_t max_bytes) {
    SnippetWindow window{text};
    if (text.size() <= max_bytes || max_bytes == 0) return window;
    std::string folded(text);
    std::transform(folded.begin(), folded.end(), folded.begin(), fold);
    std::size_t first = std::string_view::npos;
    for (const auto& word : words)
        if (!word.empty()) first = std::min(first, find_word_start(folded, word));
    std::size_t begin = first == std::string_view::npos || first < max_bytes / 4 ? 0 : first - max_bytes / 4;
    std::size_t end = std::min(text.size(), begin + max_bytes);
    if (begin > 0) {
        // Start after a space, so no word is cut in half.
        const std::size_t space = text.find(' ', begin);
        begin = space != std::string_view::npos && space < first && space + 1 < end ? space + 1 : char_start(text, begin);
    }
    if (end < text.size()) {
        const std::size_t space = text.rfind(' ', end);
        end = space != std::string_view::npos && space > begin && (first == std::string_view::npos || space > first)
                  ? space
                  : char_start(text, end);
    }
    window.text = text.substr(begin, end - begin);
    window.cut_before = begin > 0;
    window.cut_after = end < text.size();
    return window;
}

std::vector<FreeTextTerm> free_text_terms(const Xapian::Query& query) {
    std::vector<FreeTextTerm> terms;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        std::string term = *t;
        if (!schema::is_free_text_term(term)) continue;  // a filter or a prefixed field
        std::string word = term[0] == 'Z' ? term.substr(1) : term;
        if (!word.empty()) terms.push_back({std::move(term), std::move(word)});
    }
    return terms;
}

std::vector<std::string> snippet_words(const Xapian::Query& query) {
    std::vector<std::string> words;
    for (auto& t : free_text_terms(query))
        if (std::find(words.begin(), words.end(), t.word) == words.end()) words.push_back(std::move(t.word));
    return words;
}

std::string mark_window_cuts(std::string snippet, const SnippetWindow& window, const std::string& omit) {
    if (snippet.empty() || omit.empty()) return snippet;
    if (window.cut_before && !snippet.starts_with(omit)) snippet.insert(0, omit);
    if (window.cut_after && !snippet.ends_with(omit)) snippet += omit;
    return snippet;
}

}  // namespace newsdex
