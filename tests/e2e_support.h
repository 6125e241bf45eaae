/** @file
 * @brief Helpers for end-to-end tests: run the real binaries in a temporary
 *        directory and capture what they print.
 */
#ifndef NEWSDEX_TESTS_E2E_SUPPORT_H
#define NEWSDEX_TESTS_E2E_SUPPORT_H

#include <filesystem>
#include <string>
#include <vector>

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

}  // namespace newsdex::test

#endif  // NEWSDEX_TESTS_E2E_SUPPORT_H
