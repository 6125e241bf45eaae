/** @file
 * @brief What a newsdex database holds: counts, date span, top actors.
 */
#ifndef NEWSDEX_INDEX_STATS_H
#define NEWSDEX_INDEX_STATS_H

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "dates.h"

namespace newsdex {

using NameCount = std::pair<std::string, Xapian::doccount>;

struct IndexStats {
    Xapian::doccount articles = 0;
    Xapian::doccount undated = 0;
    std::optional<Day> first_date, last_date;  ///< unset when nothing is dated
    std::vector<NameCount> actors;     ///< most mentioned first
    std::vector<NameCount> places;
    std::vector<NameCount> sources;
    std::vector<NameCount> languages;
    std::vector<NameCount> years;      ///< chronological
    /// Near-duplicate groups of two or more articles, and the articles in
    /// them (duplicate_groups.h).
    Xapian::doccount duplicate_groups = 0;
    Xapian::doccount articles_in_duplicate_groups = 0;
};

/// Reads the statistics from the database's term lists (cheap: no document
/// is scanned except to fetch display names). Lists are cut to @p top_n
/// entries (years are never cut).
IndexStats collect_index_stats(const Xapian::Database& db, std::size_t top_n = 10);

/// The statistics of the latest commit of the database at @p path. An
/// indexer may commit while they are collected: then they are collected
/// again from the newer commit, as searches are (commit_race.h).
IndexStats latest_index_stats(const std::string& path, std::size_t top_n = 10);

}  // namespace newsdex

#endif  // NEWSDEX_INDEX_STATS_H
