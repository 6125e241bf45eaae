/** @file
 * @brief Searcher: query translation, ranking, facets and snippets.
 */
#include "searcher.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "article_text.h"
#include "facet_counter.h"
#include "gazetteer.h"
#include "more_like_this.h"
#include "query_translation.h"
#include "schema.h"
#include "snowball_stemmer.h"

namespace newsdex {

namespace {

// Retries of a search that raced with a writer's commit. Each retry reopens
// the database at its newest commit; more than a few in a row would mean
// the indexer commits faster than we can search, which it does not.
constexpr int kMaxAttempts = 5;

// Collapsed searches look at this many matches beyond the page, so that
// the article and group totals are exact for all but very broad queries
// (Xapian's uncollapsed estimates are rough: the matcher only bounds them).
constexpr Xapian::doccount kCollapseCheckAtLeast = 10000;

/// Counts the documents the matcher looks at and their near-duplicate
/// groups. Xapian keeps loose bounds on collapsed counts even when it has
/// seen every match, but when it looked at fewer documents than it was
/// asked to check, it has seen them all, and these counts are exact.
class MatchCounter : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double) override {
        ++count_;
        groups_.insert(std::hash<std::string>{}(doc.get_value(schema::kSlotDupGroup)));
    }
    Xapian::doccount count() const { return count_; }
    Xapian::doccount groups() const { return static_cast<Xapian::doccount>(groups_.size()); }

  private:
    Xapian::doccount count_ = 0;
    std::unordered_set<std::size_t> groups_;  // hashes: a collision merely merges two groups' count
};

Xapian::Database open_collection(const std::vector<std::string>& paths) {
    Xapian::Database db;
    for (const auto& path : paths) {
        try {
            Xapian::Database part(path);
            std::string version = part.get_metadata(schema::kMetaSchemaVersion);
            if (version != std::to_string(schema::kSchemaVersion))
                throw SearcherOpenError(path + " is not a newsdex database of this version (schema " +
                                        (version.empty() ? std::string("none") : version) +
                                        "); index it with this newsdex-index");
            db.add_database(part);
        } catch (const Xapian::DatabaseNotFoundError&) {
            throw SearcherOpenError("no database at " + path + " (index one with newsdex-index --db " + path + ")");
        } catch (const Xapian::DatabaseOpeningError& e) {
            throw SearcherOpenError("cannot open database " + path + ": " + e.get_msg());
        }
    }
    return db;
}

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

// The opening of the text, cut at a word: the snippet of filter-only hits.
std::string text_opening(const std::string& text, std::size_t bytes) {
    std::string flat = single_line(text);
    if (flat.size() <= bytes) return flat;
    std::size_t cut = flat.rfind(' ', bytes);
    if (cut == std::string::npos || cut < bytes / 2) {
        cut = bytes;
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
    }
    return flat.substr(0, cut) + "…";
}

