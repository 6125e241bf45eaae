/** @file
 * @brief Format detection by extension and by sniffing the first bytes.
 */
#include "input_format.h"

#include <algorithm>

#include "csv_record.h"
#include "input_fields.h"

namespace newsdex {

namespace {

/// Longer "column names" are sentences, not a header.
constexpr std::size_t kMaxHeaderNameBytes = 64;

bool ends_with_ignoring_case(std::string_view text, std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    text.remove_prefix(text.size() - suffix.size());
    return std::equal(text.begin(), text.end(), suffix.begin(), [](char a, char b) {
        if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
        return a == b;
    });
}

bool is_header_row(std::string_view line, char separator, FieldMatcher& matcher) {
    CsvRecordSplitter splitter(separator);
    if (!splitter.add_line(line) || splitter.field_count() < 2) return false;
    bool names_a_field = false;
    for (std::size_t i = 0; i < splitter.field_count(); ++i) {
        std::string name = splitter.fields()[i];
        trim_whitespace(name);
        if (name.empty() || name.size() > kMaxHeaderNameBytes) return false;
        names_a_field = names_a_field || matcher.find(name) != nullptr;
    }
    return names_a_field;
}

}  // namespace

Format format_from_extension(std::string_view path) {
    if (ends_with_ignoring_case(path, ".gz")) path.remove_suffix(3);
    struct Extension {
        std::string_view suffix;
        Format format;
    };
    static constexpr Extension kExtensions[] = {
        {".txt", Format::Text}, {".jsonl", Format::JsonLines}, {".ndjson", Format::JsonLines},
        {".csv", Format::Csv},  {".tsv", Format::Tsv},
    };
    for (const auto& extension : kExtensions) {
        // "dir/.csv" is a hidden file with no extension, not a CSV file.
        if (ends_with_ignoring_case(path, extension.suffix) &&
            path.size() > extension.suffix.size() &&
            path[path.size() - extension.suffix.size() - 1] != '/') {
            return extension.format;
        }
    }
    return Format::Auto;
}

Format sniff_format(std::string_view head, const FieldMap& fields) {
    std::size_t first = head.find_first_not_of(" \t\r\n\v\f");
    if (first != std::string_view::npos && head[first] == '{') return Format::JsonLines;

    // substr() copes with npos: a first line without end in the sample is
    // judged on what the sample holds.
    std::string_view line = head.substr(0, head.find_first_of("\r\n"));
    auto tabs = std::count(line.begin(), line.end(), '\t');
    auto commas = std::count(line.begin(), line.end(), ',');
    FieldMatcher matcher(fields);
    const char order[2] = {tabs >= commas ? '\t' : ',', tabs >= commas ? ',' : '\t'};
    for (char separator : order) {
        if (is_header_row(line, separator, matcher)) {
            return separator == '\t' ? Format::Tsv : Format::Csv;
        }
    }
    return Format::Text;
}

}  // namespace newsdex
