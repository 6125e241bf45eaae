/** @file
 * @brief The per-format readers behind read_input(): each turns the lines
 *        of one input into Articles and reports bad records.
 */
#ifndef NEWSDEX_FORMAT_READERS_H
#define NEWSDEX_FORMAT_READERS_H

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "line_reader.h"
#include "readers.h"

namespace newsdex {

/// One input being read: its name for messages and the caller's sinks.
struct ReadContext {
    std::string_view name;  ///< path as given, or "-"
    const ReadOptions& options;
    const ArticleCallback& on_article;
    const ErrorCallback& on_error;

    /// Reports a skipped record (or input, for @p line 0).
    void error(std::size_t line, std::string message) const {
        on_error(ReadError{{std::string(name), line}, std::move(message), false});
    }
    /// Reports a problem that did not stop the record being produced.
    void warning(std::size_t line, std::string message) const {
        on_error(ReadError{{std::string(name), line}, std::move(message), true});
    }
    /// An article that knows where it came from.
    Article new_article(std::size_t line) const {
        Article article;
        article.path = std::string(name);
        article.where = {std::string(name), line};
        return article;
    }
};

/// The whole input is one article: optional `key: value` header block,
/// optional "date YYYY-MM-DD" prefix, then the text.
void read_text(LineReader& lines, const ReadContext& context);

/// One JSON object per line.
void read_json_lines(LineReader& lines, const ReadContext& context);

/// RFC 4180 records with a header row; @p separator is ',' or '\t'.
void read_delimited(LineReader& lines, const ReadContext& context, char separator);

}  // namespace newsdex

#endif  // NEWSDEX_FORMAT_READERS_H
