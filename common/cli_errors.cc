/** @file
 * @brief The command-line tools' last-resort error line (see cli_errors.h).
 */
#include "cli_errors.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>

#include <xapian.h>

namespace newsdex {

void report_fatal_error(const char* program) {
    try {
        throw;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "%s: error: %s: %s\n", program, e.get_type(), e.get_msg().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", program, e.what());
    }
}

bool standard_output_written(const char* program) {
    const bool flushed = std::fflush(stdout) == 0;
    const int flush_error = errno;
    if (flushed && !std::ferror(stdout)) return true;
    // A write that failed before this flush left no errno behind.
    std::fprintf(stderr, "%s: error: cannot write to standard output: %s\n", program,
                 flushed ? "a write failed" : std::strerror(flush_error));
    return false;
}

}  // namespace newsdex
