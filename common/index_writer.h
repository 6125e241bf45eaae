/** @file
 * @brief The write side of indexing: adds, replaces and deletes articles in
 *        a Xapian database so that re-indexing never duplicates anything.
 */
#ifndef NEWSDEX_INDEX_WRITER_H
#define NEWSDEX_INDEX_WRITER_H

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "analyzer.h"
#include "write_lock.h"

namespace newsdex {

struct WriterOptions {
    /// Keep articles whose normalised text equals an existing article's
    /// under another ID (default: skip and count them).
    bool keep_duplicates = false;
    /// When another newsdex-index writes the database: wait for it (true)
    /// or fail at once with DatabaseBusyError (false).
    bool wait_for_lock = false;
    /// Called once, with the holder's pid (0 if unknown), when waiting.
    std::function<void(pid_t)> on_wait;
};

/// What happened to one article handed to IndexWriter::write().
enum class WriteOutcome {
    Added,      ///< new ID
    Replaced,   ///< known ID, content changed: the old version is gone
    Unchanged,  ///< known ID, same content: nothing written
    Duplicate,  ///< same normalised text as another ID: skipped
};

/// Writes a newsdex database so that only committed states are ever left
/// behind. Every change between two commit() calls happens inside one
/// Xapian transaction: Xapian never commits on its own in between (its
/// XAPIAN_FLUSH_THRESHOLD then only moves pending changes from memory to
/// unused blocks on disk, which keeps memory bounded), and a crash, a kill
/// or a failure at any point leaves the database exactly as the last
/// commit() left it.
class IndexWriter {
  public:
    /// Takes the newsdex write lock (WriteLock), then opens (creating if
    /// needed) the database at @p path for writing. A new database is
    /// committed at once, empty but marked with the schema version.
    /// Throws DatabaseBusyError when another newsdex-index writes it,
    /// DatabaseWriteError when it cannot be written (permissions, disk
    /// full), and std::runtime_error when it was written by an incompatible
    /// newsdex schema or cannot be opened.
    IndexWriter(const std::string& path, const WriterOptions& options);
    /// Drops whatever was written since the last commit().
    ~IndexWriter();
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Writes one analysed article (which must have ok == true). Throws
    /// DatabaseWriteError when the database cannot be written.
    WriteOutcome write(AnalyzedArticle&& article);

    /// Deletes the article with this ID; false if there is none.
    bool remove(const std::string& id);

    /// Makes everything written so far durable, atomically. Throws
    /// DatabaseWriteError (e.g. disk full); the database then still holds
    /// the previous commit, and this writer refuses further work.
    void commit();

    /// Stores database metadata (written at the next commit).
    void set_metadata(const std::string& key, const std::string& value);

    /// Articles in the database, counting uncommitted changes.
    Xapian::doccount doccount() const { return db_.get_doccount(); }
    /// Read access, uncommitted writes included (near-duplicate grouping).
    const Xapian::Database& database() const { return db_; }
    /// Articles in the database as of the last successful commit.
    Xapian::doccount committed_doccount() const { return committed_doccount_; }
    /// Wall time spent in commit() so far (writing and syncing to disk).
    double commit_seconds() const { return commit_seconds_; }
    const std::string& path() const { return path_; }

  private:
    /// The document holding @p id_term, or 0.
    Xapian::docid find_document(const std::string& id_term);
    /// Rethrows a failure of the database itself as DatabaseWriteError.
    [[noreturn]] void failed(const char* doing, const Xapian::Error& e);
    void check_usable() const;

    std::string path_;
    WriterOptions options_;
    std::unique_ptr<WriteLock> lock_;  // taken before Xapian's lock, released after it
    Xapian::WritableDatabase db_;
    bool in_transaction_ = false;
    bool broken_ = false;  // a write failed: the transaction is unusable
    Xapian::doccount committed_doccount_ = 0;
    double commit_seconds_ = 0;
    bool started_empty_ = false;
    // IDs and content hashes written in this run. They answer lookups for
    // the (common) case of a fresh database without touching Xapian, and
    // keep duplicate detection exact across uncommitted batches.
    std::unordered_map<std::string, Xapian::docid> run_ids_;
    std::unordered_map<std::string, std::string> run_hash_owner_;  // hash term -> id term
};

}  // namespace newsdex

#endif  // NEWSDEX_INDEX_WRITER_H
