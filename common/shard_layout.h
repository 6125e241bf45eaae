/** @file
 * @brief Shard layouts of a sharded collection (`newsdex-index --shard-by`):
 *        which shard an article belongs in, and the collection's files.
 *
 * A sharded collection is a directory DIR holding one newsdex database per
 * shard (DIR/2024, DIR/2024-03, DIR/undated, DIR/shard-00 ...), the stub
 * file DIR/XAPIANDB listing them (`auto 2024` a line, paths relative to
 * DIR), which Xapian opens for `Xapian::Database("DIR")` and
 * `Xapian::Database("DIR/XAPIANDB")` alike, DIR/newsdex.shards, which
 * records the layout ("shard-by year") so that later runs need no flag,
 * and the spelling sidecar DIR/spelling (kSpellingSidecar), also listed in
 * the stub.
 */
#ifndef NEWSDEX_SHARD_LAYOUT_H
#define NEWSDEX_SHARD_LAYOUT_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dates.h"

namespace newsdex {

/// How articles are spread over shards.
struct ShardLayout {
    enum class Kind { Year, Month, Hash };
    Kind kind = Kind::Year;
    unsigned buckets = 0;  ///< Hash: the number of shards N (1..1000)

    /// Parses "year", "month" or "hash:N". On failure returns std::nullopt
    /// and sets @p error to a message naming what is expected.
    static std::optional<ShardLayout> parse(const std::string& spec, std::string& error);
    /// The spec parse() reads back ("year", "month", "hash:3").
    std::string spec() const;

    /// The shard an article belongs in: "2024" (year), "2024-03" (month),
    /// "undated" for an article without a date (year and month), or
    /// "shard-K" with K = fnv1a_64(id) % N, zero-padded to two digits or
    /// more (hash:N; the date plays no part, so an ID never moves).
    std::string shard_for(const std::string& id, const std::optional<Day>& date) const;
    /// Whether @p name is a shard name of this layout.
    bool is_shard_name(const std::string& name) const;
    /// The shards every collection of this layout has from the start: the
    /// N shards of hash:N; none for year and month (made as needed).
    std::vector<std::string> fixed_shards() const;
    /// Whether an article's shard depends only on its ID.
    bool by_id() const { return kind == Kind::Hash; }

    bool operator==(const ShardLayout&) const = default;
};

/// 64-bit FNV-1a of @p bytes (offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3): the documented, Xapian-independent hash:N hash.
std::uint64_t fnv1a_64(std::string_view bytes);

/// The layout file and stub file of a collection directory.
inline constexpr const char* kShardLayoutFile = "newsdex.shards";
inline constexpr const char* kShardStubFile = "XAPIANDB";
/// The spelling sidecar of a collection, DIR/spelling: a newsdex database
/// without articles holding the whole collection's spelling table (the
/// shards hold none), listed last in the stub file (sharded_index_writer.h).
inline constexpr const char* kSpellingSidecar = "spelling";

/// The layout recorded in @p dir, or std::nullopt when @p dir is not a
/// sharded collection (no layout file). Throws std::runtime_error when the
/// file cannot be read or is malformed.
std::optional<ShardLayout> read_shard_layout(const std::string& dir);
/// Records @p layout in @p dir (created if needed), durably and atomically.
/// Throws DatabaseWriteError.
void write_shard_layout(const std::string& dir, const ShardLayout& layout);
/// Writes the stub file of @p dir listing @p shards (names relative to
/// @p dir), durably and atomically (a reader sees the old list or the new
/// one). Throws DatabaseWriteError.
void write_shard_stub(const std::string& dir, const std::vector<std::string>& shards);

/// Writes @p content to @p path through a temporary file, fsync and
/// rename, then syncs the directory. Throws DatabaseWriteError.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace newsdex

#endif  // NEWSDEX_SHARD_LAYOUT_H
