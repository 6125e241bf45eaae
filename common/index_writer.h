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
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "analyzer.h"
#include "article_writer.h"
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
    /// Shard writer threads (0 = one per core). 1 writes everything into
    /// the database itself, on the calling thread.
    unsigned writers = 0;
    /// Bound on the memory of pending writes and the queues feeding them,
    /// in bytes (see kDefaultMemoryLimit).
    std::uint64_t memory_limit = 0;
    /// The caller decides near-duplicate groups and exact duplicates
    /// (ShardedIndexWriter, for all its shards at once): write() keeps the
    /// group key already in the article's document (value slot and XG
    /// term) and skips no duplicate; no DuplicateGrouper is built.
    bool external_decisions = false;
    /// Add the written articles' words to the database's spelling table
    /// (spelling_words.h). ShardedIndexWriter's shards hold none: the
    /// collection's table is its sidecar.
    bool spelling = true;
};

/// Default WriterOptions::memory_limit (and --memory-limit): 768 MB.
inline constexpr std::uint64_t kDefaultMemoryLimit = std::uint64_t(768) << 20;

/// The stored version of an article: what IndexWriter::stored_version()
/// finds.
struct StoredVersion {
    std::uint64_t content_hash = 0;  ///< value slot kSlotContentHash, parsed
    std::string group;               ///< its group key; "" when its own ID
    /// day_number() of its date. An article is unchanged when its content
    /// hash and its day are: a corrected date in a later dump is applied.
    std::uint32_t day = 0;
};

/// Writes a newsdex database so that only committed states are ever left
/// behind, with Xapian's write work spread over several threads.
///
/// Decisions are made on the calling thread, in input order (so results do
/// not depend on the number of threads): where an ID lives, unchanged and
/// duplicate articles, near-duplicate groups. The writes go:
///   - articles whose ID is already in the database (replacements) and
///     deletions: into the database itself ("main"), inside one Xapian
///     transaction per commit cycle, so a replace is atomic and an ID never
///     exists twice;
///   - new articles: round robin, in chunks, to K shard writer threads
///     (shard_writer.h), each writing a fresh Xapian database per commit
///     cycle, DIR/newsdex-build/cycle-N/shard-K. An ID added earlier in the
///     run and seen again is replaced in its shard when that shard is still
///     open, else added to a current shard while its old version is recorded
///     for deletion before the merge. (With one writer, or while a run is
///     small next to the existing database, new articles go into main too:
///     see the shard threshold in index_writer.cc.)
///
/// The commit protocol. commit() ends a cycle: (1) every shard of the cycle
/// adds its spelling words, commits and is fsynced; (2) main's transaction
/// records the list of valid shards and pending deletions (metadata
/// schema::kMetaBuildState) together with the cycle's replacements, and
/// commits. Step 2 is the single atomic commit point: a shard counts only
/// once main lists it, so the durable state (main + listed shards) is
/// always that of some commit(), never a mix. finish() merges: Xapian's
/// compactor writes main + listed shards (deletions applied first) into
/// DIR.newsdex-merge, the build-state metadata is dropped there, and that
/// directory is exchanged with DIR in one renameat2(RENAME_EXCHANGE)
/// (database_merge.h); the old database and its shards, now at
/// DIR.newsdex-merge, are deleted. A searcher opening DIR sees main until
/// the exchange, then the merged database: new articles become searchable
/// when the run ends, replacements at each commit.
///
/// Recovery: the constructor deletes DIR.newsdex-merge (a partial merge, or
/// the database a completed exchange replaced), deletes shard directories
/// main does not list (a cycle that did not reach step 2), and merges the
/// listed ones at once. So after a kill -9 at any moment, running the same
/// command again gives the same database as an uninterrupted run.
class IndexWriter : public ArticleWriter {
  public:
    /// Takes the newsdex write lock (WriteLock), then opens (creating if
    /// needed) the database at @p path for writing, and finishes what an
    /// interrupted run left (see above). A new database is committed at
    /// once, empty but marked with the schema version.
    /// Throws DatabaseBusyError when another newsdex-index writes it,
    /// DatabaseWriteError when it cannot be written (permissions, disk
    /// full), and std::runtime_error when it was written by an incompatible
    /// newsdex schema or cannot be opened.
    IndexWriter(const std::string& path, const WriterOptions& options);
    /// Drops whatever was written since the last commit(); committed shards
    /// not yet merged stay, for the next run to merge.
    ~IndexWriter() override;
    IndexWriter(const IndexWriter&) = delete;
    IndexWriter& operator=(const IndexWriter&) = delete;

