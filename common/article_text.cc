/** @file
 * @brief Text cleaning and title derivation (see article_text.h).
 */
#include "article_text.h"

#include "boilerplate.h"

namespace newsdex {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    return s;
}

// Drops C0 controls other than \n and \t, DEL, and C1 controls (U+0080..U+009F,
// which arrive as mojibake from Windows-1252 text mislabelled as UTF-8).
std::string remove_control_characters(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(raw[i]);
        if (c == '\r') {
            out += '\n';
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;  // CRLF
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            continue;
        } else if (c == 0x7F) {
            continue;
        } else if (c == 0xC2 && i + 1 < raw.size() &&
                   static_cast<unsigned char>(raw[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(raw[i + 1]) <= 0x9F) {
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

bool ends_like_sentence(std::string_view line) {
    if (line.empty()) return false;
    char last = line.back();
    return last == '.' || last == ';' || last == ',';
}

}  // namespace

std::string clean_text(std::string_view raw, const BoilerplateFilter& boilerplate) {
    std::string text = remove_control_characters(raw);
    std::string out;
    out.reserve(text.size());
    bool pending_blank = false;
    std::string_view rest = text;
    while (!rest.empty()) {
        std::size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
        while (!line.empty() && is_space(line.back())) line.remove_suffix(1);
        if (trim(line).empty()) {
            pending_blank = !out.empty();
            continue;
        }
        if (boilerplate.size() && boilerplate.is_boilerplate(line)) continue;
        if (!out.empty()) out += pending_blank ? "\n\n" : "\n";
        pending_blank = false;
        out += line;
    }
    return out;
}

std::string single_line(std::string_view text) {
    // Appends whole runs of non-space bytes rather than byte by byte: every
    // hit's snippet and many titles pass through here.
    const auto is_space = [](char c) { return static_cast<unsigned char>(c) <= ' '; };
    std::string out;
    out.reserve(text.size());
    for (std::size_t start = 0; start < text.size();) {
        if (is_space(text[start])) {
            ++start;
            continue;
        }
        std::size_t end = start + 1;
        while (end < text.size() && !is_space(text[end])) ++end;
        if (!out.empty()) out += ' ';
        out.append(text, start, end - start);
        start = end;
    }
    return out;
}

std::string take_derived_title(std::string& text) {
    std::string_view all = text;
    std::size_t nl = all.find('\n');
    std::string_view first_line = trim(all.substr(0, nl));
    bool more_text = nl != std::string_view::npos && !trim(all.substr(nl)).empty();
    if (more_text && first_line.size() <= kMaxDerivedTitleBytes && !ends_like_sentence(first_line)) {
        std::string title(first_line);
        std::size_t body_start = nl;
        while (body_start < text.size() && static_cast<unsigned char>(text[body_start]) <= ' ')
            ++body_start;
        text.erase(0, body_start);
        return title;
    }

    // First sentence: up to ". ", "! " or "? " (or the end of the paragraph).
    std::string_view para = trim(all.substr(0, all.find("\n\n")));
    std::size_t end = para.size();
    for (std::size_t i = 0; i + 1 < para.size(); ++i) {
        char c = para[i];
        if ((c == '.' || c == '!' || c == '?') && (para[i + 1] == ' ' || para[i + 1] == '\n')) {
            end = i + 1;
            break;
        }
    }
    std::string sentence = single_line(para.substr(0, end));
    if (sentence.size() <= kMaxDerivedTitleBytes) return sentence;
    std::size_t cut = sentence.rfind(' ', kMaxDerivedTitleBytes);
    if (cut == std::string::npos || cut < kMaxDerivedTitleBytes / 2) {
        cut = kMaxDerivedTitleBytes;  // one enormous word: cut inside it,
        while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;  // on a char
    }
    sentence.resize(cut);
    while (!sentence.empty() && (sentence.back() == ',' || sentence.back() == ' ' ||
                                 sentence.back() == ';' || sentence.back() == ':'))
        sentence.pop_back();
    return sentence + "…";
}

}  // namespace newsdex
