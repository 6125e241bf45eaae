/** @file
 * @brief Cleaning article text and deriving a title when none is given.
 */
#ifndef NEWSDEX_ARTICLE_TEXT_H
#define NEWSDEX_ARTICLE_TEXT_H

#include <string>
#include <string_view>

namespace newsdex {

class BoilerplateFilter;

/// The text as stored and indexed: line ends normalised to '\n', control
/// characters (other than newline and tab) and NULs removed, boilerplate
/// lines dropped, trailing spaces trimmed, runs of blank lines collapsed to
/// one, leading/trailing blank lines removed. Input must be valid UTF-8.
std::string clean_text(std::string_view raw, const BoilerplateFilter& boilerplate);

/// Longest title derived from text, in bytes (before the ellipsis).
inline constexpr std::size_t kMaxDerivedTitleBytes = 120;

/// Derives a title from cleaned text when the article has none:
///  - a short first line (at most kMaxDerivedTitleBytes, not ending like a
///    sentence, followed by more text) is a headline: it is returned and
///    removed from @p text so it is not indexed twice;
///  - otherwise the first sentence, cut at a word boundary with "…" when
///    longer than kMaxDerivedTitleBytes (text unchanged).
/// Returns "" for empty text.
std::string take_derived_title(std::string& text);

/// Collapses whitespace runs (including newlines) to single spaces and
/// trims: for titles and other one-line fields.
std::string single_line(std::string_view text);

}  // namespace newsdex

#endif  // NEWSDEX_ARTICLE_TEXT_H
