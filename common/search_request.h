/** @file
 * @brief What a search asks for and what it returns.
 *
 * The searcher fills a SearchResult; printing it as text, JSON or TSV is a
 * separate step (result_format.h), so every output format shows the same
 * answer.
 */
#ifndef NEWSDEX_SEARCH_REQUEST_H
#define NEWSDEX_SEARCH_REQUEST_H

#include <optional>
#include <string>
#include <vector>

#include "dates.h"
#include "ranking.h"

namespace newsdex {

enum class MatchMode { All, Any };
enum class SortOrder { Relevance, Newest, Oldest };

/// Facets the searcher can count. Week (ISO 8601), month and year come from
/// the date slot; ActorPair counts each pair of actors an article names.
enum class FacetKind { Actor, Place, Month, Year, Source, Lang, ActorPair, Week };

/// Filters given as options (--from, --actor, ...). The same filters can be
/// written inside the query (actor:NAME, date:..); both are ANDed.
struct FilterOptions {
    std::optional<Day> from, to;  ///< inclusive; already expanded to days
    /// Each entry must match; an entry "A|B" matches either name.
    std::vector<std::string> actors, places, sources, langs;
    bool include_undated = false;  ///< date filters also keep undated articles
};

struct SearchRequest {
    std::string query;  ///< the user's query text (may be empty: filters only)
    MatchMode match = MatchMode::All;
    SortOrder sort = SortOrder::Relevance;
    bool sort_given = false;  ///< false: filters-only queries sort newest first
    unsigned limit = 10;
    unsigned offset = 0;
    FilterOptions filters;
    std::vector<FacetKind> facets;
    unsigned facet_limit = 10;
    /// Count every match exactly (--count); otherwise the total may be an
    /// estimate when there are more matches than shown.
    bool exact_total = false;
    bool want_snippets = true;
    /// Fill only each hit's rank, score and ID, read from the ID value slot
    /// rather than the stored document (--ids): the other fields stay empty.
    bool ids_only = false;
    unsigned snippet_bytes = 240;
    /// One hit per near-duplicate group (duplicate_groups.h), with the
    /// number of other matching group members in SearchHit::similar.
    bool collapse = false;
    /// More like these articles (IDs): their most informative terms become
    /// the ranked query, ANDed with the free text, if any; the filters
    /// apply; the articles themselves are left out.
    std::vector<std::string> like_ids;
    /// Only the near-duplicate group of the article with this ID (its copies
    /// and itself), "" for no such restriction.
    std::string expand_id;
    /// Languages to analyse the free text in (ISO 639-1); empty: those of
    /// the --lang filter if given, else every language of the collection.
    std::vector<std::string> query_languages;
    /// The BM25 parameters of ranked searches (ranking.h: the shipped ones).
    Bm25Parameters bm25;
};

/// A query that cannot run: bad syntax, unknown actor, malformed date.
/// `position` is the 0-based byte offset in the query text, or -1 when the
/// problem is in an option rather than the query.
struct QueryError {
    std::string message;
    int position = -1;
};

struct SearchHit {
    unsigned rank = 0;  ///< 1-based, counting from the first result overall
    std::string id;
    double score = 0;   ///< BM25 weight; 0 when sorting ignores relevance
    std::optional<Day> date;
    std::string title, source, url, path, lang;
    std::vector<std::string> actors, places;
    /// With SearchRequest::collapse: how many other articles of this hit's
    /// near-duplicate group also match (collapsed into it).
    unsigned similar = 0;
    /// The passage that best matches the query; matched words are wrapped in
    /// the highlight markers given to the searcher.
    std::string snippet;
};

struct FacetValue {
    std::string value;
    unsigned count = 0;
};

struct Facet {
    FacetKind kind;
    /// By count, then value; week/month/year chronological. Actor pairs read
    /// "A + B" (the two canonical names in alphabetical order).
    std::vector<FacetValue> values;
};

struct SearchResult {
    std::string query;
    std::string parsed;     ///< how the query was understood (Xapian's description)
    std::vector<std::string> resolved_filters;  ///< e.g. "actor: JNIM"
    unsigned total = 0;     ///< number of matching articles
    bool total_exact = true;
    bool collapsed = false; ///< near-duplicates collapsed (SearchRequest::collapse)
    /// With collapsed: the number of matching groups (hits after collapsing);
    /// exact when total_exact.
    unsigned groups = 0;
    unsigned offset = 0;
    std::vector<SearchHit> hits;
    std::vector<Facet> facets;
    std::string suggestion;  ///< "did you mean" query, or ""
    double elapsed_ms = 0;
};

const char* facet_name(FacetKind kind);
/// "actor", "place", "month", "year", "source", "lang", "actor-pair",
/// "week" (and the plurals "actors", "places", "actor-pairs"); false if
/// unknown.
bool parse_facet_name(const std::string& name, FacetKind& out);

}  // namespace newsdex

#endif  // NEWSDEX_SEARCH_REQUEST_H
