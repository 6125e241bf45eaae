/** @file
 * @brief `newsdex-index --shard-by` (shard_layout.h, sharded_index_writer.h):
 *        a sharded collection holds and answers exactly what one database
 *        indexed from the same input does.
 */
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "e2e_support.h"
#include "reliability_support.h"
#include "schema.h"
#include "shard_layout.h"

using namespace newsdex;
using namespace newsdex::test;
using nlohmann::json;

namespace {

CommandResult index_into(const std::string& db, std::vector<std::string> extra, const std::string& input) {
    std::vector<std::string> args{"newsdex-index", "--quiet", "--summary-json", "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(input);
    return run(args);
}

// corpus/ as every e2e test indexes it (e2e_support.cc), with @p extra.
CommandResult index_corpus(const std::string& db, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--field", "text=notes", "--field", "date=event_date", "--field", "id=event_id"};
    args.insert(args.end(), extra.begin(), extra.end());
    return index_into(db, args, corpus_dir());
}

json summary_of(const CommandResult& r) {
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(lines_of(r.out).back());
}

// Article ID -> near-duplicate group key, of a database or collection.
std::map<std::string, std::string> groups_of(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, std::string> out;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document doc = db.get_document(*p);
        out[doc.get_value(schema::kSlotId)] = doc.get_value(schema::kSlotDupGroup);
    }
    return out;
}

// Shards (names) holding the article with @p id.
std::set<std::string> shards_holding(const std::string& dir, const std::string& id) {
    std::set<std::string> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (!entry.is_directory()) continue;
        Xapian::Database shard(entry.path().string());
        if (shard.get_termfreq(schema::id_term(id))) out.insert(entry.path().filename().string());
    }
    return out;
}

std::string search_json(const std::string& db, const std::vector<std::string>& query) {
    std::vector<std::string> args{"newsdex-search", "--db", db, "--format", "json", "--limit", "100"};
    args.insert(args.end(), query.begin(), query.end());
    CommandResult r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    json j = json::parse(r.out);
    j.erase("elapsed_ms");
    return j.dump(1);
}

// corpus/ indexed once into one database and into each layout.
struct Collections {
    TempDir dir;
    std::string single = dir / "single";
    std::map<std::string, std::string> sharded;  // layout -> directory
    Collections() {
        REQUIRE(index_corpus(single).exit_code == 0);
        for (const char* layout : {"year", "month", "hash:3"}) {
            std::string path = dir / (std::string("by-") + layout);
            CommandResult r = index_corpus(path, {"--shard-by", layout});
            INFO(r.err);
            REQUIRE(r.exit_code == 0);
            sharded[layout] = path;
        }
    }
};

const Collections& collections() {
    static Collections c;
    return c;
}

std::string article(const std::string& id, const std::string& date, const std::string& text) {
    json j = {{"id", id}, {"title", "Convoy ambushed near Gao"}, {"text", text}};
    if (!date.empty()) j["date"] = date;
    return j.dump() + "\n";
}

const std::string kText1 =
    "A supply convoy was ambushed on the road from Gao to Ansongo, killing three soldiers and wounding "
    "eleven others, the army said on Tuesday.";
const std::string kText2 =
    "A supply convoy was ambushed on the road from Gao to Ansongo, killing four soldiers and wounding "
    "eleven others, the army said on Wednesday.";

}  // namespace

