/** @file
 * @brief The threaded read -> analyse -> write pipeline (see indexing_pipeline.h).
 */
#include "indexing_pipeline.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <semaphore>
#include <thread>

#include "bounded_queue.h"

namespace newsdex {

namespace {

// Articles travel in batches so that queue hand-offs are not per article.
constexpr std::size_t kBatchArticles = 64;
constexpr std::size_t kMaxBatchBytes = 8 << 20;

/// Text bytes per batch: the 4 * threads + 4 batches in flight, analysed
/// (which multiplies their size several times), get at most a quarter of
/// the memory limit.
std::size_t batch_bytes(std::uint64_t memory_limit, unsigned threads) {
    if (!memory_limit) return kMaxBatchBytes;
    const std::uint64_t share = memory_limit / 4 / (4 * threads + 4) / 8;
    return static_cast<std::size_t>(std::clamp<std::uint64_t>(share, 64 << 10, kMaxBatchBytes));
}

struct ArticleBatch {
    std::uint64_t seq = 0;
    std::vector<Article> articles;
};

struct ResultBatch {
    std::vector<AnalyzedArticle> results;
};

// Thrown through the reader's callback to abandon reading after a fatal
// error on the write side.
struct StopReading {};

class Pipeline {
  public:
    Pipeline(const std::vector<InputFile>& inputs, const AnalysisConfig& analysis,
             const PipelineOptions& options, ArticleWriter& writer, IndexingObserver& observer)
        : inputs_(inputs), analysis_(analysis), options_(options), writer_(writer),
          observer_(observer),
          threads_(options.analysis_threads ? options.analysis_threads
                                            : std::max(1u, std::thread::hardware_concurrency())),
          max_batch_bytes_(batch_bytes(options.memory_limit, threads_)),
          to_analyse_(2 * threads_ + 2),
          // Bounds the batches alive anywhere (queued, analysing, awaiting
          // their turn to be written), and with them the memory used.
          in_flight_(4 * threads_ + 4) {
        read_options_ = options.read;
        read_options_.bytes_read = &bytes_read_;
        for (const auto& input : inputs) bytes_total_ += input.size;
    }

    IndexCounts run() {
        start_ = std::chrono::steady_clock::now();
        std::thread reader([this] { read_all(); });
        std::vector<std::thread> analysts;
        for (unsigned i = 0; i < threads_; ++i) analysts.emplace_back([this] { analyse_all(); });

        std::exception_ptr failure;
        try {
            write_all();
        } catch (...) {
            failure = std::current_exception();
            stop();
        }
        reader.join();
        for (auto& t : analysts) t.join();
        if (!failure) failure = analysis_failure_;
        if (failure) std::rethrow_exception(failure);

        counts_.read = articles_read_;
        counts_.errors += read_errors_;
        counts_.warnings += read_warnings_;
        return counts_;
    }

  private:
    void stop() {
        stopping_ = true;
        to_analyse_.close();
        in_flight_.release(4 * threads_ + 4);  // unblock a reader waiting for room
        std::lock_guard lock(ready_mutex_);
        ready_changed_.notify_all();
    }

    void send(ArticleBatch& batch) {
        if (batch.articles.empty()) return;
        in_flight_.acquire();
        if (stopping_) throw StopReading();
        batch.seq = batches_sent_++;
        to_analyse_.push(std::move(batch));
        batch = ArticleBatch();
        batch_bytes_ = 0;
    }

    void read_all() {
        ArticleBatch batch;
        auto on_article = [&](Article&& article) {
            if (stopping_) throw StopReading();
            ++articles_read_;
            batch_bytes_ += article.text.size();
            batch.articles.push_back(std::move(article));
            if (batch.articles.size() >= kBatchArticles || batch_bytes_ >= max_batch_bytes_) send(batch);
        };
        auto on_error = [&](const ReadError& error) {
            if (error.is_warning) ++read_warnings_; else ++read_errors_;
            observer_.report(error);
        };
        try {
            for (const auto& input : inputs_) {
                if (stopping_) break;
                read_input(input, read_options_, on_article, on_error);
            }
            send(batch);
        } catch (const StopReading&) {
        } catch (...) {
            record_analysis_failure(std::current_exception());
        }
        {
            std::lock_guard lock(ready_mutex_);
            reading_done_ = true;
            ready_changed_.notify_all();
        }
        to_analyse_.close();
    }

