/** @file
 * @brief Tests of facet counting (facet_counter.h): ISO weeks, actor pairs,
 *        timelines in time order; on the corpus, counts that do not depend
 *        on which facets are asked together, and pages that do not depend
 *        on facets being counted.
 */
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "batch_columns.h"
#include "e2e_support.h"
#include "facet_counter.h"
#include "schema.h"

using namespace newsdex;
using nlohmann::json;

TEST_CASE("iso_week_label: ISO 8601 weeks, including those that straddle a year") {
    struct Case {
        const char* day;
        const char* week;
    };
    const Case cases[] = {
        {"20240320", "2024-W12"}, {"20240318", "2024-W12"}, {"20240324", "2024-W12"},  // Monday..Sunday
        {"20240325", "2024-W13"}, {"20240101", "2024-W01"}, {"20241230", "2025-W01"},
        {"20210103", "2020-W53"}, {"20210104", "2021-W01"}, {"20151231", "2015-W53"},
        {"20160101", "2015-W53"}, {"20120406", "2012-W14"}, {"20240229", "2024-W09"},
        {"2024032", ""},          {"2024-03-20", ""},       {"", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.day);
        CHECK(iso_week_label(c.day) == c.week);
    }
}

TEST_CASE("FacetCounter: actor pairs once per article, weeks in time order") {
    auto doc = [](const std::string& date, const std::vector<std::string>& actors) {
        Xapian::Document d;
        if (!date.empty()) d.add_value(schema::kSlotDate, date);
        if (!actors.empty()) d.add_value(schema::kSlotActors, schema::encode_list(actors));
        return d;
    };
    FacetCounter counter({FacetKind::ActorPair, FacetKind::Week});
    counter(doc("20240320", {"Wagner Group", "FAMa", "CSP"}));
    counter(doc("20240311", {"FAMa", "Wagner Group"}));
    counter(doc("20240101", {"JNIM"}));  // one actor: no pair
    counter(doc("", {"FAMa", "FAMa", "Wagner Group"}));  // undated; a repeated name counts once
    const auto facets = counter.facets(10);
    REQUIRE(facets.size() == 2);
    const auto& pairs = facets[0].values;
    REQUIRE(pairs.size() == 3);
    CHECK(pairs[0].value == "FAMa + Wagner Group");
    CHECK(pairs[0].count == 3);
    CHECK(pairs[1].value == "CSP + FAMa");
    CHECK(pairs[2].value == "CSP + Wagner Group");
    const auto& weeks = facets[1].values;
    REQUIRE(weeks.size() == 3);
    CHECK(weeks[0].value == "2024-W01");
    CHECK(weeks[1].value == "2024-W11");
    CHECK(weeks[2].value == "2024-W12");
    // The busiest weeks are kept, shown in time order.
    const auto top = counter.facets(1);
    REQUIRE(top[1].values.size() == 1);
}

TEST_CASE("facet counts are the same whichever facets are asked together") {
    const std::vector<std::string> all = {"actor", "place", "actor-pair", "week", "month", "year", "source", "lang"};
    for (const char* query : {"", "attack", "Kidal OR Gao", "actor:JNIM"}) {
        CAPTURE(std::string(query));
        const json together = test::search_corpus_json(
            {"--facets", "actor,place,actor-pair,week,month,year,source,lang", "--facet-limit", "0", query});
        for (const std::string& facet : all) {
            CAPTURE(facet);
            const json alone = test::search_corpus_json({"--facets", facet, "--facet-limit", "0", query});
            CHECK(alone["facets"][facet] == together["facets"][facet]);
            CHECK(alone["total"] == together["total"]);
        }
        const json pair = test::search_corpus_json({"--facets", "actor,month", "--facet-limit", "0", query});
        CHECK(pair["facets"]["actor"] == together["facets"]["actor"]);
        CHECK(pair["facets"]["month"] == together["facets"]["month"]);
    }
}

