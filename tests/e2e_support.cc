/** @file
 * @brief Running binaries and managing temporary directories for tests.
 */
#include "e2e_support.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <doctest/doctest.h>

extern char** environ;

namespace newsdex::test {

namespace {

std::string read_all(int fd) {
    std::string out;
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

std::string resolve_program(const std::string& name) {
    if (!name.empty() && name[0] == '/') return name;
    return std::string(NEWSDEX_BIN_DIR) + "/" + name;
}

}  // namespace

pid_t spawn_program(const std::vector<std::string>& args, posix_spawn_file_actions_t& actions) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e; ++e) {
        std::string var = *e;
        if (var.rfind("NEWSDEX_DB=", 0) == 0 || var.rfind("NO_COLOR=", 0) == 0) continue;
        env_strings.push_back(var);
    }
    env_strings.push_back("NO_COLOR=1");
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);

    std::vector<std::string> argv_strings = args;
    argv_strings[0] = resolve_program(args[0]);
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot run " + argv_strings[0]);
    return pid;
}

int decode_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

CommandResult run(const std::vector<std::string>& args, const std::string& stdin_text) {
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
        posix_spawn_file_actions_addclose(&actions, fd);
    pid_t pid = -1;
    try {
        pid = spawn_program(args, actions);
    } catch (...) {
        for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
        throw;
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);

    // Feed stdin and drain stderr on threads so no pipe can fill up and block.
    std::thread feeder([&] {
        std::size_t done = 0;
        while (done < stdin_text.size()) {
            ssize_t n = ::write(in_pipe[1], stdin_text.data() + done, stdin_text.size() - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        close(in_pipe[1]);
    });
    CommandResult result;
    std::thread err_reader([&] { result.err = read_all(err_pipe[0]); });
    result.out = read_all(out_pipe[0]);
    err_reader.join();
    feeder.join();
    close(out_pipe[0]);
    close(err_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exit_code = decode_status(status);
    return result;
}

CommandResult run_into_full_disk(const std::vector<std::string>& args, const std::string& stdin_text) {
    std::vector<std::string> shell = {"/bin/sh", "-c", "exec \"$0\" \"$@\" > /dev/full", resolve_program(args[0])};
    shell.insert(shell.end(), args.begin() + 1, args.end());
    return run(shell, stdin_text);
}

TempDir::TempDir() {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("newsdex-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd() % 100000));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
    return file.string();
}

std::string corpus_dir() { return std::string(NEWSDEX_SOURCE_DIR) + "/corpus"; }

std::string shared_dir() {
    std::error_code ec;
    std::filesystem::path shared = NEWSDEX_SHARED_DIR;
    if (!std::filesystem::is_directory(shared, ec)) return "";
    return std::filesystem::weakly_canonical(shared, ec).string();
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

const std::string& corpus_db() {
    static TempDir dir;
    static std::string db = [] {
        std::string path = dir / "corpus.db";
        CommandResult r = run({"newsdex-index", "--quiet", "--db", path, "--field", "text=notes", "--field",
                               "date=event_date", "--field", "id=event_id", corpus_dir()});
        if (r.exit_code != 0) throw std::runtime_error("indexing corpus/ failed: " + r.err);
        return path;
    }();
    return db;
}

CommandResult search_corpus(std::vector<std::string> args, const std::string& stdin_text) {
    args.insert(args.begin(), {"newsdex-search", "--db", corpus_db()});
    return run(args, stdin_text);
}

nlohmann::json search_corpus_json(std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    CommandResult r = search_corpus(args);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    return nlohmann::json::parse(r.out);
}

long count_corpus(std::vector<std::string> args) {
    args.insert(args.begin(), "--count");
    CommandResult r = search_corpus(args);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    return std::stol(r.out);
}

std::vector<std::string> corpus_ids(std::vector<std::string> args) {
    args.insert(args.begin(), {"--ids", "--limit", "100"});
    CommandResult r = search_corpus(args);
    INFO(r.err);
    REQUIRE(r.exit_code <= 1);
    return lines_of(r.out);
}

}  // namespace newsdex::test
