/** @file
 * @brief The indexing pipeline: read -> analyse (on every core) -> write.
 *
 * Stages run on their own threads and talk through bounded queues, so memory
 * stays bounded whatever the input size:
 *   - one reader thread parses inputs into batches of Articles;
 *   - N analysis threads (one Analyzer each) turn batches into documents;
 *   - the calling thread hands results to the ArticleWriter (IndexWriter or
 *     ShardedIndexWriter) in input order
 *     (which decides, and writes through its shard writer threads) and
 *     commits.
 * Writing in input order keeps docids, messages and "last one wins" for
 * repeated IDs deterministic.
 */
#ifndef NEWSDEX_INDEXING_PIPELINE_H
#define NEWSDEX_INDEXING_PIPELINE_H

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "analyzer.h"
#include "article_writer.h"
#include "readers.h"

namespace newsdex {

/// Running totals of one indexing run.
struct IndexCounts {
    std::uint64_t read = 0;        ///< articles read from input
    std::uint64_t added = 0;
    std::uint64_t replaced = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t undated = 0;     ///< among added + replaced
    std::uint64_t errors = 0;      ///< records or inputs skipped with an error
    std::uint64_t warnings = 0;
    std::uint64_t deleted = 0;
    std::uint64_t not_found = 0;   ///< --delete IDs that were not there
    std::uint64_t commits = 0;
    std::uint64_t text_bytes = 0;  ///< title + text bytes analysed
};

/// Receives what the pipeline has to say. Called from the writing thread,
/// except report() which the reader thread also calls (implementations must
/// lock if they share state).
class IndexingObserver {
  public:
    virtual ~IndexingObserver() = default;
    /// A bad record or input (skipped), or a warning (kept).
    virtual void report(const ReadError& error) = 0;
    /// Called about every 100 ms while articles flow.
    virtual void progress(const IndexCounts& counts, std::uint64_t bytes_read,
                          std::uint64_t bytes_total, std::chrono::duration<double> elapsed) = 0;
};

/// Default PipelineOptions::commit_every (and --commit-every). A commit
/// stops reading and analysis while the shard writers drain their queues
/// and sync; fewer commits only lose more work to a kill. Measured: README,
/// "Choosing --commit-every".
inline constexpr std::uint64_t kDefaultCommitEvery = 100000;

struct PipelineOptions {
    ReadOptions read;
    unsigned analysis_threads = 0;                    ///< 0 = one per core
    std::uint64_t commit_every = kDefaultCommitEvery; ///< articles written between commits
    /// Memory limit in bytes (WriterOptions::memory_limit); bounds the
    /// batches in flight too. 0: batches of at most 8 MB.
    std::uint64_t memory_limit = 0;
};

/// Indexes @p inputs into @p writer, committing every commit_every articles
/// (or sooner, when ArticleWriter::should_commit()) and at the end, then
/// calls writer.finish(). Bad records are reported and counted, never fatal.
/// Throws (Xapian::Error, std::exception) only for failures of the database
/// itself; everything committed before the failure stays in the database.
IndexCounts run_indexing(const std::vector<InputFile>& inputs, const AnalysisConfig& analysis,
                         const PipelineOptions& options, ArticleWriter& writer,
                         IndexingObserver& observer);

}  // namespace newsdex

#endif  // NEWSDEX_INDEXING_PIPELINE_H
