/** @file
 * @brief The publication day of every article, held in memory for a batch
 *        of queries, and the date filter that reads it.
 *
 * A date filter over a local database reads each candidate's date value
 * (DateValueSource) or opens the posting lists of the terms tiling the
 * range (query_translation.h). Either costs far more than the range check
 * itself: Xapian 1.4 finds a candidate's value by decoding its value chunk
 * from the start (~1 us a candidate measured on Reuters-21578), and a
 * tiling opens up to ~60 posting lists. A batch answers hundreds of
 * queries from the same databases, so it reads the date slot once, into
 * one array per database indexed by docid, and its date filters look the
 * day up there (a few ns a candidate): a date-ranged query then costs what
 * the same query costs undated. One query alone does not read the column:
 * for a rare word that is more work than the whole query.
 */
#ifndef NEWSDEX_DATE_COLUMN_H
#define NEWSDEX_DATE_COLUMN_H

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "dates.h"

namespace newsdex {

/// The publication days of one database's articles, as YYYYMMDD numbers.
struct DayColumn {
    /// By docid (index 0 unused); 0: undated or no such document.
    std::vector<std::uint32_t> by_docid;
    /// The dated articles ordered by day (then docid): their days, and in
    /// the same order their docids. A range of days is a run of both: its
    /// exact size for Xapian's estimates, and its articles.
    std::vector<std::uint32_t> sorted_days;
    std::vector<Xapian::docid> docids_by_day;
    /// Where the articles dated @p low to @p high inclusive lie in
    /// sorted_days and docids_by_day: [first, second).
    std::pair<std::size_t, std::size_t> run(std::uint32_t low, std::uint32_t high) const;
};

/// The day columns of the databases a batch searches, each read on first
/// use and shared by the batch's threads. Thread-safe.
class DateColumns {
  public:
    /// The column of @p db, one local database (not a set of shards), as of
    /// its open revision: read from its date slot the first time it is asked
    /// for, then shared.
    std::shared_ptr<const DayColumn> column_of(const Xapian::Database& db);

  private:
    std::mutex mutex_;
    /// By database UUID and revision: a reopened database gets its own.
    std::map<std::string, std::shared_ptr<const DayColumn>> columns_;
};

/// The articles dated @p from to @p to (either open), read from the day
/// columns of @p columns, which must outlive every search of the query. With
/// @p include_undated, undated articles too. Local databases only (it is
/// not serialisable for xapian-tcpsrv).
Xapian::Query date_column_query(DateColumns& columns, std::optional<Day> from, std::optional<Day> to,
                                bool include_undated);

/// The posting source of date_column_query(): every dated article with a day
/// in [low, high]. Its term frequency is exact (DayColumn::run()), so
/// Xapian's estimates are as good as the tiling's terms give, and the rarer
/// of the query's words and the range drives the match: the words, with
/// each of their candidates looked up (check()), or the range, listed
/// (next()) from the column (a wide range) or from its run of docids,
/// sorted (a narrow one: a day of a million articles).
class DateColumnSource : public Xapian::PostingSource {
  public:
    DateColumnSource(DateColumns& columns, std::uint32_t low, std::uint32_t high);
    void init(const Xapian::Database& db) override;
    void next(double min_wt) override;
    void skip_to(Xapian::docid did, double min_wt) override;
    bool check(Xapian::docid did, double min_wt) override;
    bool at_end() const override;
    Xapian::docid get_docid() const override;
    Xapian::doccount get_termfreq_min() const override;
    Xapian::doccount get_termfreq_est() const override;
    Xapian::doccount get_termfreq_max() const override;
    Xapian::PostingSource* clone() const override;
    std::string get_description() const override;

  private:
    /// low_ >= 1, so an undated article's 0 wraps round to the top and
    /// falls outside: one comparison a document.
    bool in_range(std::uint32_t day) const { return day - low_ <= high_ - low_; }
    /// The range's docids in ascending order, made on first use, when the
    /// range is narrow enough that sorting them costs less than scanning the
    /// column; else nullptr.
    const std::vector<Xapian::docid>* listed();
    DateColumns& columns_;
    std::uint32_t low_, high_;
    std::shared_ptr<const DayColumn> column_;
    std::pair<std::size_t, std::size_t> run_;  ///< column_->run(low_, high_)
    std::optional<std::vector<Xapian::docid>> list_;
    Xapian::docid did_ = 0;
};

}  // namespace newsdex

#endif  // NEWSDEX_DATE_COLUMN_H
