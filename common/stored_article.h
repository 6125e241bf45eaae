/** @file
 * @brief An article's stored document data: its layout, and reading its
 *        fields.
 *
 * The indexer stores each article as one JSON object, then its packed text
 * (schema.h, data::). Search results read it for every hit; a general JSON
 * parser builds a tree and copies the text (most of the data) one character
 * at a time, so this reader scans the flat object directly and keeps only
 * what is asked for.
 */
#ifndef NEWSDEX_STORED_ARTICLE_H
#define NEWSDEX_STORED_ARTICLE_H

#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// The stored fields; "" (or empty lists) for fields that are missing,
/// null or of another type.
struct StoredArticle {
    std::string id, title, date, source, url, path, lang, text;
    std::vector<std::string> actors, places;
};

/// The document data of an article: @p object (its fields as one JSON
/// object), then, when @p text is not empty, the separator and @p text
/// packed by pack_stored_text().
std::string stored_article_data(std::string object, std::string_view text);

/// The JSON object at the head of @p data: all of it up to schema 5, the
/// part before the packed text since schema 6.
std::string_view stored_object(std::string_view data);

/// The fields of @p data, a document's data as the indexer writes it: the
/// JSON object, then the packed text (schema 6), or the text inside the
/// object (up to schema 5). @p want_text false leaves `text` empty without
/// copying or inflating it. Never throws:
/// data that is not a JSON object gives an empty StoredArticle. Objects
/// holding other value types than strings, null and arrays of strings are
/// read by a general JSON parser, with the same result.
StoredArticle read_stored_article(std::string_view data, bool want_text);

}  // namespace newsdex

#endif  // NEWSDEX_STORED_ARTICLE_H
