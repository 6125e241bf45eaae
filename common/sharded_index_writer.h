/** @file
 * @brief ShardedIndexWriter: `newsdex-index --shard-by`, a directory of
 *        newsdex databases (shard_layout.h) written as one collection.
 */
#ifndef NEWSDEX_SHARDED_INDEX_WRITER_H
#define NEWSDEX_SHARDED_INDEX_WRITER_H

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "article_writer.h"
#include "duplicate_groups.h"
#include "index_writer.h"
#include "shard_layout.h"
#include "write_lock.h"

namespace newsdex {

/// Writes a sharded collection so that it holds exactly what one database
/// indexed with the same input would: the same IDs, the same near-duplicate
/// groups, the same unchanged/replaced/duplicate decisions. (One limit:
/// DuplicateGrouper takes candidates from earlier runs in docid order, and
/// docids interleave differently over shards, so an article with tied
/// candidates, or a band held by more than kMaxCandidatesPerBand earlier
/// articles, may join another equally similar group than in one database.)
///
/// Decisions are made here, on the calling thread, in input order, over
/// every shard at once: where an ID lives (any shard for year/month, its
/// hash shard for hash:N), whether it is unchanged, whether its text
/// duplicates an article under another ID (content hashes of all shards),
/// and its near-duplicate group (one DuplicateGrouper over a read view of
/// all shards). Each shard is then an IndexWriter (index_writer.h) with one
/// writer (everything in its own transaction) and these decisions imposed
/// (WriterOptions::external_decisions).
///
/// An article is written into the shard of its ID and date
/// (ShardLayout::shard_for). When a changed article's date puts it in
/// another shard than its stored version, it moves: the new version is
/// written into the new shard, and the old copy is deleted at the next
/// commit, after the new one is durable. commit():
///   (1) writes the move journal DIR/newsdex.moves (each line: ID term, the
///       shard that now holds the article, the shard to delete it from),
///       atomically, when articles moved;
///   (2) commits the spelling sidecar (below), then every shard (each one
///       atomic, index_writer.h);
///   (3) deletes the moved articles' old copies and commits those shards;
///   (4) removes the journal.
/// On startup, a journal left by a kill is finished: where the new shard
/// holds the article its old copy is deleted, else the old copy stays (the
/// move never committed). So after a kill at any moment and this recovery,
/// an article has exactly one copy: never two, never none; and running the
/// same command again gives what an uninterrupted run gives.
///
/// A new shard is created (committed empty, with the schema version and the
/// run's metadata) before the stub file lists it; the stub file is
/// rewritten atomically, so a searcher opening the collection sees only
/// complete shards.
///
/// Spelling ("did you mean"): the collection's whole spelling table lives in
/// the sidecar DIR/spelling (kSpellingSidecar), a newsdex database with the
/// shards' metadata and no articles, listed last in the stub file; the
/// shards hold no spelling words. Xapian's remote protocol carries no
/// spelling data, so a client stub listing remote shards plus a local copy
/// of the sidecar gets the single database's suggestions; having no
/// documents, the sidecar changes no statistics. Every written article's
/// words (the words one database would add) are added to the sidecar, which
/// commits in step (2) just before the shards. Suggestions are advisory, so
/// nothing journals this: a kill between the sidecar's commit and the
/// shards' leaves the cycle's words counted twice after the rerun adds them
/// again. A collection written before the sidecar existed gets one on open,
/// and its shards' spelling words move into it (sidecar committed first;
/// a kill in between likewise counts those words twice).
class ShardedIndexWriter : public ArticleWriter {
  public:
    /// Takes the collection's write lock (WriteLock on @p dir), then opens
    /// the collection at @p dir, creating it with @p requested when it does
    /// not exist, and every shard in it, finishing an interrupted commit.
    /// @p requested may be std::nullopt for an existing collection (its
    /// recorded layout is used). Throws std::runtime_error when @p dir is a
    /// single database, when @p requested differs from the recorded layout,
    /// or when neither is known; DatabaseBusyError and DatabaseWriteError as
    /// IndexWriter does. options.writers is ignored: one writer per shard.
    ShardedIndexWriter(const std::string& dir, const std::optional<ShardLayout>& requested,
                       const WriterOptions& options);
    /// Drops whatever was written since the last commit().
    ~ShardedIndexWriter() override;
    ShardedIndexWriter(const ShardedIndexWriter&) = delete;
    ShardedIndexWriter& operator=(const ShardedIndexWriter&) = delete;

    WriteOutcome write(AnalyzedArticle&& article) override;
    /// Deletes the article from whichever shard holds it.
    bool remove(const std::string& id) override;
    void commit() override;
    bool should_commit() const override;
    void finish() override;
    /// Stored in every shard, and in shards created later in the run.
    void set_metadata(const std::string& key, const std::string& value) override;
    Xapian::doccount doccount() const override;
    Xapian::doccount committed_doccount() const override;
    double commit_seconds() const override;

    const ShardLayout& layout() const { return layout_; }
    /// The names of the shards, in the stub file's order.
    std::vector<std::string> shard_names() const;

  private:
    struct Shard {
        std::string name;
        std::unique_ptr<IndexWriter> writer;
    };
    /// A moved article's stale copies, deleted at the next commit.
    struct Move {
        std::size_t keep = 0;                        // the shard holding it now
        std::map<std::size_t, std::uint64_t> stale;  // shard -> content hash there
    };

    std::size_t shard_index(const std::string& name);  // opens or creates it
    /// Creates the database DIR/@p name complete (schema, the run's
    /// metadata, committed) under a temporary name, then renames it in.
    void create_database(const std::string& name);
    /// Opens DIR/spelling, creating it (with @p actors and @p places) when
    /// missing, and moves the shards' spelling words into it.
    void open_spelling(const std::string& actors, const std::string& places);
    void open_shard(const std::string& name);
    void rebuild_view();
    void write_stub() const;
    bool is_stale(const std::string& id_term, std::size_t shard) const;
    std::int64_t content_count(const std::string& content_hash) const;
    void recover_moves();
    std::string journal_path() const;
    void remove_journal();  // then syncs the directory: no move in flight

    std::string dir_;
    ShardLayout layout_;
    WriterOptions shard_options_;
    bool keep_duplicates_ = false;
    std::uint64_t commit_budget_ = 0;
    std::unique_ptr<WriteLock> lock_;
    std::vector<Shard> shards_;  // in order of opening: the view's order
    std::unique_ptr<IndexWriter> spelling_;  // the sidecar; not in view_
    std::unordered_map<std::string, Xapian::termcount> spelling_words_;  // this cycle's
    std::map<std::string, std::size_t> by_name_;
    std::map<std::string, std::string> metadata_;
    Xapian::Database view_;  // every shard's database, pending writes included
    std::unique_ptr<DuplicateGrouper> grouper_;
    std::map<std::string, Move> moves_;  // by ID term
    std::unordered_map<std::uint64_t, std::int64_t> stale_hashes_;  // counted out: stale copies
    double commit_seconds_ = 0;
    bool finished_ = false;
};

}  // namespace newsdex

#endif  // NEWSDEX_SHARDED_INDEX_WRITER_H
