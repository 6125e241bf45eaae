/** @file
 * @brief Helpers for the reliability tests: processes run in the background,
 *        generated corpora, mounts, and snapshots of a directory.
 */
#ifndef NEWSDEX_TESTS_RELIABILITY_SUPPORT_H
#define NEWSDEX_TESTS_RELIABILITY_SUPPORT_H

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace newsdex::test {

/// A program running in the background, its output going to files.
/// args[0] is resolved like run()'s (build bin directory unless absolute).
class BackgroundProcess {
  public:
    BackgroundProcess(const std::vector<std::string>& args, const std::filesystem::path& output_dir);
    /// Kills (SIGKILL) the process if it still runs.
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    pid_t pid() const { return pid_; }
    /// True while the process has not exited (reaps it when it has).
    bool running();
    /// Waits for the end; the exit status (128 + signal when killed).
    int wait();
    /// Waits at most @p timeout; std::nullopt if it still runs.
    std::optional<int> wait_for(std::chrono::milliseconds timeout);
    void kill(int signal);
    std::string out() const;
    std::string err() const;

  private:
    pid_t pid_ = -1;
    std::optional<int> status_;
    std::filesystem::path out_, err_;
};

/// Writes @p articles seeded, generated news articles as JSON Lines files
/// of 500 lines into @p dir (ids "g-00001"...; dated, with actors and
/// places from the shipped gazetteers). Returns the bytes written.
std::uint64_t write_generated_corpus(const std::filesystem::path& dir, int articles, unsigned seed,
                                     int words_per_article = 200);

/// True when running as root.
bool is_root();

/// Runs /bin/sh -c @p script; its exit status.
int shell(const std::string& script);

/// Mounts a tmpfs of @p size_kb at @p dir (root with CAP_SYS_ADMIN only);
/// false when that is not allowed here. Unmounted by the guard.
class TmpfsMount {
  public:
    TmpfsMount(const std::filesystem::path& dir, std::uint64_t size_kb);
    ~TmpfsMount();
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    bool mounted() const { return mounted_; }
    /// Changes the size; false on failure.
    bool resize(std::uint64_t size_kb);

  private:
    std::filesystem::path dir_;
    bool mounted_ = false;
};

/// Bind-mounts @p source read-only at @p target (root only); false when
/// not allowed here. Unmounted by the guard.
class ReadOnlyBindMount {
  public:
    ReadOnlyBindMount(const std::filesystem::path& source, const std::filesystem::path& target);
    ~ReadOnlyBindMount();
    ReadOnlyBindMount(const ReadOnlyBindMount&) = delete;
    ReadOnlyBindMount& operator=(const ReadOnlyBindMount&) = delete;
    bool mounted() const { return mounted_; }

  private:
    std::filesystem::path target_;
    bool mounted_ = false;
};

/// Every file under @p dir with its size, mode and modification time (ns),
/// and a hash of its content: equal snapshots mean nothing was written.
std::map<std::string, std::string> snapshot(const std::filesystem::path& dir);

/// The "articles" count of `newsdex-index --stats --summary-json`, or -1
/// when the database does not open.
long stats_articles(const std::string& db);

/// `xapian-check DB` exits 0.
bool xapian_check_ok(const std::string& db);

}  // namespace newsdex::test

#endif  // NEWSDEX_TESTS_RELIABILITY_SUPPORT_H
