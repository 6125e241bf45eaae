/** @file
 * @brief A batch's date filter: the publication days read from memory
 *        (batch_columns.h) instead of each candidate's date value or the
 *        posting lists of the terms tiling the range (query_translation.h),
 *        which cost far more than the range check itself: ~1 us a candidate
 *        (Xapian decodes its value chunk), up to ~60 posting lists opened.
 *        A date-ranged query in a batch then costs what it costs undated.
 */
#ifndef NEWSDEX_DATE_COLUMN_H
#define NEWSDEX_DATE_COLUMN_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "batch_columns.h"
#include "dates.h"

namespace newsdex {

/// The articles dated @p from to @p to (either open), read from the day
/// columns of @p columns, which must outlive every search of the query. With
/// @p include_undated, undated articles too. Local databases only (it is
/// not serialisable for xapian-tcpsrv).
Xapian::Query date_column_query(BatchColumns& columns, std::optional<Day> from, std::optional<Day> to,
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
    DateColumnSource(BatchColumns& columns, std::uint32_t low, std::uint32_t high);
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
    BatchColumns& columns_;
    std::uint32_t low_, high_;
    std::shared_ptr<const DayColumn> column_;
    std::pair<std::size_t, std::size_t> run_;  ///< column_->run(low_, high_)
    std::optional<std::vector<Xapian::docid>> list_;
    Xapian::docid did_ = 0;
};

}  // namespace newsdex

#endif  // NEWSDEX_DATE_COLUMN_H
