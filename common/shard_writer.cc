/** @file
 * @brief The shard writer thread (see shard_writer.h).
 */
#include "shard_writer.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "spelling_words.h"
#include "write_lock.h"

namespace newsdex {

namespace {

void sync_path(const std::string& path, bool directory) {
    int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) throw DatabaseWriteError("cannot open " + path + " to sync it: " + std::strerror(errno));
    int rc = ::fsync(fd);
    int error = errno;
    ::close(fd);
    if (rc != 0) throw DatabaseWriteError("cannot sync " + path + ": " + std::strerror(error));
}

}  // namespace

void sync_directory(const std::string& path) { sync_path(path, true); }

void sync_directory_tree(const std::string& path) {
    DIR* dir = ::opendir(path.c_str());
    if (!dir) throw DatabaseWriteError("cannot read directory " + path + ": " + std::strerror(errno));
    std::vector<std::pair<std::string, bool>> entries;
    while (dirent* entry = ::readdir(dir)) {
        std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        entries.emplace_back(path + "/" + name, entry->d_type == DT_DIR);
    }
    ::closedir(dir);
    for (const auto& [child, is_dir] : entries) {
        if (is_dir) sync_directory_tree(child); else sync_path(child, false);
    }
    sync_path(path, true);
}

ShardWriter::ShardWriter(std::uint64_t queue_bytes, std::uint64_t flush_bytes, bool spelling)
    : queue_bytes_(queue_bytes), flush_bytes_(flush_bytes), spelling_(spelling), thread_([this] { run(); }) {}

ShardWriter::~ShardWriter() {
    {
        std::lock_guard lock(mutex_);
        queue_.clear();
        queued_bytes_ = 0;
        queue_.push_back(Op{Kind::Stop, {}, 0, {}, 0});
        changed_.notify_all();
    }
    thread_.join();
}

void ShardWriter::push(Op op) {
    std::unique_lock lock(mutex_);
    // One item always fits, however big, so a huge article cannot block.
    changed_.wait(lock, [&] { return queue_.empty() || queued_bytes_ + op.bytes <= queue_bytes_; });
    queued_bytes_ += op.bytes;
    queue_.push_back(std::move(op));
    changed_.notify_all();
}

void ShardWriter::open(const std::string& path) {
    {
        std::lock_guard lock(mutex_);
        committed_ = false;
        error_.clear();
    }
    push(Op{Kind::Open, path, 0, {}, 0});
    open_ = true;
}

void ShardWriter::add(Xapian::docid docid, Xapian::Document doc, std::uint64_t bytes) {
    push(Op{Kind::Add, {}, docid, std::move(doc), bytes});
}

void ShardWriter::replace(Xapian::docid docid, Xapian::Document doc, std::uint64_t bytes) {
    push(Op{Kind::Replace, {}, docid, std::move(doc), bytes});
}

void ShardWriter::start_commit() { push(Op{Kind::Commit, {}, 0, {}, 0}); }

void ShardWriter::wait_for_commit() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return committed_; });
    open_ = false;
    if (!error_.empty()) throw DatabaseWriteError(error_);
}

void ShardWriter::run() {
    for (;;) {
        Op op;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty(); });
            op = std::move(queue_.front());
            queue_.pop_front();
            queued_bytes_ -= op.bytes;
            // A pusher blocked on a full queue is woken once the queue is
            // half empty, not at every article: woken for each one, it
            // pushed one and blocked again, two context switches per
            // headline (210,000 for 250,000 headlines). Below half, every
            // pop wakes it, so an article of any size gets in at the latest
            // when the queue is empty.
            if (queued_bytes_ <= queue_bytes_ / 2) changed_.notify_all();
        }
        if (op.kind == Kind::Stop) break;
        apply(op);
    }
    try {
        if (!path_.empty()) db_.close();
    } catch (...) {
    }
}

void ShardWriter::apply(Op& op) {
    auto fail = [&](const std::string& message) {
        failed_ = true;
        std::lock_guard lock(mutex_);
        if (error_.empty()) error_ = message;
    };
    try {
        switch (op.kind) {
            case Kind::Open:
                failed_ = false;
                replaced_spelling_.clear();
                unflushed_bytes_ = 0;
                path_ = op.path;
                // No fsync at each (intermediate) commit: the Commit op syncs the
                // whole shard once, before the main database lists it.
                db_ = Xapian::WritableDatabase(path_, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
                break;
            case Kind::Add:
            case Kind::Replace:
                if (failed_) break;
                if (op.kind == Kind::Add) {
                    Xapian::docid got = db_.add_document(op.doc);
                    if (got != op.docid)
                        throw std::logic_error("shard " + path_ + ": document got docid " + std::to_string(got) +
                                               ", expected " + std::to_string(op.docid));
                } else {
                    // The table counts every version written (as main's
                    // does): the vocabulary will only show the new one.
                    if (spelling_)
                        for (auto& word : spelling_words_of(db_.get_document(op.docid)))
                            ++replaced_spelling_[std::move(word)];
                    db_.replace_document(op.docid, op.doc);
                }
                // Xapian keeps pending postings in memory until a commit (or
                // XAPIAN_FLUSH_THRESHOLD documents): commit by their
                // estimated size so that memory stays bounded. Nothing is
                // synced here.
                unflushed_bytes_ += op.bytes;
                if (unflushed_bytes_ >= flush_bytes_) {
                    db_.commit();
                    unflushed_bytes_ = 0;
                }
                break;
            case Kind::Commit:
                if (!failed_ && !path_.empty()) {
                    // The shard started empty and holds only this cycle's
                    // articles: its vocabulary is their spelling words.
                    if (spelling_) {
                        add_vocabulary_to_spelling(db_);
                        for (const auto& [word, freq] : replaced_spelling_) db_.add_spelling(word, freq);
                    }
                    db_.commit();
                    db_.close();
                    sync_directory_tree(path_);
                }
                path_.clear();
                {
                    std::lock_guard lock(mutex_);
                    committed_ = true;
                    changed_.notify_all();
                }
                break;
            case Kind::Stop:
                break;
        }
    } catch (const Xapian::Error& e) {
        fail("cannot write to shard " + path_ + ": " + e.get_msg() +
             (e.get_error_string() ? std::string(" (") + e.get_error_string() + ")" : std::string()));
    } catch (const std::exception& e) {
        fail(e.what());
    }
    if (op.kind == Kind::Commit && failed_) {
        std::lock_guard lock(mutex_);
        committed_ = true;
        changed_.notify_all();
    }
}

}  // namespace newsdex
