/** @file
 * @brief End-to-end tests of newsdex-search on the bundled corpus: filters,
 *        date edges, sort orders, facets against --count, formats, batch
 *        mode and exit codes.
 */
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "article_text.h"
#include "e2e_support.h"

using namespace newsdex::test;
using nlohmann::json;

TEST_CASE("date filters: inclusive edges, months of different lengths, leap day, open ends") {
    struct Case {
        std::vector<std::string> args;
        long expected;
    };
    // Counts from corpus/README.md: 65 articles, 3 undated, March 2024 has 7,
    // the only February 2024 article is on the 29th.
    const Case cases[] = {
        {{"date:2024-03"}, 7},
        {{"date:2024-03-01..2024-03-31"}, 7},
        {{"--from", "2024-03-01", "--to", "2024-03-31"}, 7},
        {{"--from", "2024-03", "--to", "2024-03"}, 7},
        {{"date:2024-03-20"}, 2},
        {{"date:2024-03-05..2024-03-05"}, 1},   // first day of the range included
        {{"date:2024-03-06..2024-03-27"}, 6},   // 03-11, 03-12, 03-20 (two), 03-26, 03-27
        {{"date:2024-02"}, 1},
        {{"date:2024-02-29"}, 1},
        {{"--to", "2024-02", "--from", "2024-02"}, 1},  // --to YYYY-MM ends on the 29th in 2024
        {{"date:2024"}, 19},
        {{"year:2024"}, 19},
        {{"--from", "2024"}, 19 + 3},           // 2024 and 2025
        {{"date:..2012-12-31"}, 1},
        {{"date:2025-01-01.."}, 3},
        {{""}, 65},
        {{"--from", "2012", "--include-undated"}, 65},
        {{"--from", "2012"}, 62},
    };
    for (const auto& c : cases) {
        std::string shown;
        for (const auto& a : c.args) shown += a + " ";
        CAPTURE(shown);
        CHECK(count_corpus(c.args) == c.expected);
    }
}

TEST_CASE("sort orders put undated articles last, filter-only queries list newest first") {
    auto newest = search_corpus_json({"--sort", "newest", "--limit", "100", "--include-undated", ""});
    auto oldest = search_corpus_json({"--sort", "oldest", "--limit", "100", "--include-undated", ""});
    REQUIRE(newest["hits"].size() == 65);
    REQUIRE(oldest["hits"].size() == 65);
    CHECK(newest["hits"][0]["date"] == "2025-06-09");
    CHECK(oldest["hits"][0]["date"] == "2012-04-06");
    for (int i = 62; i < 65; ++i) {
        CHECK(newest["hits"][i]["date"].is_null());
        CHECK(oldest["hits"][i]["date"].is_null());
    }
    for (int i = 1; i < 62; ++i) {
        CHECK(newest["hits"][i - 1]["date"].get<std::string>() >= newest["hits"][i]["date"].get<std::string>());
        CHECK(oldest["hits"][i - 1]["date"].get<std::string>() <= oldest["hits"][i]["date"].get<std::string>());
    }
    // No sort given and no free text: newest first.
    auto listing = search_corpus_json({"actor:MINUSMA", "--limit", "100"});
    for (std::size_t i = 1; i < listing["hits"].size(); ++i) {
        if (listing["hits"][i]["date"].is_null()) continue;
        CHECK(listing["hits"][i - 1]["date"].get<std::string>() >= listing["hits"][i]["date"].get<std::string>());
    }
}

TEST_CASE("facet counts are exact: equal to --count with that filter added") {
    for (std::string query : {"", "attack", "Kidal OR Gao"}) {
        CAPTURE(query);
        auto r = search_corpus_json({"--facets", "actor,place,year,month,source,lang", "--facet-limit", "50", "--limit", "0",
                              query});
        CHECK(r["total_exact"] == true);
        for (auto& [facet, values] : r["facets"].items()) {
            CAPTURE(facet);
            for (const auto& v : values) {
                std::string value = v["value"];
                CAPTURE(value);
                std::string filter;
                if (facet == "actor") filter = "actor:\"" + value + "\"";
                else if (facet == "place") filter = "place:\"" + value + "\"";
                else if (facet == "year") filter = "year:" + value;
                else if (facet == "month") filter = "date:" + value;
                else if (facet == "source") filter = "source:\"" + value + "\"";
                else filter = "lang:" + value;
                CHECK(count_corpus({query + " " + filter}) == v["count"].get<long>());
            }
        }
    }
}

