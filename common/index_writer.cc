/** @file
 * @brief Idempotent writes into the newsdex Xapian database.
 */
#include "index_writer.h"

#include "schema.h"

namespace newsdex {

namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
    try {
        return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
    } catch (const Xapian::DatabaseLockError&) {
        throw DatabaseBusyError("database " + path +
                                " is being written by another newsdex-index (locked); "
                                "wait for it to finish");
    }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options)
    : path_(path), options_(options), db_(open_writable(path)) {
    std::string version = db_.get_metadata(schema::kMetaSchemaVersion);
    started_empty_ = db_.get_doccount() == 0;
    if (version.empty() && started_empty_) {
        db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
    } else if (version != std::to_string(schema::kSchemaVersion)) {
        throw std::runtime_error("database " + path + " was not written by this version of newsdex (schema " +
                                 (version.empty() ? std::string("none") : version) + ", expected " +
                                 std::to_string(schema::kSchemaVersion) + "); re-index into a new database");
    }
}

Xapian::docid IndexWriter::find_document(const std::string& id_term) {
    if (auto it = run_ids_.find(id_term); it != run_ids_.end()) return it->second;
    if (started_empty_) return 0;
    Xapian::PostingIterator p = db_.postlist_begin(id_term);
    return p == db_.postlist_end(id_term) ? 0 : *p;
}

WriteOutcome IndexWriter::write(AnalyzedArticle&& article) {
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
}

bool IndexWriter::remove(const std::string& id) {
    std::string term = schema::id_term(id);
    Xapian::docid docid = find_document(term);
    if (!docid) return false;
    db_.delete_document(docid);
    run_ids_.erase(term);
    return true;
}

void IndexWriter::commit() {
    // Explicit, so that errors (disk full, permissions) surface here rather
    // than being swallowed by a destructor.
    db_.commit();
}

}  // namespace newsdex
