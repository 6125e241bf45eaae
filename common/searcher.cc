/** @file
 * @brief Searcher: query translation, ranking, facets and snippets.
 */
#include "searcher.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <string_view>

#include "article_text.h"
#include "column_sort.h"
#include "commit_race.h"
#include "database_set.h"
#include "date_order.h"
#include "facet_counter.h"
#include "gazetteer.h"
#include "more_like_this.h"
#include "passage_snippet.h"
#include "query_stopwords.h"
#include "query_translation.h"
#include "ranking.h"
#include "schema.h"
#include "snippet_window.h"
#include "snowball_stemmer.h"
#include "stored_article.h"

namespace newsdex {

namespace {

// Collapsed searches look at this many matches beyond the page, so that
// the article and group totals are exact for all but very broad queries
// (Xapian's uncollapsed estimates are rough: the matcher only bounds them).
constexpr Xapian::doccount kCollapseCheckAtLeast = 10000;

// MSet::snippet() escapes text for HTML; terminals and JSON want it plain.
std::string unescape_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '&') {
            static const std::pair<std::string_view, char> entities[] = {
                {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
            bool replaced = false;
            for (const auto& [entity, ch] : entities) {
                if (s.substr(i, entity.size()) == entity) {
                    out += ch;
                    i += entity.size() - 1;
                    replaced = true;
                    break;
                }
            }
            if (replaced) continue;
        }
        out += s[i];
    }
    return out;
}

// CJK text is matched character by character (FLAG_CJK_NGRAM), so each
// character is highlighted alone: join neighbours ("**平****民**" -> "**平民**").
std::string join_cjk_highlights(std::string snippet, const HighlightMarkers& markers) {
    if (markers.start.empty() || markers.end.empty()) return snippet;
    const std::string seam = markers.end + markers.start;
    for (std::size_t at = 0; (at = snippet.find(seam, at)) != std::string::npos;) {
        if (cjk_before(snippet, at) && cjk_run_length(snippet, at + seam.size()) > 0)
            snippet.erase(at, seam.size());
        else
            ++at;
    }
    return snippet;
}

// The opening of the text, cut at a word: the snippet of filter-only hits.
std::string text_opening(std::string_view text, std::size_t bytes) {
    // Flattening reads every byte it is given, and a hit's text may run to
    // megabytes: flatten a prefix, longer only while it yields no more than
    // the opening. The flat form of a prefix is a prefix of the whole
    // text's flat form, so the cut below sees the same bytes.
    std::string flat;
    for (std::size_t read = 2 * bytes + 64;; read *= 2) {
        flat = single_line(text.substr(0, read));
        if (flat.size() > bytes || read >= text.size()) break;
    }
    if (flat.size() <= bytes) return flat;
    std::size_t cut = flat.rfind(' ', bytes);
    if (cut == std::string::npos || cut < bytes / 2) {
        cut = bytes;
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
    }
    return flat.substr(0, cut) + "…";
}

}  // namespace

struct Searcher::Impl {
    /// The stemmer snippets of an article in @p language highlight with:
    /// the one its words were indexed with.
    SnippetStemmer& stemmer_for(const std::string& language) {
        auto it = stemmers.find(language);
        if (it == stemmers.end()) {
            const bool known = !snowball_language(language).empty();
            it = stemmers.emplace(language, SnippetStemmer(known ? make_snowball_stem(language) : Xapian::Stem()))
                     .first;
        }
        return it->second;
    }

