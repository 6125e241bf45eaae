/** @file
 * @brief One set of decisions over every shard of a sharded collection,
 *        and the move journal that keeps one copy of a moved article
 *        (protocol: sharded_index_writer.h).
 */
#include "sharded_index_writer.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "content_hash.h"
#include "database_merge.h"
#include "schema.h"
#include "scoped_timer.h"
#include "shard_writer.h"
#include "spelling_words.h"

namespace newsdex {

namespace fs = std::filesystem;

namespace {

/// The move journal, in the collection directory (one line per stale copy).
constexpr const char* kMoveJournal = "newsdex.moves";
/// A new shard is made complete under this prefix, then renamed into place
/// (Xapian's creation of a database is not atomic).
constexpr const char* kNewShardPrefix = ".new-";

/// Files a new collection directory may already hold: its lock, and the
/// layout file and stub of a run killed before creating any shard.
bool is_collection_file(const std::string& name) {
    return name == WriteLock::kFileName || name == kShardLayoutFile || name == kShardStubFile ||
           name == kMoveJournal || name == std::string(kShardLayoutFile) + ".tmp" ||
           name == std::string(kShardStubFile) + ".tmp" || name == std::string(kMoveJournal) + ".tmp";
}

/// ID terms may hold any byte: the journal percent-encodes spaces, controls
/// and '%'.
std::string escape(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (c <= 0x20 || c == 0x7f || c == '%') {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::strtoul(s.substr(i + 1, 2).c_str(), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}


}  // namespace

ShardedIndexWriter::ShardedIndexWriter(const std::string& dir, const std::optional<ShardLayout>& requested,
                                       const WriterOptions& options)
    : dir_(dir), shard_options_(options), keep_duplicates_(options.keep_duplicates) {
    shard_options_.writers = 1;
    shard_options_.external_decisions = true;
    shard_options_.spelling = false;
    const std::uint64_t limit = options.memory_limit ? options.memory_limit : kDefaultMemoryLimit;
    commit_budget_ = std::max<std::uint64_t>(limit / 4, 4 << 20);
    shard_options_.memory_limit = limit;

    // Every shard keeps about eight files open, and a month layout over
    // decades has hundreds of shards: allow as many open files as we may.
    struct rlimit files;
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }

    lock_ = std::make_unique<WriteLock>(dir, options.wait_for_lock, options.on_wait);
    std::optional<ShardLayout> recorded = read_shard_layout(dir);
    if (!recorded) {
        if (!requested)
            throw std::runtime_error(dir + " is not a sharded collection (index into it with --shard-by year, "
                                           "month or hash:N)");
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (is_collection_file(entry.path().filename().string())) continue;
            throw std::runtime_error(dir + (fs::exists(dir + "/iamglass") ? " is a single newsdex database"
                                                                           : " is not empty") +
                                     ": --shard-by " + requested->spec() +
                                     " creates a new sharded collection; name a new directory");
        }
        write_shard_layout(dir, *requested);
        layout_ = *requested;
    } else {
        if (requested && *requested != *recorded)
            throw std::runtime_error(dir + " is sharded by " + recorded->spec() + ", not " + requested->spec() +
                                     ": leave out --shard-by, or index into a new directory");
        layout_ = *recorded;
    }

    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(kNewShardPrefix, 0) == 0) remove_tree(entry.path().string());  // killed while created
        else if (entry.is_directory(ec) && layout_.is_shard_name(name)) names.push_back(name);
    }
    if (ec) throw DatabaseWriteError("cannot list " + dir + ": " + ec.message());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) open_shard(name);
    recover_moves();

    // A shard created by a run killed before it stored the gazetteers gets
    // them from another shard: searchers read metadata from the stub's first.
    std::string actors, places;
    for (const auto& shard : shards_) {
        const Xapian::Database& db = shard.writer->database();
        if (actors.empty()) actors = db.get_metadata(schema::kMetaActorsGazetteer);
        if (places.empty()) places = db.get_metadata(schema::kMetaPlacesGazetteer);
    }
    for (auto& shard : shards_) {
        const Xapian::Database& db = shard.writer->database();
        if (!db.get_metadata(schema::kMetaActorsGazetteer).empty()) continue;
        if (actors.empty() && places.empty()) break;
        shard.writer->set_metadata(schema::kMetaActorsGazetteer, actors);
        shard.writer->set_metadata(schema::kMetaPlacesGazetteer, places);
        shard.writer->commit();
    }
    open_spelling(actors, places);
    for (const auto& name : layout_.fixed_shards()) shard_index(name);
    write_stub();
    rebuild_view();
    grouper_ = std::make_unique<DuplicateGrouper>(view_);
    grouper_->set_skip([this](Xapian::docid docid, const Xapian::Document& doc) {
        if (moves_.empty()) return false;
        return is_stale(schema::id_term(doc.get_value(schema::kSlotId)), (docid - 1) % shards_.size());
    });
}

