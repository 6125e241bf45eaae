/** @file
 * @brief The one line on stderr with which both command-line tools end on
 *        an exception (STYLE.md: main turns errors into one clean line).
 */
#ifndef NEWSDEX_CLI_ERRORS_H
#define NEWSDEX_CLI_ERRORS_H

namespace newsdex {

/// Prints `PROGRAM: error: MESSAGE` on stderr for the exception being
/// handled; call it only inside a catch block. MESSAGE is a Xapian::Error's
/// type and message (`DatabaseCorruptError: …`), else what() of a
/// std::exception. Any other exception is rethrown. The caller picks the
/// exit status (2 for both tools) and handles the errors it words itself
/// (bad options, a database that does not open) in catch blocks before it.
void report_fatal_error(const char* program);

}  // namespace newsdex

#endif  // NEWSDEX_CLI_ERRORS_H
