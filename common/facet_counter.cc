/** @file
 * @brief FacetCounter: value counts of every matching document, split into
 *        names, pairs and periods.
 */
#include "facet_counter.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "batch_columns.h"
#include "schema.h"

namespace newsdex {

namespace {

Xapian::valueno slot_of(FacetKind kind) {
    switch (kind) {
        case FacetKind::Actor: return schema::kSlotActors;
        case FacetKind::Place: return schema::kSlotPlaces;
        case FacetKind::Month: return schema::kSlotDate;  // "YYYYMM" is the day's prefix
        case FacetKind::Year: return schema::kSlotDate;
        case FacetKind::Source: return schema::kSlotSource;
        case FacetKind::Lang: return schema::kSlotLang;
        case FacetKind::ActorPair: return schema::kSlotActors;
        case FacetKind::Week: return schema::kSlotDate;
    }
    return Xapian::BAD_VALUENO;
}

bool is_timeline(FacetKind kind) {
    return kind == FacetKind::Month || kind == FacetKind::Year || kind == FacetKind::Week;
}

// Display form of a month or year value: "202403" -> "2024-03". Week
// values are already displayable ("2024-W12") and sort chronologically.
std::string timeline_label(FacetKind kind, const std::string& value) {
    if (kind == FacetKind::Month && value.size() == 6) return value.substr(0, 4) + "-" + value.substr(4);
    return value;
}

/// Every unordered pair of distinct names, each as "A + B" in alphabetical
/// order, so a pair has one spelling whichever actor an article names first.
void count_pairs(std::vector<std::string> names, unsigned articles,
                 std::unordered_map<std::string, unsigned>& counts) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = i + 1; j < names.size(); ++j)
            counts[std::string(names[i]).append(" + ").append(names[j])] += articles;
}

/// Adds @p articles articles whose slot value is @p value to @p counts, as
/// the facet @p kind sees them.
void count_value(FacetKind kind, const std::string& value, unsigned articles,
                 std::unordered_map<std::string, unsigned>& counts) {
    switch (kind) {
        case FacetKind::ActorPair: count_pairs(schema::decode_list(value), articles, counts); return;
        case FacetKind::Actor:
        case FacetKind::Place:
            for (auto& name : schema::decode_list(value)) counts[name] += articles;
            return;
        case FacetKind::Year: counts[value.substr(0, 4)] += articles; return;
        case FacetKind::Month: counts[value.substr(0, 6)] += articles; return;
        case FacetKind::Week:
            if (std::string week = iso_week_label(value); !week.empty()) counts[week] += articles;
            return;
        case FacetKind::Source:
        case FacetKind::Lang: counts[value] += articles; return;
    }
}

}  // namespace

std::string iso_week_label(std::string_view yyyymmdd) {
    if (yyyymmdd.size() != 8 || yyyymmdd.find_first_not_of("0123456789") != std::string_view::npos) return "";
    const int year = std::stoi(std::string(yyyymmdd.substr(0, 4)));
    const int month = std::stoi(std::string(yyyymmdd.substr(4, 2)));
    const int day = std::stoi(std::string(yyyymmdd.substr(6, 2)));
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    auto days = [](int y, int m, int d) {
        y -= m <= 2;
        const int era = (y >= 0 ? y : y - 399) / 400;
        const int yoe = y - era * 400;
        const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    };
    const int today = days(year, month, day);
    const int weekday = ((today % 7) + 7 + 3) % 7;  // Monday 0 ... Sunday 6 (1970-01-01 was a Thursday)
    // The ISO week belongs to the year of its Thursday.
    const int thursday = today - weekday + 3;
    int week_year = year + 1;
    while (days(week_year, 1, 1) > thursday) --week_year;
    const int week = (thursday - days(week_year, 1, 1)) / 7 + 1;
    char label[16];
    std::snprintf(label, sizeof label, "%04d-W%02d", week_year, week);
    return label;
}

