/** @file
 * @brief The part of a long article text that snippets are chosen from.
 *
 * Xapian's MSet::snippet() reads the whole text it is given, stemming each
 * word and looking up the collection frequency of each distinct one (the
 * background model), so its cost grows with the article. Long texts are
 * cut to a window around the first place a query word occurs.
 */
#ifndef NEWSDEX_SNIPPET_WINDOW_H
#define NEWSDEX_SNIPPET_WINDOW_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Texts up to this many bytes are given to MSet::snippet() whole, so their
/// snippets are exactly what the whole text gives (most news articles are
/// shorter); longer ones are cut to a window of this size.
inline constexpr std::size_t kSnippetWindowBytes = 4096;

struct SnippetWindow {
    std::string_view text;    ///< a part of the text passed to snippet_window()
    bool cut_before = false;  ///< text was dropped before the window
    bool cut_after = false;   ///< text was dropped after it
};

/// The window of @p text to take a snippet from: all of @p text when it is
/// at most @p max_bytes long; otherwise at most @p max_bytes that hold the
/// first occurrence of any of @p words at the start of a word (compared
/// ASCII case-insensitively), a quarter of the window before it; the
/// opening when none occurs. Cuts fall on spaces where possible and never
/// inside a UTF-8 sequence. @p words are lower case; empty ones are ignored.
SnippetWindow snippet_window(std::string_view text, const std::vector<std::string>& words,
                             std::size_t max_bytes = kSnippetWindowBytes);

/// A free-text term of a query, as indexed (`Zdrone`, `kidal`), and the
/// word it stands for, without the stem prefix (`drone`).
struct FreeTextTerm {
    std::string term;
    std::string word;
    bool stemmed() const { return term[0] == 'Z'; }
};

/// The free-text terms of @p query, each once, leaving out boolean filter
/// terms and prefixed fields (upper-case prefixes).
std::vector<FreeTextTerm> free_text_terms(const Xapian::Query& query);

/// The words to look for in snippet_window(): the words of
/// free_text_terms(@p query), each once (`Zdrone` -> `drone`, a prefix of
/// `drones`).
std::vector<std::string> snippet_words(const Xapian::Query& query);

/// @p snippet of a window, with @p omit added where the window cut text
/// away and the snippet reaches the cut (MSet::snippet() marks only what it
/// leaves out of the text it was given).
std::string mark_window_cuts(std::string snippet, const SnippetWindow& window, const std::string& omit);

}  // namespace newsdex

#endif  // NEWSDEX_SNIPPET_WINDOW_H
