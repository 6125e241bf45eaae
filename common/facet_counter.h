/** @file
 * @brief Exact facet counts over a whole match set, with Xapian's built-in
 *        ValueCountMatchSpy, so remote shards count too.
 */
#ifndef NEWSDEX_FACET_COUNTER_H
#define NEWSDEX_FACET_COUNTER_H

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "search_request.h"

namespace newsdex {

class BatchColumns;

/// The ISO 8601 week of a "YYYYMMDD" day as "2024-W12" (the week-year may
/// differ from the calendar year: 2024-12-30 is "2025-W01"); "" when
/// malformed.
std::string iso_week_label(std::string_view yyyymmdd);

/// Counts, for each requested facet, the articles per value among every
/// document the matcher visits. Counts are exact only when the matcher visits
/// every match: run get_mset() with check_at_least >= the database size.
/// Multi-valued slots (actors, places) count an article once per value;
/// the actor-pair facet once per pair of distinct actors it names.
///
/// How: one spy per value slot the facets need (the actor list, the place
/// list, the date, source, language), counting each distinct value. Over
/// shards it is Xapian's ValueCountMatchSpy: xapian-tcpsrv knows it, so
/// each remote shard counts its own matches and Xapian merges the counts (a
/// custom MatchSpy would be refused there), and over local shards Xapian
/// 1.4 hands spies each shard's own docids. Over one local database the spy
/// reads the slot's value stream with one iterator moving forward, as the
/// matcher visits documents in docid order: ValueCountMatchSpy's
/// Document::get_value() finds and copies the value chunk for every match
/// in Xapian 1.4 (glass); facet p99 on 100k generated articles fell from
/// 8.6-11.4 to 6.2-6.5 ms, same counts (tested against ValueCountMatchSpy).
///
/// A list slot holds one value per article (all its names), so a spy counts
/// combinations, and each article adds exactly one to exactly one
/// combination: splitting the combinations into names (or pairs) and adding
/// their counts gives exact per-name (per-pair) counts. Day counts give
/// week, month and year counts the same way. Local and remote shards take
/// this one path, so their answers agree by construction.
///
/// In a batch the spies of one local database count from the batch's
/// columns (batch_columns.h) instead: one counter per distinct value of the
/// slot, added to by the match's docid, with no value read, copied or
/// hashed (the columns are read once per batch); the batch also splits each
/// distinct value into the facet's keys once (BatchColumns::facet_keys_of()),
/// so a query's counts are added up by key id.
class FacetCounter {
  public:
    /// Counts @p kinds from the value streams of @p local, the database the
    /// Enquire searches, which must be one local database (db.size() == 1,
    /// not remote), or from its columns in @p columns when given (which
    /// must outlive the counter); @p local nullptr: with Xapian's
    /// ValueCountMatchSpy.
    explicit FacetCounter(std::vector<FacetKind> kinds, const Xapian::Database* local = nullptr,
                          BatchColumns* columns = nullptr);
    ~FacetCounter();
    FacetCounter(const FacetCounter&) = delete;
    FacetCounter& operator=(const FacetCounter&) = delete;

    /// Adds the spies to @p enquire. The counter must outlive its get_mset().
    void attach(Xapian::Enquire& enquire);

    /// Counts @p doc as the matcher would (for tests without a database).
    void operator()(const Xapian::Document& doc);

    /// The @p limit most frequent values of each facet (ties by value);
    /// week, month and year facets take the top @p limit periods by count
    /// and list them in chronological order (all of them when limit is 0).
    /// Facets come back in the order they were requested.
    std::vector<Facet> facets(unsigned limit) const;

    /// The spy of one slot (facet_counter.cc).
    class SlotCounter;

  private:
    std::vector<FacetKind> kinds_;
    std::map<Xapian::valueno, std::unique_ptr<SlotCounter>> spies_;  // by slot
};

}  // namespace newsdex

#endif  // NEWSDEX_FACET_COUNTER_H