TEST_CASE("actor and place names resolve through the gazetteer") {
    auto jnim = corpus_ids({"actor:JNIM"});
    CHECK(!jnim.empty());
    CHECK(corpus_ids({"actor:GSIM"}) == jnim);
    CHECK(corpus_ids({"actor:jnim"}) == jnim);
    CHECK(corpus_ids({"actor:\"Support Group for Islam and Muslims\""}) == jnim);
    CHECK(corpus_ids({"--actor", "GSIM"}) == jnim);
    CHECK(corpus_ids({"place:Tombouctou"}) == corpus_ids({"place:Timbuktu"}));

    // --actor "A|B" is either; repeated --actor is both.
    long fama = count_corpus({"--actor", "FAMa"}), wagner = count_corpus({"--actor", "Wagner"});
    long both = count_corpus({"--actor", "FAMa", "--actor", "Wagner"});
    long either = count_corpus({"--actor", "FAMa|Wagner"});
    CHECK(both <= std::min(fama, wagner));
    CHECK(either == fama + wagner - both);

    CommandResult unknown = search_corpus({"actor:Wagnr", "drone"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("newsdex-search: error: unknown actor 'Wagnr'") == 0);
    CHECK(unknown.err.find("Wagner Group") != std::string::npos);
    CHECK(unknown.out.empty());
}

TEST_CASE("output formats and modes") {
    SUBCASE("json fields") {
        auto r = search_corpus_json({"--facets", "drone"});
        for (const char* field : {"query", "parsed", "total", "total_exact", "offset", "hits", "facets",
                                  "suggestion", "elapsed_ms"})
            CHECK(r.contains(field));
        REQUIRE(!r["hits"].empty());
        for (const char* field : {"rank", "id", "score", "date", "title", "source", "url", "path", "actors",
                                  "places", "snippet"})
            CHECK(r["hits"][0].contains(field));
        CHECK(r["facets"].contains("actor"));
        CHECK(r["facets"].contains("month"));
        CHECK(r["hits"][0]["snippet"].get<std::string>().find("**") != std::string::npos);
    }
    SUBCASE("tsv has a header") {
        CommandResult r = search_corpus({"--format", "tsv", "drone"});
        auto lines = lines_of(r.out);
        REQUIRE(lines.size() >= 2);
        CHECK(lines[0] == "rank\tid\tscore\tdate\ttitle\tsource\turl\tactors\tplaces");
    }
    SUBCASE("text output has no escape codes without a terminal") {
        CommandResult r = search_corpus({"--format", "text", "--facets", "actor,month", "drone"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.find('\033') == std::string::npos);
        CHECK(r.out.find("drone") != std::string::npos);
    }
    SUBCASE("paging") {
        auto all = corpus_ids({"Mali"});
        REQUIRE(all.size() > 4);
        CommandResult page = search_corpus({"--ids", "--offset", "2", "--limit", "2", "Mali"});
        CHECK(lines_of(page.out) == std::vector<std::string>{all[2], all[3]});
    }
    SUBCASE("did you mean") {
        auto r = search_corpus_json({"Kidl"});
        CHECK(r["total"] == 0);
        CHECK(r["suggestion"] == "kidal");
    }
}

TEST_CASE("exit status like grep") {
    CHECK(search_corpus({"--count", "drone"}).exit_code == 0);
    CHECK(search_corpus({"--count", "xylophone"}).exit_code == 1);
    CHECK(search_corpus({"--count", "date:2024-13"}).exit_code == 2);
    CHECK(search_corpus({"--sort", "sideways", "drone"}).exit_code == 2);
    CHECK(search_corpus({"--from", "2024-02-30", "drone"}).exit_code == 2);
    CommandResult missing = run({"newsdex-search", "--db", "/nonexistent/db", "drone"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("newsdex-search: error: ") == 0);
}

TEST_CASE("results that cannot be written are an error, not an answer") {
    // A full disk: a script must not take the lost answer for "no match"
    // (exit 1) or for a match it can read (exit 0).
    const std::vector<std::vector<std::string>> modes = {
        {"drone"}, {"--count", "drone"}, {"--batch", "-"}, {"--help"}, {"--version"}};
    for (const auto& mode : modes) {
        std::vector<std::string> args = {"newsdex-search", "--db", corpus_db()};
        args.insert(args.end(), mode.begin(), mode.end());
        CommandResult r = run_into_full_disk(args, "drone\nwagner\n");
        INFO(mode.front(), ": ", r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("newsdex-search: error: cannot write to standard output: ", 0) == 0);
        CHECK(lines_of(r.err).size() == 1);
    }
}

TEST_CASE("batch mode: one JSON line per query, in order, errors inline, exit 2") {
    std::string batch =
        "# saved queries\n"
        "q1\tdrone\n"
        "\n"
        "q2\tactor:Wagnr\n"
        "xylophone\n"
        "q4\tdate:2024-03\n";
    for (std::string jobs : {"1", "2"}) {
        CAPTURE(jobs);
        CommandResult r = search_corpus({"--batch", "-", "--jobs", jobs, "--limit", "3"}, batch);
        CHECK(r.exit_code == 2);
        auto lines = lines_of(r.out);
        REQUIRE(lines.size() == 4);
        json a = json::parse(lines[0]), b = json::parse(lines[1]), c = json::parse(lines[2]),
             d = json::parse(lines[3]);
        CHECK(a["line"] == 2);
        CHECK(a["id"] == "q1");
        CHECK(a["total"].get<int>() > 0);
        CHECK(b["line"] == 4);
        CHECK(b["id"] == "q2");
        CHECK(b.contains("error"));
        CHECK(b["position"] == 6);
        CHECK(c["line"] == 5);
        CHECK(c["id"].is_null());
        CHECK(c["total"] == 0);
        CHECK(d["id"] == "q4");
        CHECK(d["total"] == 7);
    }
    CommandResult good = search_corpus({"--batch", "-"}, "drone\nKidal\n");
    CHECK(good.exit_code == 0);
    CommandResult none = search_corpus({"--batch", "-"}, "xylophone\n");
    CHECK(none.exit_code == 1);
}

TEST_CASE("batch mode: any number of threads gives the same lines in the same order") {
    // Past the machine's cores the worker holding the next answer prints
    // it; below them the calling thread prints (batch_search.cc): both
    // must keep input order.
    const char* words[] = {"drone", "Kidal", "actor:JNIM convoy", "xylophone", "date:2024-03 attack",
                           "Gao OR Timbuktu", "place:Wagnr", "\"armed forces\"", "Mali", "attack*"};
    auto id = [](int i) { return std::string("q").append(std::to_string(i)); };  // (g++ 12 -Wrestrict on "q" + ...)
    std::string batch;
    for (int i = 0; i < 120; ++i) batch.append(id(i)).append("\t").append(words[i % 10]).append("\n");
    auto answers = [&](const char* jobs) {
        CommandResult r = search_corpus({"--batch", "-", "--jobs", jobs, "--limit", "3"}, batch);
        CHECK(r.exit_code == 2);  // place:Wagnr is an error
        std::vector<json> out;
        for (const auto& line : lines_of(r.out)) {
            json j = json::parse(line);
            j.erase("elapsed_ms");
            out.push_back(j);
        }
        return out;
    };
    const auto one = answers("1");
    REQUIRE(one.size() == 120);
    for (int i = 0; i < 120; ++i) CHECK(one[i]["id"] == id(i));
    for (const char* jobs : {"2", "3", "8"}) {
        CAPTURE(jobs);
        CHECK(answers(jobs) == one);
    }
}

namespace {

/// @p queries answered in one batch on @p jobs threads and each alone, both
/// with @p options: (in the batch, alone) per query, in order.
std::vector<std::pair<json, json>> batch_and_alone(const std::vector<std::string>& queries,
                                                   const std::vector<std::string>& options, const char* jobs) {
    std::string batch;
    for (const auto& q : queries) batch.append("q\t").append(q).append("\n");  // an ID: "" is a query too
    std::vector<std::string> args = {"--batch", "-", "--jobs", jobs};
    args.insert(args.end(), options.begin(), options.end());
    const auto lines = lines_of(search_corpus(args, batch).out);
    REQUIRE(lines.size() == queries.size());
    std::vector<std::pair<json, json>> answers;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::vector<std::string> alone = {"--format", "jsonl"};
        alone.insert(alone.end(), options.begin(), options.end());
        alone.push_back(queries[i]);
        answers.emplace_back(json::parse(lines[i]), json::parse(search_corpus(alone).out));
    }
    return answers;
}

}  // namespace

// A batch's date filters read the day columns (date_column.h), one search
// the date values or the terms: the same articles, in the same order.
TEST_CASE("batch mode: date-ranged queries find what one search finds") {
    const std::vector<std::string> queries = {
        "attack date:2024-03-06..2024-03-27", "drone date:2024", "Kidal date:..2012-12-31", "Mali date:2025-01-01..",
        "date:2024-03-20", "army date:2023..2024-02", "Gao OR Timbuktu date:2013..2017", "Wagner date:2024-02-29"};
    for (const char* jobs : {"1", "2"}) {
        CAPTURE(jobs);
        const auto answers = batch_and_alone(queries, {"--limit", "100"}, jobs);
        int found = 0;
        for (std::size_t i = 0; i < answers.size(); ++i) {
            CAPTURE(queries[i]);
            const auto& [in_batch, alone] = answers[i];
            CHECK(in_batch["hits"] == alone["hits"]);
            CHECK(in_batch["total"] == alone["total"]);
            found += in_batch["total"].get<int>() > 0;
        }
        CHECK(found >= 6);
    }
}

// A batch sorts with keys from its ID and day columns (column_sort.h), one
// search with Xapian's value sorts: the same hits in the same order, ties
// (filter-only queries all weigh 0) and undated articles included.
TEST_CASE("batch mode: every sort order ranks as one search does") {
    const std::vector<std::string> queries = {"Mali", "attack", "actor:JNIM", "date:2024", "Gao OR Timbuktu",
                                              "lang:fr", ""};
    for (const char* sort : {"relevance", "newest", "oldest"}) {
        for (const char* jobs : {"1", "2"}) {
            CAPTURE(sort);
            CAPTURE(jobs);
            const auto answers = batch_and_alone(queries, {"--limit", "100", "--no-snippets", "--sort", sort}, jobs);
            std::size_t hits = 0;
            for (std::size_t i = 0; i < answers.size(); ++i) {
                CAPTURE(queries[i]);
                const auto& [in_batch, alone] = answers[i];
                CHECK(in_batch["hits"] == alone["hits"]);
                hits += in_batch["hits"].size();
            }
            CHECK(hits > 150);
        }
    }
}

// A batch counts facets from columns read once (batch_columns.h), one
// search from the value streams: the same counts, for every kind of facet.
TEST_CASE("batch mode: facet counts equal one search's") {
    const std::vector<std::string> queries = {"drone", "Kidal OR Gao", "date:2024", "army date:2023..2024-02", "",
                                              "xylophone", "actor:JNIM", "attack*"};
    const std::vector<std::string> options = {"--facets", "actor,place,month,year,week,source,lang,actor-pair",
                                              "--no-snippets"};
    for (const char* jobs : {"1", "2"}) {
        CAPTURE(jobs);
        const auto answers = batch_and_alone(queries, options, jobs);
        int counted = 0;
        for (std::size_t i = 0; i < answers.size(); ++i) {
            CAPTURE(queries[i]);
            const auto& [in_batch, alone] = answers[i];
            CHECK(in_batch["facets"] == alone["facets"]);
            counted += !in_batch["facets"]["actor"].empty();
        }
        CHECK(counted >= 5);
    }
}

// The searcher computes only what the output shows (--ids reads no stored
// document, TSV no snippets): the output must stay what the full result says.
TEST_CASE("output that skips work: --ids, tsv and --no-snippets show what json shows") {
    for (const char* query : {"drone", "Mali", "convoy attack", "actor:JNIM"}) {
        CAPTURE(std::string(query));
        const auto full = search_corpus_json({"--limit", "20", query});
        // --no-snippets: the same JSON, every snippet empty.
        auto without = search_corpus_json({"--no-snippets", "--limit", "20", query});
        auto expected = full;
        bool had_snippet = false;
        for (auto& hit : expected["hits"]) {
            had_snippet |= !hit["snippet"].get<std::string>().empty();
            hit["snippet"] = "";
        }
        CHECK(had_snippet);
        expected.erase("elapsed_ms");
        without.erase("elapsed_ms");
        CHECK(without == expected);
        std::vector<std::string> ids, rows;
        for (const auto& hit : full["hits"]) {
            ids.push_back(hit["id"].get<std::string>());
            rows.push_back(std::to_string(hit["rank"].get<int>()) + "\t" + hit["id"].get<std::string>());
        }
        REQUIRE(!ids.empty());
        CHECK(lines_of(search_corpus({"--ids", "--limit", "20", query}).out) == ids);
        auto tsv = lines_of(search_corpus({"--format", "tsv", "--limit", "20", query}).out);
        REQUIRE(tsv.size() == rows.size() + 1);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CHECK(tsv[i + 1].starts_with(rows[i] + "\t"));
            CHECK(tsv[i + 1].find(full["hits"][i]["title"].get<std::string>()) != std::string::npos);
        }
    }
}

// Spelling suggestions are looked up only for words the collection lacks.
TEST_CASE("did you mean: offered for a missing word, never when every word occurs") {
    CHECK(search_corpus_json({"Kidl", "convoy"})["suggestion"] == "kidal convoy");
    for (const char* query : {"drone", "drones strike", "Kidal convoy", "attacks"}) {
        CAPTURE(std::string(query));
        const auto r = search_corpus_json({query});
        CHECK(r["total"].get<int>() > 0);
        CHECK(r["suggestion"].is_null());
    }
}

// Snippets show the sentence that best matches the query's own words
// (passage_snippet.h), wherever it is in a long speech-like text, not the
// first place a query word occurs; a number the index keeps whole still
// gets Xapian's snippet, a match in the title only the text's opening.
TEST_CASE("snippets show the sentence holding most of the query") {
    TempDir dir;
    std::string text = "A drone was heard over Gao on Monday.\n";
    for (int i = 0; text.size() < 6000; ++i) text += "Delegates discussed the harvest and\nthe weather again. ";
    text += "On Thursday a drone strike near Kidal killed three people, officials said. ";
    for (int i = 0; i < 40; ++i) text += "The market closed early that day. ";
    text += "Fuel rose 3.6 pct.";
    const json article = {{"id", "long-2"}, {"date", "2024-03-01"}, {"title", "Strikes in the north"}, {"text", text}};
    const std::string input = dir.write("long.jsonl", article.dump() + "\n");
    REQUIRE(run({"newsdex-index", "--db", dir / "db", "--quiet", input}).exit_code == 0);
    auto snippet_for = [&](const std::string& query) {
        CommandResult r = run({"newsdex-search", "--db", dir / "db", "--format", "json", query});
        REQUIRE(r.exit_code == 0);
        const json result = json::parse(r.out);
        REQUIRE(result["hits"].size() == 1);
        return result["hits"][0]["snippet"].get<std::string>();
    };
    const std::string both = snippet_for("drones Kidal");
    CAPTURE(both);
    CHECK(both.starts_with("…On Thursday a **drone** strike near **Kidal** killed three people, officials said."));
    CHECK(both.ends_with("…"));
    CHECK(snippet_for("drone").starts_with("A **drone** was heard over Gao on Monday. Delegates"));
    CHECK(snippet_for("3.6").find("**3.6**") != std::string::npos);
    // A title word only: the opening of the text, as for filter-only queries:
    // the text on one line, cut at a word within the snippet's 240 bytes.
    const std::string opening = snippet_for("north");
    CHECK(opening.starts_with("A drone was heard over Gao on Monday. Delegates"));
    REQUIRE(opening.ends_with("…"));
    const std::string shown = opening.substr(0, opening.size() - std::string("…").size());
    CHECK(shown.size() <= 240);
    CHECK(shown.size() > 200);
    CHECK(newsdex::single_line(text).starts_with(shown + " "));
}

// Snippets of long texts come from a window around the first query word
// (snippet_window.h): a word far into the text is still shown, marked as cut.
TEST_CASE("snippets of a long article find a word deep in the text") {
    TempDir dir;
    std::string text;
    for (int i = 0; text.size() < 9000; ++i) text += "Delegates discussed the harvest and the weather again. ";
    text += "Then a xylophone orchestra played in the square. ";
    for (int i = 0; i < 40; ++i) text += "The market closed early that day. ";
    const json article = {{"id", "long-1"}, {"date", "2024-03-01"}, {"title", "A long day"}, {"text", text}};
    const std::string input = dir.write("long.jsonl", article.dump() + "\n");
    REQUIRE(run({"newsdex-index", "--db", dir / "db", "--quiet", input}).exit_code == 0);
    CommandResult r = run({"newsdex-search", "--db", dir / "db", "--format", "json", "xylophone"});
    REQUIRE(r.exit_code == 0);
    const std::string snippet = json::parse(r.out)["hits"][0]["snippet"].get<std::string>();
    CHECK(snippet.find("**xylophone**") != std::string::npos);
    CHECK(snippet.starts_with("…"));
    CHECK(snippet.ends_with("…"));
}

// Articles without text (headlines) are indexed without title terms, their
// words being their title's (schema.h, kTermTitleOnly): `title:` queries
// must find them as they find the title words of articles with text, and
// not find text words.
TEST_CASE("title: queries find title-only articles as they find the titles of others") {
    TempDir dir;
    const std::string db = dir / "db";
    const std::string dump = dir.write(
        "dump.jsonl",
        R"({"id":"h1","title":"Convoy attacked near Gao","date":"2024-03-01","text":""})"
        "\n"
        R"({"id":"h2","title":"Drone strike in Kidal","date":"2024-03-02"})"
        "\n"
        R"({"id":"f1","title":"Market day in Mopti","date":"2024-03-03","text":"A convoy attacked traders near Gao."})"
        "\n"
        R"({"id":"f2","title":"Convoy reaches Timbuktu","date":"2024-03-04","text":"The aid convoy arrived safely."})"
        "\n");
    const CommandResult indexed = run({"newsdex-index", "--quiet", "--db", db, dump});
    INFO(indexed.err);
    REQUIRE(indexed.exit_code == 0);
    auto ids = [&](const std::string& query) {
        const CommandResult r = run({"newsdex-search", "--db", db, "--ids", "--sort", "oldest", query});
        INFO(r.err);
        CHECK(r.exit_code <= 1);
        return lines_of(r.out);
    };
    using Ids = std::vector<std::string>;
    CHECK(ids("title:convoy") == Ids{"h1", "f2"});
    CHECK(ids("title:attacks") == Ids{"h1"});  // stemmed
    CHECK(ids("title:\"convoy attacked\"") == Ids{"h1"});  // f1 has the phrase in its text only
    CHECK(ids("title:conv*") == Ids{"h1", "f2"});
    CHECK(ids("title:(drone OR market)") == Ids{"h2", "f1"});
    CHECK(ids("title:convoy -title:attacked") == Ids{"f2"});
    CHECK(ids("convoy -title:attacked") == Ids{"f1", "f2"});
    CHECK(ids("convoy") == Ids{"h1", "f1", "f2"});
    CHECK(ids("title:Gao date:2024-03") == Ids{"h1"});

    // The title-only articles hold their words once, the others twice.
    Xapian::Database xdb(db);
    auto terms_of = [&](const std::string& id) {
        std::vector<std::string> terms;
        const Xapian::docid did = *xdb.postlist_begin("Q" + id);
        for (auto t = xdb.termlist_begin(did); t != xdb.termlist_end(did); ++t) terms.push_back(*t);
        return terms;
    };
    auto has = [](const std::vector<std::string>& terms, const std::string& term) {
        return std::find(terms.begin(), terms.end(), term) != terms.end();
    };
    CHECK(has(terms_of("h1"), "XTITLEONLY"));
    CHECK(!has(terms_of("h1"), "Sconvoy"));
    CHECK(has(terms_of("h1"), "convoy"));
    CHECK(!has(terms_of("f2"), "XTITLEONLY"));
    CHECK(has(terms_of("f2"), "Sconvoy"));
}
