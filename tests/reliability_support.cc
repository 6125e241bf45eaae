/** @file
 * @brief Background processes, generated corpora, mounts and snapshots for
 *        the reliability tests.
 */
#include "reliability_support.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <nlohmann/json.hpp>

#include "e2e_support.h"

namespace newsdex::test {

namespace {

std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& args, const std::filesystem::path& output_dir) {
    static int counter = 0;
    ++counter;
    out_ = output_dir / ("bg-" + std::to_string(counter) + ".out");
    err_ = output_dir / ("bg-" + std::to_string(counter) + ".err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_ = spawn_program(args, actions);
}

BackgroundProcess::~BackgroundProcess() {
    if (!status_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait();
    }
}

bool BackgroundProcess::running() {
    if (status_) return false;
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        status_ = decode_status(status);
        return false;
    }
    return true;
}

int BackgroundProcess::wait() {
    if (!status_) {
        int status = 0;
        while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
        }
        status_ = decode_status(status);
    }
    return *status_;
}

std::optional<int> BackgroundProcess::wait_for(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return status_;
}

void BackgroundProcess::kill(int signal) {
    if (!status_) ::kill(pid_, signal);
}

std::string BackgroundProcess::out() const { return read_text_file(out_); }
std::string BackgroundProcess::err() const { return read_text_file(err_); }

std::uint64_t write_generated_corpus(const std::filesystem::path& dir, int articles, unsigned seed,
                                     int words_per_article) {
    static const char* const kWords[] = {
        "the",      "forces",   "attack",   "convoy",    "village",   "market",   "soldiers", "killed",
        "drone",    "strike",   "camp",     "patrol",    "ambush",    "mine",     "northern", "region",
        "officials", "reported", "displaced", "aid",     "talks",     "ceasefire", "junta",   "security",
        "troops",   "clashes",  "militants", "herders",  "farmers",   "water",    "prices",   "schools",
        "mission",  "withdrawal", "agreement", "armed",  "residents", "gunmen",   "road",     "bridge"};
    static const char* const kNames[] = {"FAMa",  "JNIM",  "MINUSMA", "Wagner Group", "Kidal",   "Gao",
                                         "Mopti", "Bamako", "Timbuktu", "Menaka",     "Niono",   "ECOWAS"};
    std::mt19937 rng(seed);
    std::filesystem::create_directories(dir);
    std::uint64_t bytes = 0;
    std::ofstream out;
    for (int i = 1; i <= articles; ++i) {
        if ((i - 1) % 500 == 0) {
            char name[32];
            std::snprintf(name, sizeof name, "gen-%04d.jsonl", (i - 1) / 500);
            out.close();
            out.open(dir / name, std::ios::binary);
        }
        std::string text;
        for (int w = 0; w < words_per_article; ++w) {
            if (w) text += rng() % 12 == 0 ? ". " : " ";
            text += rng() % 9 == 0 ? kNames[rng() % std::size(kNames)] : kWords[rng() % std::size(kWords)];
        }
        text += " Report number " + std::to_string(i) + ".";
        char id[32], date[16];
        std::snprintf(id, sizeof id, "g-%05d", i);
        std::snprintf(date, sizeof date, "%04u-%02u-%02u", static_cast<unsigned>(2019 + rng() % 6),
                      static_cast<unsigned>(1 + rng() % 12), static_cast<unsigned>(1 + rng() % 28));
        nlohmann::json line = {{"id", id},
                               {"title", std::string(kWords[rng() % std::size(kWords)]) + " in " +
                                             kNames[rng() % std::size(kNames)] + " " + std::to_string(i)},
                               {"date", date},
                               {"source", rng() % 2 ? "Sahel Monitor" : "Niger Wire"},
                               {"text", text}};
        std::string s = line.dump() + "\n";
        out << s;
        bytes += s.size();
    }
    return bytes;
}

bool is_root() { return geteuid() == 0; }

int shell(const std::string& script) {
    CommandResult r = run({"/bin/sh", "-c", script});
    return r.exit_code;
}

TmpfsMount::TmpfsMount(const std::filesystem::path& dir, std::uint64_t size_kb) : dir_(dir) {
    std::filesystem::create_directories(dir);
    std::string options = "size=" + std::to_string(size_kb) + "k";
    mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) == 0;
}

TmpfsMount::~TmpfsMount() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
}

bool TmpfsMount::resize(std::uint64_t size_kb) {
    std::string options = "size=" + std::to_string(size_kb) + "k";
    return mounted_ && ::mount("tmpfs", dir_.c_str(), "tmpfs", MS_REMOUNT, options.c_str()) == 0;
}

ReadOnlyBindMount::ReadOnlyBindMount(const std::filesystem::path& source, const std::filesystem::path& target)
    : target_(target) {
    std::filesystem::create_directories(target);
    if (::mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0) return;
    mounted_ = true;
    // A bind mount takes the read-only flag only on a remount.
    if (::mount(nullptr, target.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
        ::umount2(target.c_str(), MNT_DETACH);
        mounted_ = false;
    }
}

ReadOnlyBindMount::~ReadOnlyBindMount() {
    if (mounted_) ::umount2(target_.c_str(), MNT_DETACH);
}

std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        struct stat st {};
        if (::lstat(entry.path().c_str(), &st) != 0) continue;
        std::string content = entry.is_regular_file() ? read_text_file(entry.path()) : "";
        std::ostringstream s;
        s << st.st_size << ' ' << std::oct << st.st_mode << std::dec << ' ' << st.st_mtim.tv_sec << '.'
          << st.st_mtim.tv_nsec << ' ' << std::hash<std::string>{}(content);
        out[std::filesystem::relative(entry.path(), dir).string()] = s.str();
    }
    return out;
}

long stats_articles(const std::string& db) {
    CommandResult r = run({"newsdex-index", "--stats", "--summary-json", "--db", db});
    if (r.exit_code != 0) return -1;
    auto j = nlohmann::json::parse(r.out, nullptr, false);
    if (j.is_discarded() || !j.contains("articles")) return -1;
    return j["articles"].get<long>();
}

bool xapian_check_ok(const std::string& db) {
    return run({"/usr/bin/xapian-check", db}).exit_code == 0;
}

}  // namespace newsdex::test