    /// The other articles of @p hit's near-duplicate group that match
    /// @p query: exact, and cheap since the group term is rare.
    unsigned similar_count(const Xapian::Query& query, const Xapian::Document& hit) const {
        const std::string group = hit.get_value(schema::kSlotDupGroup);
        if (group.empty()) return 0;
        Xapian::Enquire enquire(db);
        enquire.set_query(
            Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(schema::dup_group_term(group))));
        const Xapian::doccount members = enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
        return members > 0 ? members - 1 : 0;
    }

    Xapian::Database db;
    BatchColumns* const batch_columns;  ///< the batch's, or none
    /// batch_columns if the batch reads @p db's columns (worth_reading()),
    /// else none: the search reads Xapian's values as one search alone does.
    BatchColumns* columns = nullptr;
    /// batch_columns if the batch's date filters read @p db's day column
    /// (day_column_worth_reading()), else none.
    BatchColumns* day_columns = nullptr;
    bool has_remote = false;  ///< a shard is remote: no KeyMaker sorts (date_order.h)
    Gazetteer actors, places;  ///< empty until load_gazetteers_for() needs them
    bool gazetteers_loaded = false;
    std::unique_ptr<QueryTranslator> translator;
    std::map<std::string, SnippetStemmer> stemmers;
    /// The current query's words, where snippets of long texts look (run()).
    std::vector<std::string> snippet_words;
    /// The same terms, weighted, for passage_snippet() (run()).
    std::vector<SnippetTerm> passage_terms;
    /// Whether hits that passage_snippet() finds no word in get Xapian's
    /// snippet (needs_xapian_snippet()) or the opening of their text.
    bool xapian_snippets = false;

    Impl(const std::vector<std::string>& paths, BatchColumns* batch) : batch_columns(batch) {
        // A writer's commits while the schema version, gazetteers, date span
        // and languages are read mean opening the newer state again.
        retry_commit_races(
            [&] {
                DatabaseSet set = open_database_set(paths);
                db = set.db;
                has_remote = set.has_remote;
                load();
            },
            [] {});
    }

    void load() {
        // A batch too small for the collection searches as one search alone
        // does, but for date filters that cost most without the day column.
        columns = batch_columns && batch_columns->worth_reading(db) ? batch_columns : nullptr;
        // (Remote shards have no columns: their searches never read them.)
        day_columns =
            batch_columns && !has_remote && batch_columns->day_column_worth_reading(db) ? batch_columns : nullptr;
        gazetteers_loaded = false;
        translator = std::make_unique<QueryTranslator>(db, actors, places, !has_remote, day_columns);
    }

    /// The gazetteers resolve actor and place names: parsing them is most of
    /// the cost of opening a database, so only requests that name an actor
    /// or a place (`--actor`, `--place`, `actor:`, `place:`) load them.
    void load_gazetteers_for(const SearchRequest& request) {
        if (gazetteers_loaded) return;
        if (request.filters.actors.empty() && request.filters.places.empty() &&
            request.query.find("actor:") == std::string::npos && request.query.find("place:") == std::string::npos)
            return;
        try {
            actors = Gazetteer();
            places = Gazetteer();
            actors.load_string("database actors gazetteer", db.get_metadata(schema::kMetaActorsGazetteer));
            places.load_string("database places gazetteer", db.get_metadata(schema::kMetaPlacesGazetteer));
        } catch (const GazetteerError& e) {
            throw SearcherOpenError(std::string("corrupt gazetteer stored in the database: ") + e.what());
        }
        gazetteers_loaded = true;
    }

    void reopen() {
        db.reopen();
        // The translator caches the collection's date span and languages.
        translator = std::make_unique<QueryTranslator>(db, actors, places, !has_remote, day_columns);
    }

    std::optional<SearchResult> run(const SearchRequest& request, const HighlightMarkers& markers,
                                    QueryError& error);
    /// @p mset is the one @p doc came from: its statistics pick snippets.
    SearchHit make_hit(const Xapian::Document& doc, double weight, unsigned rank, const Xapian::MSet& mset,
                       const SearchRequest& request, bool has_free_text, const HighlightMarkers& markers);
};

SearchHit Searcher::Impl::make_hit(const Xapian::Document& doc, double weight, unsigned rank,
                                   const Xapian::MSet& mset, const SearchRequest& request, bool has_free_text,
                                   const HighlightMarkers& markers) {
    SearchHit hit;
    hit.rank = rank;
    hit.score = weight;
    if (request.ids_only) {
        hit.id = doc.get_value(schema::kSlotId);
        return hit;
    }
    StoredArticle data = read_stored_article(doc.get_data(), request.want_snippets);
    hit.id = std::move(data.id);
    hit.title = std::move(data.title);
    hit.source = std::move(data.source);
    hit.url = std::move(data.url);
    hit.path = std::move(data.path);
    hit.lang = std::move(data.lang);
    hit.actors = std::move(data.actors);
    hit.places = std::move(data.places);
    const std::string& date = data.date;
    if (!date.empty()) hit.date = parse_date_bound(date, false);
    if (request.want_snippets) {
        const std::string& text = data.text;
        if (has_free_text) {
            // Highlight with the stemmer the article was indexed with.
            SnippetStemmer& stem = stemmer_for(hit.lang.empty() ? "en" : hit.lang);
            // The query's own terms pick the passage (passage_snippet.h).
            const SnippetWindow read = snippet_window(text, snippet_words, kPassageScanBytes);
            const SnippetStyle style{request.snippet_bytes, markers.start, markers.end, "…"};
            if (auto passage = passage_snippet(read.text, passage_terms, stem, style)) {
                hit.snippet = mark_window_cuts(single_line(*passage), read, "…");
                return hit;
            }
            if (!xapian_snippets) {  // a match in the title only
                hit.snippet = text_opening(text, request.snippet_bytes);
                return hit;
            }
            // No word spells a query term (CJK n-grams, wildcards): Xapian's
            // snippet knows those. Its cost grows with the text it reads, so
            // a long text is read only around the first query word.
            const SnippetWindow window = snippet_window(text, snippet_words);
            const std::string scanned(window.text);
            hit.snippet = unescape_html(single_line(mset.snippet(scanned, request.snippet_bytes, stem.stemmer(),
                                                                 Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                                     Xapian::MSet::SNIPPET_CJK_NGRAM,
                                                                 markers.start, markers.end, "…")));
            hit.snippet = join_cjk_highlights(mark_window_cuts(std::move(hit.snippet), window, "…"), markers);
        } else {
            hit.snippet = text_opening(text, request.snippet_bytes);
        }
    }
    return hit;
}

