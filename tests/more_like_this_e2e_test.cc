/** @file
 * @brief End-to-end tests of what goes beyond plain search, on corpus/:
 *        near-duplicate collapse and --expand, --like, French articles and
 *        queries, actor-pair and week facets, and --stats' group count.
 *        Facts from corpus/README.md ("Duplicates", "Languages").
 */
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

using namespace newsdex::test;
using nlohmann::json;

namespace {

/// The IDs of the hits, sorted: these tests compare sets of articles.
std::vector<std::string> sorted_ids(std::vector<std::string> args) {
    std::vector<std::string> out = corpus_ids(std::move(args));
    std::sort(out.begin(), out.end());
    return out;
}

const std::string kAguelhokRepost = corpus_dir() + "/articles/aguelhok-drones-repost.txt";
const std::string kBerRepost = corpus_dir() + "/articles/ber-fighting-repost.txt";
const std::string kMenakaRepost = corpus_dir() + "/articles/menaka-eigs-reprise.txt";

}  // namespace

TEST_CASE("--expand lists each syndicated group, every other article is alone") {
    struct Case {
        std::string id;
        std::vector<std::string> group;  // sorted
    };
    const Case cases[] = {
        {"mon-2024-004", {kAguelhokRepost, "mon-2024-004", "sm-2024-0320-aguelhok"}},
        {"sm-2024-0320-aguelhok", {kAguelhokRepost, "mon-2024-004", "sm-2024-0320-aguelhok"}},
        {"wsa-2023-0814-ber", {kBerRepost, "bd-2023-0815-ber", "wsa-2023-0814-ber"}},
        {"et-2018-0512-menaka", {kMenakaRepost, "et-2018-0512-menaka"}},
        {"rs-2024-0327-kidal-drones", {"rs-2024-0327-kidal-drones"}},
        {"dd-2016-0722-kidal-clashes", {"dd-2016-0722-kidal-clashes"}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.id);
        CHECK(sorted_ids({"--expand", c.id}) == c.group);
    }
    CommandResult unknown = search_corpus({"--expand", "no-such-id"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "newsdex-search: error: no article with ID 'no-such-id'\n");
}

TEST_CASE("--stats counts the near-duplicate groups") {
    CommandResult r = run({"newsdex-index", "--stats", "--summary-json", "--db", corpus_db()});
    REQUIRE(r.exit_code == 0);
    json s = json::parse(r.out);
    CHECK(s["duplicate_groups"] == 3);
    CHECK(s["articles_in_duplicate_groups"] == 8);
    CommandResult text = run({"newsdex-index", "--stats", "--db", corpus_db()});
    CHECK(text.out.find("\n3 near-duplicate groups (8 articles)\n") != std::string::npos);
}

TEST_CASE("collapse: one hit per group, +N similar, totals of articles and groups") {
    // March 2024: 7 articles, 3 of them the aguelhok group.
    json off = search_corpus_json({"date:2024-03", "--limit", "100"});
    CHECK(off["collapsed"] == false);
    CHECK(off["groups"].is_null());
    CHECK(off["total"] == 7);
    CHECK(off["hits"].size() == 7);
    json on = search_corpus_json({"--collapse", "date:2024-03", "--limit", "100"});
    CHECK(on["collapsed"] == true);
    CHECK(on["total"] == 7);
    CHECK(on["groups"] == 5);
    CHECK(on["total_exact"] == true);
    REQUIRE(on["hits"].size() == 5);
    unsigned similar = 0;
    for (const auto& hit : on["hits"]) similar += hit["similar"].get<unsigned>();
    CHECK(similar == 2);

    // "+N similar" counts only the copies that match the query too.
    json kidal = search_corpus_json({"--collapse", "Tessalit", "Aguelhok", "drone"});
    for (const auto& hit : kidal["hits"])
        if (hit["id"] == "sm-2024-0320-aguelhok" || hit["id"] == "mon-2024-004") CHECK(hit["similar"] <= 2);

    CHECK(count_corpus({"date:2024-03"}) == 7);
    CHECK(count_corpus({"--collapse", "date:2024-03"}) == 5);
    CHECK(count_corpus({"--collapse", ""}) == 65 - 2 - 2 - 1);

    // Text output collapses by default and says so; --no-collapse does not.
    CommandResult text = search_corpus({"--format", "text", "date:2024-03"});
    CHECK(text.out.find("7 articles match \"date:2024-03\" (5 after collapsing near-duplicates)") == 0);
    CHECK(text.out.find("+2 similar") != std::string::npos);
    CommandResult plain = search_corpus({"--format", "text", "--no-collapse", "date:2024-03"});
    CHECK(plain.out.find("7 articles match \"date:2024-03\"\n") == 0);
    CHECK(plain.out.find("similar") == std::string::npos);
    CommandResult both = search_corpus({"--collapse", "--no-collapse", "x"});
    CHECK(both.exit_code == 2);
    CHECK(both.err == "newsdex-search: error: --collapse and --no-collapse cannot be combined\n");
}

TEST_CASE("French: detected without a lang field, stemmed in French, found by French queries") {
    json hit = search_corpus_json({"--expand", "et-2018-0512-menaka", "--sort", "oldest"});
    REQUIRE(hit["hits"].size() == 2);
    for (const auto& h : hit["hits"]) CHECK(h["lang"] == "fr");
    CHECK(count_corpus({"lang:fr"}) == 11);
    CHECK(count_corpus({"lang:en"}) == 54);

    // Only the French drone-strike article says "frappes de drones"; an
    // English query finds the English ones, "drones" finds both.
    CHECK(sorted_ids({"frappes de drones"}) == std::vector<std::string>{"rs-2024-0327-kidal-drones"});
    auto drones = sorted_ids({"drones"});
    CHECK(std::find(drones.begin(), drones.end(), "rs-2024-0327-kidal-drones") != drones.end());
    CHECK(std::find(drones.begin(), drones.end(), "mon-2024-004") != drones.end());
    auto english = sorted_ids({"--lang", "en", "drones"});
    CHECK(std::find(english.begin(), english.end(), "rs-2024-0327-kidal-drones") == english.end());
    // actor: filters work across languages: GSIM in a French title.
    auto jnim = sorted_ids({"actor:JNIM", "lang:fr"});
    CHECK(std::find(jnim.begin(), jnim.end(), "et-2024-0401-blocus") != jnim.end());
    // Snippets of French hits highlight French stems.
    json fr = search_corpus_json({"frappes de drones"});
    REQUIRE(fr["hits"].size() == 1);
    CHECK(fr["hits"][0]["snippet"].get<std::string>().find("**frappes**") != std::string::npos);
}

TEST_CASE("--like: similar articles first, the liked ones left out, filters apply") {
    auto like = search_corpus_json({"--like", "mon-2024-004", "--limit", "3"});
    REQUIRE(like["hits"].size() == 3);
    // Its syndicated copies are the most similar articles of all.
    std::vector<std::string> top{like["hits"][0]["id"], like["hits"][1]["id"]};
    std::sort(top.begin(), top.end());
    CHECK(top == std::vector<std::string>{kAguelhokRepost, "sm-2024-0320-aguelhok"});
    for (const auto& hit : like["hits"]) CHECK(hit["id"] != "mon-2024-004");

    // "What else was written in the two weeks after it."
    json after = search_corpus_json({"--like", "mon-2024-004", "--from", "2024-03-12", "--to", "2024-03-25"});
    REQUIRE(after["hits"].size() >= 2);
    for (const auto& hit : after["hits"]) {
        CHECK(hit["date"].get<std::string>() >= "2024-03-12");
        CHECK(hit["date"].get<std::string>() <= "2024-03-25");
    }
    CHECK(after["hits"][0]["score"].get<double>() > 0);
    // Two liked articles: neither comes back.
    auto two = sorted_ids({"--like", "mon-2024-004", "--like", "sm-2024-0320-aguelhok"});
    CHECK(std::find(two.begin(), two.end(), "sm-2024-0320-aguelhok") == two.end());
    CHECK(std::find(two.begin(), two.end(), kAguelhokRepost) != two.end());
    // Free text narrows them: every hit must also match it.
    const auto tessalit = sorted_ids({"Tessalit"});
    const auto narrowed = sorted_ids({"--like", "mon-2024-004", "Tessalit"});
    CHECK(!narrowed.empty());
    for (const auto& id : narrowed) {
        CAPTURE(id);
        CHECK(std::find(tessalit.begin(), tessalit.end(), id) != tessalit.end());
    }
    CommandResult unknown = search_corpus({"--like", "nope"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err == "newsdex-search: error: no article with ID 'nope'\n");
}

TEST_CASE("actor-pair and week facets are exact: equal to --count of the same filter") {
    json r = search_corpus_json({"--facets", "actor-pair,week", "--facet-limit", "500", "--limit", "0", ""});
    REQUIRE(!r["facets"]["actor-pair"].empty());
    for (const auto& v : r["facets"]["actor-pair"]) {
        const std::string a = v["actors"][0], b = v["actors"][1];
        CAPTURE(v["value"].get<std::string>());
        CHECK(v["value"] == a + " + " + b);
        CHECK(a < b);
        CHECK(count_corpus({"actor:\"" + a + "\" actor:\"" + b + "\""}) == v["count"].get<long>());
    }
    long dated = 0;
    for (const auto& v : r["facets"]["week"]) dated += v["count"].get<long>();
    CHECK(dated == 62);
    // Weeks are chronological; 2024-W12 holds 18-24 March 2024: three articles.
    std::string previous;
    for (const auto& v : r["facets"]["week"]) {
        CHECK(v["value"].get<std::string>() > previous);
        previous = v["value"];
        if (v["value"] == "2024-W12") CHECK(v["count"] == count_corpus({"date:2024-03-18..2024-03-24"}));
    }
    CommandResult text = search_corpus({"--format", "text", "--facets", "week", "--limit", "0", "date:2024-03"});
    CHECK(text.out.find("\nweek\n  2024-W10 ") != std::string::npos);
    CHECK(text.out.find("█") != std::string::npos);
    CommandResult bad = search_corpus({"--facets", "actor,weeks", "x"});
    CHECK(bad.err == "newsdex-search: error: unknown facet 'weeks' (known: actor, place, actor-pair, week, month, "
                     "year, source, lang)\n");
}
