/** @file
 * @brief The JSON Lines format: one object per line, fields found by name
 *        through the FieldMap.
 */
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "format_readers.h"
#include "input_checks.h"
#include "input_fields.h"

namespace newsdex {

namespace {

using nlohmann::json;

/// Deeper records are rejected before parsing: no news record needs more,
/// and a line of a million '[' must not exhaust the stack of any later
/// recursive walk over the value.
constexpr std::size_t kMaxNesting = 64;

/// True when arrays and objects in @p line nest more than @p limit deep.
/// A cheap scan that only needs to skip strings correctly.
bool nests_deeper_than(std::string_view line, std::size_t limit) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return true;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return false;
}

/// Turns nlohmann's "[json.exception.parse_error.101] parse error at line 1,
/// column 7: syntax error while parsing object - unexpected end of input;
/// expected '}'" into "invalid JSON at column 7: unexpected end of input;
/// expected '}'". The "last read: '...'" part is dropped: it can be long
/// and holds the very bytes that are wrong.
std::string describe(const json::parse_error& error) {
    std::string_view what = error.what();
    if (std::size_t dash = what.find(" - "); dash != std::string_view::npos) {
        what.remove_prefix(dash + 3);
    }
    std::string detail(what);
    constexpr std::string_view kLastRead = "; last read: '";
    if (std::size_t start = detail.find(kLastRead); start != std::string::npos) {
        std::size_t end = detail.find("'; ", start + kLastRead.size());
        detail.erase(start, end == std::string::npos ? std::string::npos : end + 1 - start);
    }
    return "invalid JSON at column " + std::to_string(error.byte) + ": " + detail;
}

/// Numbers beyond double range ("1e400") are not parse errors to nlohmann:
/// "[json.exception.out_of_range.406] number overflow parsing '1e400'"
/// becomes "invalid JSON: number overflow" (the number may be huge).
std::string describe(const json::out_of_range& error) {
    std::string_view what = error.what();
    if (std::size_t bracket = what.find("] "); bracket != std::string_view::npos) {
        what.remove_prefix(bracket + 2);
    }
    return "invalid JSON: " + std::string(what.substr(0, what.find(" parsing '")));
}

const char* kind_of(const json& value) {
    switch (value.type()) {
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        case json::value_t::boolean: return "a boolean";
        default: return "a non-text value";
    }
}

/// Writes whole floats without ".0": a timestamp exported as 1.7e9 must
/// read as digits.
std::string number_text(const json& value) {
    if (value.is_number_integer()) {
        return value.is_number_unsigned() ? std::to_string(value.get<std::uint64_t>())
                                          : std::to_string(value.get<std::int64_t>());
    }
    double number = value.get<double>();
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
        return std::to_string(static_cast<long long>(number));
    }
    return value.dump();
}

struct Candidate {
    const std::string* key = nullptr;
    json* value = nullptr;
};

/// Emptiness as Article means it: null and blank strings are "not given",
/// so the next name for the field (say "body" after "text") is tried.
bool is_given(const json& value) {
    return !value.is_null() &&
           !(value.is_string() && is_blank(value.get_ref<const std::string&>()));
}

}  // namespace

void read_json_lines(LineReader& lines, const ReadContext& context) {
    FieldMatcher matcher(context.options.fields);
    // candidates[field][rank]: the record's value under each name of a field.
    std::array<std::vector<Candidate>, kArticleFieldCount> candidates;
    for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
        candidates[f].resize(matcher.rank_count(static_cast<ArticleField>(f)));
    }
    const auto& field_names = FieldMap::field_names();

    std::string_view line;
    while (lines.next_line(line)) {
        if (is_blank(line)) continue;
        std::size_t line_number = lines.line_number();
        if (std::size_t bad = find_invalid_utf8(line); bad != std::string_view::npos) {
            context.error(line_number, invalid_utf8_message(lines.line_offset() + bad));
            continue;
        }
        if (nests_deeper_than(line, kMaxNesting)) {
            context.error(line_number,
                          "JSON nested deeper than " + std::to_string(kMaxNesting) + " levels");
            continue;
        }
        json record;
        try {
            record = json::parse(line.begin(), line.end());
        } catch (const json::parse_error& error) {
            context.error(line_number, describe(error));
            continue;
        } catch (const json::out_of_range& error) {
            context.error(line_number, describe(error));
            continue;
        }
        if (!record.is_object()) {
            context.error(line_number, std::string("expected a JSON object, got ") +
                                           record.type_name());
            continue;
        }

        for (auto& by_rank : candidates) by_rank.assign(by_rank.size(), Candidate{});
        for (auto it = record.begin(); it != record.end(); ++it) {
            const auto* matches = matcher.find(it.key());
            if (!matches || !is_given(it.value())) continue;
            for (const auto& match : *matches) {
                Candidate& slot = candidates[index_of(match.field)][match.rank];
                // "Title" and "title" both present: the first in nlohmann's
                // (sorted) key order wins, so the choice is reproducible.
                if (!slot.value) slot = {&it.key(), &it.value()};
            }
        }
        std::array<Candidate, kArticleFieldCount> chosen{};
        for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
            for (const Candidate& candidate : candidates[f]) {
                if (candidate.value) {
                    chosen[f] = candidate;
                    break;
                }
            }
        }

        Article article = context.new_article(line_number);
        // Warnings wait until the record is known to be produced.
        std::vector<std::string> warnings;
        for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
            json* value = chosen[f].value;
            if (!value) continue;
            std::string text;
            if (value->is_string()) {
                // Move the string out unless a later field uses the same key
                // (--field id=url with the default url field, say).
                bool shared = false;
                for (std::size_t g = f + 1; g < kArticleFieldCount; ++g) {
                    shared = shared || chosen[g].value == value;
                }
                auto& original = value->get_ref<std::string&>();
                text = shared ? original : std::move(original);
            } else if (value->is_number()) {
                text = number_text(*value);
            } else {
                warnings.push_back("\"" + *chosen[f].key + "\" holds " + kind_of(*value) +
                                   ", not text; " + field_names[f] + " left empty");
                continue;
            }
            assign_field(article, static_cast<ArticleField>(f), std::move(text));
        }
        if (article.text.empty() && article.title.empty()) {
            const Candidate& text = chosen[index_of(ArticleField::Text)];
            context.error(line_number,
                          text.value ? "\"" + *text.key + "\" holds " + kind_of(*text.value) +
                                           ", not text, and there is no title"
                                     : no_text_message(matcher));
            continue;
        }
        for (auto& warning : warnings) context.warning(line_number, std::move(warning));
        context.on_article(std::move(article));
    }
}

}  // namespace newsdex
