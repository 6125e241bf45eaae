/** @file
 * @brief The indexer's write lock: flock() on a pid file in the database.
 */
#include "write_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

namespace newsdex {

namespace {

std::string lock_path(const std::string& db_path) {
    return (std::filesystem::path(db_path) / WriteLock::kFileName).string();
}

/// The pid written in the lock file, or 0.
pid_t read_pid(int fd) {
    char buf[32] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return 0;
    long pid = std::strtol(buf, nullptr, 10);
    return pid > 0 ? static_cast<pid_t>(pid) : 0;
}

/// The holder's pid. A holder writes its pid right after taking the lock:
/// give it a moment when the file is still empty.
pid_t holder_pid(int fd) {
    for (int i = 0; i < 50; ++i) {
        if (pid_t pid = read_pid(fd)) return pid;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return 0;
}

std::string busy_message(const std::string& db_path, pid_t pid) {
    return "database is being written by another newsdex-index, " +
           (pid ? "pid " + std::to_string(pid) : std::string("pid unknown")) + " (" + db_path +
           "; --wait waits for it to finish)";
}

}  // namespace

WriteLock::WriteLock(const std::string& db_path, bool wait, const std::function<void(pid_t)>& on_wait) {
    acquire(db_path, wait, on_wait);
}

void WriteLock::acquire(const std::string& db_path, bool wait, const std::function<void(pid_t)>& on_wait) {
    std::error_code ec;
    std::filesystem::create_directories(db_path, ec);
    if (ec) throw DatabaseWriteError("cannot create database directory " + db_path + ": " + ec.message());
    const std::string path = lock_path(db_path);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw DatabaseWriteError("cannot write to database " + db_path + ": cannot create " + path + ": " +
                                 std::strerror(errno));
    int rc;
    while ((rc = ::flock(fd_, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
        int error = errno;
        if (error != EWOULDBLOCK) {
            ::close(fd_);
            throw DatabaseWriteError("cannot lock " + path + ": " + std::strerror(error));
        }
        pid_t pid = holder_pid(fd_);
        if (!wait) {
            ::close(fd_);
            throw DatabaseBusyError(busy_message(db_path, pid));
        }
        if (on_wait) on_wait(pid);
        while ((rc = ::flock(fd_, LOCK_EX)) != 0 && errno == EINTR) {
        }
        if (rc != 0) {
            error = errno;
            ::close(fd_);
            throw DatabaseWriteError("cannot lock " + path + ": " + std::strerror(error));
        }
    }
    // A newsdex-index that merged its shards has exchanged the database
    // directory for a new one (database_merge.h) while we waited: the file
    // we locked is no longer the database's. Lock the new one instead.
    struct stat held {}, current {};
    if (::fstat(fd_, &held) == 0 &&
        (::stat(path.c_str(), &current) != 0 || held.st_ino != current.st_ino || held.st_dev != current.st_dev)) {
        ::close(fd_);
        fd_ = -1;
        acquire(db_path, wait, {});  // on_wait was called already
        return;
    }
    // Ours now, whatever pid a dead holder left in the file. A failure to
    // record the pid (disk full) only makes a rival's message vaguer.
    std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) == 0) {
        [[maybe_unused]] ssize_t n = ::pwrite(fd_, pid.data(), pid.size(), 0);
    }
}

WriteLock::~WriteLock() {
    if (fd_ < 0) return;
    [[maybe_unused]] int rc = ::ftruncate(fd_, 0);
    ::close(fd_);  // releases the flock
}

std::optional<pid_t> WriteLock::holder(const std::string& db_path) {
    int fd = ::open(lock_path(db_path).c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::optional<pid_t> out;
    // A shared lock is refused exactly while someone holds the exclusive one.
    if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
    } else if (errno == EWOULDBLOCK) {
        out = holder_pid(fd);
    }
    ::close(fd);
    return out;
}

}  // namespace newsdex
