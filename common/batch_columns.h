/** @file
 * @brief Columns of value slots held in memory for a batch of queries: the
 *        publication days (date filters, date orders), the facet slots'
 *        values (facet counts) and the article IDs (every order's
 *        tie-breaker), each read once per database and shared.
 *
 * Xapian 1.4 finds a document's value by decoding its value chunk (~1 us
 * a document measured on Reuters-21578 for a date filter's candidates);
 * a facet count reads the value of every match through a value stream
 * (decoding, copying and hashing it). A batch answers hundreds of queries
 * from the same databases, so it reads each slot it needs once, into an
 * array indexed by docid, and its date filters (date_column.h), facet
 * counts (facet_counter.h) and sorts (column_sort.h) look documents up
 * there. One query alone reads
 * no column: for a rare word that is more work than the whole query; nor
 * does a batch too small for its databases (columns_worth_reading()).
 */
#ifndef NEWSDEX_BATCH_COLUMNS_H
#define NEWSDEX_BATCH_COLUMNS_H

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <xapian.h>

#include "dates.h"

namespace newsdex {

/// @p day as the number YYYYMMDD, the form a DayColumn holds (the date
/// slot's "YYYYMMDD" read as a number: in the same order).
std::uint32_t day_number(const Day& day);

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

/// One value slot of a database, its values interned: a facet count adds
/// one to a counter per match instead of hashing the match's value.
struct ValueColumn {
    /// By docid (index 0 unused): the index of the document's value in
    /// values; 0 when it has none (or is no document).
    std::vector<std::uint32_t> by_docid;
    /// The slot's distinct values; values[0] is "" (no value).
    std::vector<std::string> values;
};

/// A ValueColumn's values split into the keys one facet counts (the names
/// of an actor list, its pairs, the month of a day), interned: a batch's
/// facet counts add integers per distinct value instead of splitting and
/// hashing each value again for every query.
struct FacetKeys {
    /// The column split (whose value ids index first).
    std::shared_ptr<const ValueColumn> column;
    /// By key id: the key, as the facet counts it.
    std::vector<std::string> keys;
    /// The key ids of value id v are key_ids[first[v]] to key_ids[first[v + 1]].
    std::vector<std::uint32_t> first;
    std::vector<std::uint32_t> key_ids;
};

/// How a facet splits one value into the keys it counts (appended to the
/// vector, which comes empty).
using SplitValue = std::function<void(const std::string& value, std::vector<std::string>& keys)>;

/// One database's article IDs (schema::kSlotId), the tie-breaker of every
/// ranking: a batch's sort takes them from here instead of reading each
/// candidate's from Xapian's value chunks.
struct IdColumn {
    /// By docid (index 0 unused); "" when it has none (or is no document).
    std::vector<std::string> by_docid;
};

/// Whether a batch of @p queries searches (counting facets or not) over
/// @p articles gains by reading the columns. Reading them costs about a
/// value read per article (~0.12 s for the IDs of a million, ~0.12 s more
/// for the days and an actor slot), once; a search saves value reads on its
/// matches only: a few milliseconds for a broad faceted query over a
/// million articles, a few tenths for the sort keys of a plain one.
/// Measured on 2 cores: over a million generated articles one faceted
/// query took 298 ms with the columns against 59 without, 100 took 0.83 s
/// against 1.88; 100 plain ones 0.51 s against 0.39 and 500 1.64 against
/// 1.96 (headlines-830k alike). Hence one faceted query per 20,000
/// articles, one plain query per 2,000.
bool columns_worth_reading(std::size_t queries, bool facets, Xapian::doccount articles);

/// Whether the publication dates of @p db's articles mostly follow their
/// docids, as a dump read in date order (or in weekly dumps) leaves them,
/// judged from 64 articles evenly spaced in docid order: the days between
/// neighbours add up to at most 8 times the days from the earliest to the
/// latest (a uniform scatter: ~21). True when fewer than two are dated.
///
/// It decides what a date range costs: the terms tiling a range (date
/// filters, query_translation.cc) then index a run of neighbouring docids,
/// and Xapian's AND skips the query's other posting lists past everything
/// outside it (a range over headlines-830k costs a fifth of its undated
/// query). When the dates are scattered over the docids (an archive
/// indexed in no date order; the bench's generated articles) every term of
/// the tiling interleaves with every candidate: over a million such
/// articles a date-ranged query took 1.7-1.9x its undated self.
bool dates_follow_docids(const Xapian::Database& db);

/// The columns of the databases a batch searches, each read on first use
/// and shared by the batch's threads. Thread-safe.
class BatchColumns {
  public:
    /// Columns for a batch of @p queries searches, with facet counts or not,
    /// @p dated_queries of them filtered by date (see worth_reading() and
    /// day_column_worth_reading()); by default, for any database.
    explicit BatchColumns(std::size_t queries = SIZE_MAX, bool facets = true, std::size_t dated_queries = 0)
        : queries_(queries), facets_(facets), dated_queries_(dated_queries) {}

    /// Whether the batch's searches of @p db should read its columns
    /// (columns_worth_reading()) or, like one search alone, Xapian's values.
    bool worth_reading(const Xapian::Database& db) const {
        return columns_worth_reading(queries_, facets_, db.get_doccount());
    }

    /// Whether the batch's date filters on @p db should read its day column
    /// (DateColumnSource): whenever its columns are worth reading, and also
    /// for one date-filtered query per 20,000 articles when the dates do not
    /// follow the docids (dates_follow_docids()), where Xapian's own ways of
    /// filtering a range cost most. Samples @p db's dates (64 value reads)
    /// when the batch has enough dated queries for it to matter.
    bool day_column_worth_reading(const Xapian::Database& db) const;

    /// The days of @p db, one local database (not a set of shards), as of
    /// its open revision: read from its date slot the first time they are
    /// asked for, then shared.
    std::shared_ptr<const DayColumn> day_column_of(const Xapian::Database& db);
    /// Slot @p slot of @p db, likewise.
    std::shared_ptr<const ValueColumn> value_column_of(const Xapian::Database& db, Xapian::valueno slot);
    /// The article IDs of @p db, likewise.
    std::shared_ptr<const IdColumn> id_column_of(const Xapian::Database& db);
    /// The values of @p column (value_column_of(@p db, @p slot)) split by
    /// @p split, facet number @p facet's way, likewise. Split again, and
    /// not kept, when @p column is not the one kept for @p db's revision
    /// (@p db reopened since @p column was read).
    std::shared_ptr<const FacetKeys> facet_keys_of(const Xapian::Database& db, Xapian::valueno slot, int facet,
                                                   const std::shared_ptr<const ValueColumn>& column,
                                                   const SplitValue& split);

  private:
    std::size_t queries_;
    bool facets_;
    std::size_t dated_queries_;
    std::mutex mutex_;
    /// By database UUID and revision (a reopened database gets its own),
    /// and slot.
    std::map<std::string, std::shared_ptr<const DayColumn>> days_;
    std::map<std::pair<std::string, Xapian::valueno>, std::shared_ptr<const ValueColumn>> values_;
    std::map<std::string, std::shared_ptr<const IdColumn>> ids_;
    std::map<std::tuple<std::string, Xapian::valueno, int>, std::shared_ptr<const FacetKeys>> facet_keys_;
};

}  // namespace newsdex

#endif  // NEWSDEX_BATCH_COLUMNS_H
