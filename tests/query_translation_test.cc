/** @file
 * @brief Tests for query_translation.h: a small in-memory index built with
 *        the real Analyzer, then tables of queries and the articles each
 *        must find, of bad queries and the error each must give, and of day
 *        ranges and the terms that tile them.
 */
#include "query_translation.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "analyzer.h"
#include "entity_recognizer.h"
#include "gazetteer.h"
#include "query_stopwords.h"
#include "schema.h"
#include "spelling_words.h"

using namespace newsdex;

namespace {

const char* const kActors =
    "JNIM\tarmed-group\tGSIM|Support Group for Islam and Muslims\n"
    "Wagner Group\tpmc\tWagner|Africa Corps\n"
    "FAMa\tarmy\tMalian army|Malian Armed Forces\n";
const char* const kPlaces =
    "Timbuktu\ttown\tTombouctou\n"
    "Kidal\ttown\tKidal\n"
    "Gao\ttown\tGao\n";

struct Doc {
    const char* id;
    const char* date;  // "" = undated
    const char* source;
    const char* lang;
    const char* title;
    const char* text;
};

// Which words sit where matters: each query in the tables below was written
// against exactly these articles.
constexpr Doc kDocs[] = {
    {"a1", "2024-03-15", "Reuters", "en", "JNIM raid near Kidal",
     "Fighters of GSIM attacked a military camp near Kidal on Friday. The Malian army said it repelled them."},
    {"a2", "2024-02-29", "AFP", "en", "Wagner convoy ambushed",
     "A convoy of the Wagner Group was ambushed between Gao and Kidal by unidentified gunmen."},
    {"a3", "2023-12-31", "Studio Tamani", "fr", "Le blocus de Tombouctou continue",
     "Le blocus de Tombouctou par les jihadistes se poursuit depuis des mois."},
    {"a4", "2024-03-01", "Reuters", "en", "Drone strike in Gao",
     "A drone strike hit a market in Gao. The attack killed civilians, residents said."},
    {"a5", "", "Sahel Watch", "en", "Analysis: the security crisis",
     "JNIM and the Wagner Group compete for control; every attacker claims victory. Drones changed the war."},
    {"a6", "2024-04-02", "AFP", "en", "Attacks on the road to Timbuktu",
     "Several attacks were reported on the road to Timbuktu. Trucks carrying food were burned."},
    {"a7", "2022-06-15", "Mali Web", "en", "Elections postponed in Mali",
     "The transitional government postponed the elections. No attack was reported near the polling stations."},
};

/// Adds kDocs to @p db as the indexer would (spelling too, when @p db keeps it).
void add_docs(Xapian::WritableDatabase& db, const EntityRecognizer& entities, bool spelling) {
    AnalysisConfig config;
    config.entities = &entities;
    Analyzer analyzer(config);
    for (const Doc& d : kDocs) {
        Article article;
        article.id = d.id;
        article.date = d.date;
        article.source = d.source;
        article.lang = d.lang;
        article.title = d.title;
        article.text = d.text;
        AnalyzedArticle analyzed = analyzer.analyse(std::move(article));
        REQUIRE(analyzed.ok);
        db.add_document(analyzed.document);
        if (spelling)
            for (const auto& word : spelling_words_of(analyzed.document)) db.add_spelling(word, 1);
    }
    db.commit();
}

struct Fixture {
    EntityRecognizer entities;
    const Gazetteer& actors;
    const Gazetteer& places;
    // The in-memory backend has no spelling table: see the spelling test.
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};

    Fixture() : actors(entities.actors()), places(entities.places()) {
        entities.load("actors.tsv", kActors, "places.tsv", kPlaces);
        add_docs(db, entities, false);
    }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

/// The sorted article IDs @p query matches.
std::vector<std::string> ids(const Xapian::Query& query) {
    Xapian::Enquire enquire(fixture().db);
    enquire.set_query(query);
    std::vector<std::string> out;
    Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_document().get_value(schema::kSlotId));
    std::sort(out.begin(), out.end());
    return out;
}

/// The IDs joined by spaces, sorted.
std::string joined(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
    return out;
}

std::optional<TranslatedQuery> translate(const SearchRequest& request, QueryError& error) {
    QueryTranslator translator(fixture().db, fixture().actors, fixture().places);
    return translator.translate(request, error);
}

SearchRequest request(std::string query, MatchMode match = MatchMode::All) {
    SearchRequest r;
    r.query = std::move(query);
    r.match = match;
    // The fixture holds English and French articles; these tables pin how
    // one reading parses. Reading in several languages: language_test.cc.
    r.query_languages = {"en"};
    return r;
}

/// @p pattern with {title} {actor} {place} {source} {lang} {year} {month}
/// {day} {undated} replaced by the schema's prefixes, so the tables below
/// read like the terms they name without hard-coding prefix letters.
std::string expand(std::string pattern) {
    const std::pair<std::string, std::string> names[] = {
        {"{title}", schema::kPrefixTitle}, {"{actor}", schema::kPrefixActor}, {"{place}", schema::kPrefixPlace},
        {"{source}", schema::kPrefixSource}, {"{lang}", schema::kPrefixLang}, {"{year}", schema::kPrefixYear},
        {"{month}", schema::kPrefixMonth}, {"{day}", schema::kPrefixDay}, {"{undated}", schema::kTermUndated}};
    for (const auto& [name, prefix] : names)
        for (std::size_t at; (at = pattern.find(name)) != std::string::npos;) pattern.replace(at, name.size(), prefix);
    return pattern;
}

/// The query's distinct terms, sorted, joined by spaces.
std::string terms_of(const Xapian::Query& query) {
    std::vector<std::string> terms(query.get_unique_terms_begin(), query.get_unique_terms_end());
    return joined(terms);
}

std::optional<Day> day(std::string_view iso) { return iso.empty() ? std::nullopt : parse_date_bound(iso, false); }

}  // namespace

// ---------------------------------------------------------------------------
// Queries and what they find. `parsed` is a substring of Xapian's
// description of the query ("" = not checked).
// ---------------------------------------------------------------------------

struct QueryCase {
    const char* query;
    const char* ids;  // sorted article IDs the query must find, exactly
    const char* parsed = "";
    bool free_text = true;
    MatchMode match = MatchMode::All;
};