TEST_CASE("shard-by layouts: shard names and the hash:N hash") {
    struct Case {
        std::string spec, id, date, shard;
    };
    const Case cases[] = {
        {"year", "a", "2024-03-20", "2024"},    {"year", "a", "", "undated"},
        {"month", "a", "2024-03-20", "2024-03"}, {"month", "a", "", "undated"},
        {"hash:3", "a", "2024-03-20", "shard-0" + std::to_string(fnv1a_64("a") % 3)},
        {"hash:1", "anything", "", "shard-00"}, {"hash:200", "x", "", ""},
    };
    for (const auto& c : cases) {
        INFO(c.spec << " " << c.id << " " << c.date);
        std::string error;
        auto layout = ShardLayout::parse(c.spec, error);
        REQUIRE(layout);
        CHECK(layout->spec() == c.spec);
        std::optional<Day> day;
        if (!c.date.empty()) day = Day{std::stoi(c.date.substr(0, 4)), std::stoi(c.date.substr(5, 2)), 1};
        std::string shard = layout->shard_for(c.id, day);
        if (!c.shard.empty()) CHECK(shard == c.shard);
        CHECK(layout->is_shard_name(shard));
        if (c.spec == "hash:200") CHECK(shard.size() == std::string("shard-000").size());
    }
    // FNV-1a 64 test vectors (Fowler, Noll, Vo).
    CHECK(fnv1a_64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a_64("foobar") == 0x85944171f73967e8ULL);
    for (const char* bad : {"day", "hash:", "hash:0", "hash:1001", "hash:x", "Year", ""}) {
        std::string error;
        INFO(bad);
        CHECK_FALSE(ShardLayout::parse(bad, error));
        CHECK(error == std::string("unknown shard layout '") + bad +
                           "' (expected year, month or hash:N with N from 1 to 1000)");
    }
}

TEST_CASE("shard-by year, month and hash:3 hold the single database's articles and groups") {
    const Collections& c = collections();
    const auto expected = groups_of(c.single);
    REQUIRE(expected.size() == 65);
    for (const auto& [layout, path] : c.sharded) {
        INFO(layout);
        CHECK(groups_of(path) == expected);
        CHECK(groups_of(path + "/XAPIANDB") == expected);
        // Every shard is a complete newsdex database, listed in the stub.
        std::ifstream stub(path + "/XAPIANDB");
        std::set<std::string> listed;
        for (std::string line; std::getline(stub, line);) listed.insert(line);
        std::size_t shards = 0;
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            if (!entry.is_directory()) continue;
            ++shards;
            const std::string name = entry.path().filename().string();
            CHECK(listed.count("auto " + name));
            Xapian::Database shard(entry.path().string());
            CHECK(shard.get_metadata(schema::kMetaSchemaVersion) == std::to_string(schema::kSchemaVersion));
            CHECK(!shard.get_metadata(schema::kMetaActorsGazetteer).empty());
            CHECK(!shard.get_metadata(schema::kMetaPlacesGazetteer).empty());
        }
        CHECK(listed.size() == shards);
    }
    CHECK(std::filesystem::is_directory(c.sharded.at("year") + "/undated"));
    CHECK(std::filesystem::is_directory(c.sharded.at("month") + "/2024-03"));
    CHECK(std::filesystem::is_directory(c.sharded.at("hash:3") + "/shard-02"));
}

TEST_CASE("shard-by: searching the collection answers as the single database does") {
    const Collections& c = collections();
    const std::vector<std::vector<std::string>> queries = {
        {"drone", "strike"},
        {"--facets", "actor,place,month,year,source,lang,actor-pair", "Kidal"},
        {"--collapse", "--facets", "actor,year", "actor:Wagner"},
        {"--sort", "newest", "--include-undated", "--from", "2023", "convoy OR attack"},
        {"--facets", "year", ""},
        {"--expand", "sm-2024-0320-aguelhok"},
        {"--match", "any", "what happened to the peacekeepers in Timbuktu"},
    };
    for (const auto& query : queries) {
        const std::string expected = search_json(c.single, query);
        for (const auto& [layout, path] : c.sharded) {
            INFO(layout << ": " << query.back());
            CHECK(search_json(path, query) == expected);
            CHECK(search_json(path + "/XAPIANDB", query) == expected);
        }
    }
    CommandResult stats = run({"newsdex-index", "--stats", "--db", c.sharded.at("hash:3")});
    CHECK(stats.exit_code == 0);
    CHECK(stats.out.find("65 articles") != std::string::npos);
}

