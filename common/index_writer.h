/** @file
 * @brief The write side of indexing: adds, replaces and deletes articles in
 *        a Xapian database so that re-indexing never duplicates anything.
 */
#ifndef NEWSDEX_INDEX_WRITER_H
#define NEWSDEX_INDEX_WRITER_H

#include <cstdint>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "analyzer.h"

namespace newsdex {

/// Another process holds the database's write lock.
class DatabaseBusyError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct WriterOptions {
    /// Keep articles whose normalised text equals an existing article's
    /// under another ID (default: skip and count them).
    bool keep_duplicates = false;
};

/// What happened to one article handed to IndexWriter::write().
enum class WriteOutcome {
    Added,      ///< new ID
    Replaced,   ///< known ID, content changed: the old version is gone
    Unchanged,  ///< known ID, same content: nothing written
    Duplicate,  ///< same normalised text as another ID: skipped
};

class IndexWriter {
  public:
    /// Opens (creating if needed) the database at @p path for writing.
    /// Throws DatabaseBusyError when another writer holds the lock, and
    /// std::runtime_error when the database was written by an incompatible
    /// newsdex schema or cannot be opened.
    IndexWriter(const std::string& path, const WriterOptions& options);

    /// Writes one analysed article (which must have ok == true).
    WriteOutcome write(AnalyzedArticle&& article);

    /// Deletes the article with this ID; false if there is none.
    bool remove(const std::string& id);

    /// Makes everything written so far durable. Throws Xapian::Error (e.g.
    /// disk full); the database then still holds the previous commit.
    void commit();

    /// Stores database metadata (written at the next commit).
    void set_metadata(const std::string& key, const std::string& value) { db_.set_metadata(key, value); }

    Xapian::doccount doccount() const { return db_.get_doccount(); }
    const std::string& path() const { return path_; }

  private:
    /// The document holding @p id_term, or 0.
    Xapian::docid find_document(const std::string& id_term);

    std::string path_;
    WriterOptions options_;
    Xapian::WritableDatabase db_;
    bool started_empty_ = false;
    // IDs and content hashes written in this run. They answer lookups for
    // the (common) case of a fresh database without touching Xapian, and
    // keep duplicate detection exact across uncommitted batches.
    std::unordered_map<std::string, Xapian::docid> run_ids_;
    std::unordered_map<std::string, std::string> run_hash_owner_;  // hash term -> id term
};

}  // namespace newsdex

#endif  // NEWSDEX_INDEX_WRITER_H