const QueryCase kQueryCases[] = {
    // Stemming: every form finds every form...
    {"attacks", "a1 a4 a5 a6 a7", "Zattack@1"},
    {"attacked", "a1 a4 a5 a6 a7", "Zattack@1"},
    // ...except with `=`, which asks for the form as written.
    {"=attacks", "a6", "Query(attacks@1)"},
    {"=attack", "a4 a7", "Query(attack@1)"},
    {"\"=attacks\"", "a6", "Query(attacks@1)"},
    {"drone, =attacks", "", "Zdrone@1 AND attacks@2"},
    {"=attacks NEAR road", "a6", "attacks@1 NEAR 11 road@2"},  // `=` dropped: NEAR needs plain words
    {"attack* =attacks", "a6", "WILDCARD SYNONYM attack AND attacks@2"},
    // Phrases keep stopwords and are not stemmed; AND drops stopwords.
    {"\"drone strike\"", "a4", "drone@1 PHRASE 2 strike@2"},
    {"\"strike drone\"", ""},
    {"\"the road to timbuktu\"", "a6", "the@1 PHRASE 4 road@2 PHRASE 4 to@3 PHRASE 4 timbuktu@4"},
    {"the road to timbuktu", "a6", "Query((Zroad@2 AND Ztimbuktu@4))"},
    {"the", "a1 a2 a4 a5 a6 a7", "Query(Zthe@1)"},  // a query of only a stopword keeps it
    // Boolean operators, love/hate, pure NOT.
    {"kidal gao", "a2", "Zkidal@1 AND Zgao@2"},
    {"kidal gao", "a1 a2 a4", "Zkidal@1 OR Zgao@2", true, MatchMode::Any},
    // --match any also drops question words ("what", "about": the longer
    // stop list of natural-language queries).
    {"what about kidal", "a1 a2", "Query(Zkidal@3)", true, MatchMode::Any},
    {"kidal AND gao", "a2"},
    {"kidal OR gao", "a1 a2 a4"},
    {"kidal NOT gao", "a1", "Zkidal@1 AND_NOT Zgao@2"},
    {"kidal -gao", "a1", "Zkidal@1 AND_NOT Zgao@2"},
    {"+kidal wagner", "a1 a2", "Zkidal@1 AND_MAYBE Zwagner@2", true, MatchMode::Any},
    {"(kidal OR gao) AND wagner", "a2"},
    {"NOT wagner", "a1 a3 a4 a6 a7", "<alldocuments> AND_NOT Zwagner@1", false},
    {"-wagner", "a1 a3 a4 a6 a7", "AND_NOT Zwagner@1", false},  // Xapian alone would search FOR wagner
    {"-wagner -kidal", "a3 a4 a6 a7", "", false},
    // Lenient syntax: unmatched ( " closed at the end, a stray ) dropped.
    {"(kidal OR gao", "a1 a2 a4"},
    {"\"drone strike", "a4", "drone@1 PHRASE 2 strike@2"},
    {"kidal) gao", "a2", "Zkidal@1 AND Zgao@2"},
    // NEAR, ADJ.
    {"drone NEAR civilians", "a4", "drone@1 NEAR 11 civilians@2"},
    {"drone NEAR/3 civilians", ""},
    {"convoy NEAR/2 ambushed", "a2"},
    {"convoy ADJ ambushed", "a2"},
    // Wildcards, bounded.
    {"attack*", "a1 a4 a5 a6 a7", "WILDCARD SYNONYM attack"},
    {"drone*", "a4 a5"},
    // title:
    {"title:attacks", "a6", "Z{title}attack@1"},
    {"title:=attacks", "a6", "Query({title}attacks@1)"},
    {"title:\"drone strike\"", "a4", "{title}drone@1 PHRASE 2 {title}strike@2"},
    {"title:(drone gao)", "a4"},
    {"Title: kidal", "a1", "Z{title}kidal@1"},
    // actor: any alias, any case; AND across filters, | within one.
    {"actor:JNIM", "a1 a5", "Query(0 * {actor}jnim)", false},
    {"actor:GSIM", "a1 a5", "Query(0 * {actor}jnim)", false},
    {"actor:jnim", "a1 a5", "Query(0 * {actor}jnim)", false},
    {"actor:\"Support Group for Islam and Muslims\"", "a1 a5", "Query(0 * {actor}jnim)", false},
    {"Actor: gsim kidal", "a1", "Zkidal@1 FILTER {actor}jnim"},
    {"actor:JNIM actor:Wagner", "a5", "{actor}jnim AND {actor}wagner group", false},
    {"actor:jnim|wagner", "a1 a2 a5", "{actor}jnim OR {actor}wagner group", false},
    {"actor:JNIM OR actor:Wagner", "a1 a2 a5", "", false},
    {"-actor:JNIM", "a2 a3 a4 a6 a7", "AND_NOT {actor}jnim", false},
    {"kidal -actor:JNIM", "a2", "Zkidal@1 AND_NOT {actor}jnim"},
    {"place:Tombouctou", "a3 a6", "0 * {place}timbuktu", false},
    {"place:kidal wagner", "a2", "Zwagner@1 FILTER {place}kidal"},
    {"source:reuters", "a1 a4", "0 * {source}reuters", false},
    {"source:\"Studio Tamani\"", "a3", "0 * {source}studio tamani", false},
    {"source:afp source:reuters", "a1 a2 a4 a6", "{source}afp OR {source}reuters", false},
    {"lang:FR", "a3", "0 * {lang}fr", false},
    {"lang:en attacks", "a1 a4 a5 a6 a7"},
    // year: and date: periods, ranges with open ends; inclusive bounds. In
    // these seven articles every date filter reads the date values (the
    // terms tiling a range: the date_range_query and planning tests below).
    {"year:2024", "a1 a2 a4 a6", "0 * PostingSource(date value 20240101..20241231)", false},
    {"attacks year:2022", "a7"},
    {"date:2024", "a1 a2 a4 a6", "0 * PostingSource(date value 20240101..20241231)", false},
    {"date:2024-03", "a1 a4", "date value 20240301..20240331", false},
    {"date:2024-02-29", "a2", "date value 20240229..20240229", false},
    {"date:2024-03-01..2024-03-15", "a1 a4", "", false},
    {"date:2024-03-02..2024-03-14", "", "", false},
    {"date:2024-03-15..", "a1 a6", "", false},
    {"date:..2023-12-31", "a3 a7", "date value ..20231231", false},
    {"date:2023..2024-02", "a2 a3", "date value 20230101..20240229", false},
    {"date:2024-03 date:2024-04", "a1 a4 a6",
     "date value 20240301..20240331) OR PostingSource(date value 20240401", false},
    {"date:2024 year:2022", "a1 a2 a4 a6 a7", "", false},
    // Kidal is in three articles: checking their dates beats opening the
    // month's posting list (see the date-filter planning test).
    {"kidal date:2024-03", "a1", "Zkidal@1 FILTER PostingSource(date value 20240301..20240331)"},
    {"attack* date:2024-03-01..2024-03-31", "a1 a4"},
    {"kidal gao actor:JNIM", "a1", "(Zkidal@1 OR Zgao@2) FILTER {actor}jnim", true, MatchMode::Any},
};