ShardedIndexWriter::~ShardedIndexWriter() = default;  // each IndexWriter drops its uncommitted writes

std::string ShardedIndexWriter::journal_path() const { return dir_ + "/" + kMoveJournal; }

void ShardedIndexWriter::remove_journal() {
    if (::unlink(journal_path().c_str()) != 0)
        throw DatabaseWriteError("cannot remove " + journal_path() + ": " + std::strerror(errno));
    sync_directory(dir_);
}

void ShardedIndexWriter::open_shard(const std::string& name) {
    auto writer = std::make_unique<IndexWriter>(dir_ + "/" + name, shard_options_);
    by_name_[name] = shards_.size();
    shards_.push_back({name, std::move(writer)});
}

void ShardedIndexWriter::create_database(const std::string& name) {
    // Complete before it appears under its name: schema version
    // (IndexWriter) and the run's metadata, committed. A kill leaves at most
    // a .new-NAME directory, which the next start deletes.
    const std::string fresh_path = dir_ + "/" + kNewShardPrefix + name;
    remove_tree(fresh_path);
    {
        IndexWriter fresh(fresh_path, shard_options_);
        for (const auto& [key, value] : metadata_) fresh.set_metadata(key, value);
        fresh.commit();
        fresh.finish();
    }
    std::error_code ec;
    fs::rename(fresh_path, dir_ + "/" + name, ec);
    if (ec) throw DatabaseWriteError("cannot rename " + fresh_path + ": " + ec.message());
    sync_directory(dir_);
}

std::size_t ShardedIndexWriter::shard_index(const std::string& name) {
    if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
    create_database(name);  // before the stub lists it
    open_shard(name);
    write_stub();
    rebuild_view();
    return shards_.size() - 1;
}

void ShardedIndexWriter::open_spelling(const std::string& actors, const std::string& places) {
    const std::string path = dir_ + "/" + kSpellingSidecar;
    std::error_code ec;
    if (!fs::exists(path, ec)) create_database(kSpellingSidecar);
    spelling_ = std::make_unique<IndexWriter>(path, shard_options_);
    bool changed = false;
    // Searchers check that every part of a collection has the same
    // gazetteers: the sidecar gets the shards'.
    if (spelling_->database().get_metadata(schema::kMetaActorsGazetteer).empty() &&
        (!actors.empty() || !places.empty())) {
        spelling_->set_metadata(schema::kMetaActorsGazetteer, actors);
        spelling_->set_metadata(schema::kMetaPlacesGazetteer, places);
        changed = true;
    }
    // A collection written before the sidecar existed: its shards' spelling
    // words move into the sidecar (committed first; see the header).
    std::vector<std::pair<std::size_t, std::vector<std::pair<std::string, Xapian::termcount>>>> moved;
    for (std::size_t i = 0; i < shards_.size(); ++i) {
        const Xapian::Database& db = shards_[i].writer->database();
        std::vector<std::pair<std::string, Xapian::termcount>> words;
        for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) words.emplace_back(*w, w.get_termfreq());
        if (words.empty()) continue;
        for (const auto& [word, freq] : words) spelling_->add_spelling(word, freq);
        moved.emplace_back(i, std::move(words));
    }
    if (!changed && moved.empty()) return;
    spelling_->commit();
    for (const auto& [i, words] : moved) {
        for (const auto& [word, freq] : words) shards_[i].writer->remove_spelling(word, freq);
        shards_[i].writer->commit();
    }
}

