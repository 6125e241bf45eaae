/** @file
 * @brief Idempotent, crash-safe writes into the newsdex Xapian database.
 */
#include "index_writer.h"

#include <chrono>
#include <thread>

#include "schema.h"

namespace newsdex {

namespace {

/// How long to wait for Xapian's own lock once ours is held. Only a writer
/// that is not newsdex-index (xapian-compact, a script) can hold it then, or
/// for an instant the lock-holder process of an indexer just killed with
/// -9, which exits as soon as it notices its parent is gone.
constexpr auto kXapianLockPatience = std::chrono::seconds(10);

Xapian::WritableDatabase open_writable(const std::string& path) {
    auto deadline = std::chrono::steady_clock::now() + kXapianLockPatience;
    for (;;) {
        try {
            return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError& e) {
            if (std::chrono::steady_clock::now() >= deadline)
                throw DatabaseBusyError("database " + path + " is locked by another Xapian writer (not newsdex-index): " +
                                        e.get_msg());
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        } catch (const Xapian::DatabaseCreateError& e) {
            throw DatabaseWriteError("cannot create database " + path + ": " + e.get_msg());
        }
    }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options)
    : path_(path), options_(options),
      lock_(std::make_unique<WriteLock>(path, options.wait_for_lock, options.on_wait)) {
    try {
        db_ = open_writable(path);
        std::string version = db_.get_metadata(schema::kMetaSchemaVersion);
        started_empty_ = db_.get_doccount() == 0;
        if (version.empty() && started_empty_) {
            // Mark a new database at once, so that even a run killed before
            // its first commit leaves a valid (empty) newsdex database.
            db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
            db_.commit();
        } else if (version != std::to_string(schema::kSchemaVersion)) {
            throw std::runtime_error("database " + path + " was not written by this version of newsdex (schema " +
                                     (version.empty() ? std::string("none") : version) + ", expected " +
                                     std::to_string(schema::kSchemaVersion) + "); re-index into a new database");
        }
        committed_doccount_ = db_.get_doccount();
        db_.begin_transaction(/*flushed=*/true);
        in_transaction_ = true;
    } catch (const Xapian::DatabaseOpeningError&) {
        throw;  // not a database, or not one this Xapian reads
    } catch (const Xapian::DatabaseError& e) {
        // Disk full or unwritable while creating or marking the database.
        failed("creating it", e);
    }
}

IndexWriter::~IndexWriter() {
    // Whatever was not committed is dropped: the database keeps its last
    // commit. (Xapian's destructor would commit pending changes made outside
    // a transaction; inside one it cancels them, as here.)
    if (in_transaction_) {
        try {
            db_.cancel_transaction();
        } catch (...) {
        }
    }
    try {
        db_.close();
    } catch (...) {
    }
}

void IndexWriter::failed(const char* doing, const Xapian::Error& e) {
    broken_ = true;
    if (!in_transaction_) {
        // A failed commit_transaction() has ended the transaction, and
        // Xapian's destructor commits pending changes made outside one. Open
        // an unflushed transaction (it commits nothing when it begins) so that
        // the destructor cancels instead: nothing after the last commit is
        // ever written.
        try {
            db_.begin_transaction(/*flushed=*/false);
            in_transaction_ = true;
        } catch (...) {
        }
    }
    std::string message = "cannot write to database " + path_ + " while " + doing + ": " + e.get_msg();
    const char* why = e.get_error_string();
    if (why && *why && message.find(why) == std::string::npos) message += std::string(" (") + why + ")";
    throw DatabaseWriteError(message);
}

void IndexWriter::check_usable() const {
    if (broken_) throw DatabaseWriteError("database " + path_ + " cannot be written after an earlier failure");
}

void IndexWriter::set_metadata(const std::string& key, const std::string& value) {
    check_usable();
    try {
        db_.set_metadata(key, value);
    } catch (const Xapian::DatabaseError& e) {
        failed("storing metadata", e);
    }
}

Xapian::docid IndexWriter::find_document(const std::string& id_term) {
    if (auto it = run_ids_.find(id_term); it != run_ids_.end()) return it->second;
    if (started_empty_) return 0;
    Xapian::PostingIterator p = db_.postlist_begin(id_term);
    return p == db_.postlist_end(id_term) ? 0 : *p;
}

WriteOutcome IndexWriter::write(AnalyzedArticle&& article) {
    check_usable();
    try {
        WriteOutcome outcome;
        Xapian::docid docid = find_document(article.id_term);
        if (docid) {
            Xapian::Document old = db_.get_document(docid, Xapian::DOC_ASSUME_VALID);
            std::string old_hash = old.get_value(schema::kSlotContentHash);
            if (old_hash == article.content_hash) return WriteOutcome::Unchanged;
            std::string old_hash_term = schema::kPrefixContentHash + old_hash;
            if (auto it = run_hash_owner_.find(old_hash_term);
                it != run_hash_owner_.end() && it->second == article.id_term)
                run_hash_owner_.erase(it);
            db_.replace_document(docid, article.document);
            outcome = WriteOutcome::Replaced;
        } else {
            if (!options_.keep_duplicates) {
                bool seen = run_hash_owner_.count(article.hash_term) ||
                            (!started_empty_ && db_.term_exists(article.hash_term));
                if (seen) return WriteOutcome::Duplicate;
            }
            docid = db_.add_document(article.document);
            outcome = WriteOutcome::Added;
        }
        run_ids_[article.id_term] = docid;
        run_hash_owner_[article.hash_term] = article.id_term;
        for (const auto& [word, freq] : article.spelling_words) db_.add_spelling(word, freq);
        return outcome;
    } catch (const Xapian::DatabaseError& e) {
        // Xapian writes pending changes to disk as it goes (at its flush
        // threshold), so a full disk can surface here, not only at commit.
        failed("writing articles", e);
    }
}

bool IndexWriter::remove(const std::string& id) {
    check_usable();
    try {
        std::string term = schema::id_term(id);
        Xapian::docid docid = find_document(term);
        if (!docid) return false;
        db_.delete_document(docid);
        run_ids_.erase(term);
        return true;
    } catch (const Xapian::DatabaseError& e) {
        failed("deleting articles", e);
    }
}

void IndexWriter::commit() {
    check_usable();
    struct Timer {  // adds the time spent here, failed or not, to commit_seconds_
        std::chrono::steady_clock::time_point started;
        double& total;
        ~Timer() { total += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); }
    } timer{std::chrono::steady_clock::now(), commit_seconds_};
    try {
        // Atomic: the new revision exists once Xapian has synced every table
        // and renamed its version file into place, and not a moment before.
        db_.commit_transaction();
        in_transaction_ = false;
        committed_doccount_ = db_.get_doccount();
        db_.begin_transaction(/*flushed=*/true);
        in_transaction_ = true;
    } catch (const Xapian::DatabaseError& e) {
        in_transaction_ = false;  // a failed commit_transaction() has ended it
        failed("committing", e);
    }
}

}  // namespace newsdex
