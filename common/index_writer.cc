/** @file
 * @brief Idempotent, crash-safe writes into the newsdex Xapian database,
 *        spread over shard writer threads (protocol: index_writer.h).
 */
#include "index_writer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <thread>

#include "content_hash.h"
#include "database_merge.h"
#include "dates.h"
#include "duplicate_groups.h"
#include "schema.h"
#include "scoped_timer.h"
#include "shard_writer.h"
#include "spelling_words.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

/// How long to wait for Xapian's own lock once ours is held. Only a writer
/// that is not newsdex-index (xapian-compact, a script) can hold it then, or
/// for an instant the lock-holder process of an indexer just killed with
/// -9, which exits as soon as it notices its parent is gone.
constexpr auto kXapianLockPatience = std::chrono::seconds(10);

/// New articles go to one shard this many at a time, then to the next: a
/// deterministic round robin (the same input gives the same shards).
constexpr std::uint64_t kShardChunk = 16;

/// Xapian holds a pending document's postings, positions and data in
/// std::maps until it writes them out. Measured: about 26 kB per Reuters
/// article (174 distinct terms, 300 words, 800 bytes of text) and 175 kB
/// per speech (12.7 kB of text). pending_bytes() estimates it.
std::uint64_t pending_bytes(const AnalyzedArticle& article) {
    return std::uint64_t(article.document.termlist_count()) * 100 + std::uint64_t(article.text_bytes) * 5;
}

/// A shard writer commits (unsynced) whenever this much is pending, however
/// much memory the limit allows: Xapian's inserts into its pending std::maps
/// slow down as they grow (string compares, cache misses), while writing a
/// batch into a shard built fresh each cycle costs little. Measured with
/// 768 MB allowed (one run each, 2 cores): flushing every 8 MB instead of
/// every 128 MB took reuters21578 from 11.9 to 8.2 s, headlines-250k from
/// 33.1 to 27.4 s, the speeches from 21.6 to 16.1 s, and peak RSS down by
/// 40-50 %; 4 MB was no faster, 16-32 MB in between.
constexpr std::uint64_t kShardFlushBytes = std::uint64_t(8) << 20;

/// At most this much (pending_bytes()) waits in each shard writer's queue,
/// however much memory the limit allows. The round robin fills the queues
/// evenly, but when the input ends each writer still has its queue to
/// write, alone if the other's was shorter: with 48 MB queues (the limit's
/// share) one writer of 100k headlines ran a second after the other.
/// Measured, 3 interleaved runs each: 100k headlines 10.33 -> 10.04 s,
/// peak RSS 214 -> 141 MB; reuters21578 the same time, 154 -> 95 MB.
constexpr std::uint64_t kShardQueueBytes = std::uint64_t(8) << 20;

/// Into an existing database, new articles go straight into it (one
/// writer) until the run has written max(kMinShardRunBytes, size of the
/// database / kShardRunDivisor) of text: merging shards rewrites the whole
/// database (the compactor copies about 40 MB/s here), which a small run
/// would not earn back; past that, K writers are faster even counting
/// the merge. A new or empty database uses shards from the first article.
constexpr std::uint64_t kMinShardRunBytes = std::uint64_t(8) << 20;
constexpr std::uint64_t kShardRunDivisor = 32;

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


/// Bytes of the database's own files (not the build shards).
std::uint64_t database_bytes(const std::string& path) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    return total;
}

std::string shard_name(unsigned cycle, unsigned shard) {
    char name[64];
    std::snprintf(name, sizeof name, "cycle-%06u/shard-%u", cycle, shard);
    return name;
}

/// The stored version of @p doc, as stored_version() reports it.
StoredVersion version_of(const Xapian::Document& doc) {
    StoredVersion version{parse_content_hash_hex(doc.get_value(schema::kSlotContentHash)),
                          doc.get_value(schema::kSlotDupGroup), day_number(parse_date(doc.get_value(schema::kSlotDate)))};
    if (version.group == doc.get_value(schema::kSlotId)) version.group.clear();
    return version;
}

}  // namespace

