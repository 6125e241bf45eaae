/** @file
 * @brief End-to-end tests of newsdex-index: the real binary on corpus/ and
 *        on generated bad input, in a temporary directory.
 */
#include <doctest/doctest.h>

#include <map>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "e2e_support.h"
#include "schema.h"
#include "stored_article.h"

using namespace newsdex::test;
using nlohmann::json;

namespace {

// The command a new user runs on the bundled corpus (see corpus/README.md).
CommandResult index_corpus(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"newsdex-index", "--quiet",  "--summary-json", "--db",        db,
                                  "--field",       "text=notes", "--field",      "date=event_date",
                                  "--field",       "id=event_id"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(corpus_dir());
    return run(args);
}

json summary_of(const CommandResult& r) {
    INFO(r.err);
    REQUIRE(!r.out.empty());
    return json::parse(lines_of(r.out).back());
}

json stats_of(const std::string& db) {
    CommandResult r = run({"newsdex-index", "--stats", "--summary-json", "--db", db});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("index corpus/: every article once, the exact duplicate skipped") {
    TempDir dir;
    std::string db = dir / "db";
    CommandResult first = index_corpus(db);
    INFO(first.err);
    CHECK(first.exit_code == 0);
    json s = summary_of(first);
    CHECK(s["read"] == 66);
    CHECK(s["added"] == 65);
    CHECK(s["duplicates"] == 1);
    CHECK(s["undated"] == 3);
    CHECK(s["errors"] == 0);
    CHECK(s["total_articles"] == 65);

    SUBCASE("re-running on the same dump changes nothing") {
        CommandResult again = index_corpus(db);
        CHECK(again.exit_code == 0);
        json a = summary_of(again);
        CHECK(a["added"] == 0);
        CHECK(a["replaced"] == 0);
        CHECK(a["unchanged"] == 65);
        CHECK(a["duplicates"] == 1);
        CHECK(a["total_articles"] == 65);
    }
    SUBCASE("--keep-duplicates keeps the copy under its own ID") {
        json k = summary_of(index_corpus(db, {"--keep-duplicates"}));
        CHECK(k["added"] == 1);
        CHECK(k["total_articles"] == 66);
    }
    SUBCASE("--stats reports count, date span, undated and top actors") {
        json st = stats_of(db);
        CHECK(st["articles"] == 65);
        CHECK(st["undated"] == 3);
        CHECK(st["first_date"] == "2012-04-06");
        CHECK(st["last_date"] == "2025-06-09");
        REQUIRE(!st["actors"].empty());
        CHECK(st["actors"][0]["count"].get<int>() >= st["actors"].back()["count"].get<int>());
        CommandResult text = run({"newsdex-index", "--stats", "--db", db});
        CHECK(text.out.find("65 articles, dated 2012-04-06 to 2025-06-09, 3 undated") != std::string::npos);
    }
    SUBCASE("--delete removes articles and counts unknown IDs") {
        CommandResult del = run({"newsdex-index", "--quiet", "--summary-json", "--db", db, "--delete",
                                 "mon-2024-003", "no-such-id"});
        CHECK(del.exit_code == 0);
        json d = summary_of(del);
        CHECK(d["deleted"] == 1);
        CHECK(d["not_found"] == 1);
        CHECK(d["total_articles"] == 64);
    }
}

TEST_CASE("an edited article replaces its old version") {
    TempDir dir;
    std::string db = dir / "db";
    std::string file = dir.write("dump.jsonl",
                                 R"({"id":"a1","title":"Clashes near Gao","date":"2024-03-01","text":"Fighting near Gao."})"
                                 "\n"
                                 R"({"id":"a2","title":"Market reopens","date":"2024-03-02","text":"Traders in Mopti."})"
                                 "\n");
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, file}).exit_code == 0);
    dir.write("dump.jsonl",
              R"({"id":"a1","title":"Clashes near Gao","date":"2024-03-01","text":"Heavy fighting near Gao, witnesses said."})"
              "\n");
    json s = summary_of(run({"newsdex-index", "--quiet", "--summary-json", "--db", db, file}));
    CHECK(s["replaced"] == 1);
    CHECK(s["added"] == 0);
    CHECK(s["total_articles"] == 2);
}

