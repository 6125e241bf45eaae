/** @file
 * @brief A full disk, a file size limit and an unwritable database: a clear
 *        one-line error, exit 2, and the last committed state intact.
 */
#include <doctest/doctest.h>

#include <algorithm>

#include "e2e_support.h"
#include "reliability_support.h"

using namespace newsdex::test;

namespace {

/// Checks the error of an indexer that ran out of room and returns the
/// number of articles it says the database keeps.
long check_write_failure(const CommandResult& r, const std::string& why) {
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.rfind("newsdex-index: error: cannot write to database ", 0) == 0);
    CHECK(r.err.find(why) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);  // one line
    const std::string marker = "keeps its last commit (";
    const auto at = r.err.find(marker);
    REQUIRE(at != std::string::npos);
    return std::stol(r.err.substr(at + marker.size()));  // "N articles)..."
}

/// The database holds exactly @p articles, opens, passes xapian-check and
/// answers searches. (xapian-check opens tables read-write: @p writable_path
/// is the same database where it can.)
void check_intact(const std::string& db, long articles, const std::string& writable_path = "") {
    CHECK(xapian_check_ok(writable_path.empty() ? db : writable_path));
    CHECK(stats_articles(db) == articles);
    CommandResult count = run({"newsdex-search", "--db", db, "--count", ""});
    INFO(count.err);
    CHECK(count.out == std::to_string(articles) + "\n");
}

}  // namespace

TEST_CASE("disk full (small tmpfs): exit 2, one clear line, the last commit intact, and a rerun with room finishes") {
    TempDir dir;
    if (!is_root()) {
        MESSAGE("skipped: mounting a tmpfs needs root (the file size limit test covers this path)");
        return;
    }
    TmpfsMount mnt(dir.path() / "mnt", 3 * 1024);
    if (!mnt.mounted()) {
        MESSAGE("skipped: cannot mount a tmpfs here (no CAP_SYS_ADMIN?); the file size limit test covers this path");
        return;
    }
    std::string db = dir / "mnt/db";
    std::string corpus = (dir.path() / "big").string();
    write_generated_corpus(corpus, 3000, 11);

    CommandResult first = run({"newsdex-index", "--quiet", "--summary-json", "--db", db, corpus_dir() + "/articles"});
    REQUIRE_MESSAGE(first.exit_code == 0, first.err);
    long before = stats_articles(db);
    REQUIRE(before > 0);

    CommandResult full = run({"newsdex-index", "--quiet", "--commit-every", "500", "--db", db, corpus});
    long kept = check_write_failure(full, "No space left on device");
    CHECK(kept >= before);
    CHECK((kept - before) % 500 == 0);  // only whole commits
    check_intact(db, kept);

    // Room again: the same command finishes the job, nothing duplicated.
    REQUIRE(mnt.resize(256 * 1024));
    CommandResult again = run({"newsdex-index", "--quiet", "--commit-every", "500", "--db", db, corpus});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    check_intact(db, before + 3000);
}

TEST_CASE("file size limit (ulimit -f): exit 2, one clear line, the last commit intact") {
    TempDir dir;
    std::string db = dir / "db";
    std::string corpus = (dir.path() / "big").string();
    write_generated_corpus(corpus, 3000, 12);
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, corpus_dir() + "/articles"}).exit_code == 0);
    long before = stats_articles(db);

    // 2 MB per file (ulimit counts 512-byte blocks in sh): the postlist
    // table of 3000 more articles outgrows it. (Under AddressSanitizer, full
    // stacks through libxapian let fuzz/lsan.supp name the leak Xapian has
    // on this path.)
    CommandResult limited = run({"/bin/sh", "-c",
                                 "ulimit -f 4096 && ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0\" "
                                 "exec \"$0\" --quiet --commit-every 500 --db \"$1\" \"$2\"",
                                 std::string(NEWSDEX_BIN_DIR) + "/newsdex-index", db, corpus});
    long kept = check_write_failure(limited, "File too large");
    CHECK(kept >= before);
    CHECK((kept - before) % 500 == 0);
    check_intact(db, kept);

    CommandResult again = run({"newsdex-index", "--quiet", "--commit-every", "500", "--db", db, corpus});
    CHECK(again.exit_code == 0);
    check_intact(db, before + 3000);
}

TEST_CASE("unwritable database: exit 2 with one clear line, nothing changed") {
    TempDir dir;
    std::string db = dir / "w/db";
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, corpus_dir() + "/articles"}).exit_code == 0);
    long before = stats_articles(db);
    auto check_refused = [&](const CommandResult& r, const std::string& db_path, const std::string& why) {
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("newsdex-index: error: cannot write to database " + db_path, 0) == 0);
        CHECK(r.err.find(why) != std::string::npos);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    };

    SUBCASE("read-only file system (bind mount)") {
        if (!is_root()) {
            MESSAGE("skipped: a read-only bind mount needs root");
            return;
        }
        ReadOnlyBindMount ro(dir.path() / "w", dir.path() / "ro");
        if (!ro.mounted()) {
            MESSAGE("skipped: cannot bind-mount here");
            return;
        }
        std::string ro_db = dir / "ro/db";
        auto before_files = snapshot(ro_db);
        check_refused(run({"newsdex-index", "--quiet", "--db", ro_db, corpus_dir() + "/dumps"}), ro_db,
                      "Read-only file system");
        CHECK(snapshot(ro_db) == before_files);
        check_intact(ro_db, before, db);
    }
    SUBCASE("no write permission (chmod a-w; run as nobody when root)") {
        REQUIRE(shell("chmod -R a-w '" + db + "'") == 0);
        auto before_files = snapshot(db);
        CommandResult r;
        if (is_root()) {
            if (shell("command -v setpriv >/dev/null") != 0) {
                MESSAGE("skipped: root ignores permissions and setpriv is missing");
                shell("chmod -R u+w '" + db + "'");
                return;
            }
            // nobody must be able to reach the database and the input.
            shell("chmod a+rx '" + dir.path().string() + "' '" + dir.path().string() + "/w'");
            r = run({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                     std::string(NEWSDEX_BIN_DIR) + "/newsdex-index", "--quiet", "--db", db,
                     corpus_dir() + "/dumps"});
        } else {
            r = run({"newsdex-index", "--quiet", "--db", db, corpus_dir() + "/dumps"});
        }
        check_refused(r, db, "Permission denied");
        CHECK(snapshot(db) == before_files);
        shell("chmod -R u+w '" + db + "'");
        check_intact(db, before);
    }
    SUBCASE("database directory cannot be created") {
        std::string file = dir.write("plain-file", "x");
        CommandResult r = run({"newsdex-index", "--quiet", "--db", file + "/db", corpus_dir() + "/dumps"});
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.rfind("newsdex-index: error: cannot create database directory " + file + "/db", 0) == 0);
    }
}