// Ranked searches with facets or --count count in a search of their own
// and make the page in another (searcher.cc): the page must be the one the
// same search shows without counting, and the total exact.
TEST_CASE("counting facets leaves a ranked page unchanged: same hits, order, scores") {
    for (const char* query : {"attack", "Kidal OR Gao", "drone strike", "actor:JNIM attack", "Mali date:2024"}) {
        for (const char* offset : {"0", "3"}) {
            CAPTURE(std::string(query));
            CAPTURE(std::string(offset));
            const std::vector<std::string> page = {"--sort", "relevance", "--limit", "5", "--offset", offset, query};
            std::vector<std::string> counted = page;
            counted.insert(counted.begin(), {"--facets", "actor,month"});
            const json plain = test::search_corpus_json(page);
            const json with_facets = test::search_corpus_json(counted);
            REQUIRE(with_facets["hits"].size() == plain["hits"].size());
            for (std::size_t i = 0; i < plain["hits"].size(); ++i) {
                CAPTURE(i);
                CHECK(with_facets["hits"][i]["id"] == plain["hits"][i]["id"]);
                CHECK(with_facets["hits"][i]["rank"] == plain["hits"][i]["rank"]);
                CHECK(with_facets["hits"][i]["score"] == plain["hits"][i]["score"]);
                CHECK(with_facets["hits"][i]["snippet"] == plain["hits"][i]["snippet"]);
            }
            CHECK(with_facets["total_exact"] == true);
            CHECK(with_facets["total"].get<long>() == test::count_corpus({query}));
        }
    }
}

// Over one local database the counts come from the slots' value streams
// (facet_counter.h): they must equal Xapian's ValueCountMatchSpy's. Over
// shards the searcher uses ValueCountMatchSpy: Xapian 1.4 hands a spy each
// shard's own docids, which value streams of the whole cannot serve.
TEST_CASE("FacetCounter: value-stream and column counts equal ValueCountMatchSpy's") {
    const std::vector<std::string> actors = {"FAMa", "JNIM", "Wagner Group", "CSP", "MINUSMA"};
    std::vector<Xapian::WritableDatabase> shards;
    for (int s = 0; s < 2; ++s) shards.emplace_back(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::WritableDatabase single(std::string(), Xapian::DB_BACKEND_INMEMORY);
    // The same articles on disk: a batch's columns (and the facet keys split
    // from them) are kept for a database's revision, which one in memory has not.
    test::TempDir dir;
    Xapian::WritableDatabase on_disk(dir / "db", Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < 600; ++i) {
        Xapian::Document doc;
        doc.add_boolean_term(i % 3 ? "Xword" : "Xother");
        if (i % 7) doc.add_value(schema::kSlotDate, "2024" + std::string(i % 12 < 9 ? "0" : "") +
                                                        std::to_string(i % 12 + 1) + "15");
        if (i % 5) doc.add_value(schema::kSlotActors, schema::encode_list({actors[i % 5], actors[(i / 5) % 5]}));
        if (i % 4) doc.add_value(schema::kSlotPlaces, schema::encode_list({i % 8 ? "Gao" : "Kidal"}));
        single.add_document(doc);
        shards[i % 2].add_document(doc);
        on_disk.add_document(doc);
    }
    on_disk.commit();
    Xapian::Database sharded;
    for (auto& shard : shards) sharded.add_database(shard);
    const std::vector<FacetKind> kinds = {FacetKind::Actor, FacetKind::ActorPair, FacetKind::Month,
                                          FacetKind::Year,  FacetKind::Week,      FacetKind::Place};
    enum class From { Spy, Stream, Columns };
    auto counted = [&](const Xapian::Database& db, From from, const std::string& term = "Xword",
                       BatchColumns* shared = nullptr) {
        BatchColumns own;
        BatchColumns* columns = from == From::Columns ? (shared ? shared : &own) : nullptr;
        FacetCounter counter(kinds, from != From::Spy ? &db : nullptr, columns);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(term));
        counter.attach(enquire);
        enquire.get_mset(0, 10, db.get_doccount());
        std::vector<std::pair<std::string, unsigned>> out;
        for (const auto& facet : counter.facets(0))
            for (const auto& value : facet.values) out.emplace_back(value.value, value.count);
        return out;
    };
    const auto expected = counted(single, From::Spy);
    REQUIRE(expected.size() > 20);
    CHECK(counted(single, From::Stream) == expected);
    CHECK(counted(single, From::Columns) == expected);
    CHECK(counted(sharded, From::Spy) == expected);
    CHECK(counted(sharded, From::Stream) != expected);  // why shards keep ValueCountMatchSpy

    // One batch's columns answer query after query, each with its own counts.
    const Xapian::Database disk(dir / "db");
    BatchColumns batch;
    for (const std::string term : {"Xword", "Xother", "Xword", "Xnothing"}) {
        const auto alone = counted(disk, From::Spy, term);
        CHECK(counted(disk, From::Columns, term, &batch) == alone);
        CHECK(counted(disk, From::Stream, term) == alone);
    }
    CHECK(counted(disk, From::Columns, "Xword", &batch) == expected);
}
