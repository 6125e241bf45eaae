/** @file
 * @brief The human-readable report written by write_text(): summary line,
 *        hits, facet lists, month/year bar charts and the suggestion.
 *
 * Everything is laid out by display columns (not bytes), so accented French
 * names, Arabic and the odd CJK title line up, and lines stay within the
 * requested width. Article text is cleaned of control characters first, so
 * with colour off the output holds no escape sequence at all.
 */
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "result_format.h"
#include "result_format_internal.h"

namespace newsdex {

namespace {

using format_detail::bytes_for_columns;
using format_detail::clean_field;
using format_detail::display_width;

constexpr std::string_view kBold = "\033[1m";
constexpr std::string_view kDim = "\033[2m";
constexpr std::string_view kLink = "\033[36m";  // cyan: URLs are what users copy next
constexpr std::string_view kBarColour = "\033[32m";
constexpr std::string_view kReset = "\033[0m";

/// Wraps text in an SGR code and a reset, or returns it unchanged when
/// colour is off; the single place that decides whether escapes appear.
class Painter {
  public:
    explicit Painter(bool on) : on_(on) {}
    std::string operator()(std::string_view code, std::string_view text) const {
        if (!on_ || text.empty()) return std::string(text);
        std::string out(code);
        out += text;
        out += kReset;
        return out;
    }

