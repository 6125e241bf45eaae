/** @file
 * @brief Near-duplicate groups: which group a newly indexed article joins,
 *        and how many groups a database holds.
 *
 * A group is named by its key, the ID of the first article indexed in it.
 * When an article is written, its LSH bands find the indexed articles
 * that might be copies; those whose estimated similarity reaches
 * kDuplicateThreshold are copies, and the article joins the group of the
 * most similar one (ties: the earliest indexed). Otherwise it starts a group
 * of its own. The key goes into a value slot, which the searcher hands to
 * Xapian's collapse (Enquire::set_collapse_key), and into an XG term, which
 * `--expand` looks up. Since keys are only ever assigned when an article is
 * written, re-indexing unchanged articles changes no group.
 */
#ifndef NEWSDEX_DUPLICATE_GROUPS_H
#define NEWSDEX_DUPLICATE_GROUPS_H

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyzer.h"

namespace newsdex {

/// Looks at most at this many articles per band: a band shared by
/// thousands of articles comes from a shingle every story contains, and the
/// other seven bands still find real copies.
inline constexpr Xapian::doccount kMaxCandidatesPerBand = 64;

/// Assigns group keys to the articles of one indexing run, in input order.
///
/// The bands are not indexed: eight near-unique terms per article were a
/// fifth of Xapian's write time on news articles and a third on headlines
/// (bench/README.md). Instead the grouper reads the stored signatures of
/// the articles in the database when the run begins (one pass over a value
/// slot) into a sorted table of their bands, 64 bytes an article (64 MB per
/// million), and keeps the bands, signatures and keys of this run's own
/// articles in memory: about 300 bytes per article plus its ID (about
/// 250 MB for the 830,903 headlines of 2013).
class DuplicateGrouper {
  public:
    /// Loads the bands of the articles already in @p db (one pass over
    /// their stored signatures).
    explicit DuplicateGrouper(const Xapian::Database& db);
    ~DuplicateGrouper();
    DuplicateGrouper(const DuplicateGrouper&) = delete;
    DuplicateGrouper& operator=(const DuplicateGrouper&) = delete;

    /// Sets @p article's group key (value slot and XG term, schema.h) from
    /// the articles in @p db, which must be the database the grouper was
    /// made for, and those this grouper saw before. @p kept_key, when not
    /// null or empty, is the group of the article's stored version with the
    /// same content (an unchanged article keeps it). The article's own
    /// previous version (same ID) is never its own duplicate. An article
    /// without a signature (too short) is its own group. Returns the key.
    std::string assign(const Xapian::Database& db, AnalyzedArticle& article, const std::string* kept_key);

    /// Documents of the database that assign() must not consider, given
    /// their docid there and the document: stale copies a sharded writer
    /// deletes at its next commit (sharded_index_writer.h). Default: none.
    using SkipDocument = std::function<bool(Xapian::docid, const Xapian::Document&)>;
    void set_skip(SkipDocument skip);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// The group key of the article with @p id_term, or "" when there is none.
std::string duplicate_group_of(const Xapian::Database& db, const std::string& id_term);

struct DuplicateGroupCounts {
    Xapian::doccount groups = 0;    ///< groups with two or more articles
    Xapian::doccount articles = 0;  ///< articles in those groups
};

/// Counts groups from XG term frequencies (no document is read).
DuplicateGroupCounts count_duplicate_groups(const Xapian::Database& db);

}  // namespace newsdex

#endif  // NEWSDEX_DUPLICATE_GROUPS_H
