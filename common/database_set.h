/** @file
 * @brief Opening the databases of one collection: directories, Xapian stub
 *        files and remote shards (tcp://HOST:PORT), combined as shards.
 *
 * Xapian does the combining: every part is added to one Xapian::Database
 * with add_database(), so ranking statistics, sorting, collapsing and match
 * spies see one collection. Remote parts are served by xapian-tcpsrv and
 * opened with Xapian::Remote::open(); a stub file may list local and remote
 * shards itself (`auto PATH`, `remote tcp HOST:PORT`).
 */
#ifndef NEWSDEX_DATABASE_SET_H
#define NEWSDEX_DATABASE_SET_H

#include <stdexcept>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// A database that cannot be searched: missing, unreachable, not a newsdex
/// database, written by another schema version, or with other gazetteers
/// than the rest of the collection. what() is one line for the user.
class DatabaseOpenError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The opened collection.
struct DatabaseSet {
    Xapian::Database db;
    /// True when at least one shard is remote (a tcp:// argument or a
    /// `remote` line in a stub file): remote shards cannot sort with a
    /// Xapian::KeyMaker and have no spelling table (README, "Shards and
    /// remote search").
    bool has_remote = false;
};

/// "" when @p spec is an acceptable --db argument, else the reason (for
/// tcp://HOST:PORT: a host and a port 1-65535). Checks only the form, opens
/// nothing: paths are checked when opened.
std::string check_database_spec(const std::string& spec);

/// Opens every spec (a database directory, a stub file, or tcp://HOST:PORT,
/// HOST may be [IPv6]) as shards of one collection. Each spec must hold a
/// newsdex database of this schema version, and all must carry the same
/// gazetteers (actor: and place: names resolve through them). Remote shards
/// time out after 10 s without an answer. Throws DatabaseOpenError;
/// Xapian::DatabaseModifiedError and DatabaseCorruptError pass through (the
/// caller retries those: a writer committed while we opened).
DatabaseSet open_database_set(const std::vector<std::string>& specs);

}  // namespace newsdex

#endif  // NEWSDEX_DATABASE_SET_H
