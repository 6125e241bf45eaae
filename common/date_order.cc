/** @file
 * @brief date_ordered_matches(): (date, ID) order from single-slot sorts.
 */
#include "date_order.h"

#include <unordered_set>

#include "schema.h"

namespace newsdex {

namespace {

Xapian::Enquire make_enquire(const Xapian::Database& db, const Xapian::Query& query,
                             const Xapian::Weight& weighting, bool collapse) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weighting);
    if (collapse) enquire.set_collapse_key(schema::kSlotDupGroup);
    return enquire;
}

}  // namespace

std::vector<OrderedMatch> date_ordered_matches(const Xapian::Database& db, const Xapian::Query& query,
                                               const Xapian::Weight& weighting, bool newest, bool collapse,
                                               Xapian::doccount wanted) {
    std::vector<OrderedMatch> out;
    if (wanted == 0) return out;
    // The days the first `wanted` dated matches (groups) fall on, in order.
    // Within a day this order is by document ID, which is why each day is
    // fetched again below.
    const Xapian::Query undated(schema::kTermUndated);
    const Xapian::Query dated(Xapian::Query::OP_AND_NOT, query, undated);
    Xapian::Enquire by_day = make_enquire(db, dated, weighting, collapse);
    by_day.set_sort_by_value(schema::kSlotDate, newest);
    const Xapian::MSet days_mset = by_day.get_mset(0, wanted);
    std::vector<std::string> days;
    for (auto item = days_mset.begin(); item != days_mset.end(); ++item) {
        std::string day = item.get_sort_key();  // the date slot, sent with the MSet
        if (days.empty() || days.back() != day) days.push_back(std::move(day));
    }
    // Fewer dated matches than wanted: the undated ones follow.
    if (days_mset.size() < wanted) days.push_back("");

    // Each day sorted by article ID. A group belongs to the first day (in
    // order) on which one of its members matches; its member there with the
    // lowest ID represents it, exactly as Xapian's collapse picks the member
    // that sorts first by (date, ID).
    std::unordered_set<std::string> groups_seen;
    for (const auto& day : days) {
        const Xapian::Query on_day = day.empty() ? undated : Xapian::Query(schema::kPrefixDay + day);
        const Xapian::Query day_matches(Xapian::Query::OP_FILTER, query, on_day);
        Xapian::Enquire by_id = make_enquire(db, day_matches, weighting, collapse);
        by_id.set_sort_by_value_then_relevance(schema::kSlotId, false);
        const Xapian::doccount need = wanted - static_cast<Xapian::doccount>(out.size());
        const Xapian::MSet mset = by_id.get_mset(0, need + static_cast<Xapian::doccount>(groups_seen.size()));
        for (auto item = mset.begin(); item != mset.end() && out.size() < wanted; ++item) {
            if (collapse) {
                const std::string key = item.get_collapse_key();
                if (!key.empty() && !groups_seen.insert(key).second) continue;
            }
            out.push_back({*item, item.get_weight()});
        }
        if (out.size() >= wanted) break;
    }
    return out;
}

}  // namespace newsdex
