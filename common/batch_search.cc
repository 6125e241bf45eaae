/** @file
 * @brief Reading batch files and running their queries on worker threads.
 */
#include "batch_search.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "batch_columns.h"
#include "query_translation.h"

namespace newsdex {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::vector<BatchQuery> read_batch_queries(std::istream& in) {
    std::vector<BatchQuery> queries;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string_view text = trim(line);
        if (text.empty() || text.front() == '#') continue;
        BatchQuery query;
        query.line = number;
        std::size_t tab = line.find('\t');
        if (tab != std::string::npos) {
            query.id = std::string(trim(std::string_view(line).substr(0, tab)));
            query.query = std::string(trim(std::string_view(line).substr(tab + 1)));
        } else {
            query.query = std::string(text);
        }
        queries.push_back(std::move(query));
    }
    return queries;
}

void run_batch(const std::vector<std::string>& databases, const std::vector<BatchQuery>& queries,
               const SearchRequest& base, const HighlightMarkers& markers, unsigned jobs,
               const std::function<void(const BatchQuery&, const BatchAnswer&)>& emit) {
    jobs = std::max(1u, std::min<unsigned>(jobs, static_cast<unsigned>(queries.size())));
    // Answers wait here until every earlier one is emitted. With a core to
    // spare, the calling thread emits them while the workers search (output
    // overlaps searching); with every core searching, the worker holding
    // the next answer emits it and those after it that are ready, so that
    // no thread is woken per query only to print: measured on 2 cores,
    // --jobs 2 answered 8 % more queries a second that way, --jobs 1 5 %
    // fewer.
    const bool printer = jobs < std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::optional<BatchAnswer>> answers(queries.size());
    std::mutex mutex;
    std::condition_variable answered;  // for the printer
    std::size_t next_to_emit = 0;      // guarded by mutex
    bool emitting = false;             // guarded by mutex: a worker is emitting
    std::atomic<std::size_t> next_query{0};
    std::exception_ptr failure;
    // The batch's date filters, facet counts and sorts read each database's
    // columns once, shared by the threads, if the batch is large enough to
    // repay reading them (batch_columns.h).
    // Date filters need the day column sooner than the rest (BatchColumns).
    std::size_t dated = queries.size();
    if (!base.filters.from && !base.filters.to)
        dated = std::count_if(queries.begin(), queries.end(),
                              [](const BatchQuery& q) { return names_date_filter(q.query); });
    BatchColumns columns(queries.size(), !base.facets.empty(), dated);

    // Emits the ready answers in order, from next_to_emit on; @p lock holds
    // the mutex (released around each emit() call). If emit() throws, the
    // batch fails: nothing is emitted after it.
    auto emit_ready = [&](std::unique_lock<std::mutex>& lock) {
        while (next_to_emit < queries.size() && answers[next_to_emit] && !failure) {
            const std::size_t k = next_to_emit;
            BatchAnswer ready = std::move(*answers[k]);
            answers[k].reset();
            lock.unlock();
            emit(queries[k], ready);
            lock.lock();
            ++next_to_emit;
        }
    };
    auto worker = [&] {
        try {
            Searcher searcher(databases, &columns);  // each thread its own database handle
            for (std::size_t i; (i = next_query++) < queries.size();) {
                SearchRequest request = base;
                request.query = queries[i].query;
                BatchAnswer answer;
                answer.result = searcher.search(request, markers, answer.error);
                std::unique_lock lock(mutex);
                answers[i] = std::move(answer);
                if (printer) {
                    if (i == next_to_emit) answered.notify_one();
                } else if (!emitting) {
                    emitting = true;
                    emit_ready(lock);
                    emitting = false;
                }
            }
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            next_query = queries.size();  // stop the other workers
            answered.notify_one();
        }
    };

    std::vector<std::thread> threads;
    for (unsigned j = printer ? 0 : 1; j < jobs; ++j) threads.emplace_back(worker);
    if (printer) {
        try {
            std::unique_lock lock(mutex);
            while (next_to_emit < queries.size() && !failure) {
                answered.wait(lock, [&] { return answers[next_to_emit].has_value() || failure; });
                emit_ready(lock);
            }
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            next_query = queries.size();
        }
    } else {
        worker();  // the calling thread is one of the workers
    }
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace newsdex
