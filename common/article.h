/** @file
 * @brief Article: one news item as read from a dump, before analysis.
 */
#ifndef NEWSDEX_ARTICLE_H
#define NEWSDEX_ARTICLE_H

#include <string>

namespace newsdex {

/// Where a record came from, for `file:line: error: ...` messages.
struct SourceLocation {
    std::string file;  ///< path as given on the command line, or "-" for stdin
    std::size_t line = 0;  ///< 1-based line where the record starts; 0 = whole file

    /// "file:line" (or just "file" when line is 0).
    std::string str() const {
        return line ? file + ":" + std::to_string(line) : file;
    }
};

/// A raw article as a reader produced it. All strings are UTF-8 (readers
/// repair or reject invalid input); empty means "not given".
struct Article {
    std::string id;      ///< explicit id field; empty = derive (url, path, hash)
    std::string title;
    std::string date;    ///< the date text as found; parsed during analysis
    bool date_is_timestamp = false;  ///< date came from a numeric field (Unix time)
    std::string source;
    std::string url;
    std::string lang;
    std::string text;
    std::string path;    ///< file the article came from (for display)
    /// True for formats holding one article per file (text): the path then
    /// identifies the article when it has no id or url.
    bool one_per_file = false;
    SourceLocation where;
};

}  // namespace newsdex

#endif  // NEWSDEX_ARTICLE_H
