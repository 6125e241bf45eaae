/** @file
 * @brief Tests of retry_commit_races().
 */
#include "commit_race.h"

#include <doctest/doctest.h>

using namespace newsdex;

TEST_CASE("retry_commit_races: a lost race is read again after a reopen") {
    int reads = 0, reopens = 0;
    const int got = retry_commit_races(
        [&] {
            if (++reads < 3) throw Xapian::DatabaseModifiedError("revision discarded");
            return 42;
        },
        [&] { ++reopens; });
    CHECK(got == 42);
    CHECK(reads == 3);
    CHECK(reopens == 2);
}

// The reopen reads the new state too (the searcher's translator loads the
// collection's date span): a commit then is one more lost race, not an error.
TEST_CASE("retry_commit_races: a reopen that loses a race is retried too") {
    int reads = 0, reopens = 0;
    const int got = retry_commit_races(
        [&] {
            if (++reads == 1) throw Xapian::DatabaseModifiedError("revision discarded");
            return 7;
        },
        [&] {
            if (++reopens == 1) throw Xapian::DatabaseModifiedError("revision discarded while reopening");
        });
    CHECK(got == 7);
    CHECK(reopens == 2);
    CHECK(reads == 2);
}

TEST_CASE("retry_commit_races: a real corruption is reported after a few attempts") {
    int reads = 0;
    CHECK_THROWS_AS(retry_commit_races([&]() -> int { ++reads; throw Xapian::DatabaseCorruptError("bad block"); },
                                       [] {}),
                    Xapian::DatabaseCorruptError);
    CHECK(reads == kCommitRaceAttempts);
}
