/** @file
 * @brief BatchColumns: reading value slots into columns (see the header).
 */
#include "batch_columns.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <unordered_map>

#include "schema.h"

namespace newsdex {

namespace {

/// A date slot value, "YYYYMMDD", as the number YYYYMMDD; 0 (undated) for
/// anything else.
std::uint32_t day_number(const std::string& value) {
    if (value.size() != 8) return 0;
    std::uint32_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return n;
}

DayColumn read_days(const Xapian::Database& db) {
    DayColumn column;
    column.by_docid.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
    // One pass over the slot's value stream, in docid order.
    for (auto v = db.valuestream_begin(schema::kSlotDate); v != db.valuestream_end(schema::kSlotDate); ++v)
        column.by_docid[v.get_docid()] = day_number(*v);
    // Ordered by day with a two-pass radix sort, 16 bits of the day a
    // pass: stable, so each day's docids stay ascending. (std::sort of the
    // (day, docid) pairs was 57 % of reading a million articles' column.)
    std::vector<Xapian::docid> dated, sorted;
    for (Xapian::docid did = 0; did < column.by_docid.size(); ++did)
        if (column.by_docid[did]) dated.push_back(did);
    sorted.resize(dated.size());
    for (int shift : {0, 16}) {
        std::vector<std::size_t> starts(std::size_t{1} << 16 | 1, 0);
        auto digit = [&](Xapian::docid did) { return (column.by_docid[did] >> shift) & 0xffff; };
        for (Xapian::docid did : dated) ++starts[digit(did) + 1];
        for (std::size_t d = 1; d < starts.size(); ++d) starts[d] += starts[d - 1];
        for (Xapian::docid did : dated) sorted[starts[digit(did)]++] = did;
        dated.swap(sorted);
    }
    column.docids_by_day = std::move(dated);
    column.sorted_days.reserve(column.docids_by_day.size());
    for (Xapian::docid did : column.docids_by_day) column.sorted_days.push_back(column.by_docid[did]);
    return column;
}

ValueColumn read_values(const Xapian::Database& db, Xapian::valueno slot) {
    ValueColumn column;
    column.by_docid.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
    column.values.emplace_back();
    std::unordered_map<std::string, std::uint32_t> ids;
    for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
        auto [it, added] = ids.try_emplace(*v, static_cast<std::uint32_t>(column.values.size()));
        if (added) column.values.push_back(it->first);
        column.by_docid[v.get_docid()] = it->second;
    }
    return column;
}

IdColumn read_ids(const Xapian::Database& db) {
    IdColumn column;
    column.by_docid.resize(static_cast<std::size_t>(db.get_lastdocid()) + 1);
    for (auto v = db.valuestream_begin(schema::kSlotId); v != db.valuestream_end(schema::kSlotId); ++v)
        column.by_docid[v.get_docid()] = *v;
    return column;
}

FacetKeys split_values(const std::shared_ptr<const ValueColumn>& column, const SplitValue& split) {
    FacetKeys out;
    out.column = column;
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> keys;
    out.first.reserve(column->values.size() + 1);
    for (const std::string& value : column->values) {
        out.first.push_back(static_cast<std::uint32_t>(out.key_ids.size()));
        keys.clear();
        if (!value.empty()) split(value, keys);
        for (auto& key : keys) {
            auto [it, added] = ids.try_emplace(key, static_cast<std::uint32_t>(out.keys.size()));
            if (added) out.keys.push_back(std::move(key));
            out.key_ids.push_back(it->second);
        }
    }
    out.first.push_back(static_cast<std::uint32_t>(out.key_ids.size()));
    return out;
}

/// Which revision of which database @p db is; "" when it cannot be told
/// apart from another (an in-memory database has no UUID).
std::string revision_key(const Xapian::Database& db) {
    const std::string uuid = db.get_uuid();
    return uuid.empty() ? uuid : uuid + "@" + std::to_string(db.get_revision());
}

}  // namespace

bool columns_worth_reading(std::size_t queries, bool facets, Xapian::doccount articles) {
    // The break-even points measured (see the header).
    constexpr Xapian::doccount kArticlesPerFacetedQuery = 20000, kArticlesPerPlainQuery = 2000;
    return queries >= articles / (facets ? kArticlesPerFacetedQuery : kArticlesPerPlainQuery);
}

