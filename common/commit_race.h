/** @file
 * @brief Reading a database while an indexer commits to it.
 *
 * Xapian readers see one committed state; when a writer commits twice
 * while a reader is still reading, the reader's state is gone and Xapian
 * throws DatabaseModifiedError. Opening a glass database just as a writer
 * commits twice in quick succession can also read a block the writer has
 * just reused, which glass reports as DatabaseCorruptError. Both mean: read
 * again from the newest commit. Searches and `newsdex-index --stats` retry
 * the same way, through retry_commit_races().
 */
#ifndef NEWSDEX_COMMIT_RACE_H
#define NEWSDEX_COMMIT_RACE_H

#include <chrono>
#include <thread>

#include <xapian.h>

namespace newsdex {

/// A read that lost a race with a commit is tried again at least this many
/// times in all...
inline constexpr int kCommitRaceAttempts = 5;
/// ...and, when it keeps losing to commits (a slow read: every match counted
/// for facets, a sanitizer build, an indexer committing often), for this
/// long. A real corruption fails kCommitRaceAttempts times and is reported.
inline constexpr auto kCommitRacePatience = std::chrono::seconds(5);

/// Returns @p read(), calling @p reopen() (move to the newest commit) and
/// @p read() again after each lost race, within the bounds above; then the
/// last error propagates. A reopen() that loses a race (it reads the new
/// state, e.g. the collection's metadata, while the writer commits again)
/// counts as a lost race too.
template <typename Read, typename Reopen>
auto retry_commit_races(Read&& read, Reopen&& reopen) {
    const auto give_up = std::chrono::steady_clock::now() + kCommitRacePatience;
    for (int attempt = 1;; ++attempt) {
        try {
            if (attempt > 1) reopen();
            return read();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= kCommitRaceAttempts && std::chrono::steady_clock::now() >= give_up) throw;
        } catch (const Xapian::DatabaseCorruptError&) {
            if (attempt >= kCommitRaceAttempts) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
        }
    }
}

}  // namespace newsdex

#endif  // NEWSDEX_COMMIT_RACE_H