TEST_CASE("a corrected date replaces the stored article, in one database and across year shards") {
    for (const std::vector<std::string>& layout : {std::vector<std::string>{}, {"--shard-by", "year"}}) {
        CAPTURE(layout.size());
        TempDir dir;
        const std::string db = dir / "db";
        const std::string text = R"("title":"Convoy ambushed near Gao","text":"Gunmen attacked a supply convoy near Gao, the army said, wounding two drivers.")";
        const std::string file = dir.write("dump.jsonl", R"({"id":"a1","date":"2023-12-30",)" + text + "}\n");
        auto index = [&] {
            std::vector<std::string> args{"newsdex-index", "--quiet", "--summary-json", "--db", db};
            args.insert(args.end(), layout.begin(), layout.end());
            args.push_back(file);
            return summary_of(run(args));
        };
        auto dated = [&](const std::string& from, const std::string& to) {
            return run({"newsdex-search", "--db", db, "--count", "--from", from, "--to", to, "convoy"}).out;
        };
        REQUIRE(index()["added"] == 1);
        // The next dump corrects the date (into the next year: another shard).
        dir.write("dump.jsonl", R"({"id":"a1","date":"2024-01-02",)" + text + "}\n");
        json corrected = index();
        CHECK(corrected["replaced"] == 1);
        CHECK(corrected["unchanged"] == 0);
        CHECK(corrected["total_articles"] == 1);
        CHECK(dated("2024-01-01", "2024-01-31") == "1\n");
        CHECK(dated("2023-12-01", "2023-12-31") == "0\n");
        CHECK(run({"newsdex-search", "--db", db, "--count", "convoy"}).out == "1\n");
        // The same dump again changes nothing.
        json again = index();
        CHECK(again["unchanged"] == 1);
        CHECK(again["replaced"] == 0);
    }
}

TEST_CASE("bad input is reported as file:line, skipped and counted, and the rest is indexed") {
    TempDir dir;
    std::string db = dir / "db";
    std::string in = (dir.path() / "in").string();
    dir.write("in/good.txt", " date 2024-03-20 Drones struck a depot near Kidal on Tuesday.\n");
    dir.write("in/lines.jsonl",
              "{\"id\":\"j1\",\"title\":\"One\",\"text\":\"First good line about Gao.\"}\n"
              "{\"id\":\"j2\",\"title\": broken\n"
              "{\"id\":\"j3\",\"title\":\"Three\",\"text\":\"Third good line about Mopti.\"}\n");
    dir.write("in/binary.txt", std::string("\x7f" "ELF\0\0\0\x01\x02", 9));
    dir.write("in/latin1.txt", "Caf\xe9 in S\xe9gou\n");
    dir.write("in/rows.csv", "id,title,text\nc1,Fine,\"A fine row\"\nc2,Broken,\"never closed\n");
    dir.write("in/undated.jsonl", "{\"id\":\"u1\",\"date\":\"the day after\",\"text\":\"No real date here.\"}\n");

    CommandResult r = run({"newsdex-index", "--quiet", "--summary-json", "--db", db, in});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    json s = summary_of(r);
    CHECK(s["added"] == 5);  // good.txt, j1, j3, c1, u1
    CHECK(s["errors"] == 4);  // j2, binary.txt, latin1.txt, the unterminated CSV row
    CHECK(s["warnings"] >= 1);  // the unparseable date
    CHECK(r.err.find(in + "/lines.jsonl:2: error:") != std::string::npos);
    CHECK(r.err.find(in + "/binary.txt") != std::string::npos);
    CHECK(r.err.find(in + "/latin1.txt:1: error:") != std::string::npos);
    CHECK(r.err.find(in + "/rows.csv:3: error:") != std::string::npos);
    CHECK(r.err.find(in + "/undated.jsonl:1: warning: unparseable date 'the day after'") != std::string::npos);
    CHECK(stats_of(db)["undated"] == 4);  // j1, j3, c1 have no date; u1's is unparseable
}