TEST_CASE("shard-by: the spelling sidecar holds the single database's spelling table, the shards none") {
    const Collections& c = collections();
    auto spellings = [](const Xapian::Database& db) {
        std::map<std::string, Xapian::doccount> out;
        for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out[*w] = w.get_termfreq();
        return out;
    };
    const auto expected = spellings(Xapian::Database(c.single));
    REQUIRE(expected.size() > 100);
    for (const auto& [layout, path] : c.sharded) {
        INFO(layout);
        const std::string sidecar = path + "/" + kSpellingSidecar;
        REQUIRE(std::filesystem::is_directory(sidecar));
        Xapian::Database db(sidecar);
        CHECK(db.get_doccount() == 0);
        CHECK(db.get_metadata(schema::kMetaSchemaVersion) == std::to_string(schema::kSchemaVersion));
        CHECK(spellings(db) == expected);
        // The stub lists it last, and the collection counts each word once.
        std::ifstream stub(path + "/XAPIANDB");
        std::string line, last;
        while (std::getline(stub, line)) last = line;
        CHECK(last == std::string("auto ") + kSpellingSidecar);
        CHECK(spellings(Xapian::Database(path)) == expected);
        for (const auto& entry : std::filesystem::directory_iterator(path))
            if (entry.is_directory() && entry.path().filename() != kSpellingSidecar)
                CHECK(spellings(Xapian::Database(entry.path().string())).empty());
    }
    // Re-indexing the same input adds nothing (every article is unchanged).
    TempDir dir;
    const std::string db = dir / "by-year";
    REQUIRE(index_corpus(db, {"--shard-by", "year"}).exit_code == 0);
    REQUIRE(index_corpus(db).exit_code == 0);
    CHECK(spellings(Xapian::Database(db + "/" + kSpellingSidecar)) == expected);
}

TEST_CASE("shard-by: a collection without a spelling sidecar gets one, with its shards' spelling words") {
    TempDir dir;
    const std::string db = dir / "by-hash";
    REQUIRE(index_corpus(db, {"--shard-by", "hash:2"}).exit_code == 0);
    // As a newsdex before the sidecar wrote it: the words in the shards.
    std::filesystem::remove_all(db + "/" + kSpellingSidecar);
    {
        Xapian::WritableDatabase shard(db + "/shard-00");
        shard.add_spelling("kidal", 3);
        shard.add_spelling("timbuktu", 1);
        shard.commit();
        Xapian::WritableDatabase other(db + "/shard-01");
        other.add_spelling("kidal", 2);
        other.commit();
    }
    REQUIRE(index_corpus(db).exit_code == 0);  // unchanged articles: adds no words
    auto frequency = [](const Xapian::Database& d, const std::string& word) {
        for (auto w = d.spellings_begin(); w != d.spellings_end(); ++w)
            if (*w == word) return w.get_termfreq();
        return Xapian::doccount(0);
    };
    Xapian::Database sidecar(db + "/" + kSpellingSidecar);
    CHECK(sidecar.get_doccount() == 0);
    CHECK(frequency(sidecar, "kidal") == 5);
    CHECK(frequency(sidecar, "timbuktu") == 1);
    CHECK(frequency(Xapian::Database(db), "kidal") == 5);
    for (const char* shard : {"/shard-00", "/shard-01"}) {
        Xapian::Database d(db + shard);
        CHECK(d.spellings_begin() == d.spellings_end());
    }
    CHECK(search_json(db, {"Kidl"}).find("\"suggestion\": \"kidal\"") != std::string::npos);
}

TEST_CASE("shard-by: re-indexing changes nothing, and no flag is needed again") {
    TempDir dir;
    const std::string db = dir / "by-month";
    REQUIRE(index_corpus(db, {"--shard-by", "month"}).exit_code == 0);
    const auto before = groups_of(db);
    for (auto extra : {std::vector<std::string>{}, std::vector<std::string>{"--shard-by", "month"}}) {
        json again = summary_of(index_corpus(db, extra));
        CHECK(again["added"] == 0);
        CHECK(again["replaced"] == 0);
        CHECK(again["unchanged"] == 65);
        CHECK(again["total_articles"] == 65);
    }
    CHECK(groups_of(db) == before);
}

