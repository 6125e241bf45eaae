/** @file
 * @brief Helpers shared by the output writers (result_format.cc,
 *        text_report.cc, json_report.cc); not part of the public API.
 *
 * Kept out of result_format.h so callers of the printers do not see, or come
 * to depend on, the text-cleaning details.
 */
#ifndef NEWSDEX_RESULT_FORMAT_INTERNAL_H
#define NEWSDEX_RESULT_FORMAT_INTERNAL_H

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "dates.h"

namespace newsdex::format_detail {

/// @p text as valid UTF-8 on one line: invalid bytes become U+FFFD and
/// control characters (C0, DEL, C1, U+2028/U+2029, so also tab, newline and
/// ESC) become a space. Article fields come from arbitrary dumps; this keeps
/// them from corrupting a terminal or a TSV row.
std::string clean_field(std::string_view text);

/// "YYYY-MM-DD", or "" when undated. Formatted here rather than with
/// Day::iso() so the printers do not need dates.cc to link.
std::string day_text(const std::optional<Day>& day);

/// @p value rounded to @p decimals places (half away from zero). Non-finite
/// values are returned unchanged.
double round_to(double value, int decimals);

/// Terminal columns taken by @p text: one per character, two for East Asian
/// wide characters and emoji, none for combining marks, zero-width
/// characters and ANSI CSI escape sequences ("\033[...m"). An invalid byte
/// counts as one column.
std::size_t display_width(std::string_view text);

/// The number of leading bytes of @p text that fit in @p columns, never
/// splitting a UTF-8 sequence or an escape sequence. At least one character
/// is taken when @p text is not empty, so callers always make progress.
std::size_t bytes_for_columns(std::string_view text, std::size_t columns);

}  // namespace newsdex::format_detail

#endif  // NEWSDEX_RESULT_FORMAT_INTERNAL_H