    /// Sets the article's near-duplicate group (duplicate_groups.h) and
    /// writes it (ok must be true). Throws DatabaseWriteError when the
    /// database cannot be written; a shard's failure shows at commit().
    WriteOutcome write(AnalyzedArticle&& article) override;

    /// Deletes the article with this ID; false if there is none.
    bool remove(const std::string& id) override;
    /// The same by ID term (schema::id_term()).
    bool remove_term(const std::string& id_term);

    /// The current version (pending writes included) of the article with
    /// @p id_term, or std::nullopt when there is none.
    std::optional<StoredVersion> stored_version(const std::string& id_term);
    /// How many articles (pending writes included) have this content hash
    /// (16 hex digits, AnalyzedArticle::content_hash).
    std::int64_t content_count(const std::string& content_hash) const;
    /// The database being written (pending writes included), for lookups:
    /// valid until finish() merges build shards.
    const Xapian::Database& database() const { return db_; }

    /// Makes everything written so far durable, atomically (see above).
    /// Throws DatabaseWriteError (e.g. disk full); the database then still
    /// holds the previous commit, and this writer refuses further work.
    void commit() override;

    /// True when the pending writes have reached their share of the memory
    /// limit and a commit() should come now rather than after
    /// --commit-every articles.
    bool should_commit() const override;
    /// Estimated bytes of Xapian's pending writes in the database itself
    /// (not the build shards) since the last commit.
    std::uint64_t pending_write_bytes() const;

    /// Merges the committed shards into the database (see above); a no-op
    /// when there are none. Call after the last commit().
    void finish() override;

    /// Stores database metadata (written at the next commit).
    void set_metadata(const std::string& key, const std::string& value) override;
    /// Adds to / takes from the database's spelling table directly (written
    /// at the next commit, atomically with it): for a sharded collection's
    /// spelling sidecar (sharded_index_writer.h), which holds no articles.
    void add_spelling(const std::string& word, Xapian::termcount freq);
    void remove_spelling(const std::string& word, Xapian::termcount freq);

    /// Articles in the database: after finish(), all of them; before, those
    /// in main (pending writes included) plus those committed in shards.
    Xapian::doccount doccount() const override;
    /// Articles as of the last successful commit (main + listed shards).
    Xapian::doccount committed_doccount() const override { return committed_doccount_; }
    /// Wall time spent in commit() and finish() so far.
    double commit_seconds() const override { return commit_seconds_; }
    const std::string& path() const { return path_; }
    /// Shard writer threads in use (1: everything goes into main).
    unsigned writers() const { return writers_; }

  private:
    struct Impl;
    /// The document holding @p id_term in main, or 0.
    Xapian::docid find_in_main(const std::string& id_term);
    /// Rethrows a failure of the database itself as DatabaseWriteError.
    [[noreturn]] void failed(const char* doing, const Xapian::Error& e);
    void check_usable() const;
    void open_main();
    void recover();
    void merge();
    WriteOutcome write_new(AnalyzedArticle& article);

    std::string path_;
    WriterOptions options_;
    unsigned writers_ = 1;
    std::unique_ptr<WriteLock> lock_;  // taken before Xapian's lock, released after it
    Xapian::WritableDatabase db_;
    bool in_transaction_ = false;
    bool broken_ = false;  // a write failed: the transaction is unusable
    Xapian::doccount committed_doccount_ = 0;
    double commit_seconds_ = 0;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex

#endif  // NEWSDEX_INDEX_WRITER_H
