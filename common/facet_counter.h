/** @file
 * @brief Exact facet counts over a whole match set, with a Xapian MatchSpy.
 */
#ifndef NEWSDEX_FACET_COUNTER_H
#define NEWSDEX_FACET_COUNTER_H

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "search_request.h"

namespace newsdex {

/// The ISO 8601 week of a "YYYYMMDD" day as "2024-W12" (the week-year may
/// differ from the calendar year: 2024-12-30 is "2025-W01"); "" when
/// malformed.
std::string iso_week_label(std::string_view yyyymmdd);

/// Counts, for each requested facet, the articles per value among every
/// document the matcher visits. Counts are exact only when the matcher visits
/// every match: run get_mset() with check_at_least >= the database size.
/// Multi-valued slots (actors, places) count an article once per value;
/// the actor-pair facet once per pair of distinct actors it names.
class FacetCounter : public Xapian::MatchSpy {
  public:
    explicit FacetCounter(std::vector<FacetKind> kinds);

    void operator()(const Xapian::Document& doc, double weight) override;

    /// The @p limit most frequent values of each facet (ties by value);
    /// month and year facets in chronological order instead (all of them
    /// when limit is 0). Facets come back in the order they were requested.
    std::vector<Facet> facets(unsigned limit) const;

  private:
    std::vector<FacetKind> kinds_;
    std::vector<std::unordered_map<std::string, unsigned>> counts_;  // parallel to kinds_
};

}  // namespace newsdex

#endif  // NEWSDEX_FACET_COUNTER_H
