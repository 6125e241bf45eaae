/** @file
 * @brief expand_inputs(): command-line paths to the list of files to read.
 */
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "input_format.h"
#include "readers.h"

namespace newsdex {

namespace {

namespace fs = std::filesystem;

void report(const ErrorCallback& on_error, const std::string& path, std::string message) {
    on_error(ReadError{{path, 0}, std::move(message), false});
}

/// A directory's `.newsdexignore`: the names of files that are not
/// articles (gazetteers, pattern lists, notes) next to ones that are.
std::vector<std::string> read_ignore_patterns(const fs::path& directory) {
    std::vector<std::string> patterns;
    std::ifstream in(directory / ".newsdexignore");
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        std::size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        patterns.push_back(line.substr(start));
    }
    return patterns;
}

bool is_ignored(const std::string& name, const std::vector<std::string>& patterns) {
    for (const auto& pattern : patterns)
        if (fnmatch(pattern.c_str(), name.c_str(), FNM_PERIOD) == 0) return true;
    return false;
}

/// Walks @p directory depth-first in byte-wise name order, so that runs
/// are reproducible whatever order the file system lists entries in.
void walk(const fs::path& directory, std::vector<InputFile>& files,
          const ErrorCallback& on_error) {
    std::error_code error;
    fs::directory_iterator it(directory, error);
    if (error) {
        report(on_error, directory.string(), "cannot read directory: " + error.message());
        return;
    }
    std::vector<std::string> ignored = read_ignore_patterns(directory);
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(error)) {
        if (error) {
            report(on_error, directory.string(), "cannot read directory: " + error.message());
            break;
        }
        const std::string name = it->path().filename().string();
        if (name.starts_with('.')) continue;  // hidden
        if (is_ignored(name, ignored)) continue;
        entries.push_back(*it);
    }
    // std::string compares chars as unsigned: byte-wise order, as `LC_ALL=C ls`.
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.path().filename().native() < b.path().filename().native();
    });
    for (const auto& entry : entries) {
        // Symbolic links to directories are not followed: they can loop.
        if (entry.is_directory(error) && !entry.is_symlink(error)) {
            walk(entry.path(), files, on_error);
        } else if (entry.is_regular_file(error) &&
                   format_from_extension(entry.path().native()) != Format::Auto) {
            std::uintmax_t size = entry.file_size(error);
            files.push_back({entry.path().string(), error ? 0 : size});
        }
    }
}

}  // namespace

std::vector<InputFile> expand_inputs(const std::vector<std::string>& paths,
                                     const ErrorCallback& on_error) {
    std::vector<InputFile> files;
    for (const auto& path : paths) {
        if (path == "-") {
            files.push_back({path, 0});
            continue;
        }
        std::error_code error;
        fs::file_status status = fs::status(path, error);
        if (error || !fs::exists(status)) {
            report(on_error, path,
                   "cannot open: " +
                       (error ? error.message()
                              : std::make_error_code(std::errc::no_such_file_or_directory)
                                    .message()));
            continue;
        }
        if (fs::is_directory(status)) {
            walk(path, files, on_error);
            continue;
        }
        // Named explicitly: read whatever its extension (sniffed if need be).
        std::uintmax_t size = fs::is_regular_file(status) ? fs::file_size(path, error) : 0;
        files.push_back({path, error ? 0 : size});
    }
    return files;
}

}  // namespace newsdex