TEST_CASE("queries find the articles they should") {
    for (const QueryCase& c : kQueryCases) {
        CAPTURE(std::string(c.query));
        QueryError error;
        const auto t = translate(request(c.query, c.match), error);
        REQUIRE_MESSAGE(t, error.message << " at " << error.position);
        CHECK(joined(ids(t->query)) == c.ids);
        CHECK_MESSAGE(t->query.get_description().find(expand(c.parsed)) != std::string::npos,
                      t->query.get_description());
        CHECK(t->has_free_text == c.free_text);
    }
}

// ---------------------------------------------------------------------------
// Bad queries: the exact message and the byte offset it points at.
// ---------------------------------------------------------------------------

struct ErrorCase {
    const char* query;
    const char* message;
    int position;
};

const char* const kMalformed = " (expected YYYY, YYYY-MM or YYYY-MM-DD)";

const char* const kCannotParse =
    "cannot parse the query: check that AND, OR, NOT, NEAR and ADJ have something on both sides (NEAR and "
    "ADJ: single words) and that no bracket holds only -exclusions";

const ErrorCase kErrorCases[] = {
    {"actor:Wagnr", "unknown actor 'Wagnr' (did you mean: Wagner Group?)", 6},
    {"kidal actor:Wagnr", "unknown actor 'Wagnr' (did you mean: Wagner Group?)", 12},
    {"actor:\"Wagnr\"", "unknown actor 'Wagnr' (did you mean: Wagner Group?)", 7},
    {"actor: Wagnr", "unknown actor 'Wagnr' (did you mean: Wagner Group?)", 7},
    {"actor:JNIM|Wagnr", "unknown actor 'Wagnr' (did you mean: Wagner Group?)", 11},
    {"actor:Zzyzx", "unknown actor 'Zzyzx'", 6},
    {"actor:\"\"", "empty actor name", 7},
    {"place:Tombuktu", "unknown place 'Tombuktu' (did you mean: Timbuktu?)", 6},
    {"date:2024-13", "malformed date '2024-13'", 5},
    {"date:2024-02-30", "malformed date '2024-02-30'", 5},
    {"date:2023-02-29", "malformed date '2023-02-29'", 5},
    {"date:abc", "malformed date 'abc'", 5},
    {"kidal date:2024-01..2024-13", "malformed date '2024-13'", 20},
    {"date:2024-03-31..2024-03-01", "date range 2024-03-31..2024-03-01 is reversed", 5},
    {"date:..", "date range '..' needs a start or an end", 5},
    {"year:24", "malformed year '24' (expected YYYY)", 5},
    {"kidal AND", "syntax error: AND needs an expression on each side", 6},
    {"OR kidal", "syntax error: OR needs an expression on each side", 0},
    {"kidal OR -wagner", "syntax error: OR needs an expression on each side", 6},
    {"(-wagner)", kCannotParse, 0},
    {"NEAR kidal", kCannotParse, 0},
    {"kidal NEAR", kCannotParse, 0},
    {"drone* NEAR gao", kCannotParse, 0},
    {"\"drone strike\" NEAR civilians", kCannotParse, 0},
    {"()", "the query has nothing to search for", 0},
};

TEST_CASE("bad queries give a message and a position") {
    for (const ErrorCase& c : kErrorCases) {
        CAPTURE(std::string(c.query));
        QueryError error;
        const auto t = translate(request(c.query), error);
        REQUIRE_MESSAGE(!t, t->query.get_description());
        std::string expected = c.message;
        if (expected.starts_with("malformed date") || expected.starts_with("date range '..'")) expected += kMalformed;
        CHECK(error.message == expected);
        CHECK(error.position == c.position);
    }
}

// ---------------------------------------------------------------------------
// Filters given as options (--actor, --from, ...), alone or with a query.
// ---------------------------------------------------------------------------

struct OptionCase {
    const char* query;
    std::vector<std::string> actors, places, sources, langs;
    const char* from;
    const char* to;
    bool include_undated;
    const char* ids;
    std::vector<std::string> resolved;  // TranslatedQuery::resolved_filters
    bool free_text = false;
};

