/** @file
 * @brief Folding names and text for gazetteer matching.
 *
 * Folding turns "Ségou’s FAMa-led patrol" into the tokens
 * "segou s fama led patrol": case is lowered (optional), Latin diacritics
 * are removed, and everything that is not a letter or digit (apostrophes
 * of every shape, hyphens, dots, brackets) separates tokens. Tokens are
 * joined by single spaces, so a run of several tokens is itself a contiguous
 * slice of the folded string; the gazetteer uses such slices as hash keys.
 */
#ifndef NEWSDEX_NAME_FOLDING_H
#define NEWSDEX_NAME_FOLDING_H

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

enum class FoldCase {
    lower,  ///< lower-case everything (the matching key)
    keep,   ///< keep case, fold only diacritics (checks acronym-like aliases)
};

/// One token of folded text.
struct FoldedToken {
    std::size_t begin;      ///< byte offset of the token in the folded string
    std::size_t end;        ///< one past its last byte there
    std::size_t src_begin;  ///< byte offset of the token in the source text
    std::size_t src_end;    ///< one past its last source byte
};

/// Replaces @p out with the folded form of UTF-8 @p text (invalid bytes are
/// read as Latin-1, as Xapian::Utf8Iterator does) and, if @p tokens is not
/// null, replaces *tokens with the token positions.
void fold_text(std::string_view text, FoldCase mode, std::string& out,
               std::vector<FoldedToken>* tokens = nullptr);

/// The folded form of @p text as a new string.
std::string fold_name(std::string_view text, FoldCase mode = FoldCase::lower);

}  // namespace newsdex

#endif  // NEWSDEX_NAME_FOLDING_H
