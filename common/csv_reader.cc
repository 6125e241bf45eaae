/** @file
 * @brief The CSV and TSV formats: a header row names the columns, each
 *        further record is one article.
 *
 * A record whose field count differs from the header's is an error and is
 * skipped, even when the mapped columns are present: a missing or extra
 * field almost always means an unquoted separator or line break, which
 * shifts the columns and would index the wrong text under the wrong date.
 * The one exception is extra fields that are all empty (trailing
 * separators, as some spreadsheets write), which are ignored.
 */
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "csv_record.h"
#include "format_readers.h"
#include "input_checks.h"
#include "input_fields.h"

namespace newsdex {

namespace {

/// The header's answer to "which column holds field F?": every column that
/// can, in order of preference, so that an empty "text" cell falls back to
/// "body" like a missing JSON key does.
using ColumnsByField = std::array<std::vector<std::size_t>, kArticleFieldCount>;

ColumnsByField map_header(const std::vector<std::string>& header, std::size_t count,
                          FieldMatcher& matcher) {
    std::array<std::vector<std::optional<std::size_t>>, kArticleFieldCount> by_rank;
    for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
        by_rank[f].resize(matcher.rank_count(static_cast<ArticleField>(f)));
    }
    for (std::size_t column = 0; column < count; ++column) {
        std::string name = header[column];
        trim_whitespace(name);
        const auto* matches = matcher.find(name);
        if (!matches) continue;
        for (const auto& match : *matches) {
            auto& slot = by_rank[index_of(match.field)][match.rank];
            if (!slot) slot = column;  // a repeated column name: the first wins
        }
    }
    ColumnsByField columns;
    for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
        for (const auto& column : by_rank[f]) {
            if (column) columns[f].push_back(*column);
        }
    }
    return columns;
}

bool extra_fields_empty(const std::vector<std::string>& fields, std::size_t from,
                        std::size_t count) {
    for (std::size_t i = from; i < count; ++i) {
        if (!fields[i].empty()) return false;
    }
    return true;
}

}  // namespace

void read_delimited(LineReader& lines, const ReadContext& context, char separator) {
    FieldMatcher matcher(context.options.fields);
    CsvRecordSplitter splitter(separator);
    std::string_view line;

    bool header_done = false;
    while (!header_done && lines.next_line(line)) {
        if (std::size_t bad = find_invalid_utf8(line); bad != std::string_view::npos) {
            context.error(lines.line_number(), invalid_utf8_message(lines.line_offset() + bad));
            return;
        }
        header_done = splitter.add_line(line);
    }
    if (!header_done) {
        if (splitter.in_record() && !lines.failed()) {
            context.error(1, "unterminated quoted field in the header row");
        }
        return;
    }
    const std::size_t header_size = splitter.field_count();
    const ColumnsByField columns = map_header(splitter.fields(), header_size, matcher);
    if (columns[index_of(ArticleField::Text)].empty() &&
        columns[index_of(ArticleField::Title)].empty()) {
        context.error(1, "no text or title column in the header (looked for " +
                             matcher.quoted_names(ArticleField::Text) + " and " +
                             matcher.quoted_names(ArticleField::Title) + ")");
        return;
    }

    std::size_t record_line = 0;
    bool record_has_invalid_utf8 = false;
    std::uint64_t invalid_utf8_at = 0;
    while (lines.next_line(line)) {
        if (!splitter.in_record()) {
            record_line = lines.line_number();
            record_has_invalid_utf8 = false;
        }
        if (!record_has_invalid_utf8) {
            // Line breaks are ASCII, so checking line by line is exact.
            if (std::size_t bad = find_invalid_utf8(line); bad != std::string_view::npos) {
                record_has_invalid_utf8 = true;
                invalid_utf8_at = lines.line_offset() + bad;
            }
        }
        if (!splitter.add_line(line)) continue;

        std::vector<std::string>& fields = splitter.fields();
        std::size_t count = splitter.field_count();
        if (count == 1 && is_blank(fields[0])) continue;  // a blank line
        if (record_has_invalid_utf8) {
            context.error(record_line, invalid_utf8_message(invalid_utf8_at));
            continue;
        }
        if (count < header_size ||
            (count > header_size && !extra_fields_empty(fields, header_size, count))) {
            context.error(record_line, "expected " + std::to_string(header_size) +
                                           " fields (as in the header), found " +
                                           std::to_string(count));
            continue;
        }

        std::array<std::optional<std::size_t>, kArticleFieldCount> chosen;
        for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
            for (std::size_t column : columns[f]) {
                if (!is_blank(fields[column])) {
                    chosen[f] = column;
                    break;
                }
            }
        }
        Article article = context.new_article(record_line);
        for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
            if (!chosen[f]) continue;
            // Move the cell out unless a later field reads the same column.
            bool shared = false;
            for (std::size_t g = f + 1; g < kArticleFieldCount; ++g) {
                shared = shared || chosen[g] == chosen[f];
            }
            std::string& cell = fields[*chosen[f]];
            assign_field(article, static_cast<ArticleField>(f),
                         shared ? std::string(cell) : std::move(cell));
        }
        if (article.text.empty() && article.title.empty()) {
            context.error(record_line, no_text_message(matcher));
            continue;
        }
        context.on_article(std::move(article));
    }
    if (splitter.in_record() && !lines.failed()) {
        context.error(record_line,
                      "unterminated quoted field (the record starting here runs to the end "
                      "of the file)");
    }
}

}  // namespace newsdex