const OptionCase kOptionCases[] = {
    {"", {}, {}, {}, {}, "", "", false, "a1 a2 a3 a4 a5 a6 a7", {}},
    {"", {"GSIM"}, {}, {}, {}, "", "", false, "a1 a5", {"actor: JNIM (from 'GSIM')"}},
    {"", {"jnim|wagner"}, {}, {}, {}, "", "", false, "a1 a2 a5", {"actor: JNIM | Wagner Group (from 'wagner')"}},
    {"", {"JNIM", "Wagner"}, {}, {}, {}, "", "", false, "a5",
     {"actor: JNIM", "actor: Wagner Group (from 'Wagner')"}},
    {"wagner", {}, {"Kidal"}, {}, {}, "", "", false, "a2", {"place: Kidal"}, true},
    {"", {}, {"tombouctou"}, {}, {}, "", "", false, "a3 a6", {"place: Timbuktu (from 'tombouctou')"}},
    {"", {}, {}, {"AFP"}, {}, "", "", false, "a2 a6", {"source: AFP"}},
    {"", {}, {}, {"AFP|Mali Web"}, {}, "", "", false, "a2 a6 a7", {"source: AFP | Mali Web"}},
    {"", {}, {}, {}, {"fr"}, "", "", false, "a3", {"lang: fr"}},
    {"", {}, {}, {}, {}, "2024-03-01", "", false, "a1 a4 a6", {"date: 2024-03-01.."}},
    {"", {}, {}, {}, {}, "", "2023-12-31", false, "a3 a7", {"date: ..2023-12-31"}},
    {"", {}, {}, {}, {}, "2024-03-01", "2024-03-31", false, "a1 a4", {"date: 2024-03-01..2024-03-31"}},
    {"", {}, {}, {}, {}, "2024-03-01", "2024-03-31", true, "a1 a4 a5",
     {"date: 2024-03-01..2024-03-31 (or undated)"}},
    {"", {}, {}, {}, {}, "2024-02-29", "2024-02-29", false, "a2", {"date: 2024-02-29"}},
    // --include-undated reaches date: and year: in the query too.
    {"date:2024-03", {}, {}, {}, {}, "", "", true, "a1 a4 a5", {"date: 2024-03-01..2024-03-31 (or undated)"}},
    {"year:2022", {}, {}, {}, {}, "", "", true, "a5 a7", {"year: 2022 (or undated)"}},
    // Query filters and option filters are ANDed.
    {"actor:JNIM kidal", {}, {}, {"Reuters"}, {}, "", "", false, "a1", {"actor: JNIM", "source: Reuters"}, true},
    {"actor:JNIM", {"Wagner Group"}, {}, {}, {}, "", "", false, "a5", {"actor: JNIM", "actor: Wagner Group"}},
    {"attacks", {}, {}, {}, {"en"}, "2024-01-01", "2024-12-31", false, "a1 a4 a6",
     {"lang: en", "date: 2024-01-01..2024-12-31"}, true},
};

TEST_CASE("option filters narrow the query") {
    for (const OptionCase& c : kOptionCases) {
        CAPTURE(std::string(c.query));
        CAPTURE(std::string(c.ids));
        SearchRequest r = request(c.query);
        r.filters = {day(c.from), day(c.to), c.actors, c.places, c.sources, c.langs, c.include_undated};
        QueryError error;
        const auto t = translate(r, error);
        REQUIRE_MESSAGE(t, error.message);
        CHECK(joined(ids(t->query)) == c.ids);
        CHECK(t->resolved_filters == c.resolved);
        CHECK(t->has_free_text == c.free_text);
    }
}

TEST_CASE("date filters: a value range when the words are rare, the tiling's terms when they are common") {
    // 20 days of March 2024, ten articles a day, all about an attack; three
    // name Tessalit; two undated ones too, one naming Tessalit.
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    const AnalysisConfig config;  // the Analyzer keeps a reference
    Analyzer analyzer(config);
    auto add = [&](const std::string& id, const std::string& date, const std::string& text) {
        Article article;
        article.id = id;
        article.date = date;
        article.lang = "en";
        article.title = "Attack report " + id;
        article.text = text;
        AnalyzedArticle analyzed = analyzer.analyse(std::move(article));
        REQUIRE(analyzed.ok);
        db.add_document(analyzed.document);
    };
    for (int day = 1; day <= 20; ++day)
        for (int k = 0; k < 10; ++k) {
            // (Appended, not "d" + to_string(): g++ 12 warns -Wrestrict on that.)
            std::string id = "d";
            id.append(std::to_string(day)).append("-").append(std::to_string(k));
            const bool rare = k == 0 && (day == 4 || day == 8 || day == 16);
            const std::string date = std::string("2024-03-") + (day < 10 ? "0" : "") + std::to_string(day);
            add(id, date,
                rare ? "Gunmen attacked the camp at Tessalit." : "Gunmen attacked a convoy on the road.");
        }
    add("u1", "", "An attack near Tessalit, date unknown.");
    add("u2", "", "An attack on the road, date unknown.");
    db.commit();

    struct Case {
        const char* query;
        bool undated;
        const char* plan;  // substring of the query's description
        std::size_t matches;
        const char* ids;   // when few
    };
    const Case cases[] = {
        // 3 candidates, 8 day terms: their dates are checked.
        {"tessalit date:2024-03-05..2024-03-16", false, "date value 20240305..20240316", 2, "d16-0 d8-0"},
        {"tessalit date:2024-03-05..", false, "date value 20240305..)", 2, "d16-0 d8-0"},
        {"tessalit date:..2024-03-05", false, "date value ..20240305)", 1, "d4-0"},
        {"tessalit date:2024-03-05..2024-03-16", true, "date value 20240305..20240316) OR XUNDATED",
         3, "d16-0 d8-0 u1"},
        // 202 candidates: the day terms.
        {"attack date:2024-03-05..2024-03-16", false, "D20240305", 120, ""},
        {"attack date:2024-03-05..2024-03-16", true, "D20240305", 122, ""},
        // Only the filter (scaled by 0, as Xapian's parser does): the terms.
        {"date:2024-03-05..2024-03-16", false, "0 * (D20240305", 120, ""},
        // An OR matches as many as all its words: the terms again.
        {"tessalit OR attack date:2024-03-05..2024-03-16", false, "D20240305", 120, ""},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.query));
        CAPTURE(c.undated);
        SearchRequest r = request(c.query);
        r.filters.include_undated = c.undated;
        QueryTranslator translator(db, fixture().actors, fixture().places);
        QueryError error;
        const auto t = translator.translate(r, error);
        REQUIRE_MESSAGE(t, error.message);
        const std::string description = t->query.get_description();
        CAPTURE(description);
        CHECK(description.find(c.plan) != std::string::npos);
        if (std::string(c.plan).starts_with("date value")) CHECK(description.find("D2024") == std::string::npos);
        Xapian::Enquire enquire(db);
        enquire.set_query(t->query);
        Xapian::MSet mset = enquire.get_mset(0, 1000);
        CHECK(mset.size() == c.matches);
        if (*c.ids) {
            std::vector<std::string> found;
            for (auto it = mset.begin(); it != mset.end(); ++it)
                found.push_back(it.get_document().get_value(schema::kSlotId));
            CHECK(joined(found) == c.ids);
        }
    }

    // Alone, the posting source walks the slot: the same articles as the terms.
    for (const auto& [from, to, matches] : {std::tuple{"2024-03-05", "2024-03-16", 120}, {"2024-03-19", "", 20},
                                            {"", "2024-03-01", 10}, {"2024-03-21", "2024-03-31", 0}}) {
        CAPTURE(from);
        CAPTURE(to);
        Xapian::Enquire enquire(db);
        enquire.set_query(date_value_query(day(from), day(to), false));
        CHECK(enquire.get_mset(0, 1000).size() == static_cast<Xapian::doccount>(matches));
        enquire.set_query(date_value_query(day(from), day(to), true));
        CHECK(enquire.get_mset(0, 1000).size() == static_cast<Xapian::doccount>(matches + 2));
    }

    // Over a remote shard (which knows no such posting source): the terms.
    {
        SearchRequest remote = request("tessalit date:2024-03-05..2024-03-16");
        QueryTranslator translator(db, fixture().actors, fixture().places, /*local=*/false);
        QueryError error;
        const auto t = translator.translate(remote, error);
        REQUIRE(t);
        CHECK(t->query.get_description().find("D20240305") != std::string::npos);
        CHECK(t->query.get_description().find("date value") == std::string::npos);
    }

    // --from/--to take the same road.
    SearchRequest r = request("tessalit");
    r.filters.from = day("2024-03-05");
    r.filters.to = day("2024-03-16");
    QueryTranslator translator(db, fixture().actors, fixture().places);
    QueryError error;
    const auto t = translator.translate(r, error);
    REQUIRE(t);
    CHECK(t->query.get_description().find("date value 20240305..20240316") != std::string::npos);
}

