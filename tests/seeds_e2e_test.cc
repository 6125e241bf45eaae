/** @file
 * @brief End-to-end checks on ../shared/seeds: five real articles about Mali
 *        (skipped with a message when ../shared is absent).
 */
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

using namespace newsdex::test;
using nlohmann::json;

namespace {

// Indexes the seeds once per test case into @p dir; returns the db path.
std::string index_seeds(const TempDir& dir) {
    std::string db = dir / "seeds.db";
    CommandResult r = run({"newsdex-index", "--quiet", "--db", db, shared_dir() + "/seeds"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return db;
}

}  // namespace

TEST_CASE("seeds: five articles, three dated, GSIM and JNIM are one actor") {
    if (shared_dir().empty()) {
        MESSAGE("skipped: ../shared is absent");
        return;
    }
    TempDir dir;
    std::string db = index_seeds(dir);
    CommandResult stats = run({"newsdex-index", "--stats", "--summary-json", "--db", db});
    REQUIRE(stats.exit_code == 0);
    json s = json::parse(stats.out);
    CHECK(s["articles"] == 5);
    CHECK(s["undated"] == 2);

    // One article says GSIM (and "Support Group for Islam and Muslims"),
    // another says JNIM: both must carry the same canonical actor.
    CommandResult gsim = run({"newsdex-search", "--db", db, "--ids", "--limit", "10", "GSIM"});
    CommandResult jnim_text = run({"newsdex-search", "--db", db, "--ids", "--limit", "10", "JNIM"});
    REQUIRE(lines_of(gsim.out).size() == 1);
    REQUIRE(!lines_of(jnim_text.out).empty());
    CommandResult by_actor = run({"newsdex-search", "--db", db, "--ids", "--limit", "10", "actor:GSIM"});
    auto actor_ids = lines_of(by_actor.out);
    CHECK(std::find(actor_ids.begin(), actor_ids.end(), lines_of(gsim.out)[0]) != actor_ids.end());
    for (const auto& id : lines_of(jnim_text.out))
        CHECK(std::find(actor_ids.begin(), actor_ids.end(), id) != actor_ids.end());
}

TEST_CASE("seeds: drone finds the two 2024 Kidal drone-strike articles") {
    if (shared_dir().empty()) {
        MESSAGE("skipped: ../shared is absent");
        return;
    }
    TempDir dir;
    std::string db = index_seeds(dir);

    CommandResult drone = run({"newsdex-search", "--db", db, "--format", "json", "drone"});
    REQUIRE(drone.exit_code == 0);
    json r = json::parse(drone.out);
    REQUIRE(r["total"] == 2);
    for (const auto& hit : r["hits"]) {
        CHECK(hit["date"].get<std::string>().substr(0, 4) == "2024");
        CHECK(std::find(hit["places"].begin(), hit["places"].end(), "Kidal") != hit["places"].end());
        CHECK(hit["snippet"].get<std::string>().find("**") != std::string::npos);
    }

    CommandResult later = run({"newsdex-search", "--db", db, "--format", "json", "--from", "2024-03-21", "drone"});
    json l = json::parse(later.out);
    REQUIRE(l["total"] == 1);
    CHECK(l["hits"][0]["date"] == "2024-03-30");

    CommandResult facets = run({"newsdex-search", "--db", db, "--format", "json", "--facets", "actor", "--limit",
                                "0", ""});
    json f = json::parse(facets.out);
    unsigned jnim = 0;
    for (const auto& v : f["facets"]["actor"])
        if (v["value"] == "JNIM") jnim = v["count"];
    CHECK(jnim == 3);
}
