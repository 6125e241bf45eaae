/** @file
 * @brief Joining an article to its near-duplicate group at write time.
 */
#include "duplicate_groups.h"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "near_duplicates.h"
#include "schema.h"

namespace newsdex {

namespace {

/// The bands of the articles the database held when the run began: per
/// band, (value << 32 | docid) sorted, so the articles sharing a value are
/// one binary search away, in docid order. 8 bytes a band, 64 an article;
/// built from the stored signatures (value slot), so nothing but the
/// signature needs to be indexed for it.
///
/// A sharded writer's database is a view of its shards, and a run may add
/// a shard (a new year, say) at the end of it: Xapian interleaves the
/// shards' docids, so the docids recorded here are translated to the
/// view's current shard count (docid_in()).
class DatabaseBands {
  public:
    explicit DatabaseBands(const Xapian::Database& db) : shards_(std::max<std::size_t>(db.size(), 1)) {
        const Xapian::valueno slot = schema::kSlotDupSignature;
        for (auto& entries : entries_) entries.reserve(db.get_value_freq(slot));
        for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
            const std::string signature = *v;
            if (signature.size() != kSignatureBytes) continue;
            const BandValues values = band_values(signature);
            for (std::size_t b = 0; b < kBands; ++b) entries_[b].push_back(std::uint64_t(values[b]) << 32 | v.get_docid());
        }
        for (auto& entries : entries_) std::sort(entries.begin(), entries.end());
    }

    /// Calls @p f with the docid in @p db of each of the first @p limit
    /// articles (lowest docids) whose band @p b has @p value.
    template <typename F>
    void for_each(const Xapian::Database& db, std::size_t b, std::uint32_t value, std::size_t limit, F&& f) const {
        const std::size_t shards = std::max<std::size_t>(db.size(), 1);
        const auto& entries = entries_[b];
        auto it = std::lower_bound(entries.begin(), entries.end(), std::uint64_t(value) << 32);
        for (std::size_t n = 0; it != entries.end() && (*it >> 32) == value && n < limit; ++it, ++n)
            f(docid_in(static_cast<Xapian::docid>(*it & 0xffffffff), shards));
    }

  private:
    /// @p docid of the view of shards_ shards, in a view of @p shards that
    /// begins with the same ones.
    Xapian::docid docid_in(Xapian::docid docid, std::size_t shards) const {
        if (shards == shards_) return docid;
        const Xapian::docid local = (docid - 1) / shards_, shard = (docid - 1) % shards_;
        return static_cast<Xapian::docid>(local * shards + shard + 1);
    }
    std::size_t shards_;
    std::array<std::vector<std::uint64_t>, kBands> entries_;
};

/// Band value -> the first and the latest article of this run that had it,
/// in an open addressing table (12 bytes a band). The first names the
/// group; the latest lets a copy of a copy join it (chaining) when it no
/// longer resembles the first.
class BandTable {
  public:
    static constexpr std::uint32_t kNone = 0xffffffff;

    /// The first and latest article recorded for @p value (kNone if none).
    std::pair<std::uint32_t, std::uint32_t> find(std::uint32_t value) const {
        if (slots_.empty()) return {kNone, kNone};
        for (std::size_t i = slot(value);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i].first == kNone) return {kNone, kNone};
            if (slots_[i].value == value) return {slots_[i].first, slots_[i].latest};
        }
    }
    /// Records @p article as the latest (and, if new, the first) for @p value.
    void insert(std::uint32_t value, std::uint32_t article) {
        if (4 * (used_ + 1) > 3 * slots_.size()) grow();
        for (std::size_t i = slot(value);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i].first == kNone) {
                slots_[i] = {value, article, article};
                ++used_;
                return;
            }
            if (slots_[i].value == value) {
                slots_[i].latest = article;
                return;
            }
        }
    }

  private:
    struct Slot {
        std::uint32_t value = 0, first = kNone, latest = kNone;
    };
    std::size_t slot(std::uint32_t value) const {
        return (std::uint64_t(value) * 0x9e3779b97f4a7c15ULL >> 20) & (slots_.size() - 1);
    }
    void grow() {
        std::vector<Slot> old(slots_.empty() ? 1024 : 2 * slots_.size());
        old.swap(slots_);
        used_ = 0;
        for (const Slot& entry : old) {
            if (entry.first == kNone) continue;
            insert(entry.value, entry.first);
            if (entry.latest != entry.first) insert(entry.value, entry.latest);
        }
    }
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

std::uint64_t id_hash(const std::string& id) { return std::hash<std::string>{}(id); }

}  // namespace

struct DuplicateGrouper::Impl {
    explicit Impl(const Xapian::Database& db) : database(db) {}
    DatabaseBands database;
    BandTable bands[kBands];  // this run's articles
    // Per article of this run with a signature (index = order seen): its
    // signature (kSignatureBytes in one flat string), ID hash and group key
    // (an index into the keys, which are stored back to back).
    std::string signatures;
    std::vector<std::uint64_t> ids;
    std::vector<std::uint32_t> key_of;
    std::string key_chars;
    std::vector<std::size_t> key_starts;
    SkipDocument skip;

