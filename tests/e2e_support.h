/** @file
 * @brief Helpers for end-to-end tests: run the real binaries in a temporary
 *        directory and capture what they print.
 */
#ifndef NEWSDEX_TESTS_E2E_SUPPORT_H
#define NEWSDEX_TESTS_E2E_SUPPORT_H

#include <spawn.h>
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace newsdex::test {

struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< standard output
    std::string err;  ///< standard error
};

/// Runs @p args (args[0] a program name like "newsdex-index", resolved in the
/// build's bin directory, or an absolute path) with @p stdin_text on its
/// standard input, NO_COLOR set and NEWSDEX_DB unset.
CommandResult run(const std::vector<std::string>& args, const std::string& stdin_text = "");

/// run() with standard output on /dev/full, where every write fails with
/// ENOSPC (a full disk); `out` stays empty.
CommandResult run_into_full_disk(const std::vector<std::string>& args, const std::string& stdin_text = "");

/// Starts @p args (args[0] resolved as for run()) with NO_COLOR set and
/// NEWSDEX_DB unset, its standard streams as @p actions say, and destroys
/// @p actions; the child's pid. Throws std::runtime_error when it cannot
/// start. For run() and BackgroundProcess (reliability_support.h).
pid_t spawn_program(const std::vector<std::string>& args, posix_spawn_file_actions_t& actions);

/// A waitpid() status as an exit status: the exit code, or 128 + the signal.
int decode_status(int status);

/// A fresh directory removed (with its contents) when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    /// Writes @p content to @p name (creating parent directories).
    std::string write(const std::string& name, const std::string& content) const;

  private:
    std::filesystem::path path_;
};

/// The repository's corpus/ directory.
std::string corpus_dir();
/// ../shared next to the repository, or "" when absent (tests then skip).
std::string shared_dir();

/// Lines of @p text (without the newlines).
std::vector<std::string> lines_of(const std::string& text);

/// corpus/ indexed once per test process (with the --field mappings of its
/// ACLED-style export) into a temporary directory; read-only afterwards.
/// Throws std::runtime_error when indexing fails.
const std::string& corpus_db();

/// `newsdex-search --db corpus_db() ARGS...`, @p stdin_text on its input.
CommandResult search_corpus(std::vector<std::string> args, const std::string& stdin_text = "");
/// The same with --format json, parsed; REQUIREs exit status 0 or 1.
nlohmann::json search_corpus_json(std::vector<std::string> args);
/// The same with --count: the number; REQUIREs exit status 0 or 1.
long count_corpus(std::vector<std::string> args);
/// The same with --ids --limit 100: the IDs in rank order; REQUIREs exit
/// status 0 or 1.
std::vector<std::string> corpus_ids(std::vector<std::string> args);

}  // namespace newsdex::test

#endif  // NEWSDEX_TESTS_E2E_SUPPORT_H
