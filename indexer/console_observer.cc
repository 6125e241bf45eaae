/** @file
 * @brief Progress line, error lines and summary of newsdex-index.
 */
#include "console_observer.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace newsdex {

namespace {

std::string with_thousands(std::uint64_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string clock_time(double seconds) {
    long s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

}  // namespace

void ConsoleObserver::clear_line() {
    if (line_shown_) std::fputs("\r\033[K", stderr);
    line_shown_ = false;
}

void ConsoleObserver::report(const ReadError& error) {
    std::lock_guard lock(mutex_);
    clear_line();
    std::fprintf(stderr, "newsdex-index: %s: %s: %s\n", error.where.str().c_str(),
                 error.is_warning ? "warning" : "error", error.message.c_str());
}

void ConsoleObserver::progress(const IndexCounts& counts, std::uint64_t bytes_read,
                               std::uint64_t bytes_total, std::chrono::duration<double> elapsed) {
    if (!live_progress_) return;
    std::lock_guard lock(mutex_);
    double seconds = std::max(elapsed.count(), 1e-3);
    std::string line = with_thousands(counts.read) + " articles  " +
                       with_thousands(static_cast<std::uint64_t>(counts.read / seconds)) + "/s  ";
    char mbs[32];
    std::snprintf(mbs, sizeof mbs, "%.1f MB/s", bytes_read / seconds / 1e6);
    line += mbs;
    if (bytes_total > 0 && bytes_read > 0 && bytes_read <= bytes_total) {
        double eta = seconds * (bytes_total - bytes_read) / bytes_read;
        line += "  " + std::to_string(100 * bytes_read / bytes_total) + "%  ETA " + clock_time(eta);
    }
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    line_shown_ = true;
}

void ConsoleObserver::finish() {
    std::lock_guard lock(mutex_);
    clear_line();
}

void print_summary(const IndexCounts& c, Xapian::doccount total, double seconds) {
    std::fprintf(stderr,
                 "newsdex-index: %s added, %s replaced, %s unchanged, %s duplicates skipped, "
                 "%s undated, %s skipped with errors",
                 with_thousands(c.added).c_str(), with_thousands(c.replaced).c_str(),
                 with_thousands(c.unchanged).c_str(), with_thousands(c.duplicates).c_str(),
                 with_thousands(c.undated).c_str(), with_thousands(c.errors).c_str());
    if (c.deleted || c.not_found)
        std::fprintf(stderr, ", %s deleted, %s not found", with_thousands(c.deleted).c_str(),
                     with_thousands(c.not_found).c_str());
    std::fprintf(stderr, " in %.2f s; the database holds %s articles\n", seconds,
                 with_thousands(total).c_str());
}

void print_summary_json(const IndexCounts& c, Xapian::doccount total, double seconds,
                        const std::string& database, double commit_seconds) {
    nlohmann::json summary = {
        {"database", database},     {"read", c.read},         {"added", c.added},
        {"replaced", c.replaced},   {"unchanged", c.unchanged}, {"duplicates", c.duplicates},
        {"undated", c.undated},     {"errors", c.errors},     {"warnings", c.warnings},
        {"deleted", c.deleted},     {"not_found", c.not_found}, {"commits", c.commits},
        {"text_bytes", c.text_bytes}, {"elapsed_s", seconds},  {"total_articles", total},
        {"commit_s", commit_seconds},
    };
    std::printf("%s\n", summary.dump().c_str());
}

}  // namespace newsdex
