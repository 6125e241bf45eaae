/** @file
 * @brief Query translation: the user's query text plus filter options ->
 *        one Xapian::Query, or a QueryError saying what is wrong and where.
 *
 * The query language (README "Query language"): words (stemmed; `=word` for
 * the exact form), "phrases", AND OR NOT, +/-, NEAR, trailing * wildcards,
 * parentheses, `title:`; filters actor:NAME place:NAME source:NAME
 * lang:CODE year:YYYY date:PERIOD and date:FROM..TO (either end open).
 */
#ifndef NEWSDEX_QUERY_TRANSLATION_H
#define NEWSDEX_QUERY_TRANSLATION_H

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dates.h"
#include "search_request.h"

namespace newsdex {

class BatchColumns;
class Gazetteer;

struct TranslatedQuery {
    Xapian::Query query;   ///< free text and every filter, ready for Enquire
    /// False when the query has no free-text part (only filters, or empty):
    /// such queries list matches newest first and have no snippets to match.
    bool has_free_text = false;
    /// The filters as resolved, for --explain: "actor: JNIM (from 'GSIM')",
    /// "date: 2024-03-01..2024-03-31".
    std::vector<std::string> resolved_filters;
    /// Xapian's spelling-corrected query string: "" when nothing to correct,
    /// and also when every free-text word occurs in the collection (in some
    /// reading) or the database has no spelling data. Only such queries pay
    /// for the spelling lookups.
    std::string corrected_query;
    /// The languages the free text was analysed in, and its distinct
    /// readings (query merges them, see merge_readings()). Empty when there
    /// is no free text.
    std::vector<std::string> languages;
    std::vector<Xapian::Query> readings;
};

/// Translates queries for one database. Not thread-safe (it owns a
/// QueryParser and a stemmer): make one per thread.
/// Readings of one query at most: each costs a parse.
inline constexpr std::size_t kMaxQueryLanguages = 6;

class QueryTranslator {
  public:
    /// @p db supplies the date span (for open-ended date ranges) and the
    /// spelling table; the gazetteers resolve actor/place names. All three
    /// must outlive the translator.
    /// @p local: every database of @p db is local, so queries may use the
    /// project's posting sources (DateValueSource), which xapian-tcpsrv
    /// does not know.
    /// @p columns (local databases only; it must outlive the translator
    /// and its queries): date filters read the batch's day columns
    /// (date_column.h) instead of each candidate's date value.
    QueryTranslator(const Xapian::Database& db, const Gazetteer& actors, const Gazetteer& places,
                    bool local = true, BatchColumns* columns = nullptr);
    ~QueryTranslator();
    QueryTranslator(const QueryTranslator&) = delete;
    QueryTranslator& operator=(const QueryTranslator&) = delete;

    /// Translates request.query and request.filters (and request.match).
    /// The free text is read once per query language, each time stemmed
    /// with that language's Snowball stemmer, and the readings are merged
    /// (merge_readings()): French articles are indexed with French stems, English ones
    /// with English stems, and `frappes de drones` must find the former
    /// while `drone strikes` finds the latter. The query languages are
    /// request.query_languages, else those of the --lang filters, else the
    /// collection's (most frequent first, at most kMaxQueryLanguages).
    /// Returns std::nullopt and fills @p error on a bad query or filter.
    std::optional<TranslatedQuery> translate(const SearchRequest& request, QueryError& error);

  private:
    struct Impl;
    Impl* impl_;
};

/// One query from readings of the same text that differ only in their
/// stemmed terms (each language's stemmer): the first reading's tree with
/// every term that differs replaced by an OP_SYNONYM of its variants, so
/// `drones` is Zdrone SYNONYM Zdron and `-wagner` excludes both stems.
/// std::nullopt when the trees differ in shape or a differing term sits
/// under an operator with parameters (the caller then keeps one reading).
std::optional<Xapian::Query> merge_readings(const std::vector<Xapian::Query>& readings);

/// Whether @p query_text names a date filter: `date:` or `year:` at the
/// start of a word. A guess from the text alone (it may be inside a
/// phrase), to plan a batch before its queries are translated.
bool names_date_filter(std::string_view query_text);

/// The period a `date:` value names: inclusive days, either end open.
struct DateSpan {
    std::optional<Day> from, to;
};

/// Parses the value of a `date:` filter: "YYYY", "YYYY-MM", "YYYY-MM-DD", or
/// a range "A..B", "A.." or "..B" of those. On a malformed or reversed value
/// returns std::nullopt, sets @p error to the message and @p error_offset to
/// the byte offset in @p text of the offending part.
std::optional<DateSpan> parse_date_filter(std::string_view text, std::string& error,
                                          std::size_t& error_offset);

/// The boolean query selecting articles dated from @p from to @p to
/// inclusive (either may be unset = open), as an OR of the coarsest
/// year/month/day terms that tile the range exactly. @p first and @p last
/// are the earliest and latest dates in the database, used to close open
/// ends. With @p include_undated, undated articles match too.
/// Returns Xapian::Query::MatchNothing for an empty range.
Xapian::Query date_range_query(std::optional<Day> from, std::optional<Day> to,
                               std::optional<Day> first, std::optional<Day> last,
                               bool include_undated);

/// The same query without the terms of the tiling that index no article:
/// @p has_articles says whether a Y/M/D term does (the translator asks the
/// database). It matches the same articles, and Xapian estimates the same
/// counts for it, at the cost of fewer posting lists. A range with no
/// article keeps one term of its tiling (matching nothing);
/// Xapian::Query::MatchNothing only as above.
Xapian::Query date_range_query(std::optional<Day> from, std::optional<Day> to, std::optional<Day> first,
                               std::optional<Day> last, bool include_undated,
                               const std::function<bool(const std::string& term)>& has_articles);

/// The same articles as date_range_query(), selected by their date value
/// (DateValueSource): cheaper than the tiling's terms when only a few
/// candidates need their date checked, far dearer when many do. Local
/// databases only: xapian-tcpsrv knows no such posting source.
Xapian::Query date_value_query(std::optional<Day> from, std::optional<Day> to, bool include_undated);

/// Articles whose date value (schema::kSlotDate, "YYYYMMDD") lies in
/// [low, high], either end open when empty. Unlike OP_VALUE_RANGE, whose
/// estimate can make Xapian walk the whole slot, it estimates every dated
/// article, so the words of the query drive the match and only their
/// candidates have their date read (check()).
class DateValueSource : public Xapian::ValuePostingSource {
  public:
    DateValueSource(std::string low, std::string high);
    void init(const Xapian::Database& db) override;
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    Xapian::PostingSource* clone() const override;
    std::string get_description() const override;

  private:
    bool in_range() const;
    void skip_out_of_range(double min_wt);
    std::string low_, high_;
};

}  // namespace newsdex

#endif  // NEWSDEX_QUERY_TRANSLATION_H