    void analyse_all() {
        try {
            Analyzer analyzer(analysis_);
            while (auto batch = to_analyse_.pop()) {
                ResultBatch done;
                done.results.reserve(batch->articles.size());
                for (auto& article : batch->articles) done.results.push_back(analyzer.analyse(std::move(article)));
                std::lock_guard lock(ready_mutex_);
                ready_.emplace(batch->seq, std::move(done));
                ready_changed_.notify_all();
            }
        } catch (...) {
            record_analysis_failure(std::current_exception());
        }
    }

    void record_analysis_failure(std::exception_ptr e) {
        {
            std::lock_guard lock(ready_mutex_);
            if (!analysis_failure_) analysis_failure_ = e;
        }
        stop();
    }

    void write_all() {
        std::uint64_t since_commit = 0;
        auto last_progress = std::chrono::steady_clock::now();
        for (std::uint64_t next = 0;; ++next) {
            ResultBatch batch;
            {
                std::unique_lock lock(ready_mutex_);
                ready_changed_.wait(lock, [&] {
                    return ready_.count(next) || stopping_ || (reading_done_ && next >= batches_sent_);
                });
                if (stopping_ || !ready_.count(next)) break;
                batch = std::move(ready_.at(next));
                ready_.erase(next);
            }
            for (auto& result : batch.results) {
                write_one(std::move(result));
                // Every commit_every articles, or sooner when the pending
                // writes reach their share of the memory limit.
                if (++since_commit >= options_.commit_every || writer_.should_commit()) {
                    writer_.commit();
                    ++counts_.commits;
                    since_commit = 0;
                }
            }
            in_flight_.release();
            auto now = std::chrono::steady_clock::now();
            if (now - last_progress >= std::chrono::milliseconds(100)) {
                last_progress = now;
                report_progress();
            }
        }
        if (stopping_) return;
        writer_.commit();
        ++counts_.commits;
        writer_.finish();  // merges the shards into the database
        report_progress();
    }

    void write_one(AnalyzedArticle&& result) {
        counts_.text_bytes += result.text_bytes;
        for (const auto& warning : result.warnings) {
            ++counts_.warnings;
            observer_.report(warning);
        }
        if (!result.ok) {
            ++counts_.errors;
            observer_.report(result.error);
            return;
        }
        bool undated = !result.date;
        // In input order, on this one thread (ArticleWriter::write decides
        // and sets the near-duplicate group), so results do not depend on
        // which analysis thread finished first.
        switch (writer_.write(std::move(result))) {
            case WriteOutcome::Added: ++counts_.added; counts_.undated += undated; break;
            case WriteOutcome::Replaced: ++counts_.replaced; counts_.undated += undated; break;
            case WriteOutcome::Unchanged: ++counts_.unchanged; break;
            case WriteOutcome::Duplicate: ++counts_.duplicates; break;
        }
    }

    void report_progress() {
        IndexCounts snapshot = counts_;
        snapshot.read = articles_read_;
        observer_.progress(snapshot, bytes_read_, bytes_total_, std::chrono::steady_clock::now() - start_);
    }

    const std::vector<InputFile>& inputs_;
    const AnalysisConfig& analysis_;
    const PipelineOptions& options_;
    ArticleWriter& writer_;
    IndexingObserver& observer_;
    unsigned threads_;
    std::size_t max_batch_bytes_;
    ReadOptions read_options_;

    BoundedQueue<ArticleBatch> to_analyse_;
    std::counting_semaphore<> in_flight_;
    std::atomic<bool> stopping_{false};

    // Reader-thread state.
    std::size_t batch_bytes_ = 0;
    std::atomic<std::uint64_t> batches_sent_{0};
    std::atomic<std::uint64_t> articles_read_{0}, read_errors_{0}, read_warnings_{0};
    std::atomic<std::uint64_t> bytes_read_{0};
    std::uint64_t bytes_total_ = 0;

    // Analysed batches waiting for their turn to be written, by sequence.
    std::mutex ready_mutex_;
    std::condition_variable ready_changed_;
    std::map<std::uint64_t, ResultBatch> ready_;
    bool reading_done_ = false;
    std::exception_ptr analysis_failure_;

    IndexCounts counts_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace

IndexCounts run_indexing(const std::vector<InputFile>& inputs, const AnalysisConfig& analysis,
                         const PipelineOptions& options, ArticleWriter& writer,
                         IndexingObserver& observer) {
    Pipeline pipeline(inputs, analysis, options, writer, observer);
    return pipeline.run();
}

}  // namespace newsdex
