/** @file
 * @brief Merging the build shards into the database: Xapian's compactor
 *        writes a new database next to it, which then takes its place in
 *        one atomic directory exchange (see index_writer.h for the protocol).
 */
#ifndef NEWSDEX_DATABASE_MERGE_H
#define NEWSDEX_DATABASE_MERGE_H

#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Where the merged database is written before the exchange, and where the
/// old one is left after it: DB + ".newsdex-merge", next to the database so
/// that it is on the same file system. Anything found there when an
/// indexer starts is garbage from an interrupted run (either a partial
/// merge or the database it replaced) and is deleted.
std::string merge_scratch_path(const std::string& db_path);

/// Whether @p db_path can be replaced by an exchange with its scratch path
/// (the parent directory is writable and the file system supports
/// renameat2(RENAME_EXCHANGE)). Tried on two empty directories; leaves
/// nothing behind. When not, the indexer writes with one writer.
bool can_exchange_databases(const std::string& db_path);

/// Removes @p path and everything under it; no error when it is missing.
/// Throws DatabaseWriteError when it cannot.
void remove_tree(const std::string& path);

/// Compacts @p sources (the database at @p db_path first, then the shards,
/// docids renumbered in that order) into merge_scratch_path(db_path); calls
/// @p fix_up on the result opened for writing (it must not commit), commits
/// and syncs it; then @p before_exchange(scratch path) (e.g. to lock it), and
/// exchanges the two directories atomically and syncs the parent: from then
/// on @p db_path is the merged database, and the old one (with everything
/// inside it) is at the scratch path, which is finally removed.
///
/// A reader never finds @p db_path missing or half written: it sees the old
/// database or the new one (one that had the old one open sees its files
/// vanish at its next reopen, which newsdex's searcher retries). A kill
/// before the exchange leaves the old database untouched, a kill after it
/// the new one complete; either way the scratch path is garbage.
/// Throws DatabaseWriteError (disk full, permissions) or Xapian::Error.
void compact_and_exchange(const std::string& db_path, const std::vector<std::string>& shards,
                          const std::function<void(Xapian::WritableDatabase&)>& fix_up,
                          const std::function<void(const std::string&)>& before_exchange);

}  // namespace newsdex

#endif  // NEWSDEX_DATABASE_MERGE_H
