/** @file
 * @brief Newest/oldest-first results without a Xapian::KeyMaker, for
 *        collections with remote shards.
 *
 * Locally the searcher sorts by (date, article ID) with a
 * MultiValueKeyMaker. xapian-tcpsrv cannot sort with a KeyMaker ("KeyMaker
 * not supported for the remote backend"), only by one value slot; ties
 * would then fall to document IDs, which interleave differently in every
 * split of a collection. date_ordered_matches() gives the same order from
 * plain value sorts: a sort by the date slot finds the days the page spans,
 * then each of those days is sorted by the ID slot.
 */
#ifndef NEWSDEX_DATE_ORDER_H
#define NEWSDEX_DATE_ORDER_H

#include <vector>

#include <xapian.h>

namespace newsdex {

/// One match in date order.
struct OrderedMatch {
    Xapian::docid docid = 0;
    double weight = 0;  ///< BM25 for @p query, as in an MSet of it
};

/// The first @p wanted matches of @p query in @p db ordered by date (newest
/// first when @p newest, else oldest first; undated articles last either
/// way), ties by article ID ascending, weighted with @p weighting. With @p collapse, one match per
/// near-duplicate group: its member that comes first in that order, as
/// Xapian's collapse does under the same sort. Weights are BM25 (0 for
/// boolean queries). Costs one search plus one per day the result spans.
std::vector<OrderedMatch> date_ordered_matches(const Xapian::Database& db, const Xapian::Query& query,
                                               const Xapian::Weight& weighting, bool newest, bool collapse,
                                               Xapian::doccount wanted);

}  // namespace newsdex

#endif  // NEWSDEX_DATE_ORDER_H
