/** @file
 * @brief Parallel shard writers (index_writer.h): the same database whatever
 *        the number of writers, recovery of an interrupted run, the memory
 *        limit, idempotent reruns.
 */
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "analyzer.h"
#include "database_merge.h"
#include "e2e_support.h"
#include "index_writer.h"
#include "schema.h"
#include "shard_writer.h"

using namespace newsdex;
using namespace newsdex::test;
namespace fs = std::filesystem;

namespace {

/// Deterministic text: @p n words drawn from a small vocabulary by @p seed.
std::string words(unsigned seed, unsigned n) {
    static const char* vocabulary[] = {"army",   "convoy",  "village", "market",  "drone",  "strike",   "Kidal",
                                       "Gao",    "Mopti",   "soldiers", "civilians", "talks", "ceasefire", "junta",
                                       "patrol", "ambush",  "mine",    "road",    "aid",    "election", "herders",
                                       "water",  "prices",  "schools", "mission", "peace",  "Wagner",   "JNIM"};
    std::string out;
    std::uint32_t x = seed * 2654435761u + 12345;
    for (unsigned i = 0; i < n; ++i) {
        x = x * 1664525u + 1013904223u;
        if (i) out += ' ';
        out += vocabulary[(x >> 16) % (sizeof vocabulary / sizeof *vocabulary)];
        if (i % 11 == 10) out += '.';
    }
    return out;
}

/// A JSON Lines dump of @p n articles with what the writer must decide on:
/// exact duplicates under new IDs, near-duplicate copies, IDs repeated
/// later in the run with new text (replacements) and with the same text.
std::string dump(unsigned n, unsigned first_seed = 0, bool repeats = true) {
    std::ostringstream out;
    for (unsigned i = 0; i < n; ++i) {
        nlohmann::json a;
        unsigned seed = first_seed + i;
        a["id"] = "a-" + std::to_string(seed);
        a["title"] = "Report " + std::to_string(seed);
        a["date"] = "2024-0" + std::to_string(1 + seed % 9) + "-1" + std::to_string(seed % 10);
        a["text"] = words(seed, 40 + seed % 50);
        if (i % 17 == 5) {  // an exact duplicate of article i-3
            a["title"] = "Report " + std::to_string(seed - 3);
            a["text"] = words(seed - 3, 40 + (seed - 3) % 50);
        }
        if (i % 13 == 7) a["text"] = words(seed - 5, 40 + (seed - 5) % 50).substr(12) + " Updated.";  // a copy
        out << a.dump() << "\n";
    }
    for (unsigned i = 0; repeats && i < n; i += 9) {  // the same IDs again: new text, or the same
        nlohmann::json a;
        unsigned seed = first_seed + i;
        a["id"] = "a-" + std::to_string(seed);
        a["title"] = "Report " + std::to_string(seed);
        a["date"] = "2024-0" + std::to_string(1 + seed % 9) + "-1" + std::to_string(seed % 10);
        a["text"] = i % 2 ? words(seed, 40 + seed % 50) : words(seed + 1000, 60);
        out << a.dump() << "\n";
    }
    return out.str();
}

/// Everything a user can see of a database: each article's ID, group,
/// content hash and data, the spelling table, the metadata, search answers.
std::string state_of(const std::string& db_path) {
    Xapian::Database db(db_path);
    std::map<std::string, std::string> articles;
    for (auto p = db.postlist_begin(""); p != db.postlist_end(""); ++p) {
        Xapian::Document doc = db.get_document(*p);
        std::string terms;
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
            terms += *t + ":" + std::to_string(t.get_wdf()) + " ";
        articles[doc.get_value(schema::kSlotId)] = doc.get_value(schema::kSlotDupGroup) + "|" +
                                                  doc.get_value(schema::kSlotContentHash) + "|" + doc.get_data() +
                                                  "|" + terms;
    }
    std::ostringstream out;
    out << db.get_doccount() << " articles\n";
    for (const auto& [id, what] : articles) out << id << " " << what << "\n";
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out << "spell " << *w << " " << w.get_termfreq() << "\n";
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) out << "meta " << *k << "\n";
    for (const char* query : {"drone strike", "convoy ambush Kidal", "title:report", "Gao"}) {
        CommandResult r = run({"newsdex-search", "--db", db_path, "--format", "tsv", "--limit", "50", query});
        out << query << "\n" << r.out;
    }
    return out.str();
}