TEST_CASE("shard-by: a conflicting layout, a single database and a bad layout are refused") {
    TempDir dir;
    const std::string db = dir / "by-year";
    const std::string input = dir.write("a.jsonl", article("mv-1", "2021-05-01", kText1));
    REQUIRE(index_into(db, {"--shard-by", "year"}, input).exit_code == 0);
    CommandResult conflict = index_into(db, {"--shard-by", "hash:4"}, input);
    CHECK(conflict.exit_code == 2);
    CHECK(conflict.err == "newsdex-index: error: " + db +
                              " is sharded by year, not hash:4: leave out --shard-by, or index into a new directory\n");

    const std::string single = dir / "single";
    REQUIRE(index_into(single, {}, input).exit_code == 0);
    CommandResult over_single = index_into(single, {"--shard-by", "year"}, input);
    CHECK(over_single.exit_code == 2);
    CHECK(over_single.err == "newsdex-index: error: " + single +
                                 " is a single newsdex database: --shard-by year creates a new sharded collection; "
                                 "name a new directory\n");
    CHECK(Xapian::Database(single).get_doccount() == 1);

    CommandResult bad = index_into(dir / "x", {"--shard-by", "week"}, input);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "newsdex-index: error: --shard-by: unknown shard layout 'week' (expected year, month or "
                     "hash:N with N from 1 to 1000)\n");
    CHECK_FALSE(std::filesystem::exists(dir / "x"));
}

TEST_CASE("shard-by: a changed article whose date moved lives in its new shard only") {
    TempDir dir;
    const std::string db = dir / "by-year";
    const std::string v1 = dir.write("v1.jsonl", article("mv-1", "2021-05-01", kText1));
    const std::string v2 = dir.write("v2.jsonl", article("mv-1", "2024-02-01", kText2));
    const std::string v3 = dir.write("v3.jsonl", article("mv-1", "", kText1));
    const std::string same_text_new_date = dir.write("v4.jsonl", article("mv-1", "2025-01-01", kText1));
    REQUIRE(summary_of(index_into(db, {"--shard-by", "year"}, v1))["added"] == 1);
    CHECK(shards_holding(db, "mv-1") == std::set<std::string>{"2021"});

    json moved = summary_of(index_into(db, {}, v2));
    CHECK(moved["replaced"] == 1);
    CHECK(moved["total_articles"] == 1);
    CHECK(shards_holding(db, "mv-1") == std::set<std::string>{"2024"});
    CHECK(Xapian::Database(db).get_doccount() == 1);
    CHECK_FALSE(std::filesystem::exists(db + "/newsdex.moves"));

    CHECK(summary_of(index_into(db, {}, v3))["replaced"] == 1);
    CHECK(shards_holding(db, "mv-1") == std::set<std::string>{"undated"});
    // As in one database, a corrected date alone is applied: the article
    // moves to its new year's shard.
    CHECK(summary_of(index_into(db, {}, same_text_new_date))["replaced"] == 1);
    CHECK(shards_holding(db, "mv-1") == std::set<std::string>{"2025"});
    CHECK(summary_of(index_into(db, {}, same_text_new_date))["unchanged"] == 1);

    SUBCASE("moves within one commit cycle leave one copy") {
        const std::string many = dir.write("many.jsonl", article("mv-1", "2019-01-01", kText2) +
                                                             article("mv-1", "2020-01-01", kText1) +
                                                             article("mv-1", "2019-06-01", kText2));
        json s = summary_of(index_into(db, {}, many));
        CHECK(s["replaced"] == 3);
        CHECK(shards_holding(db, "mv-1") == std::set<std::string>{"2019"});
        CHECK(Xapian::Database(db).get_doccount() == 1);
    }
}

