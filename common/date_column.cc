/** @file
 * @brief DateColumnSource (see the header).
 */
#include "date_column.h"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "schema.h"

namespace newsdex {

namespace {

/// A range's articles are listed from its sorted run of docids when it
/// holds fewer than one in this many documents; else by scanning the
/// column (~1 ns a document), which sorting a run that long would cost.
constexpr std::size_t kListWhenOneIn = 32;

}  // namespace

Xapian::Query date_column_query(BatchColumns& columns, std::optional<Day> from, std::optional<Day> to,
                                bool include_undated) {
    using Q = Xapian::Query;
    Q dated((new DateColumnSource(columns, from ? day_number(*from) : 1,
                                  to ? day_number(*to) : std::numeric_limits<std::uint32_t>::max()))
                ->release());
    if (!include_undated) return dated;
    return Q(Q::OP_OR, dated, Q(schema::kTermUndated));
}

DateColumnSource::DateColumnSource(BatchColumns& columns, std::uint32_t low, std::uint32_t high)
    : columns_(columns), low_(std::max<std::uint32_t>(low, 1)), high_(high) {}

void DateColumnSource::init(const Xapian::Database& db) {
    column_ = columns_.day_column_of(db);
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

// Described as DateValueSource is: the same filter, read another way.
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
