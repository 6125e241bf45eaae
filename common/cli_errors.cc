/** @file
 * @brief The command-line tools' last-resort error line (see cli_errors.h).
 */
#include "cli_errors.h"

#include <cstdio>
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

}  // namespace newsdex
