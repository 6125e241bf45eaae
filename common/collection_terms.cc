/** @file
 * @brief for_each_term() and collection_days() (see the header).
 */
#include "collection_terms.h"

#include "schema.h"

namespace newsdex {

void for_each_term(const Xapian::Database& db, const std::string& prefix,
                   const std::function<void(const std::string& term, Xapian::doccount termfreq)>& visit) {
    const auto end = db.allterms_end(prefix);
    for (auto t = db.allterms_begin(prefix); t != end;) {
        std::string term = *t;
        visit(term, t.get_termfreq());
        term.push_back('\0');  // the least term after it
        t.skip_to(term);
    }
}

CollectionDays collection_days(const Xapian::Database& db) {
    CollectionDays days;
    // Day terms sort chronologically: the first one is the first day...
    const auto end = db.allterms_end(schema::kPrefixDay);
    for (auto t = db.allterms_begin(schema::kPrefixDay); t != end && !days.first; t.skip_to(*t + '\0'))
        days.first = schema::day_of_term(*t);
    if (!days.first) return days;
    // ... and the last is found through the last year and its last month:
    // every dated article has all three terms, and a walk over every day
    // term would read all their posting lists (a few MB for a million
    // articles).
    std::string year, month;
    for_each_term(db, schema::kPrefixYear, [&](const std::string& term, Xapian::doccount) { year = term; });
    // (append(), not "M" + ...: g++ 12 warns -Wrestrict on the latter.)
    for_each_term(db, std::string(schema::kPrefixMonth).append(year, std::string_view(schema::kPrefixYear).size()),
                  [&](const std::string& term, Xapian::doccount) { month = term; });
    auto keep_last_day = [&](const std::string& term, Xapian::doccount) {
        if (auto day = schema::day_of_term(term)) days.last = day;
    };
    for_each_term(db, std::string(schema::kPrefixDay).append(month, std::string_view(schema::kPrefixMonth).size()),
                  keep_last_day);
    // Malformed year or month terms (never written by newsdex): every day term.
    if (!days.last) for_each_term(db, schema::kPrefixDay, keep_last_day);
    return days;
}

}  // namespace newsdex
