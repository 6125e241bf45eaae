/** @file
 * @brief FieldMap: which JSON key or CSV column feeds each article field.
 */
#include "readers.h"

#include <algorithm>

namespace newsdex {

namespace {

std::string to_lower_ascii(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lower;
}

/// Each field under its own name; news dumps call the text "body" or
/// "content" about as often as "text".
const std::map<std::string, std::vector<std::string>>& default_columns() {
    static const std::map<std::string, std::vector<std::string>> columns = {
        {"id", {"id"}},         {"title", {"title"}},
        {"date", {"date"}},     {"text", {"text", "body", "content"}},
        {"source", {"source"}}, {"url", {"url"}},
        {"lang", {"lang"}},
    };
    return columns;
}

}  // namespace

const std::vector<std::string>& FieldMap::field_names() {
    static const std::vector<std::string> names = {"id",     "title", "date", "text",
                                                   "source", "url",   "lang"};
    return names;
}

std::string FieldMap::set(std::string_view spec) {
    std::size_t equals = spec.find('=');
    if (equals == std::string_view::npos) {
        return "expected NAME=COLUMN, got \"" + std::string(spec) + "\"";
    }
    std::string field = to_lower_ascii(spec.substr(0, equals));
    std::string_view column = spec.substr(equals + 1);
    const auto& names = field_names();
    if (std::find(names.begin(), names.end(), field) == names.end()) {
        std::string known;
        for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
        return "unknown field \"" + field + "\" (known: " + known + ")";
    }
    if (column.empty()) return "empty column name in \"" + std::string(spec) + "\"";
    // The named column comes first (after earlier --field options for the
    // same field); the default names stay as fallbacks, so one run can mix a
    // dump that needs the mapping with dumps that don't.
    auto [it, fresh] = overrides_.try_emplace(field);
    std::vector<std::string>& columns = it->second;
    if (fresh) columns = default_columns().at(field);
    std::size_t explicit_count = explicit_counts_[field]++;
    std::string name(column);
    columns.erase(std::remove(columns.begin(), columns.end(), name), columns.end());
    columns.insert(columns.begin() + static_cast<std::ptrdiff_t>(std::min(explicit_count, columns.size())), name);
    return "";
}

const std::vector<std::string>& FieldMap::columns_for(const std::string& field) const {
    if (auto it = overrides_.find(field); it != overrides_.end()) return it->second;
    if (auto it = default_columns().find(field); it != default_columns().end()) {
        return it->second;
    }
    static const std::vector<std::string> none;
    return none;
}

}  // namespace newsdex
