/** @file
 * @brief One writer, many readers: searches while the indexer commits never
 *        fail and only see committed states; the searcher never writes and
 *        works on a read-only copy.
 */
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_support.h"
#include "reliability_support.h"
#include "searcher.h"

using namespace newsdex;
using namespace newsdex::test;
using namespace std::chrono_literals;

TEST_CASE("searches while the indexer commits never fail, see only committed states, and counts only grow") {
    TempDir dir;
    std::string db = dir / "db";
    std::string corpus = (dir.path() / "corpus").string();
    constexpr int kArticles = 5000, kCommitEvery = 50;
    write_generated_corpus(corpus, kArticles, 21, 120);
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, corpus_dir() + "/articles"}).exit_code == 0);
    const long base = stats_articles(db);
    REQUIRE(base > 0);

    BackgroundProcess indexer({"newsdex-index", "--quiet", "--commit-every", std::to_string(kCommitEvery), "--db", db,
                               corpus},
                              dir.path());
    const auto deadline = std::chrono::steady_clock::now() + 180s;  // bounded, whatever happens
    std::atomic<bool> done{false};
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    auto fail = [&](const std::string& what) {
        std::lock_guard lock(failures_mutex);
        if (failures.size() < 20) failures.push_back(what);
    };
    // Every state a search may see: a whole number of commits.
    auto committed_state = [&](long total) { return total >= base && (total - base) % kCommitEvery == 0; };
    std::atomic<long> in_process_searches{0}, process_searches{0}, distinct_states{0};

    // In-process readers: long-lived Searchers (as --batch uses), counting
    // everything with facets, which reads every matching document's values.
    auto reader = [&](int which) {
        std::unique_ptr<Searcher> searcher;
        long last_all = 0, last_word = 0;
        while (!done && std::chrono::steady_clock::now() < deadline) {
            try {
                if (!searcher) searcher = std::make_unique<Searcher>(std::vector<std::string>{db});
                SearchRequest all;
                all.exact_total = true;
                all.limit = 5;
                all.facets = {FacetKind::Actor, FacetKind::Month};
                SearchRequest word = all;
                word.query = which ? "drone strike" : "convoy OR ambush";
                QueryError error;
                auto a = searcher->search(all, HighlightMarkers{}, error);
                auto w = searcher->search(word, HighlightMarkers{}, error);
                ++in_process_searches;
                if (!a || !w) {
                    fail("in-process search failed: " + error.message);
                    continue;
                }
                long total = a->total;
                if (total < last_all) fail("count went down: " + std::to_string(last_all) + " -> " + std::to_string(total));
                if (!committed_state(total) && total != base + kArticles)
                    fail("count " + std::to_string(total) + " is not a committed state");
                if (static_cast<long>(w->total) < last_word) fail("word count went down");
                if (total > last_all) ++distinct_states;
                last_all = total;
                last_word = w->total;
            } catch (const Xapian::Error& e) {
                fail(std::string("in-process search threw ") + e.get_type() + ": " + e.get_msg());
                searcher.reset();  // start again with a fresh one
            } catch (const std::exception& e) {
                fail(std::string("in-process search threw: ") + e.what());
                searcher.reset();
            }
        }
    };
    // A new Searcher per search, as every newsdex-search process opens one.
    auto opener = [&] {
        long last = 0;
        while (!done && std::chrono::steady_clock::now() < deadline) {
            std::unique_ptr<Searcher> searcher;
            try {
                searcher = std::make_unique<Searcher>(std::vector<std::string>{db});
            } catch (const Xapian::Error& e) {
                fail(std::string("opening a Searcher threw ") + e.get_type() + ": " + e.get_msg());
                continue;
            } catch (const std::exception& e) {
                fail(std::string("opening a Searcher threw: ") + e.what());
                continue;
            }
            try {
                SearchRequest request;
                request.query = "attack";
                request.exact_total = true;
                QueryError error;
                auto result = searcher->search(request, HighlightMarkers{}, error);
                ++in_process_searches;
                if (!result) {
                    fail("search failed: " + error.message);
                    continue;
                }
                if (static_cast<long>(result->total) < last) fail("count of 'attack' went down");
                last = result->total;
            } catch (const Xapian::Error& e) {
                fail(std::string("search on a new Searcher threw ") + e.get_type() + ": " + e.get_msg());
            } catch (const std::exception& e) {
                fail(std::string("search on a new Searcher threw: ") + e.what());
            }
        }
    };
    std::thread r1(reader, 0), r2(reader, 1), r3(opener);

    // Reader processes: one newsdex-search per query, as a script would.
    long last_count = 0;
    while (indexer.running() && std::chrono::steady_clock::now() < deadline) {
        CommandResult count = run({"newsdex-search", "--db", db, "--count", ""});
        CommandResult facets = run({"newsdex-search", "--db", db, "--format", "json", "--facets", "actor,month",
                                    "drone"});
        ++process_searches;
        if (count.exit_code != 0) {
            fail("newsdex-search --count exited " + std::to_string(count.exit_code) + ": " + count.err);
            continue;
        }
        if (facets.exit_code > 1) fail("newsdex-search --facets exited " + std::to_string(facets.exit_code) + ": " + facets.err);
        // --stats reads everything too: it must not fail either.
        long stats = stats_articles(db);
        if (stats < 0) fail("newsdex-index --stats failed while indexing");
        else if (!committed_state(stats) && stats != base + kArticles) fail("--stats saw an uncommitted state");
        long n = std::stol(count.out);
        if (n < last_count) fail("process count went down: " + std::to_string(last_count) + " -> " + std::to_string(n));
        if (!committed_state(n) && n != base + kArticles) fail("process count " + std::to_string(n) + " is not a committed state");
        last_count = n;
    }
    auto status = indexer.wait_for(std::chrono::duration_cast<std::chrono::milliseconds>(
        std::max<std::chrono::steady_clock::duration>(deadline - std::chrono::steady_clock::now(), 0s)));
    done = true;
    r1.join();
    r2.join();
    r3.join();

    MESSAGE(in_process_searches.load() << " in-process and " << process_searches.load()
                                       << " process searches while indexing; " << distinct_states.load()
                                       << " states seen grow");
    for (const auto& f : failures) FAIL_CHECK(f);
    REQUIRE_MESSAGE(status, "the indexer did not finish in time");
    CHECK(*status == 0);
    CHECK(failures.empty());
    CHECK(process_searches.load() > 0);
    CHECK(stats_articles(db) == base + kArticles);
    CHECK(run({"newsdex-search", "--db", db, "--count", ""}).out == std::to_string(base + kArticles) + "\n");
}