void ShardedIndexWriter::rebuild_view() {
    view_ = Xapian::Database();
    for (const auto& shard : shards_) view_.add_database(shard.writer->database());
}

std::vector<std::string> ShardedIndexWriter::shard_names() const {
    std::vector<std::string> names;
    for (const auto& shard : shards_) names.push_back(shard.name);
    std::sort(names.begin(), names.end());
    return names;
}

void ShardedIndexWriter::write_stub() const {
    std::vector<std::string> names = shard_names();
    if (spelling_) names.push_back(kSpellingSidecar);  // last: searchers read metadata from the first
    write_shard_stub(dir_, names);
}

bool ShardedIndexWriter::is_stale(const std::string& id_term, std::size_t shard) const {
    if (moves_.empty()) return false;
    auto it = moves_.find(id_term);
    return it != moves_.end() && it->second.stale.count(shard);
}

std::int64_t ShardedIndexWriter::content_count(const std::string& content_hash) const {
    std::int64_t count = 0;
    for (const auto& shard : shards_) count += shard.writer->content_count(content_hash);
    auto it = stale_hashes_.find(parse_content_hash_hex(content_hash));
    return count + (it == stale_hashes_.end() ? 0 : it->second);
}

WriteOutcome ShardedIndexWriter::write(AnalyzedArticle&& article) {
    if (finished_) throw std::logic_error("ShardedIndexWriter::write() after finish()");
    const std::string term = article.id_term, id = article.id;
    const std::size_t route = shard_index(layout_.shard_for(article.id, article.date));

    // Every live copy of the ID (one, but for a collection an older newsdex
    // or a crash left otherwise); the one in its own shard counts.
    struct Found {
        std::size_t shard;
        StoredVersion version;
    };
    std::vector<Found> found;
    auto look = [&](std::size_t i) {
        if (is_stale(term, i)) return;
        if (auto version = shards_[i].writer->stored_version(term)) found.push_back({i, std::move(*version)});
    };
    if (layout_.by_id()) {
        look(route);
    } else {
        for (std::size_t i = 0; i < shards_.size(); ++i) look(i);
    }
    const Found* stored = found.empty() ? nullptr : &found.front();
    for (const auto& f : found)
        if (f.shard == route) stored = &f;

    const bool same_content = stored && stored->version.content_hash == parse_content_hash_hex(article.content_hash);
    // A corrected date is applied (StoredVersion::day).
    const bool unchanged = same_content && stored->version.day == day_number(article.date);
    const std::string kept = !stored ? "" : stored->version.group.empty() ? id : stored->version.group;
    // In input order, over all shards: the groups one database would get.
    grouper_->assign(view_, article, same_content ? &kept : nullptr);
    if (unchanged) return WriteOutcome::Unchanged;
    if (found.empty() && !keep_duplicates_ && content_count(article.content_hash) > 0) return WriteOutcome::Duplicate;

    IndexWriter& target = *shards_[route].writer;
    if (auto it = moves_.find(term); it != moves_.end() && it->second.stale.count(route)) {
        // Moved away earlier in this cycle and back now: its stale copy
        // here goes at once (inside this shard's transaction).
        target.remove_term(term);
        ++stale_hashes_[it->second.stale[route]];
        it->second.stale.erase(route);
        if (it->second.stale.empty()) moves_.erase(it);
    }
    // The spelling words go to the sidecar only (see the header), read
    // for written articles only (a rerun's are mostly unchanged) through a
    // handle kept to the document that moves into its shard.
    const Xapian::Document document = article.document;
    const WriteOutcome written = target.write(std::move(article));
    if (written == WriteOutcome::Added || written == WriteOutcome::Replaced)
        for (auto& word : spelling_words_of(document)) ++spelling_words_[std::move(word)];
    for (const auto& f : found) {
        if (f.shard == route) continue;
        // Moved: the old copy goes at the next commit, once this one is
        // durable (see commit()); until then it counts for nothing.
        moves_[term].stale[f.shard] = f.version.content_hash;
        --stale_hashes_[f.version.content_hash];
    }
    if (auto it = moves_.find(term); it != moves_.end()) it->second.keep = route;
    return found.empty() ? WriteOutcome::Added : WriteOutcome::Replaced;
}

