/** @file
 * @brief DateColumns and DateColumnSource (see the header).
 */
#include "date_column.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "schema.h"

namespace newsdex {

namespace {

/// "YYYYMMDD" as the number YYYYMMDD; 0 (undated) for anything else.
std::uint32_t day_number(const std::string& value) {
    if (value.size() != 8) return 0;
    std::uint32_t n = 0;
    for (char c : value) {
        if (c < '0' || c > '9') return 0;
        n = n * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return n;
}

std::uint32_t day_number(const Day& day) {
    return static_cast<std::uint32_t>(day.year * 10000 + day.month * 100 + day.day);
}

DayColumn read_column(const Xapian::Database& db) {
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

/// A range's articles are listed from its sorted run of docids when it
/// holds fewer than one in this many documents; else by scanning the
/// column (~1 ns a document), which sorting a run that long would cost.
constexpr std::size_t kListWhenOneIn = 32;

}  // namespace

std::pair<std::size_t, std::size_t> DayColumn::run(std::uint32_t low, std::uint32_t high) const {
    if (low > high) return {0, 0};
    const auto first = std::lower_bound(sorted_days.begin(), sorted_days.end(), low);
    const auto last = std::upper_bound(first, sorted_days.end(), high);
    return {static_cast<std::size_t>(first - sorted_days.begin()), static_cast<std::size_t>(last - sorted_days.begin())};
}

std::shared_ptr<const DayColumn> DateColumns::column_of(const Xapian::Database& db) {
    const std::string uuid = db.get_uuid();
    // A database without a UUID (in-memory) cannot be told apart from
    // another: read it each time.
    if (uuid.empty()) return std::make_shared<const DayColumn>(read_column(db));
    const std::string key = uuid + "@" + std::to_string(db.get_revision());
    // Reading under the lock: a batch's threads all want the same columns
    // at the start, and a second reader would only duplicate the work.
    std::lock_guard lock(mutex_);
    auto& column = columns_[key];
    if (!column) column = std::make_shared<const DayColumn>(read_column(db));
    return column;
}

Xapian::Query date_column_query(DateColumns& columns, std::optional<Day> from, std::optional<Day> to,
                                bool include_undated) {
    using Q = Xapian::Query;
    Q dated((new DateColumnSource(columns, from ? day_number(*from) : 1,
                                  to ? day_number(*to) : std::numeric_limits<std::uint32_t>::max()))
                ->release());
    if (!include_undated) return dated;
    return Q(Q::OP_OR, dated, Q(schema::kTermUndated));
}

DateColumnSource::DateColumnSource(DateColumns& columns, std::uint32_t low, std::uint32_t high)
    : columns_(columns), low_(std::max<std::uint32_t>(low, 1)), high_(high) {}

void DateColumnSource::init(const Xapian::Database& db) {
    column_ = columns_.column_of(db);
    run_ = column_->run(low_, high_);
    list_.reset();
    did_ = 0;
}

const std::vector<Xapian::docid>* DateColumnSource::listed() {
    const std::size_t matches = run_.second - run_.first;
    if (matches * kListWhenOneIn >= column_->by_docid.size()) return nullptr;
    if (!list_) {
        list_.emplace(column_->docids_by_day.begin() + run_.first, column_->docids_by_day.begin() + run_.second);
        std::sort(list_->begin(), list_->end());
    }
    return &*list_;
}

void DateColumnSource::next(double) {
    const std::vector<std::uint32_t>& days = column_->by_docid;
    const auto size = static_cast<Xapian::docid>(days.size());
    if (const auto* list = listed()) {
        // From wherever check() left the position, too.
        const auto it = std::upper_bound(list->begin(), list->end(), did_);
        did_ = it == list->end() ? size : *it;
        return;
    }
    do ++did_;
    while (did_ < size && !in_range(days[did_]));
}

void DateColumnSource::skip_to(Xapian::docid did, double min_wt) {
    if (did <= did_) return;
    did_ = did - 1;
    next(min_wt);
}

bool DateColumnSource::check(Xapian::docid did, double) {
    // Out of range: "not here", and next() moves on from @p did.
    did_ = did;
    return did < column_->by_docid.size() && in_range(column_->by_docid[did]);
}

bool DateColumnSource::at_end() const { return did_ >= column_->by_docid.size(); }

Xapian::docid DateColumnSource::get_docid() const { return did_; }

Xapian::doccount DateColumnSource::get_termfreq_min() const { return get_termfreq_max(); }
Xapian::doccount DateColumnSource::get_termfreq_est() const { return get_termfreq_max(); }
Xapian::doccount DateColumnSource::get_termfreq_max() const {
    return static_cast<Xapian::doccount>(run_.second - run_.first);
}

Xapian::PostingSource* DateColumnSource::clone() const { return new DateColumnSource(columns_, low_, high_); }

// Described as DateValueSource is: the same filter, read another way, so a
// batch prints the same parsed queries as one search does.
std::string DateColumnSource::get_description() const {
    auto text = [](std::uint32_t day) {
        char digits[16];
        std::snprintf(digits, sizeof digits, "%08u", static_cast<unsigned>(day));
        return std::string(digits);
    };
    return "date value " + (low_ > 1 ? text(low_) : std::string()) + ".." +
           (high_ != std::numeric_limits<std::uint32_t>::max() ? text(high_) : std::string());
}

}  // namespace newsdex
