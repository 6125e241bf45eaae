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

/// Flushes standard output; false, after printing `PROGRAM: error: cannot
/// write to standard output: REASON` on stderr, when any of what was
/// written there is lost (disk full, a closed pipe with SIGPIPE ignored).
/// Both tools call it last, so that a script never takes a cut-off answer
/// for a whole one.
bool standard_output_written(const char* program);

}  // namespace newsdex

#endif  // NEWSDEX_CLI_ERRORS_H
