/** @file
 * @brief One writer at a time: the newsdex write lock, a second indexer
 *        failing at once with the first one's pid or waiting with --wait,
 *        and locks left by dead processes.
 */
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "e2e_support.h"
#include "reliability_support.h"
#include "write_lock.h"

using namespace newsdex;
using namespace newsdex::test;
using namespace std::chrono_literals;

namespace {

/// Waits until an indexer holds the write lock of @p db; its pid.
std::optional<pid_t> wait_for_holder(const std::string& db, BackgroundProcess& indexer) {
    auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline && indexer.running()) {
        if (auto pid = WriteLock::holder(db)) return pid;
        std::this_thread::sleep_for(2ms);
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("write lock: a second lock on the same database names the holder's pid") {
    TempDir dir;
    std::string db = dir / "db";
    CHECK_FALSE(WriteLock::holder(db));
    {
        WriteLock first(db, false);
        CHECK(std::filesystem::is_directory(db));
        REQUIRE(WriteLock::holder(db));
        CHECK(*WriteLock::holder(db) == getpid());
        try {
            WriteLock second(db, false);
            FAIL("a second lock was granted");
        } catch (const DatabaseBusyError& e) {
            CHECK(std::string(e.what()).find("database is being written by another newsdex-index, pid " +
                                             std::to_string(getpid())) != std::string::npos);
        }
    }
    CHECK_FALSE(WriteLock::holder(db));  // released with its holder
    WriteLock again(db, false);          // and free to take
}

TEST_CASE("write lock: a pid left by a dead process is not a lock") {
    TempDir dir;
    std::string db = dir / "db";
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, corpus_dir() + "/articles"}).exit_code == 0);
    // A pid that surely belongs to no process any more: a child that exited.
    BackgroundProcess gone({"/bin/true"}, dir.path());
    pid_t dead = gone.pid();
    gone.wait();
    std::ofstream(std::filesystem::path(db) / WriteLock::kFileName) << dead << "\n";
    CHECK_FALSE(WriteLock::holder(db));
    CommandResult r = run({"newsdex-index", "--quiet", "--summary-json", "--db", db, corpus_dir() + "/articles"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
}

TEST_CASE("a second newsdex-index fails at once naming the first one's pid, or waits with --wait") {
    TempDir dir;
    std::string db = dir / "db";
    std::string corpus = (dir.path() / "corpus").string();
    write_generated_corpus(corpus, 4000, 7);
    BackgroundProcess first({"newsdex-index", "--quiet", "--commit-every", "100", "--db", db, corpus}, dir.path());
    auto holder = wait_for_holder(db, first);
    REQUIRE_MESSAGE(holder, "the first indexer finished before the test could catch it holding the lock: " << first.err());
    CHECK(*holder == first.pid());

    auto started = std::chrono::steady_clock::now();
    CommandResult second = run({"newsdex-index", "--quiet", "--db", db, corpus_dir() + "/articles"});
    auto took = std::chrono::steady_clock::now() - started;
    if (first.running()) {  // (on a very fast machine the first may be done)
        CHECK(second.exit_code == 2);
        CHECK(second.err == "newsdex-index: error: database is being written by another newsdex-index, pid " +
                                std::to_string(first.pid()) + " (" + db + "; --wait waits for it to finish)\n");
        CHECK(took < 5s);  // at once, not after a timeout
    }

    BackgroundProcess waiting({"newsdex-index", "--quiet", "--summary-json", "--wait", "--db", db,
                               corpus_dir() + "/articles"},
                              dir.path());
    CHECK(first.wait() == 0);
    auto status = waiting.wait_for(120s);
    REQUIRE(status);
    INFO(waiting.err());
    CHECK(*status == 0);
    if (waiting.err().find("waiting for the newsdex-index writing") != std::string::npos)
        CHECK(waiting.err().find("(pid " + std::to_string(first.pid()) + ")") != std::string::npos);
    std::string alone = dir / "alone";
    REQUIRE(run({"newsdex-index", "--quiet", "--db", alone, corpus_dir() + "/articles"}).exit_code == 0);
    CHECK(stats_articles(db) == 4000 + stats_articles(alone));
    CHECK_FALSE(WriteLock::holder(db));
}
