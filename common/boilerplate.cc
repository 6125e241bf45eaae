/** @file
 * @brief Dropping lines of site furniture with shell-glob patterns
 *        (see boilerplate.h).
 */
#include "boilerplate.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <fnmatch.h>

#include <xapian.h>

#include "ascii_words.h"

namespace newsdex {

namespace {

// Scraped pages pad furniture with NBSP as often as with spaces, so U+00A0
// counts as whitespace too; otherwise "Advertisement\u00a0" would survive.
constexpr std::string_view kNbsp = "\xC2\xA0";

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    for (;;) {
        if (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
        else if (s.starts_with(kNbsp)) s.remove_prefix(kNbsp.size());
        else break;
    }
    for (;;) {
        if (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
        else if (s.ends_with(kNbsp)) s.remove_suffix(kNbsp.size());
        else break;
    }
    return s;
}

// Unicode-aware, so "PUBLICITÉ" meets the pattern "publicité"; fnmatch's own
// FNM_CASEFOLD would only fold ASCII in the C locale the tools run in.
// Lower-cases the first @p max_chars code points (one code point each).
// ASCII is folded in place: it is nearly every byte of the lines checked,
// and decoding it through Xapian's Unicode tables was most of the check.
std::string lower(std::string_view s, std::size_t max_chars = std::string_view::npos) {
    std::string out;
    out.reserve(std::min(s.size(), max_chars));
    const char* p = s.data();
    const char* const end = p + s.size();
    for (std::size_t n = 0; p != end && n < max_chars; ++n) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x80) {
            out += kAsciiWords.lower[c];
            ++p;
        } else {
            Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(next_code_point(p, end)));
        }
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) ++n;
    return n;
}

// Lines are split on '\n' only; a '\r' left by CRLF stays with its line
// (kept verbatim by strip(), ignored by trim() when matching).
struct Line {
    std::string_view text;
    enum Kind { Text, Blank, Dropped } kind;
};

}  // namespace

void BoilerplateFilter::load_file(const std::string& path) {
    // stdio rather than ifstream: errno then says *why* (ENOENT, EISDIR...),
    // and reading a directory fails instead of looking like an empty file.
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                        &std::fclose);
    if (!file) throw std::runtime_error(path + ": cannot read: " + std::strerror(errno));
    std::string content;
    char buffer[8192];
    std::size_t got;
    while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) content.append(buffer, got);
    if (std::ferror(file.get()))
        throw std::runtime_error(path + ": cannot read: " + std::strerror(errno));

    std::string_view rest = content;
    if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);  // BOM from Windows editors
    while (!rest.empty()) {
        std::size_t nl = rest.find('\n');
        std::string_view line = trim(rest.substr(0, nl));
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        // A pattern that must start with '#' can be written "\#".
        if (line.empty() || line.front() == '#') continue;
        add_pattern(line);
    }
}

void BoilerplateFilter::add_pattern(std::string_view pattern) {
    pattern = trim(pattern);
    // An empty pattern would only match blank lines, which are paragraph
    // structure, never furniture.
    if (pattern.empty()) return;
    Pattern p;
    p.glob = lower(pattern);
    p.literal_head = p.glob.substr(0, p.glob.find_first_of("*?[\\"));
    longest_head_chars_ = std::max(longest_head_chars_, code_points(p.literal_head));
    (p.literal_head.empty() ? headless_ : by_first_byte_[static_cast<unsigned char>(p.literal_head[0])])
        .push_back(patterns_.size());
    patterns_.push_back(std::move(p));
}

bool BoilerplateFilter::is_boilerplate(std::string_view line) const {
    line = trim(line);
    if (line.empty() || patterns_.empty()) return false;
    // A literal head that matches starts with the line's first code point,
    // lower-cased: only its bucket and the headless patterns are compared.
    const auto& same_start = by_first_byte_[static_cast<unsigned char>(lower(line, 1).front())];
    if (same_start.empty() && headless_.empty()) return false;
    // Lower-casing maps code point to code point, so the line's first
    // longest_head_chars_ code points, lower-cased, are all that any
    // pattern's literal head is compared with.
    const std::string head = lower(line, longest_head_chars_);
    std::string folded;  // the whole line, once a pattern's head matches
    auto matches = [&](std::size_t index) {
        const Pattern& pattern = patterns_[index];
        if (!head.starts_with(pattern.literal_head)) return false;
        if (folded.empty()) folded = lower(line);
        // No FNM_PATHNAME or FNM_PERIOD: '/' and a leading '.' are ordinary
        // characters in a line of text. Any non-zero result (no match, or a
        // malformed pattern) means "keep the line".
        return fnmatch(pattern.glob.c_str(), folded.c_str(), 0) == 0;
    };
    return std::any_of(same_start.begin(), same_start.end(), matches) ||
           std::any_of(headless_.begin(), headless_.end(), matches);
}

std::string BoilerplateFilter::strip(std::string_view text) const {
    std::vector<Line> lines;
    bool final_newline = text.ends_with('\n');
    if (final_newline) text.remove_suffix(1);
    bool any_dropped = false;
    for (std::string_view rest = text;;) {
        std::size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        Line::Kind kind = trim(line).empty() ? Line::Blank
                          : is_boilerplate(line) ? Line::Dropped
                                                 : Line::Text;
        any_dropped = any_dropped || kind == Line::Dropped;
        lines.push_back({line, kind});
        if (nl == std::string_view::npos) break;
        rest.remove_prefix(nl + 1);
    }
    // Fast path for the common case: nothing dropped, the text comes back as is
    // (the walk below would give the same bytes, more slowly).
    if (!any_dropped) return std::string(text) + (final_newline ? "\n" : "");

    // Walk the gaps between text lines. A gap without a dropped line is kept
    // verbatim; one with a dropped line shrinks to a single blank line if it
    // had any (the paragraph break survives), or to nothing if the dropped
    // lines sat inside a paragraph or at either end of the text.
    std::string out;
    out.reserve(text.size());
    bool any_text = false;
    std::size_t i = 0;
    while (i < lines.size()) {
        std::size_t gap_start = i;
        bool gap_dropped = false;
        const Line* first_blank = nullptr;
        for (; i < lines.size() && lines[i].kind != Line::Text; ++i) {
            if (lines[i].kind == Line::Dropped) gap_dropped = true;
            else if (!first_blank) first_blank = &lines[i];
        }
        bool at_end = i == lines.size();
        if (!gap_dropped) {
            for (std::size_t k = gap_start; k < i; ++k) {
                out.append(lines[k].text);
                out += '\n';
            }
        } else if (first_blank && any_text && !at_end) {
            out.append(first_blank->text);
            out += '\n';
        }
        if (at_end) break;
        out.append(lines[i].text);
        out += '\n';
        any_text = true;
        ++i;
    }
    // Every line above was written with its newline; the last one gets it
    // back only if the input ended with one.
    if (!out.empty() && !final_newline) out.pop_back();
    return out;
}

}  // namespace newsdex
