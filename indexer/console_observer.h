/** @file
 * @brief How newsdex-index talks to its user: error lines, the live
 *        progress line, and the final summary.
 */
#ifndef NEWSDEX_INDEXER_CONSOLE_OBSERVER_H
#define NEWSDEX_INDEXER_CONSOLE_OBSERVER_H

#include <mutex>

#include "indexing_pipeline.h"

namespace newsdex {

class ConsoleObserver : public IndexingObserver {
  public:
    /// @p live_progress: redraw a progress line on stderr (a terminal only).
    explicit ConsoleObserver(bool live_progress) : live_progress_(live_progress) {}

    void report(const ReadError& error) override;
    void progress(const IndexCounts& counts, std::uint64_t bytes_read, std::uint64_t bytes_total,
                  std::chrono::duration<double> elapsed) override;
    /// Erases the progress line, if one is shown.
    void finish();

  private:
    void clear_line();

    std::mutex mutex_;
    bool live_progress_;
    bool line_shown_ = false;
};

/// "newsdex-index: 62 added, 0 replaced, ..." on stderr.
void print_summary(const IndexCounts& counts, Xapian::doccount total, double seconds);
/// The same as one JSON object on stdout (for scripts).
/// @p commit_seconds: the part of @p seconds spent committing.
void print_summary_json(const IndexCounts& counts, Xapian::doccount total, double seconds,
                        const std::string& database, double commit_seconds = 0);

}  // namespace newsdex

#endif  // NEWSDEX_INDEXER_CONSOLE_OBSERVER_H