TEST_CASE("a query is read in the languages that hold 1 % of the articles, and the main one") {
    auto languages_read = [](int english, int french) {
        Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
        const AnalysisConfig config;
        Analyzer analyzer(config);
        for (int i = 0; i < english + french; ++i) {
            Article article;
            article.id = std::to_string(i);
            article.lang = i < english ? "en" : "fr";
            article.title = i < english ? "Drone strikes reported" : "Frappes de drones";
            article.text = article.title;
            db.add_document(analyzer.analyse(std::move(article)).document);
        }
        SearchRequest r;
        r.query = "drones";
        QueryTranslator translator(db, fixture().actors, fixture().places);
        QueryError error;
        auto t = translator.translate(r, error);
        REQUIRE(t);
        return t->languages;
    };
    using Codes = std::vector<std::string>;
    CHECK(languages_read(300, 2) == Codes{"en"});  // two misdetected articles: not worth a reading
    CHECK(languages_read(150, 2) == Codes{"en", "fr"});  // 1.3 %
    CHECK(languages_read(2, 300) == Codes{"fr"});
    CHECK(languages_read(0, 1) == Codes{"fr"});
    CHECK(languages_read(14000, 120) == Codes{"en"});  // 0.85 %: misdetections, whatever their number
}

TEST_CASE("an empty query matches everything and has no free text") {
    QueryError error;
    const auto t = translate(request("  "), error);
    REQUIRE(t);
    CHECK(t->query.get_type() == Xapian::Query::LEAF_MATCH_ALL);
    CHECK_FALSE(t->has_free_text);
    CHECK(t->resolved_filters.empty());
    CHECK(t->corrected_query.empty());
}

TEST_CASE("option filters select without changing scores") {
    QueryError error;
    SearchRequest r = request("kidal attack");
    r.match = MatchMode::Any;
    const auto plain = translate(r, error);
    r.filters.actors = {"JNIM"};
    r.filters.from = day("2024-01-01");
    const auto filtered = translate(r, error);
    REQUIRE(plain);
    REQUIRE(filtered);
    CHECK(filtered->query.get_description().find("FILTER") != std::string::npos);
    auto weight_of = [](const Xapian::Query& q, const std::string& id) {
        Xapian::Enquire enquire(fixture().db);
        enquire.set_query(q);
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it)
            if (it.get_document().get_value(schema::kSlotId) == id) return it.get_weight();
        return -1.0;
    };
    CHECK(weight_of(filtered->query, "a1") > 0);
    CHECK(weight_of(filtered->query, "a1") == doctest::Approx(weight_of(plain->query, "a1")));
}

TEST_CASE("bad option filters give a message and position -1") {
    struct Case {
        std::vector<std::string> actors, places;
        const char* from;
        const char* to;
        const char* message;
    };
    const Case cases[] = {
        {{"Wagnr"}, {}, "", "", "unknown actor 'Wagnr' (did you mean: Wagner Group?)"},
        {{"JNIM", "JNIM|Wagnr"}, {}, "", "", "unknown actor 'Wagnr' (did you mean: Wagner Group?)"},
        {{"JNIM|"}, {}, "", "", "empty actor name"},
        {{}, {"Tombuktu"}, "", "", "unknown place 'Tombuktu' (did you mean: Timbuktu?)"},
        {{}, {}, "2024-03-31", "2024-03-01", "date range 2024-03-31..2024-03-01 is reversed"},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.message));
        SearchRequest r = request("kidal");
        r.filters.actors = c.actors;
        r.filters.places = c.places;
        r.filters.from = day(c.from);
        r.filters.to = day(c.to);
        QueryError error;
        CHECK_FALSE(translate(r, error));
        CHECK(error.message == c.message);
        CHECK(error.position == -1);
    }
}

TEST_CASE("query filters are reported as resolved") {
    const std::pair<const char*, std::vector<std::string>> cases[] = {
        {"actor:GSIM", {"actor: JNIM (from 'GSIM')"}},
        {"actor:jnim kidal", {"actor: JNIM"}},
        {"place:Tombouctou", {"place: Timbuktu (from 'Tombouctou')"}},
        {"date:2024-03", {"date: 2024-03-01..2024-03-31"}},
        {"date:2024-03-15..", {"date: 2024-03-15.."}},
        {"-wagner date:..2023", {"date: ..2023-12-31"}},
        {"source:reuters lang:en year:2024", {"source: reuters", "lang: en", "year: 2024"}},
    };
    for (const auto& [query, resolved] : cases) {
        const std::string typed = query;  // CAPTURE's lambda cannot name a structured binding
        CAPTURE(typed);
        QueryError error;
        const auto t = translate(request(query), error);
        REQUIRE(t);
        CHECK(t->resolved_filters == resolved);
    }
}

// ---------------------------------------------------------------------------
// Spelling ("did you mean") needs a disk backend: the in-memory one has no
// spelling table.
// ---------------------------------------------------------------------------