/// Where an ID written in this run lives, and what it holds.
struct RunEntry {
    std::uint64_t hash = 0;
    std::uint32_t day = 0;   ///< day_number() of its date
    std::string group;       ///< its near-duplicate group; "" when the ID itself
    Xapian::docid docid = 0; ///< in main, or in its shard
    int cycle = -1;          ///< -1: in main
    int shard = -1;
};

struct IndexWriter::Impl {
    std::string dir;  // the database directory, canonical
    std::uint64_t memory_limit = kDefaultMemoryLimit;
    std::vector<std::unique_ptr<ShardWriter>> shards;
    std::vector<Xapian::docid> last_docid;  // per shard, this cycle
    unsigned cycle = 1;
    std::uint64_t routed = 0;  // new articles sent to shards this cycle
    bool sharding = false;
    std::uint64_t shard_after = 0;  // text bytes of the run before sharding
    std::uint64_t run_bytes = 0;
    std::uint64_t main_pending_bytes = 0, main_budget = 0;
    bool finished = false;

    // The build state main records at each commit (schema::kMetaBuildState).
    std::vector<std::string> listed;                               // shard dirs
    std::vector<std::pair<std::string, Xapian::docid>> deletions;  // listed
    std::vector<std::pair<std::string, Xapian::docid>> cycle_deletions;
    Xapian::doccount shard_docs = 0;  // live documents in shards

    std::unordered_map<std::string, RunEntry> run;  // id term -> entry
    bool main_empty_at_start = true;
    // Content hashes of main's documents when the run began (sorted), and
    // the changes since: exact-duplicate detection without an XH term.
    std::vector<std::uint64_t> main_hashes;
    std::unordered_map<std::uint64_t, std::int64_t> hash_delta;
    // The spelling words of this cycle's articles written into main (the
    // shards read theirs from their vocabulary when they commit).
    std::unordered_map<std::string, Xapian::termcount> main_spelling;
    void count_main_spelling(const Xapian::Document& doc) {
        for (auto& word : spelling_words_of(doc)) ++main_spelling[std::move(word)];
    }
    std::unique_ptr<DuplicateGrouper> grouper;

    std::string build_dir() const { return dir + "/" + schema::kBuildDirectory; }
    std::string shard_path(const std::string& name) const { return build_dir() + "/" + name; }

    std::int64_t hash_count(std::uint64_t hash) const {
        auto [lo, hi] = std::equal_range(main_hashes.begin(), main_hashes.end(), hash);
        auto it = hash_delta.find(hash);
        return (hi - lo) + (it == hash_delta.end() ? 0 : it->second);
    }

    std::string state_text() const {
        std::string out;
        for (const auto& name : listed) out += "shard " + name + "\n";
        for (const auto& [name, docid] : deletions) out += "delete " + name + " " + std::to_string(docid) + "\n";
        return out;
    }
    void parse_state(const std::string& text) {
        std::istringstream in(text);
        std::string kind, name;
        while (in >> kind >> name) {
            if (kind == "shard") {
                listed.push_back(name);
            } else if (kind == "delete") {
                Xapian::docid docid = 0;
                in >> docid;
                deletions.emplace_back(name, docid);
            }
        }
    }
};