  private:
    bool on_;
};

/// Below this many columns beside the date, titles go on their own lines.
constexpr std::size_t kMinTitleWidth = 30;

std::string spaces(std::size_t n) { return std::string(n, ' '); }

std::size_t digits(unsigned long long n) { return std::to_string(n).size(); }

/// @p text cut to @p columns, ending in "…" when something was cut.
std::string truncate(const std::string& text, std::size_t columns) {
    if (display_width(text) <= columns) return text;
    if (columns <= 1) return "…";
    return text.substr(0, bytes_for_columns(text, columns - 1)) + "…";
}

/// Greedy word wrap at spaces to lines of at most @p width columns; a word
/// wider than a whole line (a long URL in a snippet) is broken by columns.
/// Runs of spaces collapse, which also tidies snippets cut from prose.
std::vector<std::string> wrap(std::string_view text, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_width = 0;
    auto flush = [&] {
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        line_width = 0;
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = text.find(' ', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view word = text.substr(i, end - i);
        i = end;
        std::size_t word_width = display_width(word);
        while (word_width > width) {
            flush();
            const std::size_t n = bytes_for_columns(word, width);
            lines.emplace_back(word.substr(0, n));
            word.remove_prefix(n);
            word_width = display_width(word);
        }
        if (word.empty()) continue;
        if (line.empty()) {
            line = word;
            line_width = word_width;
        } else if (line_width + 1 + word_width <= width) {
            line += ' ';
            line += word;
            line_width += 1 + word_width;
        } else {
            flush();
            line = word;
            line_width = word_width;
        }
    }
    flush();
    return lines;
}

/// Joins @p parts with " · ", breaking lines between parts where possible
/// so "Bamako Daily" is not split across two lines; only a part wider than
/// a whole line is word-wrapped.
std::vector<std::string> wrap_parts(const std::vector<std::string>& parts, std::size_t width) {
    std::vector<std::string> lines;
    std::string line;
    for (const auto& part : parts) {
        const std::size_t part_width = display_width(part);
        if (!line.empty() && display_width(line) + 3 + part_width <= width) {
            line += " · " + part;
            continue;
        }
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        auto pieces = wrap(part, width);
        if (pieces.empty()) continue;
        line = std::move(pieces.back());
        pieces.pop_back();
        for (auto& piece : pieces) lines.push_back(std::move(piece));
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

/// When a highlight spans a line break, closes it at the end of the line
/// and reopens it after the next line's indentation, so `less -R` and
/// terminals that reset attributes per line show it the same, and the
/// indentation itself is never highlighted.
void carry_styles(std::vector<std::string>& lines) {
    std::string active;  // SGR sequences in effect at the end of the previous line
    for (auto& line : lines) {
        const std::string reopen = active;
        for (std::size_t i = 0; i < line.size();) {
            if (line[i] != '\033' || i + 1 >= line.size() || line[i + 1] != '[') {
                ++i;
                continue;
            }
            std::size_t j = i + 2;
            while (j < line.size() && !(line[j] >= 0x40 && line[j] <= 0x7E)) ++j;
            if (j < line.size() && line[j] == 'm') {
                const std::string_view params(line.data() + i + 2, j - i - 2);
                if (params.empty() || params == "0")
                    active.clear();
                else
                    active.append(line, i, j + 1 - i);
            }
            i = j + 1;
        }
        line = reopen + line;
        if (!active.empty()) line += kReset;
    }
}

/// The snippet cleaned like any field, except that the searcher's ANSI
/// highlight markers survive when colour is on and turn into "**" when it
/// is off (so a searcher/printer mismatch never leaks escapes).
std::string clean_snippet(std::string_view text, bool colour) {
    const Highlight ansi = highlight_markers(true), plain = highlight_markers(false);
    std::string out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view rest = text.substr(i);
        const std::string* marker = nullptr;
        std::size_t len = 0;
        if (rest.starts_with(ansi.start)) {
            marker = colour ? &ansi.start : &plain.start;
            len = ansi.start.size();
        } else if (rest.starts_with(ansi.end)) {
            marker = colour ? &ansi.end : &plain.end;
            len = ansi.end.size();
        }
        if (!marker) {
            ++i;  // ESC never occurs inside a UTF-8 sequence, so bytewise is safe
            continue;
        }
        out += clean_field(text.substr(start, i - start));
        out += *marker;
        i += len;
        start = i;
    }
    out += clean_field(text.substr(start));
    return out;
}

std::string short_score(double score) {
    char buf[64];
    // About three significant digits: enough to compare hits by eye.
    const char* spec = score >= 100 ? "%.0f" : score >= 10 ? "%.1f" : "%.2f";
    std::snprintf(buf, sizeof buf, spec, score);
    return buf;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty()) out += separator;
        out += clean_field(item);
    }
    return out;
}

bool is_timeline(FacetKind kind) {
    return kind == FacetKind::Week || kind == FacetKind::Month || kind == FacetKind::Year;
}

// ---------------------------------------------------------------------------

/// `23 articles match "drone strike"  (showing 1-10)`, wrapped if a long
/// query makes it wider than the terminal.
void write_summary(std::ostream& out, const SearchResult& result, std::size_t width,
                   const Painter& paint) {
    std::string subject;
    if (!result.query.empty())
        subject = " \"" + clean_field(result.query) + "\"";
    else if (!result.resolved_filters.empty())
        subject = " the filters";

    std::string line, paging;
    if (result.total == 0) {
        line = "No articles" + (subject.empty() ? std::string(" in total") : " match" + subject);
    } else {
        const bool one = result.total == 1;
        if (!result.total_exact) line = "About ";
        line += paint(kBold, std::to_string(result.total));
        if (subject.empty())
            line += one ? " article in total" : " articles in total";
        else
            line += (one ? " article matches" : " articles match") + subject;
        // Collapsed results page through groups, not articles.
        const unsigned listed = result.collapsed ? result.groups : result.total;
        if (result.collapsed && result.groups < result.total)
            line += " (" + std::to_string(result.groups) + " after collapsing near-duplicates)";

        if (!result.hits.empty()) {
            const unsigned first = result.hits.front().rank, last = result.hits.back().rank;
            if (first > 1 || result.hits.size() < listed)
                paging = "(showing " + std::to_string(first) + "-" + std::to_string(last) + ")";
        } else if (result.offset > 0) {
            // Paging past the end is a normal outcome of --offset, not an error.
            // (No hits at offset 0 means --limit 0: only the count and facets.)
            paging = "(none from " + std::to_string(result.offset + 1) + " on)";
        }
    }
    auto lines = wrap(line, width);
    if (!paging.empty()) {
        if (display_width(lines.back()) + 2 + paging.size() <= width)
            lines.back() += "  " + paging;
        else
            lines.push_back(paging);
    }
    for (const auto& l : lines) out << l << '\n';
}

void write_hit(std::ostream& out, const SearchHit& hit, std::size_t rank_width,
               std::size_t width, bool colour) {
    const Painter paint(colour);
    const std::string rank = std::to_string(hit.rank);
    const std::size_t indent = rank_width + 2;      // " 1. "
    const std::size_t title_column = indent + 12;   // date and two spaces
    const std::string date = hit.date ? format_detail::day_text(hit.date) : "undated   ";

    // Title line(s): the score goes at the end of the first line so the
    // titles themselves stay left-aligned and easy to scan.
    const std::string score = hit.score > 0 ? "[score " + short_score(hit.score) + "]" : "";
    const std::size_t reserved = score.empty() ? 0 : display_width(score) + 2;
    const std::size_t body_width = width - indent;
    std::string title = clean_field(hit.title);
    if (title.find_first_not_of(' ') == std::string::npos) title = "(untitled)";
    const std::string head = spaces(rank_width - std::min(rank_width, rank.size())) + rank + ". " +
                             (hit.date ? date : paint(kDim, date));

    if (width < title_column + reserved + kMinTitleWidth) {
        // Narrow terminal: a title squeezed beside the date would wrap every
        // word or two, so it gets the full body width on lines of its own.
        out << head << (score.empty() ? "" : "  " + paint(kDim, score)) << '\n';
        for (const auto& line : wrap(title, body_width))
            out << spaces(indent) << paint(kBold, line) << '\n';
    } else {
        const std::size_t title_width = width - title_column - reserved;
        const auto title_lines = wrap(title, title_width);
        out << head << "  " << paint(kBold, title_lines[0]);
        if (!score.empty())
            out << spaces(title_width - std::min(title_width, display_width(title_lines[0])) + 2)
                << paint(kDim, score);
        out << '\n';
        for (std::size_t i = 1; i < title_lines.size(); ++i)
            out << spaces(title_column) << paint(kBold, title_lines[i]) << '\n';
    }

    std::vector<std::string> meta;
    if (!hit.actors.empty()) meta.push_back("actors: " + join(hit.actors, ", "));
    if (!hit.places.empty()) meta.push_back("places: " + join(hit.places, ", "));
    if (!hit.source.empty()) meta.push_back(clean_field(hit.source));
    // The copies collapsed into this hit; `--expand ID` lists them.
    if (hit.similar > 0) meta.push_back("+" + std::to_string(hit.similar) + " similar");
    for (const auto& line : wrap_parts(meta, body_width))
        out << spaces(indent) << paint(kDim, line) << '\n';

    // Not wrapped: a URL broken over lines can no longer be clicked or copied.
    const std::string& link = hit.url.empty() ? hit.path : hit.url;
    if (!link.empty()) out << spaces(indent) << paint(kLink, clean_field(link)) << '\n';

    if (!hit.snippet.empty()) {
        auto lines = wrap(clean_snippet(hit.snippet, colour), body_width);
        carry_styles(lines);
        for (const auto& line : lines) out << spaces(indent) << line << '\n';
    }
}

/// "actor: Wagner Group 12 · FAMa 9 · JNIM 4", wrapped between items.
void write_facet_list(std::ostream& out, const Facet& facet, std::size_t width,
                      const Painter& paint) {
    const std::string name = facet_name(facet.kind);
    const std::size_t label_width = name.size() + 2;
    out << paint(kBold, name) << ": ";
    if (facet.values.empty()) {
        out << "none\n";
        return;
    }
    const std::size_t room = width - label_width;
    std::size_t used = 0;
    for (const auto& v : facet.values) {
        const std::string count = std::to_string(v.count);
        // One very long name must not push the count off the line.
        const std::string value = truncate(clean_field(v.value), room - count.size() - 1);
        const std::size_t item_width = display_width(value) + 1 + count.size();
        if (used > 0 && used + 3 + item_width > room) {
            out << '\n' << spaces(label_width);
            used = 0;
        }
        if (used > 0) {
            out << " · ";
            used += 3;
        }
        out << value << ' ' << paint(kDim, count);
        used += item_width;
    }
    out << '\n';
}

/// Month/year counts as a bar chart: one row per period in the order given
/// (chronological, per the Facet contract), bars scaled so the largest count
/// fills the bar area, with eighth blocks for the fractional part.
void write_timeline(std::ostream& out, const Facet& facet, std::size_t width,
                    const Painter& paint) {
    static constexpr std::string_view kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    out << paint(kBold, facet_name(facet.kind)) << '\n';
    if (facet.values.empty()) {
        out << "  none\n";
        return;
    }
    std::size_t label_width = 0, count_width = 1;
    unsigned max_count = 0;
    for (const auto& v : facet.values) {
        label_width = std::max(label_width, display_width(clean_field(v.value)));
        count_width = std::max(count_width, digits(v.count));
        max_count = std::max(max_count, v.count);
    }
    // Room left after "  LABEL " and " COUNT"; capped so a wide terminal
    // does not turn small differences into huge bars.
    const std::size_t fixed = 2 + label_width + 1 + 1 + count_width;
    const std::size_t bar_max = std::clamp<std::size_t>(width > fixed ? width - fixed : 0, 10, 60);
    for (const auto& v : facet.values) {
        long long eighths = 0;
        if (max_count > 0)
            eighths = std::llround(static_cast<double>(v.count) * static_cast<double>(bar_max) * 8.0 /
                                   static_cast<double>(max_count));
        if (v.count > 0 && eighths == 0) eighths = 1;  // a non-zero count stays visible
        std::string bar;
        for (long long i = 0; i < eighths / 8; ++i) bar += "█";
        bar += kEighths[eighths % 8];
        const std::string label = clean_field(v.value);
        out << "  " << label << spaces(label_width - display_width(label)) << ' '
            << paint(kBarColour, bar) << (bar.empty() ? "" : " ") << v.count << '\n';
    }
}

}  // namespace

void write_text(std::ostream& out, const SearchResult& result, const TextStyle& style) {
    const std::size_t width = std::max(style.width, 40u);
    const Painter paint(style.colour);

    write_summary(out, result, width, paint);

    unsigned max_rank = 0;
    for (const auto& hit : result.hits) max_rank = std::max(max_rank, hit.rank);
    const std::size_t rank_width = std::max<std::size_t>(2, digits(max_rank));
    for (const auto& hit : result.hits) {
        out << '\n';
        write_hit(out, hit, rank_width, width, style.colour);
    }

    if (!result.facets.empty()) {
        out << '\n';
        bool previous_chart = false;
        for (std::size_t i = 0; i < result.facets.size(); ++i) {
            const Facet& facet = result.facets[i];
            const bool chart = is_timeline(facet.kind);
            // One-line lists sit together; charts get air around them.
            if (i > 0 && (chart || previous_chart)) out << '\n';
            if (chart)
                write_timeline(out, facet, width, paint);
            else
                write_facet_list(out, facet, width, paint);
            previous_chart = chart;
        }
    }

    if (!result.suggestion.empty())
        out << "\nDid you mean: " << paint(kBold, clean_field(result.suggestion)) << "?\n";
}

}  // namespace newsdex
