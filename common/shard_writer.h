/** @file
 * @brief ShardWriter: one thread adding documents to one build shard, a
 *        fresh Xapian database per commit cycle (see index_writer.h).
 *
 * Xapian's write path (add_document, the spelling table, compressing the
 * document data) was 80 % of indexing on one thread; K ShardWriters run it
 * on K cores. The IndexWriter decides everything (which article is new,
 * unchanged or a duplicate, its docid in the shard) in input order and
 * hands the shard plain work through a queue bounded in bytes. A shard's
 * spelling words are read from its vocabulary when it commits
 * (spelling_words.h), not carried with each document.
 */
#ifndef NEWSDEX_SHARD_WRITER_H
#define NEWSDEX_SHARD_WRITER_H

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include <xapian.h>

namespace newsdex {

class ShardWriter {
  public:
    /// Starts the thread. @p queue_bytes bounds the (estimated) memory of
    /// the documents waiting in the queue; @p flush_bytes that of the
    /// documents written between two (unsynced) commits of the shard, which
    /// is what bounds Xapian's pending changes in memory. @p spelling: add
    /// the shard's words to its spelling table (WriterOptions::spelling).
    ShardWriter(std::uint64_t queue_bytes, std::uint64_t flush_bytes, bool spelling);
    /// Stops the thread; a shard not committed is left as it is (a shard
    /// only counts once the main database lists it).
    ~ShardWriter();
    ShardWriter(const ShardWriter&) = delete;
    ShardWriter& operator=(const ShardWriter&) = delete;

    /// Starts a new shard database at @p path (created, or overwritten).
    void open(const std::string& path);
    /// Adds @p doc, which must get docid @p docid (the shard's next one).
    /// @p bytes is its estimated memory while pending. Blocks
    /// while the queue is full. Errors show up at wait_for_commit().
    void add(Xapian::docid docid, Xapian::Document doc, std::uint64_t bytes);
    /// Replaces document @p docid of the open shard.
    void replace(Xapian::docid docid, Xapian::Document doc, std::uint64_t bytes);
    /// Writes what is queued, adds the shard's spelling words (its
    /// vocabulary's, with their term frequencies), commits, closes and
    /// fsyncs the shard. Waits only for room in the queue, as add() does:
    /// the caller starts every shard's commit, then waits for each, so
    /// they run side by side.
    void start_commit();
    /// Blocks until the commit is done; throws DatabaseWriteError if
    /// anything since open() failed.
    void wait_for_commit();
    /// True when a shard is open (open() called, wait_for_commit() not yet).
    bool is_open() const { return open_; }

  private:
    enum class Kind { Open, Add, Replace, Commit, Stop };
    struct Op {
        Kind kind;
        std::string path;
        Xapian::docid docid = 0;
        Xapian::Document doc;
        std::uint64_t bytes = 0;
    };
    void push(Op op);
    void run();
    void apply(Op& op);

    const std::uint64_t queue_bytes_, flush_bytes_;
    const bool spelling_;
    bool open_ = false;  // caller's view

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Op> queue_;
    std::uint64_t queued_bytes_ = 0;
    bool committed_ = false;   // a Commit op has been done
    std::string error_;        // first failure since open()

    // Writer-thread state.
    Xapian::WritableDatabase db_;
    std::string path_;
    // Spelling words of the replaced versions, which the vocabulary lost.
    std::unordered_map<std::string, Xapian::termcount> replaced_spelling_;
    std::uint64_t unflushed_bytes_ = 0;
    bool failed_ = false;

    std::thread thread_;
};

/// fsyncs every file under directory @p path, then the directories.
/// Throws DatabaseWriteError on failure.
void sync_directory_tree(const std::string& path);
/// fsyncs directory @p path itself (its entries), not what they hold.
void sync_directory(const std::string& path);

}  // namespace newsdex

#endif  // NEWSDEX_SHARD_WRITER_H
