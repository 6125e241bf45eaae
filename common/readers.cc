/** @file
 * @brief read_input() and read_buffer(): open the input, reject empty and
 *        binary files, pick the format and hand over to its reader.
 */
#include "readers.h"

#include "format_readers.h"
#include "input_checks.h"
#include "input_file.h"
#include "input_format.h"
#include "line_reader.h"

namespace newsdex {

namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != b[i]) return false;
    }
    return true;
}

/// The part read_input() and read_buffer() share once the bytes flow.
bool read_stream(std::string_view name, InputStream& input, const ReadOptions& options,
                 const ArticleCallback& on_article, const ErrorCallback& on_error) {
    ReadContext context{name, options, on_article, on_error};
    LineReader lines(input);
    std::string_view head = lines.peek(kBinarySniffBytes);
    if (lines.failed()) {
        context.error(0, lines.error());
        return false;
    }
    bool whole_input = lines.peeked_everything();
    if (whole_input && is_blank(head)) {
        context.warning(0, "empty file");
        return true;
    }
    if (looks_binary(head, !whole_input)) {
        context.error(0, "binary file, skipped");
        return true;
    }

    Format format = options.format;
    if (format == Format::Auto) format = format_from_extension(name);
    if (format == Format::Auto) format = sniff_format(head, options.fields);
    switch (format) {
        case Format::JsonLines: read_json_lines(lines, context); break;
        case Format::Csv: read_delimited(lines, context, ','); break;
        case Format::Tsv: read_delimited(lines, context, '\t'); break;
        case Format::Auto:  // sniff_format() never answers Auto
        case Format::Text: read_text(lines, context); break;
    }
    if (lines.failed()) {
        // Records before the failure were delivered; the rest are lost.
        context.error(0, lines.error());
        return false;
    }
    return true;
}

}  // namespace

bool parse_format_name(std::string_view name, Format& out) {
    struct Name {
        std::string_view name;
        Format format;
    };
    static constexpr Name kNames[] = {
        {"auto", Format::Auto},       {"text", Format::Text},
        {"txt", Format::Text},        {"jsonl", Format::JsonLines},
        {"json", Format::JsonLines},  {"ndjson", Format::JsonLines},
        {"csv", Format::Csv},         {"tsv", Format::Tsv},
    };
    for (const auto& known : kNames) {
        if (equals_ignoring_case(name, known.name)) {
            out = known.format;
            return true;
        }
    }
    return false;
}

const char* format_name(Format format) {
    switch (format) {
        case Format::Auto: return "auto";
        case Format::Text: return "text";
        case Format::JsonLines: return "jsonl";
        case Format::Csv: return "csv";
        case Format::Tsv: return "tsv";
    }
    return "auto";
}

bool read_input(const InputFile& input, const ReadOptions& options,
                const ArticleCallback& on_article, const ErrorCallback& on_error) {
    InputStream stream(options.bytes_read);
    if (!stream.open_file(input.path)) {
        ReadError error;
        error.where.file = input.path;
        error.message = stream.error();
        on_error(error);
        return false;
    }
    return read_stream(input.path, stream, options, on_article, on_error);
}

bool read_buffer(std::string_view name, std::string_view content, const ReadOptions& options,
                 const ArticleCallback& on_article, const ErrorCallback& on_error) {
    InputStream stream(options.bytes_read);
    stream.open_memory(content);
    return read_stream(name, stream, options, on_article, on_error);
}

}  // namespace newsdex
