/** @file
 * @brief Reading batch files and running their queries on worker threads.
 */
#include "batch_search.h"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

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
    std::vector<std::optional<BatchAnswer>> answers(queries.size());
    std::mutex mutex;
    std::condition_variable answered;
    std::atomic<std::size_t> next_query{0};
    std::exception_ptr failure;

    auto worker = [&] {
        try {
            Searcher searcher(databases);  // each thread its own database handle
            for (std::size_t i; (i = next_query++) < queries.size();) {
                SearchRequest request = base;
                request.query = queries[i].query;
                BatchAnswer answer;
                answer.result = searcher.search(request, markers, answer.error);
                std::lock_guard lock(mutex);
                answers[i] = std::move(answer);
                answered.notify_all();
            }
        } catch (...) {
            std::lock_guard lock(mutex);
            if (!failure) failure = std::current_exception();
            next_query = queries.size();  // stop the other workers
            answered.notify_all();
        }
    };

    std::vector<std::thread> threads;
    for (unsigned j = 0; j < jobs; ++j) threads.emplace_back(worker);
    // Print each answer as soon as all earlier ones are printed.
    for (std::size_t i = 0; i < queries.size(); ++i) {
        BatchAnswer answer;
        {
            std::unique_lock lock(mutex);
            answered.wait(lock, [&] { return answers[i].has_value() || failure; });
            if (!answers[i]) break;
            answer = std::move(*answers[i]);
            answers[i].reset();
        }
        emit(queries[i], answer);
    }
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace newsdex
