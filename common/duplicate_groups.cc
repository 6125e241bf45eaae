/** @file
 * @brief Joining an article to its near-duplicate group at write time.
 */
#include "duplicate_groups.h"

#include <set>
#include <string_view>

#include "content_hash.h"
#include "near_duplicates.h"
#include "schema.h"

namespace newsdex {

namespace {

constexpr std::size_t kSignatureBytes = 2 * kMinHashes;  // encode_signature()
constexpr std::size_t kBloomBits = std::size_t(1) << 27;  // 16 MiB
constexpr int kBloomHashes = 4;

/// The bit positions of @p term: double hashing from one 64-bit FNV-1a.
template <typename F>
void for_each_bit(const std::string& term, F&& f) {
    const std::uint64_t h = content_hash(term);
    const std::uint64_t h1 = h, h2 = (h >> 33) | 1;
    for (int i = 0; i < kBloomHashes; ++i) f((h1 + static_cast<std::uint64_t>(i) * h2) % kBloomBits);
}

/// The 32-bit value a band term carries ("XB" + letter + 8 hex digits).
std::uint32_t band_value(const std::string& term) {
    return static_cast<std::uint32_t>(std::stoul(term.substr(term.size() - 8), nullptr, 16));
}

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
    std::vector<std::uint64_t> bloom = std::vector<std::uint64_t>(kBloomBits / 64);  // bands in the db at start
    BandTable bands[kBands];
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

    bool in_database(const std::string& term) const {
        bool all = true;
        for_each_bit(term, [&](std::uint64_t bit) { all = all && (bloom[bit / 64] >> (bit % 64) & 1); });
        return all;
    }
};

DuplicateGrouper::DuplicateGrouper(const Xapian::Database& db) : impl_(std::make_unique<Impl>()) {
    const std::string prefix = schema::kPrefixDupBand;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t)
        for_each_bit(*t, [&](std::uint64_t bit) { impl_->bloom[bit / 64] |= std::uint64_t(1) << (bit % 64); });
}

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
    if (!known && !article.dup_signature.empty() && article.dup_band_terms.size() == kBands) {
        double best = 0;
        auto consider = [&](double similarity) { return similarity >= kDuplicateThreshold && similarity > best; };
        // Articles indexed in earlier runs.
        std::set<Xapian::docid> candidates;
        for (const auto& band : article.dup_band_terms) {
            if (!run.in_database(band)) continue;
            Xapian::doccount seen = 0;
            for (auto p = db.postlist_begin(band); p != db.postlist_end(band) && seen < kMaxCandidatesPerBand;
                 ++p, ++seen)
                candidates.insert(*p);
        }
        for (Xapian::docid docid : candidates) {  // ascending: ties go to the earliest indexed
            Xapian::Document doc = db.get_document(docid, Xapian::DOC_ASSUME_VALID);
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
            const auto [first, latest] = run.bands[b].find(band_value(article.dup_band_terms[b]));
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
    if (article.dup_signature.size() == kSignatureBytes && article.dup_band_terms.size() == kBands) {
        if (key_index == BandTable::kNone) key_index = run.add_key(key);
        const auto index = static_cast<std::uint32_t>(run.ids.size());
        for (std::size_t b = 0; b < kBands; ++b) run.bands[b].insert(band_value(article.dup_band_terms[b]), index);
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