std::vector<std::string> string_list(const nlohmann::json& j) {
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::string string_field(const nlohmann::json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

struct Searcher::Impl {
    /// "Did you mean" is for queries with a word the collection lacks:
    /// Xapian also proposes more frequent neighbours of words that exist.
    /// A query read in several languages lacks a word only if every
    /// reading does (English stems are missing from French articles).
    bool has_unknown_word(const std::vector<Xapian::Query>& readings) const {
        for (const auto& query : readings) {
            bool unknown = false;
            for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end() && !unknown; ++t) {
                const std::string& term = *t;
                bool free_text = !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z' && term[0] != 'Z');
                unknown = free_text && db.get_termfreq(term) == 0;
            }
            if (!unknown) return false;
        }
        return !readings.empty();
    }

    /// The stemmer snippets of an article in @p language highlight with:
    /// the one its words were indexed with.
    const Xapian::Stem& stemmer_for(const std::string& language) {
        auto it = stemmers.find(language);
        if (it == stemmers.end()) {
            const bool known = !snowball_language(language).empty();
            it = stemmers.emplace(language, known ? make_snowball_stem(language) : Xapian::Stem()).first;
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
    Gazetteer actors, places;
    std::unique_ptr<QueryTranslator> translator;
    std::map<std::string, Xapian::Stem> stemmers;

    explicit Impl(const std::vector<std::string>& paths) {
        // A writer's commits while the schema version, gazetteers, date span
        // and languages are read mean opening the newer state again.
        for (int attempt = 1;; ++attempt) {
            try {
                db = open_collection(paths);
                load();
                return;
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt == kMaxAttempts) throw;
            } catch (const Xapian::DatabaseCorruptError&) {
                // Opening while a writer commits twice in quick succession can
                // read a block the writer has just reused; glass reports that
                // as corruption. A real corruption fails every attempt.
                if (attempt == kMaxAttempts) throw;
                std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
            }
        }
    }

    void load() {
        try {
            actors = Gazetteer();
            places = Gazetteer();
            actors.load_string("database actors gazetteer", db.get_metadata(schema::kMetaActorsGazetteer));
            places.load_string("database places gazetteer", db.get_metadata(schema::kMetaPlacesGazetteer));
        } catch (const GazetteerError& e) {
            throw SearcherOpenError(std::string("corrupt gazetteer stored in the database: ") + e.what());
        }
        translator = std::make_unique<QueryTranslator>(db, actors, places);
    }

    void reopen() {
        db.reopen();
        // The translator caches the collection's date span and languages.
        translator = std::make_unique<QueryTranslator>(db, actors, places);
    }

    std::optional<SearchResult> run(const SearchRequest& request, const HighlightMarkers& markers,
                                    QueryError& error);
    SearchHit make_hit(const Xapian::MSetIterator& item, const Xapian::MSet& mset, const SearchRequest& request,
                       bool has_free_text, const HighlightMarkers& markers);
};

SearchHit Searcher::Impl::make_hit(const Xapian::MSetIterator& item, const Xapian::MSet& mset,
                                   const SearchRequest& request, bool has_free_text,
                                   const HighlightMarkers& markers) {
    SearchHit hit;
    hit.rank = item.get_rank() + 1;
    hit.score = item.get_weight();
    Xapian::Document doc = item.get_document();
    nlohmann::json data = nlohmann::json::parse(doc.get_data(), nullptr, false);
    if (data.is_discarded()) data = nlohmann::json::object();
    hit.id = string_field(data, schema::data::kId);
    hit.title = string_field(data, schema::data::kTitle);
    hit.source = string_field(data, schema::data::kSource);
    hit.url = string_field(data, schema::data::kUrl);
    hit.path = string_field(data, schema::data::kPath);
    hit.lang = string_field(data, schema::data::kLang);
    hit.actors = string_list(data.value(schema::data::kActors, nlohmann::json()));
    hit.places = string_list(data.value(schema::data::kPlaces, nlohmann::json()));
    std::string date = string_field(data, schema::data::kDate);
    if (!date.empty()) hit.date = parse_date_bound(date, false);
    if (request.want_snippets) {
        std::string text = string_field(data, schema::data::kText);
        if (has_free_text) {
            // Highlight with the stemmer the article was indexed with.
            const Xapian::Stem& stem = stemmer_for(hit.lang.empty() ? "en" : hit.lang);
            hit.snippet = unescape_html(single_line(mset.snippet(text, request.snippet_bytes, stem,
                                                                 Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
                                                                 markers.start, markers.end, "…")));
        } else {
            hit.snippet = text_opening(text, request.snippet_bytes);
        }
    }
    return hit;
}

std::optional<SearchResult> Searcher::Impl::run(const SearchRequest& request, const HighlightMarkers& markers,
                                                QueryError& error) {
    auto started = std::chrono::steady_clock::now();
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

    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (collapse) enquire.set_collapse_key(schema::kSlotDupGroup);

    SortOrder sort = request.sort;
    if (!ranked && !request.sort_given) sort = SortOrder::Newest;
    // Ties are broken by article ID in every order, so the same collection
    // split into shards ranks identically to one database.
    if (sort == SortOrder::Relevance) {
        enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
    } else {
        auto* keys = new Xapian::MultiValueKeyMaker;
        if (sort == SortOrder::Newest)
            keys->add_value(schema::kSlotDate, true);  // reversed: undated ("") sorts last
        else
            keys->add_value(schema::kSlotDate, false, std::string(1, '\xff'));  // undated last
        keys->add_value(schema::kSlotId);
        enquire.set_sort_by_key_then_relevance(keys->release(), false);
    }

    std::unique_ptr<FacetCounter> counter;
    if (!request.facets.empty()) {
        counter = std::make_unique<FacetCounter>(request.facets);
        enquire.add_matchspy(counter.get());
    }
    MatchCounter matched;
    if (collapse) enquire.add_matchspy(&matched);
    // Facet counts and --count must cover every match, not an estimate.
    Xapian::doccount check_at_least = (counter || request.exact_total) ? db.get_doccount() : 0;
    if (collapse)
        check_at_least = std::max(check_at_least, request.offset + request.limit + kCollapseCheckAtLeast);
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);

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
        result.total_exact = matched.count() < check_at_least || check_at_least >= db.get_doccount();
        result.groups = result.total_exact ? matched.groups() : mset.get_matches_estimated();
        result.total = result.total_exact ? matched.count() : mset.get_uncollapsed_matches_estimated();
    }
    result.offset = request.offset;
    for (auto item = mset.begin(); item != mset.end(); ++item) {
        result.hits.push_back(make_hit(item, mset, request, ranked, markers));
        if (collapse) result.hits.back().similar = similar_count(query, item.get_document());
    }
    if (counter) result.facets = counter->facets(request.facet_limit);
    if (!translated->corrected_query.empty() && translated->corrected_query != request.query &&
        has_unknown_word(translated->readings))
        result.suggestion = translated->corrected_query;
    result.elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return result;
}

Searcher::Searcher(const std::vector<std::string>& databases) : impl_(std::make_unique<Impl>(databases)) {}
Searcher::~Searcher() = default;

Xapian::doccount Searcher::size() const { return impl_->db.get_doccount(); }

std::optional<SearchResult> Searcher::search(const SearchRequest& request, const HighlightMarkers& markers,
                                             QueryError& error) {
    for (int attempt = 1;; ++attempt) {
        try {
            return impl_->run(request, markers, error);
        } catch (const Xapian::DatabaseModifiedError&) {
            // An indexer committed twice while we read: answer from its
            // newest committed state instead.
            if (attempt == kMaxAttempts) throw;
            impl_->reopen();
        } catch (const Xapian::DatabaseCorruptError&) {
            // The same race seen as a block of the wrong kind (see Impl()).
            if (attempt == kMaxAttempts) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
            impl_->reopen();
        }
    }
}

}  // namespace newsdex
