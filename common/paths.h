/** @file
 * @brief Where newsdex finds its database and its shipped data files.
 */
#ifndef NEWSDEX_PATHS_H
#define NEWSDEX_PATHS_H

#include <string>

namespace newsdex {

/// $NEWSDEX_DB if set and non-empty, else "./newsdex.db".
std::string default_database_path();

/// Directory holding the shipped gazetteers and boilerplate patterns:
/// $NEWSDEX_DATA_DIR if set, else the source tree's corpus/ directory.
std::string data_directory();

/// data_directory() + "/" + @p name.
std::string data_file(const std::string& name);

}  // namespace newsdex

#endif  // NEWSDEX_PATHS_H
