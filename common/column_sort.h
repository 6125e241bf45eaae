/** @file
 * @brief The searcher's sort orders, and a batch's sort keys from its
 *        columns: the same orders without reading each candidate's values
 *        from Xapian.
 *
 * Every order breaks ties by article ID: relevance then ID, and date (newest
 * or oldest first, undated last) then ID. Xapian sorts by reading the sort
 * values of every candidate that could still reach the page, one
 * value-chunk lookup each (set_sort_by_relevance_then_value(), and a
 * MultiValueKeyMaker for the dates). In a batch the IDs and days are in
 * memory (batch_columns.h): ColumnSortKey makes the same keys from there.
 * Measured in batches of the bench's queries (5 each), per query:
 * Reuters-21578 mean 0.38 -> 0.34 ms, p95 0.72 -> 0.57 ms; headlines-250k
 * (whose one-word queries tie by the hundred) newest first p50 0.78 ->
 * 0.41 ms, p95 9.1 -> 4.5 ms. Reading the IDs costs a batch's first query
 * ~13 ms for 250k articles.
 */
#ifndef NEWSDEX_COLUMN_SORT_H
#define NEWSDEX_COLUMN_SORT_H

#include <memory>
#include <string>

#include <xapian.h>

#include "batch_columns.h"
#include "search_request.h"

namespace newsdex {

/// Sort keys for @p order over one local database's columns: with
/// set_sort_by_relevance_then_key() for SortOrder::Relevance (the key is
/// the article ID), else with set_sort_by_key_then_relevance() (the day,
/// four bytes big-endian, complemented for newest first, undated last
/// either way, then the ID). Not reversed in either case.
class ColumnSortKey : public Xapian::KeyMaker {
  public:
    /// @p days is needed for the date orders only.
    ColumnSortKey(SortOrder order, std::shared_ptr<const IdColumn> ids, std::shared_ptr<const DayColumn> days);
    std::string operator()(const Xapian::Document& doc) const override;

  private:
    SortOrder order_;
    std::shared_ptr<const IdColumn> ids_;
    std::shared_ptr<const DayColumn> days_;
};

/// Sets @p enquire to rank in @p order, ties by article ID, with keys from
/// @p columns (ColumnSortKey) when given (a batch over one local database,
/// @p db), else with Xapian's value sorts. Not for date orders over remote
/// shards, which know no KeyMaker (date_order.h).
void set_sort_order(Xapian::Enquire& enquire, SortOrder order, BatchColumns* columns, const Xapian::Database& db);

}  // namespace newsdex

#endif  // NEWSDEX_COLUMN_SORT_H