bool dates_follow_docids(const Xapian::Database& db) {
    // 64 samples: a uniform scatter walks ~21 spans between them, dates in
    // docid order one. newsdex-index's own output walks more: each shard
    // writer gets every other batch of the input, and the merge puts each
    // shard's flushes after the other's, so a dump read in date order comes
    // out as a run per shard and flush (2.4-3.0 spans for the headlines,
    // Reuters-21578 and the speeches, indexed with two jobs; up to 2j - 1
    // with j jobs). Past the cut-off, a batch reads the day column, which
    // costs a few milliseconds per 100,000 articles even where the tiling
    // would have done.
    constexpr Xapian::docid kSamples = 64;
    constexpr std::int64_t kMaxWalkInSpans = 8;
    const Xapian::docid last = db.get_lastdocid();
    // A multiple of the number of shards: the samples stay in one shard,
    // where a tiling's terms skip (Xapian interleaves shards' docids).
    const Xapian::docid shards = std::max<Xapian::docid>(static_cast<Xapian::docid>(db.size()), 1);
    const Xapian::docid stride = std::max<Xapian::docid>(last / kSamples / shards, 1) * shards;
    std::vector<std::int64_t> days;
    Xapian::ValueIterator value = db.valuestream_begin(schema::kSlotDate);
    const Xapian::ValueIterator end = db.valuestream_end(schema::kSlotDate);
    for (Xapian::docid target = 1; target <= last && value != end; target += stride) {
        value.skip_to(target);
        if (value == end) break;
        if ((value.get_docid() - target) % shards != 0) continue;  // undated there: another shard's
        if (const std::uint32_t n = day_number(*value)) {
            const std::chrono::year_month_day ymd{std::chrono::year(static_cast<int>(n / 10000)),
                                                 std::chrono::month(n / 100 % 100), std::chrono::day(n % 100)};
            days.push_back(std::chrono::sys_days(ymd).time_since_epoch().count());
        }
    }
    if (days.size() < 2) return true;
    const auto [earliest, latest] = std::minmax_element(days.begin(), days.end());
    std::int64_t walk = 0;
    for (std::size_t i = 1; i < days.size(); ++i) walk += std::abs(days[i] - days[i - 1]);
    return walk <= kMaxWalkInSpans * (*latest - *earliest);
}

bool BatchColumns::day_column_worth_reading(const Xapian::Database& db) const {
    // Break-even measured over a million generated articles (bench/README,
    // run U): reading their days costs a batch ~0.1 s, and a date-ranged
    // query spends ~3 ms more than its undated self in the tiling's terms.
    constexpr Xapian::doccount kArticlesPerDatedQuery = 20000;
    if (worth_reading(db)) return true;
    return dated_queries_ > 0 && dated_queries_ >= db.get_doccount() / kArticlesPerDatedQuery &&
           !dates_follow_docids(db);
}

std::uint32_t day_number(const Day& day) {
    return static_cast<std::uint32_t>(day.year * 10000 + day.month * 100 + day.day);
}

std::pair<std::size_t, std::size_t> DayColumn::run(std::uint32_t low, std::uint32_t high) const {
    if (low > high) return {0, 0};
    const auto first = std::lower_bound(sorted_days.begin(), sorted_days.end(), low);
    const auto last = std::upper_bound(first, sorted_days.end(), high);
    return {static_cast<std::size_t>(first - sorted_days.begin()), static_cast<std::size_t>(last - sorted_days.begin())};
}

namespace {

/// The column cached in @p cache under @p key, read by @p read the first
/// time. A database whose revision cannot be told (@p revision empty) is
/// read every time. Columns are read under the lock: a batch's threads all
/// want the same ones at the start, and a second reader would only
/// duplicate the work.
template <class Column, class Key, class Read>
std::shared_ptr<const Column> cached_column(std::mutex& mutex, std::map<Key, std::shared_ptr<const Column>>& cache,
                                            const std::string& revision, const Key& key, Read read) {
    if (revision.empty()) return std::make_shared<const Column>(read());
    std::lock_guard lock(mutex);
    auto& column = cache[key];
    if (!column) column = std::make_shared<const Column>(read());
    return column;
}

}  // namespace

std::shared_ptr<const DayColumn> BatchColumns::day_column_of(const Xapian::Database& db) {
    const std::string revision = revision_key(db);
    return cached_column(mutex_, days_, revision, revision, [&] { return read_days(db); });
}

std::shared_ptr<const ValueColumn> BatchColumns::value_column_of(const Xapian::Database& db, Xapian::valueno slot) {
    const std::string revision = revision_key(db);
    return cached_column(mutex_, values_, revision, std::pair(revision, slot), [&] { return read_values(db, slot); });
}

std::shared_ptr<const IdColumn> BatchColumns::id_column_of(const Xapian::Database& db) {
    const std::string revision = revision_key(db);
    return cached_column(mutex_, ids_, revision, revision, [&] { return read_ids(db); });
}

std::shared_ptr<const FacetKeys> BatchColumns::facet_keys_of(const Xapian::Database& db, Xapian::valueno slot,
                                                             int facet,
                                                             const std::shared_ptr<const ValueColumn>& column,
                                                             const SplitValue& split) {
    const std::string revision = revision_key(db);
    auto keys = cached_column(mutex_, facet_keys_, revision, std::tuple(revision, slot, facet),
                              [&] { return split_values(column, split); });
    if (keys->column != column) keys = std::make_shared<const FacetKeys>(split_values(column, split));
    return keys;
}

}  // namespace newsdex