nlohmann::json index(const std::string& db, const std::string& input, std::vector<std::string> extra) {
    std::vector<std::string> args{"newsdex-index", "--quiet", "--summary-json", "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(input);
    CommandResult r = run(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return nlohmann::json::parse(lines_of(r.out).back());
}

AnalyzedArticle analysed(Analyzer& analyzer, unsigned seed, const std::string& extra = "") {
    Article a;
    a.id = "r-" + std::to_string(seed);
    a.title = "Report " + std::to_string(seed);
    a.text = words(seed, 50) + extra;
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    REQUIRE(out.ok);
    return out;
}

}  // namespace

TEST_CASE("shard writers: --writers 1, 2 and 3 build the same database, with any commit cycle") {
    TempDir dir;
    const std::string input = dir.write("dump.jsonl", dump(400));
    const nlohmann::json one = index(dir / "w1", input, {"--writers", "1"});
    const std::string expected = state_of(dir / "w1");
    CHECK(one["added"] > 300);
    CHECK(one["duplicates"] > 10);
    CHECK(one["replaced"] > 10);
    CHECK(one["unchanged"] > 10);
    for (const char* writers : {"2", "3"}) {
        for (const char* every : {"20000", "37"}) {
            CAPTURE(writers);
            CAPTURE(every);
            const std::string db = dir / (std::string("w") + writers + "-" + every);
            nlohmann::json s = index(db, input, {"--writers", writers, "--commit-every", every});
            for (const char* key : {"added", "replaced", "unchanged", "duplicates", "total_articles"})
                CHECK(s[key] == one[key]);
            CHECK(state_of(db) == expected);
            // The merge leaves nothing behind.
            CHECK(!fs::exists(db + "/" + schema::kBuildDirectory));
            CHECK(!fs::exists(merge_scratch_path(db)));
        }
    }
}

TEST_CASE("shard writers: the spelling table read from the shards' vocabularies is one writer's, on real text") {
    // corpus/: French and English articles in every input format. A shard
    // adds its vocabulary's words when it commits; one writer adds each
    // article's words. Accented words sort after every ASCII one and words
    // with digits are left out: both paths must agree on them.
    TempDir dir;
    auto spellings = [](const std::string& path) {
        std::map<std::string, Xapian::termcount> out;
        Xapian::Database db(path);
        for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) out[*w] = w.get_termfreq();
        return out;
    };
    std::map<std::string, Xapian::termcount> tables[2];
    for (int writers : {1, 2}) {
        std::string name = "w";  // appended: g++ 12 warns (-Wrestrict) on "w" + std::to_string()
        name += std::to_string(writers);
        const std::string db = dir / name;
        CommandResult r = run({"newsdex-index", "--quiet", "--db", db, "--writers", std::to_string(writers), "--field",
                               "text=notes", "--field", "date=event_date", "--field", "id=event_id", corpus_dir()});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        tables[writers - 1] = spellings(db);
    }
    CHECK(tables[0].size() > 500);
    CHECK(tables[1] == tables[0]);
    CHECK(tables[1].count("éleveurs") == 1);  // a first byte above 0x7F
    CHECK(tables[1].count("kidal") == 1);
    CHECK(tables[1]["kidal"] > 1);
    for (const auto& [word, freq] : tables[1]) {
        CAPTURE(word);
        CHECK(word.find_first_of("0123456789") == std::string::npos);
    }
}

TEST_CASE("shard writers: a second run adds, replaces and skips as one writer does, and a rerun changes nothing") {
    TempDir dir;
    const std::string first = dir.write("first.jsonl", dump(200));
    const std::string second = dir.write("second.jsonl", dump(200, 150));  // overlaps the first
    for (const char* db : {"w1", "w2"}) {
        const std::string writers = db[1] == '1' ? "1" : "2";
        index(dir / db, first, {"--writers", writers, "--commit-every", "23"});
        index(dir / db, second, {"--writers", writers, "--commit-every", "23"});
    }
    CHECK(state_of(dir / "w2") == state_of(dir / "w1"));
    // A dump that repeats IDs with other text replaces them again when
    // re-indexed (the last version wins): the same with any writers.
    index(dir / "w1", second, {"--writers", "1"});
    index(dir / "w2", second, {"--writers", "2"});
    CHECK(state_of(dir / "w2") == state_of(dir / "w1"));
    // Without repeated IDs, re-indexing changes nothing.
    const std::string third = dir.write("third.jsonl", dump(300, 1000, false));
    index(dir / "w2", third, {"--writers", "2"});
    const std::string before = state_of(dir / "w2");
    nlohmann::json again = index(dir / "w2", third, {"--writers", "2"});
    CHECK(again["added"] == 0);
    CHECK(again["replaced"] == 0);
    CHECK(again["unchanged"] == 300 - again["duplicates"].get<int>());
    CHECK(state_of(dir / "w2") == before);
}

