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

namespace {
// A term too long for Xapian keeps a readable head and is made unique by a
// hash of the whole term: ':' + 16 hex digits fit in the margin.
std::string fit_term(std::string term) {
    if (term.size() <= kMaxTermBytes) return term;
    std::string hash = content_hash_hex(term);
    std::size_t keep = kMaxTermBytes - hash.size() - 1;
    // Do not cut a UTF-8 sequence in half.
    while (keep > 0 && (static_cast<unsigned char>(term[keep]) & 0xC0) == 0x80) --keep;
    term.resize(keep);
    term += ':';
    term += hash;
    return term;
}
}  // namespace

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    term += normalise_name(value);
    return fit_term(std::move(term));
}

std::string year_term(const Day& day) { return std::string(kPrefixYear).append(day.compact(), 0, 4); }
std::string month_term(const Day& day) { return std::string(kPrefixMonth).append(day.year_month()); }
std::string day_term(const Day& day) { return std::string(kPrefixDay).append(day.compact()); }

std::optional<Day> day_of_term(std::string_view term) {
    if (!term.starts_with(kPrefixDay)) return std::nullopt;
    const std::string_view digits = term.substr(std::string_view(kPrefixDay).size());
    if (digits.size() != 8) return std::nullopt;
    return parse_date_bound(std::string(digits.substr(0, 4)) + "-" + std::string(digits.substr(4, 2)) + "-" +
                                std::string(digits.substr(6)),
                            false);
}

std::string id_term(std::string_view id) {
    // IDs are case-sensitive (URLs, file paths), so no normalisation.
    std::string term(kPrefixId);
    term += id;
    return fit_term(std::move(term));
}

std::string dup_group_term(std::string_view group_key) {
    std::string term(kPrefixDupGroup);
    term += group_key;
    return fit_term(std::move(term));
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
