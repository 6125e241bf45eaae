/** @file
 * @brief Compaction of the database and its build shards, and the atomic
 *        exchange that puts the result in place (see database_merge.h).
 */
#include "database_merge.h"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc >= 2.28)
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "shard_writer.h"
#include "write_lock.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

void exchange(const std::string& a, const std::string& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0)
        throw DatabaseWriteError("cannot exchange " + a + " and " + b + ": " + std::strerror(errno));
}

void sync_parent(const std::string& path) {
    std::string parent = fs::path(path).parent_path().string();
    int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string merge_scratch_path(const std::string& db_path) {
    std::string path = db_path;
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path + ".newsdex-merge";
}

void remove_tree(const std::string& path) {
    std::error_code ec;
    fs::remove_all(path, ec);
    if (ec) throw DatabaseWriteError("cannot remove " + path + ": " + ec.message());
}

bool can_exchange_databases(const std::string& db_path) {
    const std::string scratch = merge_scratch_path(db_path);
    std::error_code ec;
    fs::remove_all(scratch, ec);
    const std::string a = scratch + "/a", b = scratch + "/b";
    if (!fs::create_directories(a, ec) || !fs::create_directory(b, ec)) {
        fs::remove_all(scratch, ec);
        return false;
    }
    bool ok = ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
    fs::remove_all(scratch, ec);
    return ok && !ec;
}

void compact_and_exchange(const std::string& db_path, const std::vector<std::string>& shards,
                          const std::function<void(Xapian::WritableDatabase&)>& fix_up,
                          const std::function<void(const std::string&)>& before_exchange) {
    const std::string scratch = merge_scratch_path(db_path);
    remove_tree(scratch);
    try {
        Xapian::Database all(db_path);
        for (const auto& shard : shards) all.add_database(Xapian::Database(shard));
        // FULL leaves no free space in blocks (the database is as small as
        // the compactor makes it without oversize items, which FULLER would
        // allow and later updates would pay for).
        all.compact(scratch, Xapian::Compactor::FULL);
        all.close();
        {
            Xapian::WritableDatabase merged(scratch, Xapian::DB_OPEN);
            fix_up(merged);
            merged.commit();
            merged.close();
        }
    } catch (const Xapian::DatabaseError& e) {
        std::string message = "cannot merge the shards into " + db_path + ": " + e.get_msg();
        if (e.get_error_string()) message += std::string(" (") + e.get_error_string() + ")";
        throw DatabaseWriteError(message);
    }
    // The compactor does not promise durability: sync every file, so that
    // what the exchange makes visible survives a power cut.
    sync_directory_tree(scratch);
    before_exchange(scratch);
    exchange(db_path, scratch);
    sync_parent(db_path);
    remove_tree(scratch);
}

}  // namespace newsdex
