/** @file
 * @brief Format and facet names, text cleaning shared by the printers, and
 *        the small writers: TSV, --explain and query-error lines.
 *
 * The terminal report lives in text_report.cc and JSON in json_report.cc.
 */
#include "result_format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include <xapian.h>

#include "result_format_internal.h"

namespace newsdex {

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

const char* facet_name(FacetKind kind) {
    switch (kind) {
        case FacetKind::Actor: return "actor";
        case FacetKind::Place: return "place";
        case FacetKind::Month: return "month";
        case FacetKind::Year: return "year";
        case FacetKind::Source: return "source";
        case FacetKind::Lang: return "lang";
        case FacetKind::ActorPair: return "actor-pair";
        case FacetKind::Week: return "week";
    }
    return "unknown";  // unreachable for valid enum values; keeps -Wreturn-type quiet
}

bool parse_facet_name(const std::string& name, FacetKind& out) {
    // The plural forms are accepted because the hit fields are called
    // "actors"/"places" and users type what they just read.
    static constexpr struct {
        const char* name;
        FacetKind kind;
    } kNames[] = {
        {"actor", FacetKind::Actor},   {"actors", FacetKind::Actor}, {"place", FacetKind::Place},
        {"places", FacetKind::Place},  {"month", FacetKind::Month},  {"year", FacetKind::Year},
        {"source", FacetKind::Source}, {"lang", FacetKind::Lang},    {"actor-pair", FacetKind::ActorPair},
        {"actor-pairs", FacetKind::ActorPair}, {"week", FacetKind::Week},
    };
    for (const auto& entry : kNames) {
        if (name == entry.name) {
            out = entry.kind;
            return true;
        }
    }
    return false;
}

bool parse_output_format(std::string_view name, OutputFormat& out) {
    if (name == "text") {
        out = OutputFormat::Text;
    } else if (name == "json") {
        out = OutputFormat::Json;
    } else if (name == "jsonl" || name == "jsonlines" || name == "ndjson") {
        // Both other spellings are common names for the same thing.
        out = OutputFormat::JsonLines;
    } else if (name == "tsv") {
        out = OutputFormat::Tsv;
    } else {
        return false;
    }
    return true;
}

const char* output_format_name(OutputFormat format) {
    switch (format) {
        case OutputFormat::Text: return "text";
        case OutputFormat::Json: return "json";
        case OutputFormat::JsonLines: return "jsonl";
        case OutputFormat::Tsv: return "tsv";
    }
    return "text";
}

Highlight highlight_markers(bool colour) {
    if (colour) return {"\033[1;33m", "\033[0m"};
    return {"**", "**"};
}

// ---------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------

namespace format_detail {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

/// Decodes the character at the start of non-empty @p s; @p len gets its
/// byte length. Overlong forms, surrogates and truncated sequences are
/// invalid (kInvalid, len 1), so each bad byte is replaced on its own.
char32_t decode(std::string_view s, std::size_t& len) {
    const auto b0 = static_cast<unsigned char>(s[0]);
    len = 1;
    if (b0 < 0x80) return b0;
    std::size_t n;
    char32_t cp, min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2, cp = b0 & 0x1F, min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3, cp = b0 & 0x0F, min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return kInvalid;
    }
    if (s.size() < n) return kInvalid;
    for (std::size_t i = 1; i < n; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) != 0x80) return kInvalid;
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
    len = n;
    return cp;
}

bool is_control(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
}

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

/// A simplified wcwidth(): enough for the Latin, Arabic and occasional CJK
/// or emoji text found in news titles, without a locale dependency.
unsigned char_width(char32_t cp) {
    if (in(cp, 0x0300, 0x036F) || in(cp, 0x0483, 0x0489) || in(cp, 0x0591, 0x05BD) ||
        in(cp, 0x0610, 0x061A) || in(cp, 0x064B, 0x065F) || cp == 0x0670 ||
        in(cp, 0x06D6, 0x06DC) || in(cp, 0x06DF, 0x06E4) || in(cp, 0x1AB0, 0x1AFF) ||
        in(cp, 0x1DC0, 0x1DFF) || in(cp, 0x200B, 0x200F) || in(cp, 0x202A, 0x202E) ||
        in(cp, 0x2060, 0x206F) || in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE00, 0xFE0F) ||
        in(cp, 0xFE20, 0xFE2F) || cp == 0xFEFF)
        return 0;
    if (in(cp, 0x1100, 0x115F) || in(cp, 0x2E80, 0x303E) || in(cp, 0x3041, 0x33FF) ||
        in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) || in(cp, 0xA000, 0xA4CF) ||
        in(cp, 0xAC00, 0xD7A3) || in(cp, 0xF900, 0xFAFF) || in(cp, 0xFE30, 0xFE4F) ||
        in(cp, 0xFF00, 0xFF60) || in(cp, 0xFFE0, 0xFFE6) || in(cp, 0x1F300, 0x1F64F) ||
        in(cp, 0x1F900, 0x1F9FF) || in(cp, 0x20000, 0x3FFFD))
        return 2;
    return 1;
}