IndexWriter::IndexWriter(const std::string& path, const WriterOptions& options)
    : path_(path), options_(options), impl_(std::make_unique<Impl>()) {
    lock_ = std::make_unique<WriteLock>(path, options.wait_for_lock, options.on_wait);
    Impl& s = *impl_;
    std::error_code ec;
    s.dir = fs::canonical(path, ec).string();
    if (ec) s.dir = path;
    if (options.memory_limit) s.memory_limit = options.memory_limit;
    writers_ = options.writers ? options.writers : std::max(1u, std::thread::hardware_concurrency());
    // A merge must be able to put a new database in place of this one.
    if (writers_ > 1 && !can_exchange_databases(s.dir)) writers_ = 1;
    try {
        open_main();
        recover();
    } catch (const Xapian::DatabaseOpeningError&) {
        throw;  // not a database, or not one this Xapian reads
    } catch (const Xapian::DatabaseError& e) {
        // Disk full or unwritable while creating or marking the database.
        failed("creating it", e);
    }

    // Memory: half of the limit for Xapian's pending writes, shared by
    // main's transaction and the shards; up to an eighth for the queues to
    // the shards; the rest for the pipeline's batches (indexing_pipeline.cc),
    // near-duplicate grouping and the process itself.
    const std::uint64_t share = std::max<std::uint64_t>(s.memory_limit / 2 / (writers_ + 1), 4 << 20);
    s.main_budget = share;
    if (writers_ > 1) {
        const std::uint64_t queue =
            std::min(std::max<std::uint64_t>(s.memory_limit / 8 / writers_, 1 << 20), kShardQueueBytes);
        const std::uint64_t flush = std::min(share, kShardFlushBytes);
        for (unsigned k = 0; k < writers_; ++k)
            s.shards.push_back(std::make_unique<ShardWriter>(queue, flush, options_.spelling));
        s.last_docid.assign(writers_, 0);
        s.sharding = s.main_empty_at_start;
        s.shard_after = std::max(kMinShardRunBytes, database_bytes(s.dir) / kShardRunDivisor);
    }
    if (!options_.keep_duplicates && !s.main_empty_at_start) {
        for (auto v = db_.valuestream_begin(schema::kSlotContentHash); v != db_.valuestream_end(schema::kSlotContentHash);
             ++v)
            s.main_hashes.push_back(parse_content_hash_hex(*v));
        std::sort(s.main_hashes.begin(), s.main_hashes.end());
    }
    if (!options_.external_decisions) s.grouper = std::make_unique<DuplicateGrouper>(db_);
}

void IndexWriter::open_main() {
    db_ = open_writable(impl_->dir);
    std::string version = db_.get_metadata(schema::kMetaSchemaVersion);
    impl_->main_empty_at_start = db_.get_doccount() == 0;
    if (version.empty() && impl_->main_empty_at_start) {
        // Mark a new database at once, so that even a run killed before
        // its first commit leaves a valid (empty) newsdex database.
        db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
        db_.commit();
    } else if (!schema::is_supported_version(version)) {
        throw std::runtime_error("database " + path_ + " was not written by this version of newsdex (schema " +
                                 (version.empty() ? std::string("none") : version) + ", expected " +
                                 std::to_string(schema::kSchemaVersion) + "); re-index into a new database");
    } else if (version != std::to_string(schema::kSchemaVersion)) {
        // An older schema this build reads: what this run adds is in the
        // current one, which an older indexer must not extend (schema.h).
        db_.set_metadata(schema::kMetaSchemaVersion, std::to_string(schema::kSchemaVersion));
        db_.commit();
    }
    committed_doccount_ = db_.get_doccount();
    db_.begin_transaction(/*flushed=*/true);
    in_transaction_ = true;
}

void IndexWriter::recover() {
    Impl& s = *impl_;
    // A partial merge, or the database a finished merge replaced.
    remove_tree(merge_scratch_path(s.dir));
    s.parse_state(db_.get_metadata(schema::kMetaBuildState));
    if (s.listed.empty()) {
        remove_tree(s.build_dir());
        return;
    }
    // Shards of a cycle that never reached main's commit do not count.
    std::set<std::string> keep(s.listed.begin(), s.listed.end());
    std::error_code ec;
    for (const auto& cycle : fs::directory_iterator(s.build_dir(), ec)) {
        bool any = false;
        for (const auto& shard : fs::directory_iterator(cycle.path(), ec)) {
            std::string name = cycle.path().filename().string() + "/" + shard.path().filename().string();
            if (keep.count(name)) any = true; else remove_tree(shard.path().string());
        }
        if (!any) remove_tree(cycle.path().string());
    }
    merge();
    s.main_empty_at_start = db_.get_doccount() == 0;
}

