/** @file
 * @brief Input readers: turn files of text, JSON Lines or CSV/TSV (each
 *        optionally gzip-compressed) into Articles.
 *
 * Readers never stop on bad records: each bad record is reported through
 * the error callback as a ReadError (file, line, message) and skipped.
 */
#ifndef NEWSDEX_READERS_H
#define NEWSDEX_READERS_H

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace newsdex {

enum class Format { Auto, Text, JsonLines, Csv, Tsv };

/// "text", "jsonl", "csv", "tsv" (also "json", "ndjson" for JsonLines and
/// "txt" for Text); std::nullopt-like Format::Auto for "auto". Returns false
/// for an unknown name.
bool parse_format_name(std::string_view name, Format& out);
const char* format_name(Format format);

/// A problem with one record or one input. The run goes on.
struct ReadError {
    SourceLocation where;
    std::string message;  ///< without the "file:line: error: " prefix
    bool is_warning = false;  ///< true: the record was still produced
};

/// Maps article fields to column/key names of JSON Lines and CSV input.
/// By default each field is found under its own name, and `text` also under
/// `body` and `content` (the first present wins), case-insensitively.
/// `--field NAME=COLUMN` (set()) puts COLUMN before the default names (and
/// after COLUMNs given earlier for NAME): inputs that have the column use
/// it, the others still find their field under its usual name.
class FieldMap {
  public:
    /// Known article fields: id, title, date, text, source, url, lang.
    static const std::vector<std::string>& field_names();

    /// Parses "NAME=COLUMN"; returns an error message, or "" on success.
    std::string set(std::string_view spec);

    /// The column names to look for, in order of preference, for @p field.
    const std::vector<std::string>& columns_for(const std::string& field) const;

  private:
    std::map<std::string, std::vector<std::string>> overrides_;
    std::map<std::string, std::size_t> explicit_counts_;
};

struct ReadOptions {
    Format format = Format::Auto;
    FieldMap fields;
    /// When non-null, incremented by the number of (compressed, on-disk)
    /// bytes consumed, for progress and MB/s.
    std::atomic<std::uint64_t>* bytes_read = nullptr;
};

using ArticleCallback = std::function<void(Article&&)>;
using ErrorCallback = std::function<void(const ReadError&)>;

/// One input to read, as found by expand_inputs().
struct InputFile {
    std::string path;  ///< "-" for standard input
    std::uint64_t size = 0;  ///< bytes on disk; 0 when unknown (stdin)
};

/// Expands command-line paths: files as given, directories walked
/// recursively in sorted (byte-wise) order skipping hidden entries (names
/// starting with '.') and entries matched by a `.newsdexignore` file in
/// the directory (one shell glob per line, matched against names in that
/// directory; '#' comments), "-" kept as standard input. Paths that do not exist
/// are reported through @p on_error and left out.
std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths,
                                     const ErrorCallback& on_error);

/// Reads one input, detecting gzip from the magic bytes and the format from
/// the extension (".txt", ".jsonl", ".ndjson", ".csv", ".tsv", each optionally
/// followed by ".gz") and, failing that, from the first bytes. Calls
/// @p on_article for each record in input order. Returns false when the
/// input could not be read at all (already reported through @p on_error).
bool read_input(const InputFile& input, const ReadOptions& options,
                const ArticleCallback& on_article,
                const ErrorCallback& on_error);

/// The same, for in-memory content (used by tests and by stdin): @p name
/// is used for messages and extension-based detection.
bool read_buffer(std::string_view name, std::string_view content,
                 const ReadOptions& options,
                 const ArticleCallback& on_article,
                 const ErrorCallback& on_error);

}  // namespace newsdex

#endif  // NEWSDEX_READERS_H
