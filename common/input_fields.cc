/** @file
 * @brief FieldMatcher and field assignment shared by the JSON Lines and
 *        CSV readers.
 */
#include "input_fields.h"

namespace newsdex {

namespace {

void lower_ascii_into(std::string_view text, std::string& out) {
    out.assign(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

void trim_whitespace(std::string& text) {
    std::size_t end = text.size();
    while (end > 0 && is_space(text[end - 1])) --end;
    std::size_t begin = 0;
    while (begin < end && is_space(text[begin])) ++begin;
    text.resize(end);
    text.erase(0, begin);
}

std::string& field_in(Article& article, ArticleField field) {
    switch (field) {
        case ArticleField::Id: return article.id;
        case ArticleField::Title: return article.title;
        case ArticleField::Date: return article.date;
        case ArticleField::Text: return article.text;
        case ArticleField::Source: return article.source;
        case ArticleField::Url: return article.url;
        case ArticleField::Lang: return article.lang;
    }
    return article.text;  // unreachable: the switch covers every field
}

FieldMatcher::FieldMatcher(const FieldMap& map) {
    const auto& fields = FieldMap::field_names();
    for (std::size_t f = 0; f < kArticleFieldCount; ++f) {
        names_[f] = map.columns_for(fields[f]);
        for (std::size_t rank = 0; rank < names_[f].size(); ++rank) {
            lower_ascii_into(names_[f][rank], lowered_);
            by_name_[lowered_].push_back({static_cast<ArticleField>(f), rank});
        }
    }
}

const std::vector<FieldMatcher::Match>* FieldMatcher::find(std::string_view name) {
    lower_ascii_into(name, lowered_);
    auto it = by_name_.find(lowered_);
    return it == by_name_.end() ? nullptr : &it->second;
}

std::string FieldMatcher::quoted_names(ArticleField field) const {
    std::string list;
    for (const auto& name : names_[index_of(field)]) {
        list += (list.empty() ? "\"" : ", \"") + name + "\"";
    }
    return list;
}

bool is_unix_time_text(std::string_view value) {
    if (value.size() < 9) return false;
    for (char c : value) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

void assign_field(Article& article, ArticleField field, std::string&& value) {
    trim_whitespace(value);
    if (field == ArticleField::Date) article.date_is_timestamp = is_unix_time_text(value);
    field_in(article, field) = std::move(value);
}

std::string no_text_message(const FieldMatcher& matcher) {
    return "no text or title (looked for " + matcher.quoted_names(ArticleField::Text) +
           " and " + matcher.quoted_names(ArticleField::Title) + ")";
}

}  // namespace newsdex
