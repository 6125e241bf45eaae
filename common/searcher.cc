/** @file
 * @brief Searcher: query translation, ranking, facets and snippets.
 */
#include "searcher.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "article_text.h"
#include "facet_counter.h"
#include "gazetteer.h"
#include "query_translation.h"
#include "schema.h"
#include "snowball_stemmer.h"

namespace newsdex {

namespace {

// Retries of a search that raced with a writer's commit. Each retry reopens
// the database at its newest commit; more than a few in a row would mean
// the indexer commits faster than we can search, which it does not.
constexpr int kMaxAttempts = 5;

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
    bool has_unknown_word(const Xapian::Query& query) const {
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
            const std::string& term = *t;
            bool free_text = !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z' && term[0] != 'Z');
            if (free_text && db.get_termfreq(term) == 0) return true;
        }
        return false;
    }

    Xapian::Database db;
    Gazetteer actors, places;
    std::unique_ptr<QueryTranslator> translator;
    Xapian::Stem stemmer = make_snowball_stem("en");

    explicit Impl(const std::vector<std::string>& paths) : db(open_collection(paths)) {
        try {
            actors.load_string("database actors gazetteer", db.get_metadata(schema::kMetaActorsGazetteer));
            places.load_string("database places gazetteer", db.get_metadata(schema::kMetaPlacesGazetteer));
        } catch (const GazetteerError& e) {
            throw SearcherOpenError(std::string("corrupt gazetteer stored in the database: ") + e.what());
        }
        translator = std::make_unique<QueryTranslator>(db, actors, places);
    }

    void reopen() {
        db.reopen();
        // The translator caches the collection's date span: rebuild it.
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
            hit.snippet = unescape_html(single_line(
                mset.snippet(text, request.snippet_bytes, stemmer, Xapian::MSet::SNIPPET_BACKGROUND_MODEL,
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

    Xapian::Enquire enquire(db);
    enquire.set_query(translated->query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());

    SortOrder sort = request.sort;
    if (!translated->has_free_text && !request.sort_given) sort = SortOrder::Newest;
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
    // Facet counts and --count must cover every match, not an estimate.
    Xapian::doccount check_at_least = (counter || request.exact_total) ? db.get_doccount() : 0;
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, check_at_least);

    SearchResult result;
    result.query = request.query;
    result.parsed = translated->query.get_description();
    result.resolved_filters = translated->resolved_filters;
    result.total = mset.get_matches_estimated();
    result.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    result.offset = request.offset;
    for (auto item = mset.begin(); item != mset.end(); ++item)
        result.hits.push_back(make_hit(item, mset, request, translated->has_free_text, markers));
    if (counter) result.facets = counter->facets(request.facet_limit);
    if (!translated->corrected_query.empty() && translated->corrected_query != request.query &&
        has_unknown_word(translated->query))
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
        }
    }
}

}  // namespace newsdex