/// Length and width of the unit (escape sequence or character) at the start
/// of non-empty @p s.
std::size_t next_unit(std::string_view s, std::size_t& width) {
    if (s[0] == '\033') {
        width = 0;
        if (s.size() >= 2 && s[1] == '[') {
            // CSI: parameters, then one final byte in 0x40..0x7E.
            std::size_t i = 2;
            while (i < s.size() && !(s[i] >= 0x40 && s[i] <= 0x7E)) ++i;
            return i < s.size() ? i + 1 : s.size();
        }
        return s.size() >= 2 ? 2 : 1;
    }
    std::size_t len;
    const char32_t cp = decode(s, len);
    width = cp == kInvalid ? 1 : char_width(cp);
    return len;
}

}  // namespace

std::string clean_field(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    while (!text.empty()) {
        std::size_t len;
        const char32_t cp = decode(text, len);
        if (cp == kInvalid) {
            Xapian::Unicode::append_utf8(out, 0xFFFD);
        } else if (is_control(cp)) {
            out += ' ';
        } else {
            out.append(text.substr(0, len));
        }
        text.remove_prefix(len);
    }
    return out;
}

std::string day_text(const std::optional<Day>& day) {
    if (!day) return "";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", day->year, day->month, day->day);
    return buf;
}

double round_to(double value, int decimals) {
    if (!std::isfinite(value)) return value;
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::size_t display_width(std::string_view text) {
    std::size_t total = 0;
    while (!text.empty()) {
        std::size_t width;
        text.remove_prefix(next_unit(text, width));
        total += width;
    }
    return total;
}

std::size_t bytes_for_columns(std::string_view text, std::size_t columns) {
    std::size_t pos = 0, used = 0;
    bool took_visible = false;
    while (pos < text.size()) {
        std::size_t width;
        const std::size_t len = next_unit(text.substr(pos), width);
        if (width > 0 && used + width > columns && took_visible) break;
        pos += len;
        used += width;
        if (width > 0) took_visible = true;
    }
    return pos;
}

}  // namespace format_detail

// ---------------------------------------------------------------------------
// TSV
// ---------------------------------------------------------------------------

namespace {

std::string tsv_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        std::string clean = format_detail::clean_field(name);
        for (char& c : clean)
            if (c == '|') c = '/';  // '|' is the list separator in this column
        if (!out.empty()) out += '|';
        out += clean;
    }
    return out;
}

}  // namespace

void write_tsv(std::ostream& out, const SearchResult& result, bool header) {
    using format_detail::clean_field;
    if (header) out << "rank\tid\tscore\tdate\ttitle\tsource\turl\tactors\tplaces\n";
    for (const auto& hit : result.hits) {
        char score[64];
        std::snprintf(score, sizeof score, "%.4f", hit.score);
        out << hit.rank << '\t' << clean_field(hit.id) << '\t' << score << '\t'
            << format_detail::day_text(hit.date) << '\t' << clean_field(hit.title) << '\t'
            << clean_field(hit.source) << '\t' << clean_field(hit.url) << '\t'
            << tsv_list(hit.actors) << '\t' << tsv_list(hit.places) << '\n';
    }
}

// ---------------------------------------------------------------------------
// --explain and errors
// ---------------------------------------------------------------------------

void write_explain(std::ostream& out, const SearchResult& result) {
    using format_detail::clean_field;
    out << "query:   " << (result.query.empty() ? "(none: filters only)" : clean_field(result.query))
        << '\n';
    out << "parsed:  " << (result.parsed.empty() ? "(nothing)" : clean_field(result.parsed)) << '\n';
    if (result.resolved_filters.empty()) {
        out << "filters: none\n";
        return;
    }
    bool first = true;
    for (const auto& filter : result.resolved_filters) {
        out << (first ? "filters: " : "         ") << clean_field(filter) << '\n';
        first = false;
    }
}

std::string format_query_error(const std::string& query, const QueryError& error) {
    std::string line = "newsdex-search: error: " + format_detail::clean_field(error.message);
    if (error.position >= 0) {
        // "at position 17" for a 17-byte query would point past the text;
        // saying "at end of query" is what the user needs to know.
        if (static_cast<std::size_t>(error.position) >= query.size())
            line += " at end of query";
        else
            line += " at position " + std::to_string(error.position);
    }
    return line;
}

std::string query_error_pointer(const std::string& query, const QueryError& error) {
    if (error.position < 0 || query.empty()) return "";
    std::size_t pos = std::min(static_cast<std::size_t>(error.position), query.size());
    // A byte offset inside a multi-byte character points at that character.
    while (pos > 0 && pos < query.size() && (static_cast<unsigned char>(query[pos]) & 0xC0) == 0x80)
        --pos;
    // clean_field() keeps byte lengths only for valid text, so measure the
    // column on the cleaned prefix rather than the raw bytes.
    const std::string shown = format_detail::clean_field(query);
    const std::size_t column =
        format_detail::display_width(format_detail::clean_field(std::string_view(query).substr(0, pos)));
    return "  " + shown + "\n  " + std::string(column, ' ') + "^\n";
}

}  // namespace newsdex
