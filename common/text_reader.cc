/** @file
 * @brief The text format: one article per file, with an optional header
 *        block of `key: value` lines or a leading "date YYYY-MM-DD".
 */
#include <optional>
#include <utility>
#include <vector>

#include "format_readers.h"
#include "input_checks.h"
#include "input_fields.h"

namespace newsdex {

namespace {

struct HeaderKey {
    std::string_view name;
    ArticleField field;
};

constexpr HeaderKey kHeaderKeys[] = {
    {"title", ArticleField::Title}, {"date", ArticleField::Date},
    {"source", ArticleField::Source}, {"url", ArticleField::Url},
    {"lang", ArticleField::Lang},   {"id", ArticleField::Id},
};

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_inline_space(char c) { return c == ' ' || c == '\t'; }
bool is_space(char c) { return is_inline_space(c) || c == '\n'; }

/// Splits "key: value" (spaces allowed around the key). False when the line
/// has another shape, which ends the header block.
bool split_header_line(std::string_view line, std::string_view& key, std::string_view& value) {
    std::size_t i = 0;
    while (i < line.size() && is_inline_space(line[i])) ++i;
    std::size_t key_start = i;
    while (i < line.size() && is_key_char(line[i])) ++i;
    key = line.substr(key_start, i - key_start);
    while (i < line.size() && is_inline_space(line[i])) ++i;
    if (key.empty() || i == line.size() || line[i] != ':') return false;
    value = line.substr(i + 1);
    return true;
}

std::optional<ArticleField> header_field(std::string_view key) {
    for (const auto& known : kHeaderKeys) {
        if (key.size() != known.name.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < key.size() && same; ++i) {
            char c = key[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            same = c == known.name[i];
        }
        if (same) return known.field;
    }
    return std::nullopt;
}

bool starts_header_block(std::string_view line) {
    std::string_view key, value;
    return split_header_line(line, key, value) && header_field(key);
}

/// Recognises "date YYYY-MM-DD" followed by whitespace or the end at the
/// start of @p text; returns the length of the prefix, and the day.
std::size_t date_prefix_length(std::string_view text, std::string_view& day) {
    constexpr std::string_view kWord = "date";
    if (!text.starts_with(kWord)) return 0;
    std::size_t i = kWord.size();
    if (i == text.size() || !is_inline_space(text[i])) return 0;
    while (i < text.size() && is_inline_space(text[i])) ++i;
    constexpr std::string_view kShape = "dddd-dd-dd";
    if (text.size() - i < kShape.size()) return 0;
    for (std::size_t k = 0; k < kShape.size(); ++k) {
        char c = text[i + k];
        if (kShape[k] == 'd' ? !is_digit(c) : c != '-') return 0;
    }
    day = text.substr(i, kShape.size());
    i += kShape.size();
    if (i < text.size() && !is_space(text[i])) return 0;
    while (i < text.size() && is_space(text[i])) ++i;
    return i;
}

}  // namespace

void read_text(LineReader& lines, const ReadContext& context) {
    Article article = context.new_article(1);
    article.one_per_file = true;  // the path identifies it when it has no id or url
    std::string_view line;
    bool have_line = lines.next_line(line);
    auto valid_utf8 = [&](std::string_view checked) {
        std::size_t bad = find_invalid_utf8(checked);
        if (bad == std::string_view::npos) return true;
        context.error(1, invalid_utf8_message(lines.line_offset() + bad));
        return false;
    };

    // Warnings wait until the article is known to be produced.
    std::vector<std::pair<std::size_t, std::string>> warnings;
    bool had_header = have_line && starts_header_block(line);
    if (had_header) {
        for (; have_line; have_line = lines.next_line(line)) {
            if (!valid_utf8(line)) return;
            std::string_view key, value;
            if (is_blank(line)) {
                have_line = lines.next_line(line);
                break;
            }
            // A line of another shape before the blank line: the writer
            // forgot the blank line, and the text starts here.
            if (!split_header_line(line, key, value)) break;
            if (auto field = header_field(key)) {
                assign_field(article, *field, std::string(value));
            } else {
                warnings.emplace_back(lines.line_number(),
                                      "unknown header key \"" + std::string(key) + "\" ignored");
            }
        }
    }

    std::string& text = article.text;
    for (; have_line; have_line = lines.next_line(line)) {
        if (!valid_utf8(line)) return;
        text.append(line);
        text.push_back('\n');
    }
    if (lines.failed()) return;  // read_input reports it

    trim_whitespace(text);
    std::string_view day;
    std::size_t prefix = date_prefix_length(text, day);
    if (prefix > 0) {
        // A header date wins, but the prefix is metadata either way.
        if (article.date.empty()) assign_field(article, ArticleField::Date, std::string(day));
        text.erase(0, prefix);
    }

    if (text.empty() && article.title.empty()) {
        if (had_header || prefix > 0) context.error(1, "no text or title");
        else context.warning(0, "empty file");
        return;
    }
    for (auto& [line_number, message] : warnings) context.warning(line_number, std::move(message));
    context.on_article(std::move(article));
}

}  // namespace newsdex
