/** @file
 * @brief Running searches against one or more newsdex databases.
 */
#ifndef NEWSDEX_SEARCHER_H
#define NEWSDEX_SEARCHER_H

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "database_set.h"
#include "search_request.h"

namespace newsdex {

class BatchColumns;

/// Strings the searcher wraps around matched words in snippets.
struct HighlightMarkers {
    std::string start = "**";
    std::string end = "**";
};

/// A database that cannot be searched: missing, unreachable, not a newsdex
/// database, or written by another schema version. what() is one line for
/// the user.
using SearcherOpenError = DatabaseOpenError;

/// Searches one collection made of one or more databases (each a directory,
/// a Xapian stub file, or tcp://HOST:PORT of a xapian-tcpsrv: see
/// database_set.h) as shards of one. Read-only: it never writes to a
/// database. Not thread-safe: make one per thread.
class Searcher {
  public:
    /// Opens the databases. Throws SearcherOpenError. With @p columns
    /// (which must outlive the searcher), date filters and facet counts
    /// over local databases read the columns it holds (batch_columns.h):
    /// for a batch, whose searchers share one.
    explicit Searcher(const std::vector<std::string>& databases, BatchColumns* columns = nullptr);
    ~Searcher();
    Searcher(const Searcher&) = delete;
    Searcher& operator=(const Searcher&) = delete;

    /// Runs @p request. Returns std::nullopt and fills @p error when the
    /// query or a filter is invalid (nothing is searched). A search racing
    /// with an indexer's commit is retried on the newer state, so it never
    /// fails because of one.
    std::optional<SearchResult> search(const SearchRequest& request, const HighlightMarkers& markers,
                                       QueryError& error);

    /// Articles in the collection.
    Xapian::doccount size() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex

#endif  // NEWSDEX_SEARCHER_H