    std::string_view signature(std::uint32_t i) const {
        return std::string_view(signatures).substr(std::size_t(i) * kSignatureBytes, kSignatureBytes);
    }
    std::string key(std::uint32_t k) const {
        const std::size_t end = k + 1 < key_starts.size() ? key_starts[k + 1] : key_chars.size();
        return key_chars.substr(key_starts[k], end - key_starts[k]);
    }
    std::uint32_t add_key(const std::string& k) {
        key_starts.push_back(key_chars.size());
        key_chars += k;
        return static_cast<std::uint32_t>(key_starts.size() - 1);
    }

};

DuplicateGrouper::DuplicateGrouper(const Xapian::Database& db) : impl_(std::make_unique<Impl>(db)) {}

DuplicateGrouper::~DuplicateGrouper() = default;

void DuplicateGrouper::set_skip(SkipDocument skip) { impl_->skip = std::move(skip); }

std::string DuplicateGrouper::assign(const Xapian::Database& db, AnalyzedArticle& article,
                                    const std::string* kept_key) {
    Impl& run = *impl_;
    std::string key = article.id;
    const std::uint64_t own = id_hash(article.id);
    std::uint32_t key_index = BandTable::kNone;
    // Re-indexing an unchanged article keeps the group it has (the writer
    // will not rewrite it), and later copies in this run join that group.
    const bool known = kept_key && !kept_key->empty();
    if (known) key = *kept_key;
    const bool has_signature = article.dup_signature.size() == kSignatureBytes;
    const BandValues bands = band_values(article.dup_signature);
    if (!known && has_signature) {
        double best = 0;
        auto consider = [&](double similarity) { return similarity >= kDuplicateThreshold && similarity > best; };
        // Articles indexed in earlier runs.
        std::set<Xapian::docid> candidates;
        for (std::size_t b = 0; b < kBands; ++b)
            run.database.for_each(db, b, bands[b], kMaxCandidatesPerBand,
                                  [&](Xapian::docid d) { candidates.insert(d); });
        for (Xapian::docid docid : candidates) {  // ascending: ties go to the earliest indexed
            // Deleted since the run began: nothing to join. (One replaced
            // since is compared as it is now.)
            Xapian::Document doc;
            try {
                doc = db.get_document(docid);
            } catch (const Xapian::DocNotFoundError&) {
                continue;
            }
            if (doc.get_value(schema::kSlotId) == article.id) continue;  // its own old version
            if (run.skip && run.skip(docid, doc)) continue;
            const double similarity =
                estimate_similarity(article.dup_signature, doc.get_value(schema::kSlotDupSignature));
            std::string group = doc.get_value(schema::kSlotDupGroup);
            if (!consider(similarity) || group.empty()) continue;
            best = similarity;
            key = std::move(group);
            key_index = BandTable::kNone;
        }
        // Articles of this run (in memory): the first and latest with each
        // band value, earliest first so that ties go to it.
        std::set<std::uint32_t> earlier;
        for (std::size_t b = 0; b < kBands; ++b) {
            const auto [first, latest] = run.bands[b].find(bands[b]);
            if (first != BandTable::kNone) earlier.insert({first, latest});
        }
        for (std::uint32_t i : earlier) {
            if (run.ids[i] == own) continue;
            const double similarity = estimate_similarity(article.dup_signature, run.signature(i));
            if (!consider(similarity)) continue;
            best = similarity;
            key_index = run.key_of[i];
            key = run.key(key_index);
        }
    }
    if (has_signature) {
        if (key_index == BandTable::kNone) key_index = run.add_key(key);
        const auto index = static_cast<std::uint32_t>(run.ids.size());
        for (std::size_t b = 0; b < kBands; ++b) run.bands[b].insert(bands[b], index);
        run.signatures += article.dup_signature;
        run.ids.push_back(own);
        run.key_of.push_back(key_index);
    }
    article.document.add_value(schema::kSlotDupGroup, key);
    article.document.add_boolean_term(schema::dup_group_term(key));
    return key;
}

std::string duplicate_group_of(const Xapian::Database& db, const std::string& id_term) {
    Xapian::PostingIterator p = db.postlist_begin(id_term);
    if (p == db.postlist_end(id_term)) return "";
    return db.get_document(*p).get_value(schema::kSlotDupGroup);
}

DuplicateGroupCounts count_duplicate_groups(const Xapian::Database& db) {
    DuplicateGroupCounts counts;
    const std::string prefix = schema::kPrefixDupGroup;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        if (t.get_termfreq() < 2) continue;
        ++counts.groups;
        counts.articles += t.get_termfreq();
    }
    return counts;
}

}  // namespace newsdex