TEST_CASE("spelling corrections come back in the query as typed") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("newsdex-qt-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    {
        Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
        add_docs(db, fixture().entities, true);
        QueryTranslator translator(db, fixture().actors, fixture().places);
        const std::pair<const char*, const char*> cases[] = {
            {"kidal convoy", ""},
            {"kidl convoy", "kidal convoy"},
            {"=kidl convoy", "=kidal convoy"},
            {"actor:JNIM kidl", "actor:JNIM kidal"},
            {"-kidl", "-kidal"},  // read again with the everything-filter, which must not show
            // Its stem (Zkidal) occurs, so it matches: nothing is missing.
            {"kidall convoy", ""},
            // Xapian proposes "drone" and "attack" for these words, which
            // occur: no correction for a query whose words all exist.
            {"drones", ""},
            {"attacks kidal", ""},
            {"attacks kidl", "attack kidal"},  // once one word is missing, Xapian corrects them all
        };
        REQUIRE(!db.get_spelling_suggestion("drones").empty());
        for (const auto& [query, corrected] : cases) {
            const std::string typed = query;  // CAPTURE's lambda cannot name a structured binding
            CAPTURE(typed);
            QueryError error;
            const auto t = translator.translate(request(query), error);
            REQUIRE(t);
            CHECK(t->corrected_query == corrected);
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a 10,000-word query translates quickly") {
    QueryTranslator translator(fixture().db, fixture().actors, fixture().places);
    for (const char* separator : {" ", " OR ", " -", " NEAR "}) {
        CAPTURE(std::string(separator));
        SearchRequest r;
        for (int i = 0; i < 10000; ++i) r.query += (i ? separator : "") + ("word" + std::to_string(i));
        r.query += " actor:JNIM date:2024-03";
        const auto start = std::chrono::steady_clock::now();
        QueryError error;
        const auto t = translator.translate(r, error);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        REQUIRE(t);
        CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 1000);
    }
}

TEST_CASE("a wildcard expands to at most 1000 terms, the most frequent") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (int i = 0; i < 1500; ++i) {
        Xapian::Document doc;
        doc.add_term("zz" + std::to_string(i));
        db.add_document(doc);
    }
    QueryTranslator translator(db, fixture().actors, fixture().places);
    QueryError error;
    const auto t = translator.translate(request("zz*"), error);
    REQUIRE(t);
    Xapian::Enquire enquire(db);
    enquire.set_query(t->query);
    Xapian::MSet mset;
    REQUIRE_NOTHROW(mset = enquire.get_mset(0, 10));  // no WildcardError
    CHECK(mset.get_matches_estimated() == 1000);
}

// ---------------------------------------------------------------------------
// date: values and the terms tiling a day range.
// ---------------------------------------------------------------------------

TEST_CASE("parse_date_filter: periods and ranges") {
    const std::tuple<const char*, const char*, const char*> cases[] = {
        {"2024", "2024-01-01", "2024-12-31"},         {"2024-02", "2024-02-01", "2024-02-29"},
        {"2023-02", "2023-02-01", "2023-02-28"},      {"2024-03-15", "2024-03-15", "2024-03-15"},
        {"2024-03..2024-04", "2024-03-01", "2024-04-30"}, {"2024..", "2024-01-01", ""},
        {"..2024-02", "", "2024-02-29"},              {"2024-03-15..2024-03-15", "2024-03-15", "2024-03-15"},
    };
    for (const auto& [text, from, to] : cases) {
        const std::string typed = text;  // CAPTURE's lambda cannot name a structured binding
        CAPTURE(typed);
        std::string error;
        std::size_t offset = 99;
        const auto span = parse_date_filter(text, error, offset);
        REQUIRE_MESSAGE(span, error);
        CHECK((span->from ? span->from->iso() : "") == from);
        CHECK((span->to ? span->to->iso() : "") == to);
    }
}

struct RangeCase {
    const char* from;
    const char* to;
    const char* first;  // the database's first and last dated days
    const char* last;
    bool include_undated;
    const char* terms;  // sorted, with {day} {month} {year} {undated} as in expand()
};

const RangeCase kRangeCases[] = {
    // Within one month; both ends inclusive.
    {"2024-03-05", "2024-03-07", "", "", false, "{day}20240305 {day}20240306 {day}20240307"},
    {"2024-03-15", "2024-03-15", "", "", false, "{day}20240315"},
    // Whole months of each length, and the day after a month's end.
    {"2024-02-01", "2024-02-29", "", "", false, "{month}202402"},
    {"2023-02-01", "2023-02-28", "", "", false, "{month}202302"},
    {"2024-04-01", "2024-04-30", "", "", false, "{month}202404"},
    {"2024-03-01", "2024-03-31", "", "", false, "{month}202403"},
    {"2024-04-30", "2024-05-01", "", "", false, "{day}20240430 {day}20240501"},
    {"2024-01-31", "2024-02-01", "", "", false, "{day}20240131 {day}20240201"},
    // Leap day: 2024-02-29 exists, 2023-02-29 does not.
    {"2024-02-28", "2024-03-01", "", "", false, "{day}20240228 {day}20240229 {day}20240301"},
    {"2023-02-27", "2023-03-01", "", "", false, "{day}20230227 {day}20230228 {day}20230301"},
    {"2024-02-15", "2024-03-31", "", "", false,
     "{day}20240215 {day}20240216 {day}20240217 {day}20240218 {day}20240219 {day}20240220 {day}20240221 "
     "{day}20240222 {day}20240223 {day}20240224 {day}20240225 {day}20240226 {day}20240227 {day}20240228 "
     "{day}20240229 {month}202403"},
    // Across years: whole years as Y, whole months as M.
    {"2024-01-01", "2024-12-31", "", "", false, "{year}2024"},
    {"2023-12-31", "2025-01-01", "", "", false, "{day}20231231 {day}20250101 {year}2024"},
    {"2023-12-01", "2025-01-31", "", "", false, "{month}202312 {month}202501 {year}2024"},
    {"2022-01-01", "2024-02-29", "", "", false, "{month}202401 {month}202402 {year}2022 {year}2023"},
    // Open ends close beyond the database's span, as coarsely as possible.
    {"2024-03-15", "", "2022-06-15", "2024-04-02", false,
     "{day}20240315 {day}20240316 {day}20240317 {day}20240318 {day}20240319 {day}20240320 {day}20240321 "
     "{day}20240322 {day}20240323 {day}20240324 {day}20240325 {day}20240326 {day}20240327 {day}20240328 "
     "{day}20240329 {day}20240330 {day}20240331 {month}202404"},
    {"", "2023-12-31", "2022-06-15", "2024-04-02", false, "{year}2022 {year}2023"},
    {"", "", "2022-06-15", "2024-04-02", false, "{year}2022 {year}2023 {year}2024"},
    {"2024-04-02", "", "2024-04-02", "2024-04-02", false, "{day}20240402"},
    // No dated article: an open range matches nothing, or only the undated.
    {"2024-01-01", "", "", "", false, ""},
    {"", "2024-01-01", "", "", true, "{undated}"},
    {"", "", "", "", false, ""},
    // A reversed range is empty.
    {"2024-03-02", "2024-03-01", "", "", false, ""},
    {"2024-03-01", "2024-03-31", "", "", true, "{month}202403 {undated}"},
};

