/** @file
 * @brief End-to-end tests of searching shards: the bundled corpus in one
 *        database against the same articles indexed into three shards (--shard-by hash:3),
 *        searched locally through a stub file and remotely through two
 *        xapian-tcpsrv processes on 127.0.0.1. Every query must give the
 *        same hits in the same order, the same totals and facet counts.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "e2e_support.h"

using namespace newsdex::test;
using nlohmann::json;

namespace {

/// xapian-tcpsrv on PATH (Debian package xapian-tools), or "".
std::string find_tcpsrv() {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        std::string candidate = dirs.substr(start, end - start) + "/xapian-tcpsrv";
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return "";
}

/// A port on 127.0.0.1 that was free a moment ago (the kernel's choice).
int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("cannot find a free port");
    close(fd);
    return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = fd >= 0 && connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (fd >= 0) close(fd);
    return ok;
}

/// One xapian-tcpsrv serving @p databases on a free loopback port; killed
/// when the object dies, also when a test fails. (SIGKILL: on SIGTERM
/// xapian-tcpsrv signals its whole process group, which is ours. The
/// children it forks per connection end when their client disconnects.)
class TcpServer {
  public:
    TcpServer(const std::string& program, const std::vector<std::string>& databases) {
        // Another process may take the port between our probe and the
        // server's bind: then the server exits, and we try another port.
        for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
            port_ = free_port();
            std::vector<std::string> args = {program, "--quiet", "--interface", "127.0.0.1", "--port",
                                             std::to_string(port_)};
            args.insert(args.end(), databases.begin(), databases.end());
            posix_spawn_file_actions_t actions;
            posix_spawn_file_actions_init(&actions);
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
            pid_t pid = spawn_program(args, actions);
            const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
            while (std::chrono::steady_clock::now() < deadline) {
                int status;
                if (waitpid(pid, &status, WNOHANG) == pid) {  // exited: port taken
                    pid = -1;
                    break;
                }
                if (accepts_connections(port_)) {
                    pid_ = pid;
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            if (pid_ < 0) stop(pid);
        }
        if (pid_ < 0) throw std::runtime_error("xapian-tcpsrv did not start listening within 10 s");
    }
    ~TcpServer() { stop(pid_); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;
    int port() const { return port_; }

  private:
    static void stop(pid_t pid) {
        if (pid <= 0) return;
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
    }
    pid_t pid_ = -1;
    int port_ = 0;
};

/// Indexes the bundled corpus, as corpus_db() does, into a collection of
/// @p n shards (`newsdex-index --shard-by hash:N`) and returns the shard
/// databases. One indexer decides for all shards, so near-duplicate groups
/// and skipped exact duplicates are those of the single database.
std::vector<std::string> index_into_shards(const TempDir& dir, unsigned n) {
    const std::string collection = dir / "sharded";
    CommandResult r = run({"newsdex-index", "--quiet", "--db", collection, "--shard-by", "hash:" + std::to_string(n),
                           "--field", "text=notes", "--field", "date=event_date", "--field", "id=event_id",
                           corpus_dir()});
    if (r.exit_code != 0) throw std::runtime_error("indexing corpus/ into shards failed: " + r.err);
    std::vector<std::string> paths;
    for (unsigned i = 0; i < n; ++i) paths.push_back(collection + (i < 10 ? "/shard-0" : "/shard-") + std::to_string(i));
    return paths;
}

/// What must agree between collections: every field but the time, the
/// snippets (their passage choice may differ in the last word) and, when
/// the total is an estimate, the total (estimates depend on the split).
json comparable(json r) {
    r.erase("elapsed_ms");
    if (r.value("total_exact", true) == false) r.erase("total");
    for (auto& hit : r["hits"]) hit.erase("snippet");
    return r;
}

/// "rank id score" per hit, one a line: a readable failure message.
std::string ranking(const json& r) {
    std::string out;
    for (const auto& hit : r["hits"])
        out += std::to_string(hit["rank"].get<int>()) + " " + hit["id"].get<std::string>() + " " +
               hit["score"].dump() + "\n";
    return out;
}

}  // namespace

TEST_CASE("shards: one database, local shards and remote shards give the same answers") {
    const std::string tcpsrv = find_tcpsrv();
    if (tcpsrv.empty()) {
        MESSAGE("skipped: xapian-tcpsrv not found (install the Debian package xapian-tools)");
        return;
    }
    TempDir dir;
    const std::string single = corpus_db();
    const auto shards = index_into_shards(dir, 3);
    for (const auto& shard : shards) CHECK(Xapian::Database(shard).get_doccount() > 10);  // a real split
    TcpServer one(tcpsrv, {shards[0]});
    TcpServer two(tcpsrv, {shards[1], shards[2]});  // one server may serve several shards
    const std::string local_stub = dir.write("local.stub", "auto sharded/shard-00\nauto sharded/shard-01\nauto sharded/shard-02\n");
    // Remote shards plus a local copy of the collection's spelling sidecar
    // (a database without articles): the searcher's "did you mean" too.
    const std::string remote_stub = dir.write("remote.stub", "remote 127.0.0.1:" + std::to_string(one.port()) +
                                                                 "\nremote 127.0.0.1:" +
                                                                 std::to_string(two.port()) +
                                                                 "\nauto sharded/spelling\n");
    const std::map<std::string, std::vector<std::string>> collections = {
        {"local shards (stub)", {"--db", local_stub}},
        {"remote shards (stub)", {"--db", remote_stub}},
        {"remote shards (tcp://)",
         {"--db", "tcp://127.0.0.1:" + std::to_string(one.port()), "--db",
          "tcp://127.0.0.1:" + std::to_string(two.port())}},
    };
    auto answer = [](std::vector<std::string> db, const std::vector<std::string>& args) {
        std::vector<std::string> command = {"newsdex-search", "--format", "json"};
        command.insert(command.end(), db.begin(), db.end());
        command.insert(command.end(), args.begin(), args.end());
        CommandResult r = run(command);
        INFO(r.err);
        REQUIRE(r.exit_code <= 1);
        return json::parse(r.out);
    };

    const std::vector<std::vector<std::string>> queries = {
        {"drone strike"},
        {"--match", "any", "attack convoy Kidal"},
        {"\"armed groups\""},
        {"title:ambush OR Mopti"},
        {"--limit", "5", "--offset", "3", "Mali"},
        {"--from", "2023-01", "--to", "2023-12", "--limit", "100", ""},
        {"--include-undated", "--from", "2016", "--limit", "100", "--sort", "oldest", ""},
        {"--actor", "FAMa", "--place", "Kidal", "--limit", "100"},
        {"--actor", "FAMa|Wagner", "--limit", "100", "attack"},
        {"--source", "Sahel Monitor", "--limit", "100"},
        {"--lang", "fr", "--limit", "100"},
        {"--sort", "newest", "--limit", "100", "Mali"},
        {"--sort", "oldest", "--limit", "100", "Mali"},
        {"--sort", "newest", "--limit", "100", "--include-undated", ""},
        {"--sort", "oldest", "--limit", "7", "--offset", "9", ""},
        {"--collapse", "--limit", "100", ""},
        {"--collapse", "--sort", "oldest", "--limit", "100", ""},
        {"--collapse", "--limit", "100", "drone Aguelhok"},
        {"--collapse", "--sort", "newest", "--limit", "3", "--offset", "4", "Ber OR Aguelhok OR Menaka"},
        {"--facets", "actor,place,actor-pair,week,month,year,source,lang", "--facet-limit", "0", "--limit", "0",
         ""},
        {"--facets", "actor,place,actor-pair,week,month,year,source,lang", "--facet-limit", "0", "--limit", "3",
         "Kidal OR Gao"},
        {"--facets", "actor,month", "--collapse", "--limit", "5", "--sort", "newest", "actor:Wagner"},
        {"--like", "mon-2024-004", "--limit", "20"},
        {"--expand", "sm-2024-0320-aguelhok"},
        {"--limit", "20", "frappes de drones"},
    };
    for (const auto& args : queries) {
        std::string shown;
        for (const auto& a : args) shown += "'" + a + "' ";
        CAPTURE(shown);
        const json expected = answer({"--db", single}, args);
        CHECK(expected["total"].get<int>() > 0);
        for (const auto& [name, db] : collections) {
            CAPTURE(name);
            json got = comparable(answer(db, args));
            const json want = comparable(expected);
            CHECK(ranking(got) == ranking(want));
            CHECK(got["facets"] == want["facets"]);
            CHECK(got["collapsed"] == want["collapsed"]);
            // Whether Xapian's total is exact or an estimate depends on the
            // split (and, through the writers' docid order, on the build):
            // equal when both are exact, else the exact counts are.
            if (got.contains("total") && want.contains("total")) {
                CHECK(got["total"] == want["total"]);
                CHECK(got.value("groups", json()) == want.value("groups", json()));
            } else {
                auto counted = [&](std::vector<std::string> collection) {
                    std::vector<std::string> command = {"newsdex-search", "--count"};
                    command.insert(command.end(), collection.begin(), collection.end());
                    command.insert(command.end(), args.begin(), args.end());
                    return run(command).out;
                };
                CHECK(counted(db) == counted({"--db", single}));
            }
            // The same query, except that a date filter may read the date
            // slot locally (DateValueSource), which xapian-tcpsrv lacks.
            if (name.find("remote") == std::string::npos ||
                want["parsed"].get<std::string>().find("date value") == std::string::npos)
                CHECK(got["parsed"] == want["parsed"]);
            CHECK(got["hits"] == want["hits"]);  // every other field of every hit
        }
    }

    // Sections below run once with the servers above (not as SUBCASEs,
    // which would run the whole case again per section).
    {  // batch mode over shards, several threads
        const std::string batch = "q1\tdrone\nq2\tactor:Wagnr\nKidal OR Gao\nq4\tdate:2024-03\n";
        auto lines = [&](std::vector<std::string> db) {
            std::vector<std::string> command = {"newsdex-search", "--batch", "-", "--jobs", "2", "--facets",
                                                "actor,year", "--limit", "5"};
            command.insert(command.end(), db.begin(), db.end());
            CommandResult r = run(command, batch);
            CHECK(r.exit_code == 2);  // q2 is an unknown actor
            std::vector<json> out;
            for (const auto& line : lines_of(r.out)) out.push_back(comparable(json::parse(line)));
            return out;
        };
        const auto expected = lines({"--db", single});
        REQUIRE(expected.size() == 4);
        for (const auto& [name, db] : collections) {
            CAPTURE(name);
            CHECK(lines(db) == expected);
        }
    }

    {  // wildcards match the same articles (their ranking is per shard in Xapian 1.4)
        auto ids = [&](std::vector<std::string> db) {
            std::vector<std::string> out;
            const json r = answer(db, {"--limit", "100", "peacekeep*"});
            for (const auto& hit : r["hits"]) out.push_back(hit["id"]);
            std::sort(out.begin(), out.end());
            return out;
        };
        const auto expected = ids({"--db", single});
        CHECK(!expected.empty());
        for (const auto& [name, db] : collections) CHECK(ids(db) == expected);
    }

    {  // did you mean: from the spelling sidecar, which the shards' servers cannot send
        for (const char* query : {"Kidl", "Timbuktoo", "peacekepers convoi", "Kidal"}) {
            CAPTURE(query);
            const json want = answer({"--db", single}, {query})["suggestion"];
            CHECK(answer({"--db", dir / "sharded"}, {query})["suggestion"] == want);
            CHECK(answer({"--db", remote_stub}, {query})["suggestion"] == want);
        }
        CHECK(answer({"--db", single}, {"Kidl"})["suggestion"] == "kidal");
        CHECK(answer({"--db", remote_stub}, {"Kidl"})["suggestion"] == "kidal");
        // The shards themselves hold no spelling words: without the sidecar,
        // none (Xapian's remote protocol carries no spelling data anyway).
        CHECK(answer({"--db", local_stub}, {"Kidl"})["suggestion"].is_null());
        CHECK(answer({"--db", "tcp://127.0.0.1:" + std::to_string(one.port()), "--db",
                      "tcp://127.0.0.1:" + std::to_string(two.port())},
                     {"Kidl"})["suggestion"]
                  .is_null());
    }
}

TEST_CASE("shards: an unreachable or malformed tcp:// shard is one error line and exit 2") {
    const int port = free_port();  // nothing listens there
    CommandResult down = run({"newsdex-search", "--db", "tcp://127.0.0.1:" + std::to_string(port), "drone"});
    CHECK(down.exit_code == 2);
    CHECK(down.err.find("newsdex-search: error: cannot reach the shard server of tcp://127.0.0.1:") == 0);
    CHECK(lines_of(down.err).size() == 1);
    CommandResult bad = run({"newsdex-search", "--db", "tcp://127.0.0.1:99999", "drone"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "newsdex-search: error: --db tcp://127.0.0.1:99999: the port must be a number from 1 to "
                     "65535\n");
}
