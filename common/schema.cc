/** @file
 * @brief Term and value encodings declared in schema.h.
 */
#include "schema.h"

#include <cstdio>

#include "content_hash.h"

namespace newsdex::schema {

std::string normalise_name(std::string_view name) {
    std::size_t begin = 0, end = name.size();
    while (begin < end && static_cast<unsigned char>(name[begin]) <= ' ') ++begin;
    while (end > begin && static_cast<unsigned char>(name[end - 1]) <= ' ') --end;
    std::string trimmed(name.substr(begin, end - begin));
    return Xapian::Unicode::tolower(trimmed);
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    term += normalise_name(value);
    if (term.size() <= kMaxTermBytes) return term;
    // Too long for Xapian: keep a readable head and make it unique with a
    // hash of the whole value. 16 hex digits + ':' fit in the margin.
    std::string suffix = ":" + content_hash_hex(term);
    std::size_t keep = kMaxTermBytes - suffix.size();
    // Do not cut a UTF-8 sequence in half.
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
    term.resize(keep);
    return term + suffix;
}

std::string id_term(std::string_view id) {
    // IDs are case-sensitive (URLs, file paths), so no normalisation.
    std::string term(kPrefixId);
    term += id;
    if (term.size() <= kMaxTermBytes) return term;
    std::string suffix = ":" + content_hash_hex(term);
    std::size_t keep = kMaxTermBytes - suffix.size();
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
    term.resize(keep);
    return term + suffix;
}

namespace {
constexpr char kListSeparator = '\x1f';  // ASCII unit separator: never in names
}

std::string encode_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += kListSeparator;
        out += name;
    }
    return out;
}

std::vector<std::string> decode_list(std::string_view value) {
    std::vector<std::string> out;
    while (!value.empty()) {
        std::size_t sep = value.find(kListSeparator);
        out.emplace_back(value.substr(0, sep));
        if (sep == std::string_view::npos) break;
        value.remove_prefix(sep + 1);
    }
    return out;
}

}  // namespace newsdex::schema