std::optional<SearchResult> Searcher::Impl::run(const SearchRequest& request, const HighlightMarkers& markers,
                                                QueryError& error) {
    auto started = std::chrono::steady_clock::now();
    load_gazetteers_for(request);
    std::optional<TranslatedQuery> translated = translator->translate(request, error);
    if (!translated) return std::nullopt;
    Xapian::Query query = translated->query;
    bool ranked = translated->has_free_text;
    if (!request.like_ids.empty()) {
        // The liked articles' terms rank; free text, if any, must match too.
        auto liked = find_articles(db, request.like_ids, error);
        if (!liked) return std::nullopt;
        const Xapian::Query similar = more_like_this_query(db, *liked);
        query = ranked ? Xapian::Query(Xapian::Query::OP_AND, query, similar)
                       : Xapian::Query(Xapian::Query::OP_FILTER, similar, query);
        ranked = true;
    }
    if (!request.expand_id.empty()) {
        auto group = duplicate_group_filter(db, request.expand_id, error);
        if (!group) return std::nullopt;
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, *group);
    }
    // Listing a group collapsed would show one article of it.
    const bool collapse = request.collapse && request.expand_id.empty();

    const std::unique_ptr<Xapian::Weight> weighting = make_weighting(request.bm25);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(*weighting);
    if (collapse) enquire.set_collapse_key(schema::kSlotDupGroup);

    SortOrder sort = request.sort;
    if (!ranked && !request.sort_given) sort = SortOrder::Newest;
    // Ties are broken by article ID in every order, so the same collection
    // split into shards ranks identically to one database. Remote shards
    // cannot sort with a KeyMaker: there date_ordered_matches() orders the
    // hits, and this search only counts.
    const bool date_order_by_days = has_remote && sort != SortOrder::Relevance;
    // A batch over one local database makes the sort keys from its columns
    // (column_sort.h); otherwise Xapian reads each candidate's values.
    BatchColumns* const sort_columns = columns && !has_remote && db.size() == 1 ? columns : nullptr;
    if (!date_order_by_days) set_sort_order(enquire, sort, sort_columns, db);

    std::unique_ptr<FacetCounter> counter;
    if (!request.facets.empty()) {
        counter = std::make_unique<FacetCounter>(request.facets, !has_remote && db.size() == 1 ? &db : nullptr,
                                                 columns);
        counter->attach(enquire);
    }
    // Xapian keeps loose bounds on collapsed counts even when it has seen
    // every match; a spy sees each match before collapsing, so counting
    // group keys gives exact article and group totals whenever the matcher
    // looked at fewer documents than it was asked to check (it then saw
    // them all). Xapian's own spy, so remote shards count too.
    Xapian::ValueCountMatchSpy group_keys(schema::kSlotDupGroup);
    if (collapse) enquire.add_matchspy(&group_keys);
    // Facet counts and --count must cover every match, not an estimate.
    Xapian::doccount check_at_least = (counter || request.exact_total) ? db.get_doccount() : 0;
    if (collapse)
        check_at_least = std::max(check_at_least, request.offset + request.limit + kCollapseCheckAtLeast);
    const bool exhaustive = check_at_least >= db.get_doccount();
    // Counting happens in a search of its own, sorted by relevance only, and
    // a second search, without spies, makes the page, in two cases:
    // - Xapian 1.4 passes a remote shard's match to the spies a second time
    //   when the sort is relevance-then-value and the match falls below the
    //   page (multimatch.cc skips its is_remote check on that path).
    // - A ranked page over every match costs more than the page and the
    //   count apart: the matcher must weigh every match and read its ID
    //   (the tie-breaker) before it can drop it, where a top-N search
    //   skips what cannot reach the page, and counting needs neither
    //   weights nor order. (headlines-250k, top 10 with actor and month
    //   facets: mean 2.4 -> 1.7 ms, p99 11.9 -> 9.5 ms.) Date orders gain
    //   nothing: their page reads every match's date either way.
    const bool count_apart =
        (has_remote && (counter || collapse)) || (exhaustive && sort == SortOrder::Relevance);
    if (count_apart || date_order_by_days) enquire.set_sort_by_relevance();
    // An exhaustive count is exact whatever the weights, so it skips BM25
    // (document lengths, per-term arithmetic). Not for remote date orders:
    // their snippets take the query's statistics from this MSet.
    if (count_apart && exhaustive && !date_order_by_days) enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Counting apart still checks as many matches as the page holds, so that
    // totals are exact whenever they would be without remote shards.
    const bool paging_apart = count_apart || date_order_by_days;
    Xapian::MSet mset = paging_apart ? enquire.get_mset(0, 0, std::max(check_at_least, request.offset + request.limit))
                                     : enquire.get_mset(request.offset, request.limit, check_at_least);
    Xapian::MSet page = mset;  // the hits (unless date_order_by_days)
    if (count_apart && !date_order_by_days) {
        Xapian::Enquire paging(db);
        paging.set_query(query);
        paging.set_weighting_scheme(*weighting);
        if (collapse) paging.set_collapse_key(schema::kSlotDupGroup);
        set_sort_order(paging, SortOrder::Relevance, sort_columns, db);
        page = paging.get_mset(request.offset, request.limit);
    }

    SearchResult result;
    result.query = request.query;
    result.parsed = query.get_description();
    result.resolved_filters = translated->resolved_filters;
    if (!request.like_ids.empty()) {
        std::string liked = "like: ";
        for (std::size_t i = 0; i < request.like_ids.size(); ++i) liked += (i ? ", " : "") + request.like_ids[i];
        result.resolved_filters.push_back(liked);
    }
    if (!request.expand_id.empty()) result.resolved_filters.push_back("near-duplicates of: " + request.expand_id);
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    result.collapsed = collapse;
    if (collapse) {
        const Xapian::doccount seen = group_keys.get_total();
        result.total_exact = seen < check_at_least || check_at_least >= db.get_doccount();
        // Articles without a key are not collapsed: each is a group.
        Xapian::doccount groups = 0, keyed = 0;
        for (auto key = group_keys.values_begin(); key != group_keys.values_end(); ++key) {
            ++groups;
            keyed += key.get_termfreq();
        }
        result.groups = result.total_exact ? groups + (seen - keyed) : mset.get_matches_estimated();
        result.total = result.total_exact ? seen : mset.get_uncollapsed_matches_estimated();
    }
    result.offset = request.offset;
    const bool query_snippets = request.want_snippets && ranked;
    snippet_words = query_snippets ? newsdex::snippet_words(query) : std::vector<std::string>();
    passage_terms = query_snippets ? snippet_terms(query, date_order_by_days ? mset : page, db.get_doccount())
                                   : std::vector<SnippetTerm>();
    xapian_snippets = query_snippets && needs_xapian_snippet(query, passage_terms);
    if (date_order_by_days) {
        const auto ordered = date_ordered_matches(db, query, *weighting, sort == SortOrder::Newest, collapse,
                                                  request.offset + request.limit);
        for (std::size_t i = request.offset; i < ordered.size(); ++i) {
            const Xapian::Document doc = db.get_document(ordered[i].docid);
            // Snippets from the statistics of the whole query, as locally.
            result.hits.push_back(
                make_hit(doc, ordered[i].weight, static_cast<unsigned>(i + 1), mset, request, ranked, markers));
            if (collapse) result.hits.back().similar = similar_count(query, doc);
        }
    } else {
        for (auto item = page.begin(); item != page.end(); ++item) {
            const Xapian::Document doc = item.get_document();
            result.hits.push_back(
                make_hit(doc, item.get_weight(), item.get_rank() + 1, page, request, ranked, markers));
            if (collapse) result.hits.back().similar = similar_count(query, doc);
        }
    }
    if (counter) result.facets = counter->facets(request.facet_limit);
    // The translator corrects only queries with a word the collection lacks.
    if (!translated->corrected_query.empty() && translated->corrected_query != request.query)
        result.suggestion = translated->corrected_query;
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

Searcher::Searcher(const std::vector<std::string>& databases, BatchColumns* columns)
    : impl_(std::make_unique<Impl>(databases, columns)) {}
Searcher::~Searcher() = default;

Xapian::doccount Searcher::size() const { return impl_->db.get_doccount(); }

std::optional<SearchResult> Searcher::search(const SearchRequest& request, const HighlightMarkers& markers,
                                             QueryError& error) {
    // An indexer committed twice while we read: answer from its newest
    // committed state instead (commit_race.h).
    return retry_commit_races([&] { return impl_->run(request, markers, error); }, [&] { impl_->reopen(); });
}

}  // namespace newsdex
