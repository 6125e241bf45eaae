/** @file
 * @brief Default locations of the database and of shipped data files.
 */
#include "paths.h"

#include <cstdlib>

#ifndef NEWSDEX_DEFAULT_DATA_DIR
#define NEWSDEX_DEFAULT_DATA_DIR "corpus"
#endif

namespace newsdex {

namespace {
std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value && *value ? value : fallback;
}
}  // namespace

std::string default_database_path() { return env_or("NEWSDEX_DB", "./newsdex.db"); }

std::string data_directory() { return env_or("NEWSDEX_DATA_DIR", NEWSDEX_DEFAULT_DATA_DIR); }

std::string data_file(const std::string& name) { return data_directory() + "/" + name; }

}  // namespace newsdex
