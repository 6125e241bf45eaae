/** @file
 * @brief ArticleWriter: what the indexing pipeline and newsdex-index need
 *        from the write side, whether one database or a sharded collection.
 */
#ifndef NEWSDEX_ARTICLE_WRITER_H
#define NEWSDEX_ARTICLE_WRITER_H

#include <string>

#include <xapian.h>

#include "analyzer.h"

namespace newsdex {

/// What happened to one article handed to ArticleWriter::write().
enum class WriteOutcome {
    Added,      ///< new ID
    Replaced,   ///< known ID, content changed: the old version is gone
    Unchanged,  ///< known ID, same content: nothing written
    Duplicate,  ///< same normalised text as another ID: skipped
};

/// Implemented by IndexWriter (one database, index_writer.h) and
/// ShardedIndexWriter (a directory of shard databases,
/// sharded_index_writer.h). Both throw DatabaseWriteError (write_lock.h)
/// when the database cannot be written.
class ArticleWriter {
  public:
    virtual ~ArticleWriter() = default;
    /// Decides (new, replaced, unchanged, duplicate, near-duplicate group)
    /// and writes @p article (ok must be true).
    virtual WriteOutcome write(AnalyzedArticle&& article) = 0;
    /// Deletes the article with this ID; false if there is none.
    virtual bool remove(const std::string& id) = 0;
    /// Makes everything written so far durable, atomically.
    virtual void commit() = 0;
    /// True when pending writes have reached their share of the memory
    /// limit and a commit() should come now.
    virtual bool should_commit() const = 0;
    /// Ends the run (merges build shards); call after the last commit().
    virtual void finish() = 0;
    /// Stores database metadata (written at the next commit).
    virtual void set_metadata(const std::string& key, const std::string& value) = 0;
    /// Articles held, pending writes included.
    virtual Xapian::doccount doccount() const = 0;
    /// Articles as of the last successful commit.
    virtual Xapian::doccount committed_doccount() const = 0;
    /// Wall time spent in commit() and finish() so far.
    virtual double commit_seconds() const = 0;
};

}  // namespace newsdex

#endif  // NEWSDEX_ARTICLE_WRITER_H
