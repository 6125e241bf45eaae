/** @file
 * @brief Database statistics from boolean term frequencies.
 */
#include "index_stats.h"

#include <algorithm>
#include <optional>

#include "collection_terms.h"
#include "commit_race.h"
#include "duplicate_groups.h"
#include "schema.h"

namespace newsdex {

namespace {

// Boolean terms hold normalised (lower-case) names; the display form is in
// the matching value slot of any document carrying the term.
std::string display_name(const Xapian::Database& db, const std::string& term,
                         std::string_view prefix, Xapian::valueno slot, bool is_list) {
    std::string normalised = term.substr(prefix.size());
    Xapian::PostingIterator p = db.postlist_begin(term);
    if (p == db.postlist_end(term)) return normalised;
    std::string value = db.get_document(*p).get_value(slot);
    std::vector<std::string> names = is_list ? schema::decode_list(value) : std::vector<std::string>{value};
    for (const auto& name : names)
        if (schema::boolean_term(prefix, name) == term) return name;
    return normalised;
}

std::vector<NameCount> top_terms(const Xapian::Database& db, std::string_view prefix,
                                 Xapian::valueno slot, bool is_list, std::size_t top_n) {
    std::vector<std::pair<std::string, Xapian::doccount>> terms;
    for_each_term(db, std::string(prefix),
                  [&](const std::string& term, Xapian::doccount articles) { terms.emplace_back(term, articles); });
    std::stable_sort(terms.begin(), terms.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (terms.size() > top_n) terms.resize(top_n);
    std::vector<NameCount> out;
    for (const auto& [term, count] : terms) out.emplace_back(display_name(db, term, prefix, slot, is_list), count);
    return out;
}

}  // namespace

IndexStats collect_index_stats(const Xapian::Database& db, std::size_t top_n) {
    using namespace schema;
    IndexStats stats;
    stats.articles = db.get_doccount();
    stats.undated = db.get_termfreq(kTermUndated);

    const CollectionDays days = collection_days(db);
    stats.first_date = days.first;
    stats.last_date = days.last;
    for_each_term(db, kPrefixYear, [&](const std::string& term, Xapian::doccount articles) {
        stats.years.emplace_back(term.substr(std::string_view(kPrefixYear).size()), articles);
    });

    stats.actors = top_terms(db, kPrefixActor, kSlotActors, true, top_n);
    stats.places = top_terms(db, kPrefixPlace, kSlotPlaces, true, top_n);
    stats.sources = top_terms(db, kPrefixSource, kSlotSource, false, top_n);
    stats.languages = top_terms(db, kPrefixLang, kSlotLang, false, top_n);
    const DuplicateGroupCounts groups = count_duplicate_groups(db);
    stats.duplicate_groups = groups.groups;
    stats.articles_in_duplicate_groups = groups.articles;
    return stats;
}

IndexStats latest_index_stats(const std::string& path, std::size_t top_n) {
    std::optional<Xapian::Database> db;
    return retry_commit_races(
        [&] {
            if (!db) db.emplace(path);
            return collect_index_stats(*db, top_n);
        },
        [&] { db.reset(); });
}

}  // namespace newsdex