TEST_CASE("the searcher never writes: it works on a read-only copy") {
    TempDir dir;
    std::string db = dir / "db";
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, "--field", "text=notes", "--field", "date=event_date",
                 "--field", "id=event_id", corpus_dir()})
                .exit_code == 0);
    std::string copy = dir / "ro/db";
    REQUIRE(shell("mkdir -p '" + dir / "ro" + "' && cp -a '" + db + "' '" + copy + "' && chmod -R a-w '" + copy + "'") == 0);
    const auto before = snapshot(copy);
    const std::string batch = dir.write("queries.txt", "drone strike\nq2\tactor:JNIM place:Mopti\n\nconvoy NEAR ambush\n");

    const std::vector<std::vector<std::string>> searches = {
        {"--format", "json", "--facets", "actor,place,month,year,source,lang", "drone strike"},
        {"--count", "actor:JNIM"},
        {"--ids", "--limit", "100", "--sort", "oldest", ""},
        {"--format", "tsv", "peacekeep*"},
        {"--batch", batch, "--jobs", "2"},
        {"--format", "json", "Gao Kidal"},  // a typo-free query that asks for spelling data too
    };
    auto search_all = [&](const std::string& database, const std::vector<std::string>& prefix) {
        std::vector<std::string> outputs;
        for (const auto& args : searches) {
            std::vector<std::string> command = prefix;
            if (command.empty()) command.push_back("newsdex-search");
            command.insert(command.end(), {"--db", database});
            command.insert(command.end(), args.begin(), args.end());
            CommandResult r = run(command);
            INFO(database << ": " << r.err);
            CHECK(r.exit_code <= 1);
            // elapsed_ms differs run to run; everything else must not.
            auto without_time = [](const std::string& text) {
                auto j = nlohmann::json::parse(text, nullptr, false);
                if (j.is_discarded() || !j.is_object()) return text;
                j.erase("elapsed_ms");
                return j.dump();
            };
            std::string out = without_time(r.out);
            if (out == r.out) {  // not one JSON document: JSON lines, or text
                out.clear();
                for (const auto& line : lines_of(r.out)) out += without_time(line) + "\n";
            }
            outputs.push_back(out);
        }
        return outputs;
    };
    const auto expected = search_all(db, {});
    CHECK(search_all(copy, {}) == expected);
    CHECK(snapshot(copy) == before);

    if (is_root()) {
        // Root ignores permissions: also search as nobody, and through a
        // read-only bind mount, which stops root too.
        if (shell("command -v setpriv >/dev/null") == 0) {
            shell("chmod a+rx '" + dir.path().string() + "' '" + dir.path().string() + "/ro'");
            CHECK(search_all(copy, {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                    std::string(NEWSDEX_BIN_DIR) + "/newsdex-search"}) == expected);
        } else {
            MESSAGE("setpriv missing: not searching as an unprivileged user");
        }
        ReadOnlyBindMount ro(dir.path() / "ro", dir.path() / "ro-mount");
        if (ro.mounted())
            CHECK(search_all(dir / "ro-mount/db", {}) == expected);
        else
            MESSAGE("cannot bind-mount here: not searching through a read-only mount");
    }
    CHECK(snapshot(copy) == before);
    shell("chmod -R u+w '" + copy + "'");
}
