/** @file
 * @brief WriteLock: one newsdex-index at a time per database, and a message
 *        naming the process that holds it.
 *
 * Xapian's own lock says only "locked", not by whom. Before opening the
 * database for writing, the indexer takes this lock: an exclusive flock() on
 * `DIR/newsdex-write.lock`, holding the holder's pid as text. The kernel drops
 * a flock when its process dies, even by kill -9, so a lock left by a dead
 * process is never in the way: its file still names the dead pid, and the
 * next indexer simply takes the lock and writes its own pid. The file is
 * never deleted (deleting lock files races with processes that have just
 * opened them).
 */
#ifndef NEWSDEX_WRITE_LOCK_H
#define NEWSDEX_WRITE_LOCK_H

#include <sys/types.h>

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace newsdex {

/// Another process holds the database's write lock.
class DatabaseBusyError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The database cannot be written: unwritable directory or file system,
/// disk full, file size limit. what() is one line for the user.
class DatabaseWriteError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class WriteLock {
  public:
    /// Name of the lock file inside the database directory.
    static constexpr const char* kFileName = "newsdex-write.lock";

    /// Creates the database directory @p db_path if needed and takes its
    /// lock. When another process holds it: throws DatabaseBusyError
    /// ("database is being written by another newsdex-index, pid N ...")
    /// unless @p wait, in which case @p on_wait is called once with the
    /// holder's pid (0 if unknown) and the lock is waited for. Throws
    /// DatabaseWriteError when the directory or lock file cannot be created.
    WriteLock(const std::string& db_path, bool wait, const std::function<void(pid_t)>& on_wait = {});
    /// Releases the lock (and clears the pid from the file).
    ~WriteLock();
    WriteLock(const WriteLock&) = delete;
    WriteLock& operator=(const WriteLock&) = delete;

    /// The pid of the process holding the lock of @p db_path, or
    /// std::nullopt when nobody holds it (a pid left in the file by a dead
    /// process does not count).
    static std::optional<pid_t> holder(const std::string& db_path);

  private:
    void acquire(const std::string& db_path, bool wait, const std::function<void(pid_t)>& on_wait);
    int fd_ = -1;
};

}  // namespace newsdex

#endif  // NEWSDEX_WRITE_LOCK_H