TEST_CASE("shard writers: committed shards of an interrupted run are merged by the next one, others dropped") {
    TempDir dir;
    const std::string db = dir / "db";
    AnalysisConfig config;
    Analyzer analyzer(config);
    WriterOptions options;
    options.writers = 2;
    {
        IndexWriter writer(db, options);
        for (unsigned i = 0; i < 40; ++i) CHECK(writer.write(analysed(analyzer, i)) == WriteOutcome::Added);
        writer.commit();
        CHECK(writer.committed_doccount() == 40);
        // Replacing an article of a committed shard, then more new ones.
        CHECK(writer.write(analysed(analyzer, 3, " Updated.")) == WriteOutcome::Replaced);
        for (unsigned i = 40; i < 60; ++i) writer.write(analysed(analyzer, i));
        writer.commit();
        for (unsigned i = 60; i < 80; ++i) writer.write(analysed(analyzer, i));  // never committed
        // Destroyed without finish(), as if killed: searchers still see the
        // database as it was (empty), the shards wait for the next run.
        CHECK(Xapian::Database(db).get_doccount() == 0);
    }
    fs::create_directories(merge_scratch_path(db) + "/junk");  // as a kill during a merge leaves
    {
        IndexWriter writer(db, options);
        CHECK(writer.doccount() == 60);
        CHECK(!fs::exists(merge_scratch_path(db)));
        CHECK(!fs::exists(db + "/" + schema::kBuildDirectory));
        Xapian::Database merged(db);
        CHECK(merged.get_doccount() == 60);
        CHECK(merged.get_metadata(schema::kMetaBuildState).empty());
        CHECK(merged.get_termfreq(schema::id_term("r-3")) == 1);
        Xapian::PostingIterator p = merged.postlist_begin(schema::id_term("r-3"));
        CHECK(merged.get_document(*p).get_value(schema::kSlotContentHash) ==
              analysed(analyzer, 3, " Updated.").content_hash);
        CHECK(merged.get_termfreq(schema::id_term("r-70")) == 0);
        // Resuming: committed articles are unchanged, the rest are added.
        CHECK(writer.write(analysed(analyzer, 10)) == WriteOutcome::Unchanged);
        CHECK(writer.write(analysed(analyzer, 70)) == WriteOutcome::Added);
        writer.commit();
        writer.finish();
        CHECK(Xapian::Database(db).get_doccount() == 61);
    }
}

TEST_CASE("shard writers: --memory-limit bounds pending writes, with the same result") {
    TempDir dir;
    std::ostringstream big;
    for (unsigned i = 0; i < 300; ++i) {
        nlohmann::json a;
        a["id"] = "big-" + std::to_string(i);
        a["title"] = "Long report " + std::to_string(i);
        a["text"] = words(i, 3000) + " " + std::to_string(i * 7919);
        big << a.dump() << "\n";
    }
    const std::string input = dir.write("big.jsonl", big.str());
    nlohmann::json roomy = index(dir / "roomy", input, {"--writers", "2"});
    const std::string expected = state_of(dir / "roomy");
    CHECK(roomy["commits"] == 1);
    // Shards flush (without syncing) when they reach their share, and main
    // commits sooner: one writer, writing everything into main, commits
    // more often.
    nlohmann::json shards = index(dir / "shards", input, {"--writers", "2", "--memory-limit", "64"});
    CHECK(state_of(dir / "shards") == expected);
    nlohmann::json direct = index(dir / "direct", input, {"--writers", "1", "--memory-limit", "64"});
    CHECK(direct["commits"] > 1);
    CHECK(state_of(dir / "direct") == expected);
}

TEST_CASE("shard writer: a full queue admits articles of every size, in order, none lost") {
    // A 1,000-byte queue: the pusher blocks at once and is woken only once
    // the queue is half empty (or empty, for an article bigger than half of
    // it or than all of it). Every article must arrive, in docid order.
    TempDir dir;
    const std::string path = dir / "shard";
    const std::uint64_t sizes[] = {10, 300, 499, 500, 501, 900, 1000, 1001, 5000, 1, 2, 3, 450, 700};
    ShardWriter writer(1000, std::uint64_t(1) << 20, false);
    writer.open(path);
    const Xapian::docid count = 600;
    for (Xapian::docid did = 1; did <= count; ++did) {
        const std::string n = std::to_string(did);
        Xapian::Document doc;
        doc.set_data(std::string("article ").append(n));
        doc.add_term(std::string("Q").append(n));
        writer.add(did, std::move(doc), sizes[did % std::size(sizes)]);
    }
    writer.start_commit();
    writer.wait_for_commit();
    Xapian::Database db(path);
    REQUIRE(db.get_doccount() == count);
    CHECK(db.get_lastdocid() == count);
    for (Xapian::docid did = 1; did <= count; ++did) {
        CAPTURE(did);
        const std::string n = std::to_string(did);
        CHECK(db.get_document(did).get_data() == std::string("article ").append(n));
        CHECK(db.get_termfreq(std::string("Q").append(n)) == 1);
    }
}
