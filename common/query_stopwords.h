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

/// The stopwords of --match any (natural-language) queries: query_stopwords()
/// plus the rest of the Snowball English stop list (pronouns, question words,
/// auxiliaries: "what are the effects of"), less "who" (also the WHO). In
/// an OR query such words only add noise to the ranking; with --match all
/// each word is a requirement the user chose, so the short list applies.
const std::vector<std::string>& natural_language_stopwords();

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
///    the end of the query itself, but fails on a stray `)`);
///  - a run of CJK characters followed by a word (outside filter values)
///    gets ` ,` after it (`Gao 加奥 attack` -> `Gao 加奥 , attack`): with
///    FLAG_CJK_NGRAM, Xapian 1.4.22 fails with "parse error" on a word that
///    follows a CJK run which itself followed a word (also when it re-reads
///    a phrase as plain words; fixed after 1.4.22, xapian PR 331). The
///    comma, which Xapian skips, ends that group of words.
std::string rewrite_query(std::string_view text);

/// The length in bytes of the run of characters at byte @p i of @p text
/// that Xapian 1.4.22 splits into n-grams under FLAG_CJK_NGRAM (Chinese,
/// Japanese and Korean letters); 0 when none starts there.
std::size_t cjk_run_length(std::string_view text, std::size_t i);

/// True when the character that ends at byte @p at of @p text is one that
/// cjk_run_length() counts.
bool cjk_before(std::string_view text, std::size_t at);

/// Makes filters written at the top level of a query apply to all of it.
/// Xapian's grammar binds a filter to its neighbour, so `Kidal OR Gao
/// actor:FAMa` would mean `Kidal OR (Gao FILTER actor)`. When the query has
/// an operator and top-level filters (not negated, not in brackets), those
/// are moved after the rest, which is bracketed:
/// `(Kidal OR Gao) actor:FAMa`. Other queries come back unchanged.
std::string hoist_top_level_filters(std::string_view rewritten);

/// Undoes the CJK separators and, when @p original has no curly quotes of
/// its own, the `=word` rewrite in a string derived from rewrite_query()'s
/// output (Xapian's spelling-corrected query).
std::string unrewrite_exact_words(std::string_view original, std::string corrected);

/// The byte offset in @p text of the value of the first `field:value`
/// filter whose value is @p value (after its opening quote when quoted), or
/// std::nullopt. Field names match case-insensitively, as rewrite_query()
/// lower-cases them.
std::optional<std::size_t> find_filter_value(std::string_view text, std::string_view field,
                                             std::string_view value);

/// @p text with the field name of every `@p field:value` (outside quoted
/// phrases) removed, its value left as it was: `title:"convoy attack"
/// Gao` -> `"convoy attack" Gao`. Field names match case-insensitively.
std::string without_field_name(std::string_view text, std::string_view field);

/// The byte offset of the first stand-alone @p op (e.g. "AND") in @p text.
std::optional<std::size_t> find_operator(std::string_view text, std::string_view op);

/// True when @p text has a stand-alone boolean or positional operator
/// (AND OR NOT XOR NEAR ADJ, NEAR/n, ADJ/n).
bool has_operator(std::string_view text);

/// True when @p text is only words and `field:value` filters: no operator
/// word, bracket, quote, wildcard, `~`, `+`, and no `-` opening or ending
/// a word. Xapian's query grammar cannot fail on such text, so its parser
/// never falls back to reading it without operators (fell_back() need not
/// check). Hyphens inside words and anything in a filter's value are fine.
bool only_words_and_filters(std::string_view text);

/// The number of whitespace-separated words in @p text.
std::size_t count_words(std::string_view text);

}  // namespace newsdex

#endif  // NEWSDEX_QUERY_STOPWORDS_H
