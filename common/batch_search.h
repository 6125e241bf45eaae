/** @file
 * @brief Batch mode: many saved queries against one collection, on N threads,
 *        answered in input order.
 */
#ifndef NEWSDEX_BATCH_SEARCH_H
#define NEWSDEX_BATCH_SEARCH_H

#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "search_request.h"
#include "searcher.h"

namespace newsdex {

/// One query of a batch file.
struct BatchQuery {
    std::size_t line = 0;  ///< 1-based line in the batch file
    std::string id;        ///< the part before a TAB, or "" when none
    std::string query;
};

/// Reads a batch file: one query per line, optionally "ID<TAB>query".
/// Blank lines and lines whose first non-blank character is '#' are skipped.
/// Trailing CR (CRLF files) and surrounding spaces are removed.
std::vector<BatchQuery> read_batch_queries(std::istream& in);

/// The answer to one batch query: a result, or the error that stopped it.
struct BatchAnswer {
    std::optional<SearchResult> result;
    QueryError error;
};

/// Runs every query with the options of @p base (its query text replaced),
/// on @p jobs threads (the calling one among them) each with its own
/// Searcher over @p databases. Calls @p emit once per query, in input
/// order, one call at a time, from whichever thread is free to (the calls
/// never overlap, so @p emit needs no lock of its own).
/// Throws SearcherOpenError if a database cannot be opened.
void run_batch(const std::vector<std::string>& databases, const std::vector<BatchQuery>& queries,
               const SearchRequest& base, const HighlightMarkers& markers, unsigned jobs,
               const std::function<void(const BatchQuery&, const BatchAnswer&)>& emit);

}  // namespace newsdex

#endif  // NEWSDEX_BATCH_SEARCH_H