IndexWriter::~IndexWriter() {
    // Stop the shard threads first; shards not committed are garbage the
    // next run deletes. Whatever main has not committed is dropped: the
    // database keeps its last commit. (Xapian's destructor would commit
    // pending changes made outside a transaction; inside one it cancels
    // them, as here.)
    if (impl_) impl_->shards.clear();
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

void IndexWriter::add_spelling(const std::string& word, Xapian::termcount freq) {
    check_usable();
    try {
        db_.add_spelling(word, freq);
    } catch (const Xapian::DatabaseError& e) {
        failed("adding spelling words", e);
    }
}

void IndexWriter::remove_spelling(const std::string& word, Xapian::termcount freq) {
    check_usable();
    try {
        db_.remove_spelling(word, freq);
    } catch (const Xapian::DatabaseError& e) {
        failed("removing spelling words", e);
    }
}

Xapian::doccount IndexWriter::doccount() const { return db_.get_doccount() + impl_->shard_docs; }

bool IndexWriter::should_commit() const { return impl_->main_pending_bytes >= impl_->main_budget; }

std::uint64_t IndexWriter::pending_write_bytes() const { return impl_->main_pending_bytes; }

Xapian::docid IndexWriter::find_in_main(const std::string& id_term) {
    if (impl_->main_empty_at_start) return 0;  // this run's own articles are in impl_->run
    Xapian::PostingIterator p = db_.postlist_begin(id_term);
    return p == db_.postlist_end(id_term) ? 0 : *p;
}

WriteOutcome IndexWriter::write(AnalyzedArticle&& article) {
    check_usable();
    Impl& s = *impl_;
    if (s.finished) throw std::logic_error("IndexWriter::write() after finish()");
    try {
        const std::uint64_t hash = parse_content_hash_hex(article.content_hash);
        // Where the ID lives, and its stored version.
        RunEntry* entry = nullptr;
        Xapian::docid main_docid = 0;
        std::optional<StoredVersion> stored;
        if (auto it = s.run.find(article.id_term); it != s.run.end()) {
            entry = &it->second;
            stored = StoredVersion{entry->hash, entry->group, entry->day};
        } else if ((main_docid = find_in_main(article.id_term))) {
            stored = version_of(db_.get_document(main_docid, Xapian::DOC_ASSUME_VALID));
        }
        const bool found = stored.has_value();
        const bool same_content = found && stored->content_hash == hash;
        const std::uint32_t day = day_number(article.date);
        const bool unchanged = same_content && stored->day == day;
        std::string stored_group = !found ? "" : stored->group.empty() ? article.id : stored->group;
        // In input order, on this one thread: a copy joins the group of the
        // first-read article it resembles, whatever the number of writers;
        // the same text with a corrected date keeps its group.
        // (With external decisions the caller has set the group already.)
        std::string group = options_.external_decisions
                                ? article.document.get_value(schema::kSlotDupGroup)
                                : s.grouper->assign(db_, article, same_content ? &stored_group : nullptr);
        if (unchanged) return WriteOutcome::Unchanged;
        if (!found && !options_.keep_duplicates && !options_.external_decisions && s.hash_count(hash) > 0)
            return WriteOutcome::Duplicate;

        if (found) --s.hash_delta[stored->content_hash];
        ++s.hash_delta[hash];
        s.run_bytes += article.text_bytes;
        const std::uint64_t pending = pending_bytes(article);
        RunEntry next;
        next.hash = hash;
        next.day = day;
        if (group != article.id) next.group = std::move(group);
        if (found && (main_docid || entry->shard < 0)) {
            // Replacement in main: atomic, inside main's transaction.
            next.docid = main_docid ? main_docid : entry->docid;
            db_.replace_document(next.docid, article.document);
            if (options_.spelling) s.count_main_spelling(article.document);
            s.main_pending_bytes += pending;
        } else if (found && entry->cycle == static_cast<int>(s.cycle)) {
            // In a shard still open: replaced there.
            next.docid = entry->docid;
            next.cycle = entry->cycle;
            next.shard = entry->shard;
            s.shards[entry->shard]->replace(entry->docid, std::move(article.document), pending);
        } else {
            if (found) {
                // In a committed shard: deleted from it before the merge;
                // the new version goes where new articles go.
                s.cycle_deletions.emplace_back(shard_name(entry->cycle, entry->shard), entry->docid);
                --s.shard_docs;
            }
            const bool to_shard = s.sharding || (!s.shards.empty() && s.run_bytes >= s.shard_after);
            if (to_shard) {
                s.sharding = true;
                const unsigned k = static_cast<unsigned>(s.routed++ / kShardChunk % s.shards.size());
                if (!s.shards[k]->is_open()) {
                    std::string dir = s.shard_path(shard_name(s.cycle, k));
                    std::error_code ec;
                    fs::create_directories(dir, ec);
                    if (ec) throw DatabaseWriteError("cannot create " + dir + ": " + ec.message());
                    s.shards[k]->open(dir);
                    s.last_docid[k] = 0;
                }
                next.docid = ++s.last_docid[k];
                next.cycle = static_cast<int>(s.cycle);
                next.shard = static_cast<int>(k);
                ++s.shard_docs;
                s.shards[k]->add(next.docid, std::move(article.document), pending);
            } else {
                next.docid = db_.add_document(article.document);
                if (options_.spelling) s.count_main_spelling(article.document);
                s.main_pending_bytes += pending;
            }
        }
        s.run[article.id_term] = std::move(next);
        return found ? WriteOutcome::Replaced : WriteOutcome::Added;
    } catch (const Xapian::DatabaseError& e) {
        // Xapian writes pending changes to disk as it goes (at its flush
        // threshold), so a full disk can surface here, not only at commit.
        failed("writing articles", e);
    }
}

std::optional<StoredVersion> IndexWriter::stored_version(const std::string& id_term) {
    Impl& s = *impl_;
    try {
        if (auto it = s.run.find(id_term); it != s.run.end())
            return StoredVersion{it->second.hash, it->second.group, it->second.day};
        Xapian::docid docid = find_in_main(id_term);
        if (!docid) return std::nullopt;
        return version_of(db_.get_document(docid, Xapian::DOC_ASSUME_VALID));
    } catch (const Xapian::DatabaseError& e) {
        failed("looking up articles", e);
    }
}

std::int64_t IndexWriter::content_count(const std::string& content_hash) const {
    return impl_->hash_count(parse_content_hash_hex(content_hash));
}

bool IndexWriter::remove(const std::string& id) { return remove_term(schema::id_term(id)); }

bool IndexWriter::remove_term(const std::string& term) {
    check_usable();
    Impl& s = *impl_;
    try {
        if (auto it = s.run.find(term); it != s.run.end()) {
            const RunEntry& entry = it->second;
            --s.hash_delta[entry.hash];
            if (entry.shard < 0) {
                db_.delete_document(entry.docid);
            } else {
                s.cycle_deletions.emplace_back(shard_name(entry.cycle, entry.shard), entry.docid);
                --s.shard_docs;
            }
            s.run.erase(it);
            return true;
        }
        Xapian::docid docid = find_in_main(term);
        if (!docid) return false;
        --s.hash_delta[parse_content_hash_hex(db_.get_document(docid, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotContentHash))];
        db_.delete_document(docid);
        return true;
    } catch (const Xapian::DatabaseError& e) {
        failed("deleting articles", e);
    }
}

void IndexWriter::commit() {
    check_usable();
    Impl& s = *impl_;
    ScopedTimer timer{.total = commit_seconds_};
    // (1) The cycle's shards, side by side: spelling, commit, fsync.
    std::vector<std::string> committed;
    std::string error;
    for (auto& shard : s.shards)
        if (shard->is_open()) shard->start_commit();
    for (unsigned k = 0; k < s.shards.size(); ++k) {
        if (!s.shards[k]->is_open()) continue;
        try {
            s.shards[k]->wait_for_commit();
            committed.push_back(shard_name(s.cycle, k));
        } catch (const DatabaseWriteError& e) {
            if (error.empty()) error = e.what();
        }
    }
    if (!error.empty()) {
        broken_ = true;
        throw DatabaseWriteError(error);
    }
    bool committing = false;
    try {
        if (!committed.empty()) {
            // The new shard directories' entries must be durable too.
            sync_directory(s.build_dir() + "/" + committed.front().substr(0, committed.front().find('/')));
            sync_directory(s.build_dir());
            sync_directory(s.dir);
        }
        // (2) Main: the cycle's replacements, its spelling words, and the
        // list of valid shards, in one atomic commit.
        for (const auto& [word, freq] : s.main_spelling) db_.add_spelling(word, freq);
        s.main_spelling.clear();
        const bool had_state = !s.listed.empty() || !s.deletions.empty();
        s.listed.insert(s.listed.end(), committed.begin(), committed.end());
        s.deletions.insert(s.deletions.end(), s.cycle_deletions.begin(), s.cycle_deletions.end());
        s.cycle_deletions.clear();
        if (had_state || !s.listed.empty() || !s.deletions.empty())
            db_.set_metadata(schema::kMetaBuildState, s.state_text());
        // Atomic: the new revision exists once Xapian has synced every table
        // and renamed its version file into place, and not a moment before.
        committing = true;
        db_.commit_transaction();
        in_transaction_ = false;
        committing = false;
        committed_doccount_ = db_.get_doccount() + s.shard_docs;
        db_.begin_transaction(/*flushed=*/true);
        in_transaction_ = true;
    } catch (const Xapian::DatabaseError& e) {
        if (committing) in_transaction_ = false;  // a failed commit_transaction() has ended it
        failed("committing", e);
    }
    ++s.cycle;
    s.routed = 0;
    s.main_pending_bytes = 0;
}

void IndexWriter::finish() {
    check_usable();
    Impl& s = *impl_;
    ScopedTimer timer{.total = commit_seconds_};
    s.finished = true;
    if (s.listed.empty() && s.deletions.empty()) return;
    merge();
}

void IndexWriter::merge() {
    Impl& s = *impl_;
    try {
        // Main's transaction holds nothing (a commit just ended); close it,
        // so that the compactor reads main's last commit.
        if (in_transaction_) db_.cancel_transaction();
        in_transaction_ = false;
        db_.close();
        // Documents replaced or deleted after their shard was committed.
        std::map<std::string, std::vector<Xapian::docid>> by_shard;
        for (const auto& [name, docid] : s.deletions) by_shard[name].push_back(docid);
        for (const auto& [name, docids] : by_shard) {
            Xapian::WritableDatabase shard(s.shard_path(name), Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            for (Xapian::docid docid : docids) {
                try {
                    shard.delete_document(docid);
                } catch (const Xapian::DocNotFoundError&) {
                    // deleted by an interrupted merge already
                }
            }
            shard.commit();
            shard.close();
            sync_directory_tree(s.shard_path(name));
        }
        std::vector<std::string> sources;
        for (const auto& name : s.listed) sources.push_back(s.shard_path(name));
        std::unique_ptr<WriteLock> new_lock;
        compact_and_exchange(
            s.dir, sources, [](Xapian::WritableDatabase& merged) { merged.set_metadata(schema::kMetaBuildState, ""); },
            [&](const std::string& scratch) { new_lock = std::make_unique<WriteLock>(scratch, false); });
        lock_ = std::move(new_lock);  // the lock file of the database now at s.dir
        s.listed.clear();
        s.deletions.clear();
        s.shard_docs = 0;
        s.run.clear();
        open_main();
    } catch (const Xapian::DatabaseError& e) {
        failed("merging the shards", e);
    }
}

}  // namespace newsdex