/// Counts one slot's values: with Xapian's ValueCountMatchSpy, or over one
/// local database from the slot's value stream or from the batch's column.
/// The stream's iterator only moves forward (skip_to()), as the matcher
/// visits the documents in ascending docid order; should they go back, it
/// starts again.
class FacetCounter::SlotCounter : public Xapian::MatchSpy {
  public:
    SlotCounter(Xapian::valueno slot, const Xapian::Database* local, BatchColumns* columns) : slot_(slot) {
        if (local && columns) {
            column_ = columns->value_column_of(*local, slot);
            column_counts_.assign(column_->values.size(), 0);
        } else if (local) {
            local_ = *local;
        } else {
            builtin_ = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        }
    }
    Xapian::MatchSpy& spy() { return builtin_ ? static_cast<Xapian::MatchSpy&>(*builtin_) : *this; }
    void operator()(const Xapian::Document& doc, double weight) override {
        if (builtin_) {
            (*builtin_)(doc, weight);
            return;
        }
        const Xapian::docid did = doc.get_docid();
        if (column_) {
            if (did < column_->by_docid.size()) ++column_counts_[column_->by_docid[did]];
            return;
        }
        if (!started_ || did < last_) {
            stream_ = local_.valuestream_begin(slot_);
            started_ = true;
        }
        last_ = did;
        if (stream_ == Xapian::ValueIterator()) return;
        stream_.skip_to(did);
        if (stream_ != Xapian::ValueIterator() && stream_.get_docid() == did) ++streamed_[*stream_];
    }
    /// Calls @p add(value, articles) for every value counted.
    template <typename Add>
    void for_each(Add add) const {
        if (builtin_) {
            for (auto v = builtin_->values_begin(); v != builtin_->values_end(); ++v) add(*v, v.get_termfreq());
        } else if (column_) {
            for (std::size_t id = 1; id < column_counts_.size(); ++id)  // 0: no value, not counted
                if (column_counts_[id]) add(column_->values[id], column_counts_[id]);
        } else {
            for (const auto& [value, articles] : streamed_) add(value, articles);
        }
    }

  private:
    Xapian::valueno slot_;
    std::unique_ptr<Xapian::ValueCountMatchSpy> builtin_;
    std::shared_ptr<const ValueColumn> column_;
    std::vector<Xapian::doccount> column_counts_;  // by value id
    Xapian::Database local_;
    Xapian::ValueIterator stream_;
    Xapian::docid last_ = 0;
    bool started_ = false;
    std::unordered_map<std::string, Xapian::doccount> streamed_;
};

FacetCounter::FacetCounter(std::vector<FacetKind> kinds, const Xapian::Database* local, BatchColumns* columns)
    : kinds_(std::move(kinds)) {
    for (FacetKind kind : kinds_) {
        const Xapian::valueno slot = slot_of(kind);
        if (!spies_.count(slot)) spies_.emplace(slot, std::make_unique<SlotCounter>(slot, local, columns));
    }
}

FacetCounter::~FacetCounter() = default;

void FacetCounter::attach(Xapian::Enquire& enquire) {
    for (auto& [slot, spy] : spies_) enquire.add_matchspy(&spy->spy());
}

void FacetCounter::operator()(const Xapian::Document& doc) {
    for (auto& [slot, spy] : spies_) spy->spy()(doc, 0);
}

std::vector<Facet> FacetCounter::facets(unsigned limit) const {
    std::vector<Facet> out;
    for (FacetKind kind : kinds_) {
        // Empty values (undated, no actors, ...) are not counted by the spy.
        std::unordered_map<std::string, unsigned> counts;
        spies_.at(slot_of(kind))->for_each([&](const std::string& value, Xapian::doccount articles) {
            count_value(kind, value, articles, counts);
        });
        Facet facet{kind, {}};
        for (const auto& [value, count] : counts) facet.values.push_back({value, count});
        auto by_count = [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        };
        if (is_timeline(kind)) {
            // A timeline shows the busiest period's neighbours too: keep the
            // top `limit` by count, then show them in time order.
            if (limit && facet.values.size() > limit) {
                std::sort(facet.values.begin(), facet.values.end(), by_count);
                facet.values.resize(limit);
            }
            std::sort(facet.values.begin(), facet.values.end(),
                      [](const FacetValue& a, const FacetValue& b) { return a.value < b.value; });
            for (auto& v : facet.values) v.value = timeline_label(kind, v.value);
        } else {
            std::sort(facet.values.begin(), facet.values.end(), by_count);
            if (limit && facet.values.size() > limit) facet.values.resize(limit);
        }
        out.push_back(std::move(facet));
    }
    return out;
}

}  // namespace newsdex
