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
void add_pairs(std::vector<std::string> names, std::vector<std::string>& keys) {
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    for (std::size_t i = 0; i < names.size(); ++i)
        for (std::size_t j = i + 1; j < names.size(); ++j)
            keys.push_back(std::string(names[i]).append(" + ").append(names[j]));
}

/// Appends to @p keys what facet @p kind counts an article whose slot value
/// is @p value under: its names, pairs of names, year, month, week, source
/// or language.
void split_facet_value(FacetKind kind, const std::string& value, std::vector<std::string>& keys) {
    switch (kind) {
        case FacetKind::ActorPair: add_pairs(schema::decode_list(value), keys); return;
        case FacetKind::Actor:
        case FacetKind::Place:
            for (auto& name : schema::decode_list(value)) keys.push_back(std::move(name));
            return;
        case FacetKind::Year: keys.push_back(value.substr(0, 4)); return;
        case FacetKind::Month: keys.push_back(value.substr(0, 6)); return;
        case FacetKind::Week:
            if (std::string week = iso_week_label(value); !week.empty()) keys.push_back(std::move(week));
            return;
        case FacetKind::Source:
        case FacetKind::Lang: keys.push_back(value); return;
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
    SlotCounter(Xapian::valueno slot, const Xapian::Database* local, BatchColumns* columns)
        : slot_(slot), columns_(columns) {
        if (local) local_ = *local;
        if (local && columns) {
            column_ = columns->value_column_of(*local, slot);
            column_counts_.assign(column_->values.size(), 0);
        } else if (!local) {
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
    /// Calls @p add(key, articles) for every key of facet @p kind counted
    /// (split_facet_value()), each key once.
    template <typename Add>
    void for_each_key(FacetKind kind, Add add) const {
        if (column_) {
            // The batch splits each distinct value once (batch_columns.h).
            const auto split = columns_->facet_keys_of(local_, slot_, static_cast<int>(kind), column_,
                                                       [kind](const std::string& value, std::vector<std::string>& keys) {
                                                           split_facet_value(kind, value, keys);
                                                       });
            std::vector<Xapian::doccount> key_counts(split->keys.size());
            for (std::size_t id = 1; id < column_counts_.size(); ++id)  // 0: no value, not counted
                if (const Xapian::doccount articles = column_counts_[id])
                    for (std::uint32_t k = split->first[id]; k < split->first[id + 1]; ++k)
                        key_counts[split->key_ids[k]] += articles;
            for (std::size_t k = 0; k < key_counts.size(); ++k)
                if (key_counts[k]) add(split->keys[k], key_counts[k]);
            return;
        }
        std::unordered_map<std::string, Xapian::doccount> counts;
        std::vector<std::string> keys;
        auto count = [&](const std::string& value, Xapian::doccount articles) {
            // Empty values (undated, no actors, ...) are not counted by the spy.
            keys.clear();
            split_facet_value(kind, value, keys);
            for (const auto& key : keys) counts[key] += articles;
        };
        if (builtin_) {
            for (auto v = builtin_->values_begin(); v != builtin_->values_end(); ++v) count(*v, v.get_termfreq());
        } else {
            for (const auto& [value, articles] : streamed_) count(value, articles);
        }
        for (const auto& [key, articles] : counts) add(key, articles);
    }

  private:
    Xapian::valueno slot_;
    BatchColumns* columns_;  // or none
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
        Facet facet{kind, {}};
        spies_.at(slot_of(kind))->for_each_key(kind, [&](const std::string& key, Xapian::doccount articles) {
            facet.values.push_back({key, articles});
        });
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
