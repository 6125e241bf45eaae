/** @file
 * @brief The English stopwords the searcher drops from free-text queries,
 *        and the query-text rewriting done before Xapian's QueryParser sees
 *        a query (the parts of the query language Xapian lacks).
 */
#ifndef NEWSDEX_QUERY_STOPWORDS_H
#define NEWSDEX_QUERY_STOPWORDS_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// A short English stopword list (lower case). Short on purpose: analysts
/// search for "who", "us" and "will" as words; only glue words go.
const std::vector<std::string>& query_stopwords();

/// Names of the query's boolean filter fields (actor, place, source, lang,
/// year, date) and of the `title` field.
bool is_boolean_field(std::string_view name);
bool is_query_field(std::string_view name);

/// Rewrites query text into what Xapian's QueryParser understands:
///  - `=word` becomes the one-word phrase “word” (curly quotes, so it can be
///    told apart from the user's own quotes), which QueryParser never stems;
///    before a `*` or next to NEAR/ADJ, where no stemming happens anyway and
///    a phrase would break the syntax, the `=` is just dropped;
///  - field names are lower-cased and spaces after their colon removed
///    (`Actor: JNIM` -> `actor:JNIM`); filter values are copied untouched;
///  - an unmatched `)` is dropped (Xapian closes unmatched `(` and `"` at
///    the end of the query itself, but fails on a stray `)`).
std::string rewrite_query(std::string_view text);

/// Makes filters written at the top level of a query apply to all of it.
/// Xapian's grammar binds a filter to its neighbour, so `Kidal OR Gao
/// actor:FAMa` would mean `Kidal OR (Gao FILTER actor)`. When the query has
/// an operator and top-level filters (not negated, not in brackets), those
/// are moved after the rest, which is bracketed:
/// `(Kidal OR Gao) actor:FAMa`. Other queries come back unchanged.
std::string hoist_top_level_filters(std::string_view rewritten);

/// Undoes the `=word` rewrite in a string derived from rewrite_query()'s
/// output (Xapian's spelling-corrected query), when @p original has no
/// curly quotes of its own.
std::string unrewrite_exact_words(std::string_view original, std::string corrected);

/// The byte offset in @p text of the value of the first `field:value`
/// filter whose value is @p value (after its opening quote when quoted), or
/// std::nullopt. Field names match case-insensitively, as rewrite_query()
/// lower-cases them.
std::optional<std::size_t> find_filter_value(std::string_view text, std::string_view field,
                                             std::string_view value);

/// The byte offset of the first stand-alone @p op (e.g. "AND") in @p text.
std::optional<std::size_t> find_operator(std::string_view text, std::string_view op);

/// True when @p text has a stand-alone boolean or positional operator
/// (AND OR NOT XOR NEAR ADJ, NEAR/n, ADJ/n).
bool has_operator(std::string_view text);

/// The number of whitespace-separated words in @p text.
std::size_t count_words(std::string_view text);

}  // namespace newsdex

#endif  // NEWSDEX_QUERY_STOPWORDS_H
