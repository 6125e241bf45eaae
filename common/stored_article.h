/** @file
 * @brief Reading the fields of an article's stored document data.
 *
 * The indexer stores each article as one JSON object (schema.h, data::).
 * Search results read it for every hit; a general JSON parser builds a tree
 * and copies the text (most of the data) one character at a time, so this
 * reader scans the flat object directly and keeps only what is asked for.
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
