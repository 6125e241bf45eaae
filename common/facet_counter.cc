/** @file
 * @brief FacetCounter: counting slot values of every matching document.
 */
#include "facet_counter.h"

#include <algorithm>

#include "schema.h"

namespace newsdex {

namespace {

Xapian::valueno slot_of(FacetKind kind) {
    switch (kind) {
        case FacetKind::Actor: return schema::kSlotActors;
        case FacetKind::Place: return schema::kSlotPlaces;
        case FacetKind::Month: return schema::kSlotMonth;
        case FacetKind::Year: return schema::kSlotDate;
        case FacetKind::Source: return schema::kSlotSource;
        case FacetKind::Lang: return schema::kSlotLang;
    }
    return Xapian::BAD_VALUENO;
}

bool is_list(FacetKind kind) { return kind == FacetKind::Actor || kind == FacetKind::Place; }
bool is_timeline(FacetKind kind) { return kind == FacetKind::Month || kind == FacetKind::Year; }

// Display form of a month or year value: "202403" -> "2024-03".
std::string timeline_label(FacetKind kind, const std::string& value) {
    if (kind == FacetKind::Month && value.size() == 6) return value.substr(0, 4) + "-" + value.substr(4);
    return value;
}

}  // namespace

FacetCounter::FacetCounter(std::vector<FacetKind> kinds) : kinds_(std::move(kinds)), counts_(kinds_.size()) {}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    for (std::size_t i = 0; i < kinds_.size(); ++i) {
        FacetKind kind = kinds_[i];
        std::string value = doc.get_value(slot_of(kind));
        if (value.empty()) continue;  // undated, no actors, ...
        if (kind == FacetKind::Year) value.resize(4);
        if (is_list(kind)) {
            for (auto& name : schema::decode_list(value)) ++counts_[i][name];
        } else {
            ++counts_[i][value];
        }
    }
}

std::vector<Facet> FacetCounter::facets(unsigned limit) const {
    std::vector<Facet> out;
    for (std::size_t i = 0; i < kinds_.size(); ++i) {
        FacetKind kind = kinds_[i];
        Facet facet{kind, {}};
        for (const auto& [value, count] : counts_[i]) facet.values.push_back({value, count});
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
