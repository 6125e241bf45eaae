/** @file
 * @brief Shard names, the hash:N hash and the collection's small files.
 */
#include "shard_layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "content_hash.h"
#include "shard_writer.h"
#include "write_lock.h"

namespace newsdex {

namespace {

constexpr unsigned kMaxBuckets = 1000;
constexpr const char* kUndated = "undated";

std::string hash_shard_name(unsigned k, unsigned buckets) {
    const int width = std::max<int>(2, static_cast<int>(std::to_string(buckets - 1).size()));
    char name[32];
    std::snprintf(name, sizeof name, "shard-%0*u", width, k);
    return name;
}

bool all_digits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

std::uint64_t fnv1a_64(std::string_view bytes) { return content_hash(bytes); }

std::optional<ShardLayout> ShardLayout::parse(const std::string& spec, std::string& error) {
    ShardLayout layout;
    if (spec == "year") {
        layout.kind = Kind::Year;
    } else if (spec == "month") {
        layout.kind = Kind::Month;
    } else if (spec.rfind("hash:", 0) == 0 && all_digits(spec.substr(5)) && spec.size() <= 9 &&
               std::stoul(spec.substr(5)) >= 1 && std::stoul(spec.substr(5)) <= kMaxBuckets) {
        layout.kind = Kind::Hash;
        layout.buckets = static_cast<unsigned>(std::stoul(spec.substr(5)));
    } else {
        error = "unknown shard layout '" + spec + "' (expected year, month or hash:N with N from 1 to " +
                std::to_string(kMaxBuckets) + ")";
        return std::nullopt;
    }
    return layout;
}

std::string ShardLayout::spec() const {
    switch (kind) {
        case Kind::Year: return "year";
        case Kind::Month: return "month";
        case Kind::Hash: break;
    }
    return "hash:" + std::to_string(buckets);
}

std::string ShardLayout::shard_for(const std::string& id, const std::optional<Day>& date) const {
    if (kind == Kind::Hash) return hash_shard_name(static_cast<unsigned>(fnv1a_64(id) % buckets), buckets);
    if (!date) return kUndated;
    char name[16];
    if (kind == Kind::Year) std::snprintf(name, sizeof name, "%04d", date->year);
    else std::snprintf(name, sizeof name, "%04d-%02d", date->year, date->month);
    return name;
}

std::vector<std::string> ShardLayout::fixed_shards() const {
    std::vector<std::string> names;
    if (kind == Kind::Hash)
        for (unsigned k = 0; k < buckets; ++k) names.push_back(hash_shard_name(k, buckets));
    return names;
}

bool ShardLayout::is_shard_name(const std::string& name) const {
    switch (kind) {
        case Kind::Year: return name == kUndated || (name.size() == 4 && all_digits(name));
        case Kind::Month:
            return name == kUndated ||
                   (name.size() == 7 && all_digits(name.substr(0, 4)) && name[4] == '-' && all_digits(name.substr(5)));
        case Kind::Hash: break;
    }
    for (unsigned k = 0; k < buckets; ++k)
        if (name == hash_shard_name(k, buckets)) return true;
    return false;
}

std::optional<ShardLayout> read_shard_layout(const std::string& dir) {
    const std::string path = dir + "/" + kShardLayoutFile;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    std::ifstream in(path);
    std::string key, spec;
    if (!(in >> key >> spec) || key != "shard-by")
        throw std::runtime_error(path + ": malformed (expected a line 'shard-by LAYOUT')");
    std::string error;
    auto layout = ShardLayout::parse(spec, error);
    if (!layout) throw std::runtime_error(path + ": " + error);
    return layout;
}

void write_file_atomically(const std::string& path, const std::string& content) {
    const std::string tmp = path + ".tmp";
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    auto fail = [&](const char* doing) {
        std::string message = std::string("cannot ") + doing + " " + tmp + ": " + std::strerror(errno);
        if (fd >= 0) ::close(fd);
        ::unlink(tmp.c_str());
        throw DatabaseWriteError(message);
    };
    if (fd < 0) fail("create");
    for (std::size_t done = 0; done < content.size();) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("write");
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail("sync");
    if (::close(fd) != 0) {
        fd = -1;
        fail("close");
    }
    fd = -1;
    if (::rename(tmp.c_str(), path.c_str()) != 0) fail("rename");
    sync_directory(std::filesystem::path(path).parent_path().string());
}

void write_shard_layout(const std::string& dir, const ShardLayout& layout) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw DatabaseWriteError("cannot create " + dir + ": " + ec.message());
    write_file_atomically(dir + "/" + kShardLayoutFile, "shard-by " + layout.spec() + "\n");
}

void write_shard_stub(const std::string& dir, const std::vector<std::string>& shards) {
    std::string content;
    for (const auto& name : shards) content += "auto " + name + "\n";
    write_file_atomically(dir + "/" + kShardStubFile, content);
}

}  // namespace newsdex