TEST_CASE("date_range_query tiles the range with the coarsest terms") {
    for (const RangeCase& c : kRangeCases) {
        CAPTURE(std::string(c.from));
        CAPTURE(std::string(c.to));
        const Xapian::Query q = date_range_query(day(c.from), day(c.to), day(c.first), day(c.last), c.include_undated);
        CHECK(terms_of(q) == expand(c.terms));
        if (std::string(c.terms).empty()) CHECK(q.get_type() == Xapian::Query::LEAF_MATCH_NOTHING);
    }
}

TEST_CASE("date_range_query: a long range stays short") {
    const Xapian::Query q = date_range_query(day("1990-01-02"), day("2024-12-30"), std::nullopt, std::nullopt, false);
    // 30 days of Jan 1990, 11 months of 1990, 1991-2023, 11 months and 30 days of 2024.
    CHECK(std::distance(q.get_unique_terms_begin(), q.get_unique_terms_end()) == 30 + 11 + 33 + 11 + 30);
}

struct PrunedCase {
    const char* from;
    const char* to;
    const char* days;  // the collection's dated days, ascending, space-separated
    bool include_undated;
    const char* terms;  // sorted, as in kRangeCases
};

const PrunedCase kPrunedCases[] = {
    // Only the tiles holding a dated day stay; edges inclusive.
    {"2024-03-05", "2024-03-07", "2024-03-05 2024-03-07", false, "{day}20240305 {day}20240307"},
    {"2024-03-05", "2024-03-07", "2024-03-04 2024-03-06 2024-03-08", false, "{day}20240306"},
    {"2024-02-15", "2024-03-31", "2024-02-20 2024-03-30", false, "{day}20240220 {month}202403"},
    {"2022-01-01", "2024-02-29", "2021-12-31 2023-05-01 2024-03-01", false, "{year}2023"},
    // Ranges without articles keep their first term: they match nothing,
    // but still filter (an empty query would empty the whole query).
    {"2024-03-05", "2024-03-07", "2024-03-04 2024-03-08", false, "{day}20240305"},
    {"2024-03-05", "2024-03-07", "", false, "{day}20240305"},
    {"2024-03-05", "2024-03-07", "2024-03-04", true, "{day}20240305 {undated}"},
    // Open ends close at the first and last day, tiled as without pruning.
    {"2024-03-15", "", "2022-06-15 2024-03-20 2024-04-02", false, "{day}20240320 {month}202404"},
    {"", "2023-12-31", "2022-06-15 2023-07-01 2024-04-02", false, "{year}2022 {year}2023"},
    {"", "", "2022-06-15 2024-04-02", true, "{undated} {year}2022 {year}2024"},
    {"2024-01-01", "", "", false, ""},
    {"", "", "", true, "{undated}"},
    {"2024-03-02", "2024-03-01", "2024-03-01", false, ""},
};

std::vector<Day> days_of(std::string_view list) {
    std::vector<Day> days;
    for (std::size_t at = 0; at + 10 <= list.size(); at += 11) days.push_back(*day(list.substr(at, 10)));
    return days;
}

/// The pruned query for a collection with articles on @p days (ascending).
Xapian::Query pruned_query(std::optional<Day> from, std::optional<Day> to, const std::vector<Day>& days,
                           bool include_undated) {
    std::set<std::string> indexed;
    for (const Day& d : days) indexed.insert({schema::year_term(d), schema::month_term(d), schema::day_term(d)});
    std::optional<Day> first, last;
    if (!days.empty()) first = days.front(), last = days.back();
    return date_range_query(from, to, first, last, include_undated,
                            [&](const std::string& term) { return indexed.count(term) > 0; });
}

TEST_CASE("date_range_query with the collection's days keeps only terms that exist") {
    for (const PrunedCase& c : kPrunedCases) {
        CAPTURE(std::string(c.from));
        CAPTURE(std::string(c.to));
        CAPTURE(std::string(c.days));
        const Xapian::Query q = pruned_query(day(c.from), day(c.to), days_of(c.days), c.include_undated);
        CHECK(terms_of(q) == expand(c.terms));
        if (std::string(c.terms).empty()) CHECK(q.get_type() == Xapian::Query::LEAF_MATCH_NOTHING);
    }
}

// Leaving out the terms no article has must change nothing but the cost:
// not the matches, and not the counts Xapian estimates when it stops early
// (the totals users see). Every range over the fixture's span, alone, with
// a word, and with the undated.
TEST_CASE("date_range_query: pruned and full tilings match and estimate alike") {
    Xapian::Database& db = fixture().db;
    std::vector<Day> days;
    for (auto t = db.allterms_begin(schema::kPrefixDay); t != db.allterms_end(schema::kPrefixDay); ++t)
        days.push_back(*parse_date(std::string(*t).substr(1)));
    REQUIRE(days.size() == 6);
    const std::vector<std::optional<Day>> bounds = {std::nullopt,       day("2022-01-01"), day("2022-06-15"),
                                                    day("2023-12-31"), day("2024-01-01"), day("2024-02-29"),
                                                    day("2024-03-01"), day("2024-03-02"), day("2024-03-15"),
                                                    day("2024-04-02"), day("2024-12-31")};
    const Xapian::Query word("Zattack");
    auto counts = [&](const Xapian::Query& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(q);
        const Xapian::MSet mset = enquire.get_mset(0, 1);  // stops early: estimates
        return std::vector<Xapian::doccount>{mset.get_matches_lower_bound(), mset.get_matches_estimated(),
                                             mset.get_matches_upper_bound()};
    };
    int compared = 0;
    for (const auto& from : bounds)
        for (const auto& to : bounds)
            for (bool undated : {false, true}) {
                if (from && to && *from > *to) continue;
                CAPTURE(from ? from->iso() : "open");
                CAPTURE(to ? to->iso() : "open");
                CAPTURE(undated);
                const Xapian::Query full = date_range_query(from, to, days.front(), days.back(), undated);
                const Xapian::Query pruned = pruned_query(from, to, days, undated);
                CHECK(ids(pruned) == ids(full));
                for (const Xapian::Query& scope : {Xapian::Query::MatchAll, word}) {
                    const Xapian::Query a(Xapian::Query::OP_FILTER, scope, full);
                    const Xapian::Query b(Xapian::Query::OP_FILTER, scope, pruned);
                    CHECK(ids(b) == ids(a));
                    CHECK(counts(b) == counts(a));
                }
                ++compared;
            }
    CHECK(compared > 100);
}