TEST_CASE("fatal errors exit 2 with one clear line") {
    TempDir dir;
    SUBCASE("unknown option") {
        CommandResult r = run({"newsdex-index", "--no-such-option", corpus_dir()});
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("newsdex-index: error: ", 0) == 0);
    }
    SUBCASE("no input") {
        CommandResult r = run({"newsdex-index", "--db", dir / "db"});
        CHECK(r.exit_code == 2);
        CHECK(r.err == "newsdex-index: error: no input given: name files or directories to index (see --help)\n");
    }
    SUBCASE("malformed gazetteer names file and line") {
        std::string gaz = dir.write("bad.tsv", "# actors\nJNIM\tjihadist-group\tGSIM\n\tarmed-group\tX\n");
        CommandResult r = run({"newsdex-index", "--db", dir / "db", "--actors", gaz, corpus_dir() + "/articles"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(gaz + ":3: ") != std::string::npos);
    }
    SUBCASE("unwritable database location") {
        std::string file = dir.write("not-a-dir", "x");
        CommandResult r = run({"newsdex-index", "--db", file + "/db", corpus_dir() + "/articles"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("newsdex-index: error: ", 0) == 0);
    }
}

TEST_CASE("a summary that cannot be written is an error, and the articles stay indexed") {
    TempDir dir;
    const std::string db = dir / "db";
    CommandResult r =
        run_into_full_disk({"newsdex-index", "--quiet", "--summary-json", "--db", db, corpus_dir() + "/articles"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "newsdex-index: error: cannot write to standard output: No space left on device\n");
    CommandResult count = run({"newsdex-search", "--db", db, "--count", "mali"});
    CHECK(count.exit_code == 0);
    CHECK(std::stol(count.out) > 0);
    for (const char* option : {"--help", "--version"}) {
        CHECK(run_into_full_disk({"newsdex-index", option}).exit_code == 2);
    }
}

TEST_CASE("standard input is read with - and a forced --format") {
    TempDir dir;
    std::string db = dir / "db";
    CommandResult r = run({"newsdex-index", "--quiet", "--summary-json", "--db", db, "--format", "jsonl", "-"},
                          "{\"id\":\"s1\",\"title\":\"From a pipe\",\"text\":\"Piped article about Timbuktu.\"}\n");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(summary_of(r)["added"] == 1);
}

TEST_CASE("a schema-5 database, its texts inside the JSON data, shows the same snippets and takes new articles") {
    TempDir dir;
    const std::string db = dir / "db";
    REQUIRE(index_corpus(db).exit_code == 0);
    auto snippets = [&](const std::string& query) {
        CommandResult r = run({"newsdex-search", "--db", db, "--format", "json", "--limit", "100", query});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const json result = json::parse(r.out);
        std::map<std::string, std::string> by_id;
        for (const auto& hit : result["hits"]) by_id[hit["id"]] = hit["snippet"];
        return by_id;
    };
    const auto packed = snippets("Kidal");
    REQUIRE(packed.size() > 3);
    {
        // Every article as schema 5 wrote it: the text a key of the object.
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        std::vector<Xapian::docid> docids(w.postlist_begin(""), w.postlist_end(""));
        for (Xapian::docid did : docids) {
            Xapian::Document doc = w.get_document(did);
            const std::string data = doc.get_data();
            json object = json::parse(newsdex::stored_object(data));
            object["text"] = newsdex::read_stored_article(data, true).text;
            doc.set_data(object.dump());
            w.replace_document(did, doc);
        }
        w.set_metadata(newsdex::schema::kMetaSchemaVersion, "5");
        w.commit();
    }
    CHECK(snippets("Kidal") == packed);

    // New articles are packed next to the old ones, and the mark says so.
    const json article = {{"id", "new-1"}, {"title", "Convoy"}, {"text", "A convoy reached Kidal on Friday."}};
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, dir.write("new.jsonl", article.dump() + "\n")}).exit_code == 0);
    CHECK(Xapian::Database(db).get_metadata(newsdex::schema::kMetaSchemaVersion) ==
          std::to_string(newsdex::schema::kSchemaVersion));
    auto after = snippets("Kidal");
    CHECK(after.size() == packed.size() + 1);
    for (const auto& [id, snippet] : packed) CHECK(after[id] == snippet);
    CHECK(after["new-1"] == "A convoy reached **Kidal** on Friday.");
}

TEST_CASE("a schema-3 or -4 database is searched and extended, then marked current, and unknown schemas are refused") {
    TempDir dir;
    std::string db = dir / "db";
    REQUIRE(index_corpus(db).exit_code == 0);
    auto mark = [&](const std::string& version) {
        Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
        w.set_metadata(newsdex::schema::kMetaSchemaVersion, version);
        w.commit();
    };
    auto marked = [&] { return Xapian::Database(db).get_metadata(newsdex::schema::kMetaSchemaVersion); };
    // Schemas 3 and 4 differ only by index terms and a value slot nothing
    // reads any more (schema.h): both tools accept them.
    for (const char* old : {"3", "4"}) {
        CAPTURE(old);
        mark(old);
        CommandResult found = run({"newsdex-search", "--db", db, "--count", "Kidal"});
        INFO(found.err);
        CHECK(found.exit_code == 0);
        CHECK(marked() == old);
        CommandResult again = index_corpus(db);
        CHECK(again.exit_code == 0);
        CHECK(summary_of(again)["added"] == 0);
        CHECK(marked() == std::to_string(newsdex::schema::kSchemaVersion));
    }

    mark("2");
    CommandResult search = run({"newsdex-search", "--db", db, "Kidal"});
    CHECK(search.exit_code == 2);
    CHECK(search.err.find("schema 2") != std::string::npos);
    CommandResult index = index_corpus(db);
    CHECK(index.exit_code == 2);
    CHECK(index.err.find("schema 2") != std::string::npos);
}
