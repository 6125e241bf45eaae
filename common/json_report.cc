/** @file
 * @brief JSON and JSON Lines output (schema documented in result_format.h).
 *
 * Built with nlohmann::ordered_json so keys come out in the documented order
 * (batch "line"/"id" first), which keeps the output diffable and easy to
 * read; plain nlohmann::json would sort them alphabetically.
 */
#include <ostream>

#include <nlohmann/json.hpp>

#include "result_format.h"
#include "result_format_internal.h"

namespace newsdex {

namespace {

using Json = nlohmann::ordered_json;

/// "" means "no value" in SearchResult; JSON says so explicitly.
Json string_or_null(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json hit_json(const SearchHit& hit) {
    Json j;
    j["rank"] = hit.rank;
    j["id"] = hit.id;
    // Four decimals tell BM25 scores apart without printing float noise
    // like 12.345678901234567.
    j["score"] = format_detail::round_to(hit.score, 4);
    j["date"] = hit.date ? Json(format_detail::day_text(hit.date)) : Json(nullptr);
    j["title"] = hit.title;
    j["source"] = hit.source;
    j["lang"] = hit.lang;
    j["url"] = hit.url;
    j["path"] = hit.path;
    j["actors"] = hit.actors;
    j["places"] = hit.places;
    j["similar"] = hit.similar;
    j["snippet"] = hit.snippet;
    return j;
}

Json batch_fields(const BatchContext* batch) {
    Json j = Json::object();
    if (batch) {
        j["line"] = batch->line;
        j["id"] = string_or_null(batch->id);
    }
    return j;
}

void dump(std::ostream& out, const Json& j, bool pretty) {
    // error_handler_t::replace: an article with invalid UTF-8 must not make
    // the whole result (or a whole batch) fail; bad bytes become U+FFFD.
    out << j.dump(pretty ? 2 : -1, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace)
        << '\n';
}

}  // namespace

void write_json(std::ostream& out, const SearchResult& result, bool pretty,
                const BatchContext* batch) {
    Json j = batch_fields(batch);
    j["query"] = result.query;
    j["parsed"] = result.parsed;
    j["total"] = result.total;
    j["total_exact"] = result.total_exact;
    j["collapsed"] = result.collapsed;
    j["groups"] = result.collapsed ? Json(result.groups) : Json(nullptr);
    j["offset"] = result.offset;
    Json hits = Json::array();
    for (const auto& hit : result.hits) hits.push_back(hit_json(hit));
    j["hits"] = std::move(hits);
    // Always an object (possibly empty) so consumers need no type check.
    Json facets = Json::object();
    for (const auto& facet : result.facets) {
        Json values = Json::array();
        for (const auto& v : facet.values) {
            Json entry{{"value", v.value}, {"count", v.count}};
            // The two names of a pair, so scripts need not split "A + B".
            if (facet.kind == FacetKind::ActorPair) {
                const std::size_t plus = v.value.find(" + ");
                if (plus != std::string::npos)
                    entry["actors"] = {v.value.substr(0, plus), v.value.substr(plus + 3)};
            }
            values.push_back(std::move(entry));
        }
        facets[facet_name(facet.kind)] = std::move(values);
    }
    j["facets"] = std::move(facets);
    j["suggestion"] = string_or_null(result.suggestion);
    j["elapsed_ms"] = format_detail::round_to(result.elapsed_ms, 3);  // microseconds: rare queries take 0.05 ms
    dump(out, j, pretty);
}

void write_json_error(std::ostream& out, const QueryError& error, const std::string& query,
                      const BatchContext* batch) {
    Json j = batch_fields(batch);
    j["query"] = query;
    j["error"] = error.message;
    j["position"] = error.position >= 0 ? Json(error.position) : Json(nullptr);
    // Always one line: in batch mode errors sit between result lines.
    dump(out, j, false);
}

}  // namespace newsdex
