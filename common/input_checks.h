/** @file
 * @brief Content checks done before indexing: UTF-8 validity and whether a
 *        file is binary rather than text.
 */
#ifndef NEWSDEX_INPUT_CHECKS_H
#define NEWSDEX_INPUT_CHECKS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

/// Offset of the first byte of @p text that does not start a well-formed
/// UTF-8 sequence (overlong forms, surrogates and code points above
/// U+10FFFF are ill-formed), or std::string_view::npos when all is valid.
std::size_t find_invalid_utf8(std::string_view text);

/// "invalid UTF-8 at byte N": N counts from 0 at the start of the
/// (decompressed) file, BOM included, as `xxd` and `od` show offsets.
std::string invalid_utf8_message(std::uint64_t offset);

/// How many bytes of the start of a file looks_binary() wants to see.
constexpr std::size_t kBinarySniffBytes = 8 * 1024;

/// True when @p head (the first bytes of a file) holds a NUL byte, or when
/// more than half of it is control characters (other than whitespace and
/// ESC) or bytes outside UTF-8 sequences. Latin-1 French, with a few
/// accented letters per line, stays far below that and is reported as
/// invalid UTF-8 instead, which says more. Set @p truncated when the file goes on after @p head, so a
/// multi-byte character cut at the end is not counted against it.
bool looks_binary(std::string_view head, bool truncated);

/// True when @p text is empty or only ASCII whitespace.
bool is_blank(std::string_view text);

}  // namespace newsdex

#endif  // NEWSDEX_INPUT_CHECKS_H