// The grouper loads the bands of the collection's articles when a run
// begins, by docid of the view over the shards; a shard the run adds (a new
// year) changes every docid of that view after the first article of each shard.
TEST_CASE("shard-by: a copy finds its original from an earlier run after the run adds a shard") {
    TempDir dir;
    const std::string db = dir / "by-year";
    const std::string other1 = "Traders in Mopti said the market reopened after a week, with prices of millet up "
                               "by a third since the rains began late this year.";
    const std::string other2 = "The transitional government announced a new timetable for the referendum on the "
                               "constitution, citing delays in the voter register.";
    const std::string other3 = "Floods in the Niger delta displaced thousands of families, aid agencies said, "
                               "and the road to Djenne was cut for several days.";
    REQUIRE(summary_of(index_into(db, {"--shard-by", "year"},
                                  dir.write("r1.jsonl", article("x-1", "2019-03-01", other1) +
                                                            article("y-1", "2020-03-01", other2) +
                                                            article("orig", "2020-04-01", kText1))))["added"] == 3);
    // Second run: first a 2024 article (a third shard), then a copy.
    json s = summary_of(index_into(db, {}, dir.write("r2.jsonl", article("z-1", "2024-01-05", other3) +
                                                                   article("copy", "2020-04-02", kText2))));
    CHECK(s["added"] == 2);
    const auto groups = groups_of(db);
    CHECK(groups.at("copy") == "orig");
    CHECK(groups.at("z-1") == "z-1");
}

TEST_CASE("shard-by: --delete finds the article in whichever shard holds it") {
    TempDir dir;
    const std::string input =
        dir.write("in.jsonl", article("d-1", "2021-05-01", kText1) + article("d-2", "", kText2 + " Later."));
    for (const char* layout : {"year", "hash:3"}) {
        INFO(layout);
        const std::string db = dir / (std::string("by-") + layout);
        REQUIRE(summary_of(index_into(db, {"--shard-by", layout}, input))["added"] == 2);
        CommandResult r = run({"newsdex-index", "--quiet", "--summary-json", "--db", db, "--delete", "d-2", "d-1", "nope"});
        json s = summary_of(r);
        CHECK(s["deleted"] == 2);
        CHECK(s["not_found"] == 1);
        CHECK(Xapian::Database(db).get_doccount() == 0);
    }
}

TEST_CASE("shard-by: a move interrupted between its shards' commits is finished on startup") {
    // What a kill between commit() steps (2) and (3) leaves: the new copy
    // committed in 2024, the old one still in 2021, and the journal.
    TempDir dir;
    const std::string db = dir / "by-year";
    REQUIRE(index_into(db, {"--shard-by", "year"}, dir.write("v1.jsonl", article("mv-1", "2021-05-01", kText1)))
                .exit_code == 0);
    REQUIRE(index_into(db, {"--shard-by", "year"}, dir.write("o.jsonl", article("o-1", "2024-01-01", kText2)))
                .exit_code == 0);
    // The new version straight into the 2024 shard (a plain newsdex database).
    REQUIRE(index_into(db + "/2024", {}, dir.write("v2.jsonl", article("mv-1", "2024-02-01", kText2 + " Updated.")))
                .exit_code == 0);
    REQUIRE(shards_holding(db, "mv-1") == std::set<std::string>{"2021", "2024"});

    SUBCASE("the new shard holds it: the old copy goes") {
        dir.write("by-year/newsdex.moves", "Qmv-1 2024 2021\n");
        CommandResult r = run({"newsdex-index", "--quiet", "--db", db, "--delete", "nope"});
        INFO(r.err);
        CHECK(shards_holding(db, "mv-1") == std::set<std::string>{"2024"});
    }
    SUBCASE("the new shard does not hold it: the old copy stays") {
        dir.write("by-year/newsdex.moves", "Qo-1 2021 2024\n");
        CommandResult r = run({"newsdex-index", "--quiet", "--db", db, "--delete", "nope"});
        INFO(r.err);
        CHECK(shards_holding(db, "o-1") == std::set<std::string>{"2024"});
    }
    CHECK_FALSE(std::filesystem::exists(db + "/newsdex.moves"));
}