bool ShardedIndexWriter::remove(const std::string& id) {
    const std::string term = schema::id_term(id);
    bool removed = false;
    for (auto& shard : shards_) {
        if (layout_.by_id() && shard.name != layout_.shard_for(id, std::nullopt)) continue;
        if (shard.writer->remove_term(term)) removed = true;
    }
    if (auto it = moves_.find(term); it != moves_.end()) {
        for (const auto& [shard, hash] : it->second.stale) ++stale_hashes_[hash];
        moves_.erase(it);
    }
    return removed;
}

void ShardedIndexWriter::commit() {
    ScopedTimer timer{.total = commit_seconds_};
    // (1) The journal: which stale copies go once their article's new shard
    // is committed.
    if (!moves_.empty()) {
        std::string journal;
        for (const auto& [term, move] : moves_)
            for (const auto& [shard, hash] : move.stale)
                journal += escape(term) + " " + shards_[move.keep].name + " " + shards_[shard].name + "\n";
        write_file_atomically(journal_path(), journal);
    }
    // (2) The spelling sidecar, then every shard, each atomically.
    for (const auto& [word, freq] : spelling_words_) spelling_->add_spelling(word, freq);
    spelling_words_.clear();
    spelling_->commit();
    for (auto& shard : shards_) shard.writer->commit();
    if (moves_.empty()) return;
    // (3) The stale copies, now that every new copy is durable.
    std::set<std::size_t> touched;
    for (const auto& [term, move] : moves_) {
        for (const auto& [shard, hash] : move.stale) {
            shards_[shard].writer->remove_term(term);
            touched.insert(shard);
        }
    }
    for (std::size_t shard : touched) shards_[shard].writer->commit();
    moves_.clear();
    stale_hashes_.clear();
    // (4) Done: no journal means no move in flight.
    remove_journal();
}

void ShardedIndexWriter::recover_moves() {
    std::ifstream in(journal_path());
    if (!in) return;
    std::set<std::size_t> touched;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string escaped, keep, stale;
        if (!(fields >> escaped >> keep >> stale)) continue;
        const std::string term = unescape(escaped);
        auto k = by_name_.find(keep), s = by_name_.find(stale);
        if (k == by_name_.end() || s == by_name_.end() || k == s) continue;
        // The move committed in its new shard: the old copy goes. Else the
        // old copy is the only one and stays.
        if (!shards_[k->second].writer->stored_version(term)) continue;
        if (shards_[s->second].writer->remove_term(term)) touched.insert(s->second);
    }
    for (std::size_t shard : touched) shards_[shard].writer->commit();
    remove_journal();
}

bool ShardedIndexWriter::should_commit() const {
    std::uint64_t pending = 0;
    for (const auto& shard : shards_) pending += shard.writer->pending_write_bytes();
    return pending >= commit_budget_;
}

void ShardedIndexWriter::finish() {
    ScopedTimer timer{.total = commit_seconds_};
    finished_ = true;
    for (auto& shard : shards_) shard.writer->finish();
    spelling_->finish();
}

void ShardedIndexWriter::set_metadata(const std::string& key, const std::string& value) {
    metadata_[key] = value;
    // Only where it differs: an untouched shard then commits nothing.
    for (auto& shard : shards_)
        if (shard.writer->database().get_metadata(key) != value) shard.writer->set_metadata(key, value);
    if (spelling_->database().get_metadata(key) != value) spelling_->set_metadata(key, value);
}

Xapian::doccount ShardedIndexWriter::doccount() const {
    Xapian::doccount count = 0;
    for (const auto& shard : shards_) count += shard.writer->doccount();
    for (const auto& [term, move] : moves_) count -= static_cast<Xapian::doccount>(move.stale.size());
    return count;
}

Xapian::doccount ShardedIndexWriter::committed_doccount() const {
    Xapian::doccount count = 0;
    for (const auto& shard : shards_) count += shard.writer->committed_doccount();
    return count;
}

double ShardedIndexWriter::commit_seconds() const {
    return commit_seconds_;  // the shards' commits run inside ours
}

}  // namespace newsdex