// ---------------------------------------------------------------------------
// The query-text rewriting done before the QueryParser (query_stopwords.h).
// ---------------------------------------------------------------------------

TEST_CASE("rewrite_query: =word, field names, stray brackets") {
    const std::pair<const char*, const char*> cases[] = {
        {"=attacks", "\u201cattacks\u201d"},
        {"kidal =attacks", "kidal \u201cattacks\u201d"},
        {"-=attacks (=raids)", "-\u201cattacks\u201d (\u201craids\u201d)"},
        {"=al-Qaeda's", "\u201cal-Qaeda's\u201d"},
        {"=S\u00e9gou", "\u201cS\u00e9gou\u201d"},
        {"title:=attacks", "title:\u201cattacks\u201d"},
        {"=attack*", "attack*"},                         // wildcards are never stemmed
        {"=attacks NEAR road", "attacks NEAR road"},     // nor NEAR/ADJ operands
        {"road NEAR/3 =attacks", "road NEAR/3 attacks"},
        {"a=b x = y", "a=b x = y"},                      // not at a word start
        {"\"=attacks on\"", "\"=attacks on\""},          // phrases are not stemmed anyway
        {"Actor: JNIM", "actor:JNIM"},
        {"DATE:  2024 Title: x", "date:2024 title:x"},
        {"actor:\"a=b ) c\" =x", "actor:\"a=b ) c\" \u201cx\u201d"},  // values untouched
        {"source:=x", "source:=x"},
        {"actor:", "actor:"},
        {"kidal)", "kidal"},
        {"(kidal) gao)", "(kidal) gao"},
        {"\"a)\" b", "\"a)\" b"},
        {"author: x", "author: x"},  // not a field
        // A comma after a CJK run followed by a word (Xapian 1.4.22's "parse error").
        {"Gao 加奥 attack", "Gao 加奥 , attack"},
        {"\"a 马里 b\" 加奥", "\"a 马里 , b\" 加奥"},
        {"Gao加奥x 加奥 平民", "Gao加奥 ,x 加奥 , 平民"},
        {"加奥 -x (加奥)", "加奥 -x (加奥)"},
        {"actor:加奥 x", "actor:加奥 x"},  // values untouched
    };
    for (const auto& [text, rewritten] : cases) {
        const std::string typed = text;
        CAPTURE(typed);
        CHECK(rewrite_query(text) == rewritten);
    }
    CHECK(unrewrite_exact_words("=kidall x", "\u201ckidal\u201d x") == "=kidal x");
    CHECK(unrewrite_exact_words("\u201ckidall\u201d", "\u201ckidal\u201d") == "\u201ckidal\u201d");
    CHECK(unrewrite_exact_words("Gao \u52a0\u5965 atack", "Gao \u52a0\u5965 , attack") == "Gao \u52a0\u5965 attack");
}

TEST_CASE("without_field_name leaves a field's values as plain words") {
    CHECK(without_field_name("title:\"convoy attack\" Gao", "title") == "\"convoy attack\" Gao");
    CHECK(without_field_name("-title:coup (title:a OR title:b*)", "title") == "-coup (a OR b*)");
    CHECK(without_field_name("Title:Gao", "title") == "Gao");
    // Not a field: inside a word, a phrase or another filter's value.
    CHECK(without_field_name("subtitle:x \"a title:b\" source:title:y", "title") ==
          "subtitle:x \"a title:b\" source:title:y");
    CHECK(without_field_name("convoy attack", "title") == "convoy attack");
}

TEST_CASE("find_filter_value and find_operator locate what an error is about") {
    CHECK(find_filter_value("kidal actor:Wagnr", "actor", "Wagnr") == 12u);
    CHECK(find_filter_value("actor:\"Wagnr\"", "actor", "Wagnr") == 7u);
    CHECK(find_filter_value("Actor:  Wagnr", "actor", "Wagnr") == 8u);
    CHECK(find_filter_value("actor:JNIM (actor:Wagnr)", "actor", "Wagnr") == 18u);
    CHECK(find_filter_value("factor:Wagnr", "actor", "Wagnr") == std::nullopt);
    CHECK(find_operator("ANDES AND", "AND") == 6u);
    CHECK(find_operator("(a OR", "OR") == 3u);
    CHECK(find_operator("ORal", "OR") == std::nullopt);
    CHECK(count_words("  a b\tc\n") == 3u);
    CHECK(has_operator("(a NEAR/3 b)"));
    CHECK(has_operator("a OR(b)"));
    CHECK_FALSE(has_operator("ANDES or Oregon NEARBY"));
    for (const char* plain : {"drone strike", "al-Qaeda Ménaka", "date:2024-03-01..2024-03-31 tenneco",
                              "actor:FAMa place:Gao convoy", "l'armée malienne", "3.6 mln dlrs", "",
                              "source:C++ gao", "http://example.org/a", "无人机 袭击", "Gao: Kidal"}) {
        CAPTURE(plain);
        CHECK(only_words_and_filters(plain));
    }
    for (const char* not_plain : {"-wagner", "gao -", "+kidal", "attack*", "\"armed forces\"", "(gao)",
                                  "gao OR kidal", "a NEAR b", "~drone", "actor:\"Wagner Group\"",
                                  "actor:(JNIM)", "kidal -- gao"}) {
        CAPTURE(not_plain);
        CHECK_FALSE(only_words_and_filters(not_plain));
    }
}
