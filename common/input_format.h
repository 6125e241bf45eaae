/** @file
 * @brief Which format an input is in: from its name, or from a look at its
 *        first bytes when the name says nothing.
 */
#ifndef NEWSDEX_INPUT_FORMAT_H
#define NEWSDEX_INPUT_FORMAT_H

#include <string_view>

#include "readers.h"

namespace newsdex {

/// The format the file name's extension names, ignoring case and a final
/// ".gz": ".txt" Text, ".jsonl" and ".ndjson" JsonLines, ".csv" Csv, ".tsv"
/// Tsv. Format::Auto for any other name (and for "-").
Format format_from_extension(std::string_view path);

/// Guesses the format of content starting with @p head:
///  - first non-whitespace byte '{': JsonLines;
///  - a first line that splits on tabs (tried first when it has at least as
///    many tabs as commas) or commas into two or more fields, each
///    non-empty and at most 64 bytes, at least one of them a name @p fields
///    looks for ("text", "date", or a --field column): Tsv or Csv;
///  - anything else: Text.
/// Asking for a known column name keeps prose whose first line happens to
/// contain commas out of the CSV reader.
Format sniff_format(std::string_view head, const FieldMap& fields);

}  // namespace newsdex

#endif  // NEWSDEX_INPUT_FORMAT_H