namespace {

// @p n articles "k-NNNN" of generated words, one a line; every fifth a
// near-copy of the one before (a near-duplicate group). @p version changes
// every text, @p year the dates.
std::string generated_articles(int n, int version, int year) {
    std::mt19937 random(static_cast<unsigned>(1000 + version));
    std::string out, previous;
    for (int i = 0; i < n; ++i) {
        std::string text;
        if (i % 5 == 4) {
            text = previous + " Reported again.";
        } else {
            for (int w = 0; w < 40; ++w) {
                text += 'w';
                text += std::to_string(random() % 400);
                text += ' ';
            }
            text += "version " + std::to_string(version);
        }
        previous = text;
        char id[16], date[16];
        std::snprintf(id, sizeof id, "k-%04d", i);
        std::snprintf(date, sizeof date, "%04d-%02d-01", year + i % 3, 1 + i % 12);
        out += json({{"id", id}, {"date", date}, {"title", "Report " + std::to_string(i)}, {"text", text}}).dump() +
               "\n";
    }
    return out;
}

// ID -> how many shards hold it.
std::map<std::string, int> copies_of(const std::string& dir) {
    std::map<std::string, int> out;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (!entry.is_directory()) continue;
        Xapian::Database shard(entry.path().string());
        for (auto t = shard.allterms_begin(schema::kPrefixId); t != shard.allterms_end(schema::kPrefixId); ++t)
            ++out[(*t).substr(1)];
    }
    return out;
}

}  // namespace

TEST_CASE("shard-by: killed while articles move between shards, a rerun gives the uninterrupted result") {
    TempDir dir;
    constexpr int kArticles = 600;
    const std::string v1 = dir.write("v1.jsonl", generated_articles(kArticles, 1, 2020));
    const std::string v2 = dir.write("v2.jsonl", generated_articles(kArticles, 2, 2023));
    const std::vector<std::string> options = {"--quiet", "--commit-every", "25", "--threads", "2"};
    auto index = [&](const std::string& db, const std::string& input, std::vector<std::string> extra) {
        std::vector<std::string> args{"newsdex-index", "--db", db};
        args.insert(args.end(), options.begin(), options.end());
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(input);
        return args;
    };
    // The uninterrupted runs: one database, and the sharded collection.
    const std::string single = dir / "single", reference = dir / "reference", killed = dir / "killed";
    REQUIRE(run(index(single, v1, {})).exit_code == 0);
    REQUIRE(run(index(single, v2, {})).exit_code == 0);
    REQUIRE(run(index(reference, v1, {"--shard-by", "year"})).exit_code == 0);
    auto started = std::chrono::steady_clock::now();
    REQUIRE(run(index(reference, v2, {})).exit_code == 0);
    const auto full = std::chrono::steady_clock::now() - started;
    REQUIRE(groups_of(reference) == groups_of(single));

    REQUIRE(run(index(killed, v1, {"--shard-by", "year"})).exit_code == 0);
    std::mt19937 random(7);
    int kills = 0;
    for (int attempt = 0; attempt < 16; ++attempt) {
        // A resumed run passes committed articles quickly: kill early, within
        // the first eighth of an uninterrupted run (timed on this machine,
        // whose load changes: with half of it, a run measured on a busier
        // moment finished before most kills).
        auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(full * (random() % 100) / 800);
        BackgroundProcess indexer(index(killed, v2, {}), dir.path());
        if (!indexer.wait_for(delay)) {
            indexer.kill(SIGKILL);
            indexer.wait();
            ++kills;
        }
        // The next writer's startup finishes an interrupted move; after it
        // every article has exactly one copy.
        CommandResult recover = run({"newsdex-index", "--quiet", "--db", killed, "--delete", "no-such-id"});
        INFO(recover.err);
        REQUIRE(recover.exit_code == 0);
        auto copies = copies_of(killed);
        CHECK(copies.size() == static_cast<std::size_t>(kArticles));
        for (const auto& [id, n] : copies) {
            INFO(id);
            CHECK(n == 1);
        }
    }
    MESSAGE(kills << " kills landed mid-run");
    CHECK(kills >= 3);
    REQUIRE(run(index(killed, v2, {})).exit_code == 0);
    CHECK(groups_of(killed) == groups_of(reference));
    CHECK(search_json(killed, {"--facets", "year,month", "w1 OR w2"}) ==
          search_json(single, {"--facets", "year,month", "w1 OR w2"}));
}
