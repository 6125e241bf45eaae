/** @file
 * @brief Date filters: parsing `date:` values and tiling a day range with
 *        the year/month/day terms the indexer writes (schema.h).
 *
 * Every dated article carries Y, M and D terms, so any inclusive day range
 * can be matched exactly by an OR of whole years, whole months and single
 * days. Using the coarsest term that fits keeps the OR short (a decade is
 * ten terms, not 3653), which is why the schema chose terms over a value
 * range on the date slot.
 *
 * The OR keeps only the terms that index an article (one term lookup
 * each, in key order): news dumps have gaps (Reuters-21578 has 58 days in
 * eight months, the UN speeches 25 in 24 years), and each term costs the
 * parser, the query description and the matcher (a posting list to open)
 * whether or not it exists. A missing term matches nothing and adds
 * nothing to Xapian's estimates, so results, scores and estimated totals
 * are those of the full tiling. (A value range on the date slot was
 * measured 2-30x slower at matching, and a coarser tiling would change
 * the estimated totals.)
 *
 * The tiling is not always the cheaper filter: when the rest of the query
 * matches few articles, reading each one's date value (DateValueSource)
 * costs less than opening the tiling's posting lists. The translator parses
 * date filters as DateValueSource and swaps the tiling in afterwards when
 * the query's other terms match many (plan_date_filters()).
 */
#include <string>
#include <vector>

#include "query_translation.h"
#include "schema.h"

namespace newsdex {

namespace {

const char* const kExpectedForms = " (expected YYYY, YYYY-MM or YYYY-MM-DD)";

Day next_day(const Day& d) {
    if (d.day < days_in_month(d.year, d.month)) return {d.year, d.month, d.day + 1};
    if (d.month < 12) return {d.year, d.month + 1, 1};
    return {d.year + 1, 1, 1};
}

Day next_month(const Day& d) {
    if (d.month < 12) return {d.year, d.month + 1, 1};
    return {d.year + 1, 1, 1};
}

/// The coarsest Y/M/D terms covering [from, to] exactly (none if from > to).
std::vector<std::string> tile(Day day, const Day& to) {
    std::vector<std::string> terms;
    while (day <= to) {
        const Day year_end{day.year, 12, 31};
        const Day month_end{day.year, day.month, days_in_month(day.year, day.month)};
        if (day.month == 1 && day.day == 1 && year_end <= to) {
            terms.push_back(schema::year_term(day));
            day = Day{day.year + 1, 1, 1};
        } else if (day.day == 1 && month_end <= to) {
            terms.push_back(schema::month_term(day));
            day = next_month(day);
        } else {
            terms.push_back(schema::day_term(day));
            day = next_day(day);
        }
    }
    return terms;
}

/// The terms tiling the range, closing open ends beyond the collection's
/// first or last day (no article lies there): at that day, its month or its
/// year, whichever tiles with the fewest terms. Empty if no range can be
/// formed.
std::vector<std::string> tile_range(std::optional<Day> from, std::optional<Day> to, std::optional<Day> first,
                                    std::optional<Day> last) {
    std::vector<std::string> tiles;
    if (!(from || first) || !(to || last)) return tiles;
    auto starts = from ? std::vector<Day>{*from}
                       : std::vector<Day>{*first, {first->year, first->month, 1}, {first->year, 1, 1}};
    auto ends = to ? std::vector<Day>{*to}
                   : std::vector<Day>{*last, {last->year, last->month, days_in_month(last->year, last->month)},
                                      {last->year, 12, 31}};
    bool have = false;
    for (const Day& start : starts)
        for (const Day& end : ends)
            if (auto tiled = tile(start, end); !have || tiled.size() < tiles.size()) {
                tiles = std::move(tiled);
                have = true;
            }
    return tiles;
}

}  // namespace

std::optional<DateSpan> parse_date_filter(std::string_view text, std::string& error,
                                          std::size_t& error_offset) {
    auto malformed = [&](std::string_view part, std::size_t offset) {
        error = "malformed date '" + std::string(part) + "'" + kExpectedForms;
        error_offset = offset;
        return std::nullopt;
    };
    DateSpan span;
    const std::size_t dots = text.find("..");
    if (dots == std::string_view::npos) {
        // A single period: its first and last day.
        span.from = parse_date_bound(text, false);
        span.to = parse_date_bound(text, true);
        if (!span.from || !span.to) return malformed(text, 0);
        return span;
    }
    const std::string_view begin = text.substr(0, dots), end = text.substr(dots + 2);
    if (begin.empty() && end.empty()) {
        error = "date range '..' needs a start or an end" + std::string(kExpectedForms);
        error_offset = 0;
        return std::nullopt;
    }
    if (!begin.empty() && !(span.from = parse_date_bound(begin, false))) return malformed(begin, 0);
    if (!end.empty() && !(span.to = parse_date_bound(end, true))) return malformed(end, dots + 2);
    if (span.from && span.to && *span.from > *span.to) {
        error = "date range " + std::string(text) + " is reversed";
        error_offset = 0;
        return std::nullopt;
    }
    return span;
}

Xapian::Query date_range_query(std::optional<Day> from, std::optional<Day> to,
                               std::optional<Day> first, std::optional<Day> last,
                               bool include_undated) {
    return date_range_query(from, to, first, last, include_undated, [](const std::string&) { return true; });
}

Xapian::Query date_range_query(std::optional<Day> from, std::optional<Day> to, std::optional<Day> first,
                               std::optional<Day> last, bool include_undated,
                               const std::function<bool(const std::string& term)>& has_articles) {
    const std::vector<std::string> tiles = tile_range(from, to, first, last);
    std::vector<std::string> terms;
    for (const std::string& term : tiles)
        if (has_articles(term)) terms.push_back(term);
    // A range without articles still filters: one term that matches
    // nothing (an empty query would make the whole query empty).
    if (terms.empty() && !tiles.empty()) terms.push_back(tiles.front());
    if (include_undated) terms.emplace_back(schema::kTermUndated);
    if (terms.empty()) return Xapian::Query::MatchNothing;
    if (terms.size() == 1) return Xapian::Query(terms.front());
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query date_value_query(std::optional<Day> from, std::optional<Day> to, bool include_undated) {
    using Q = Xapian::Query;
    // Undated articles have no date value, so no range takes them.
    Q dated((new DateValueSource(from ? from->compact() : "", to ? to->compact() : ""))->release());
    if (!include_undated) return dated;
    return Q(Q::OP_OR, dated, Q(schema::kTermUndated));
}

DateValueSource::DateValueSource(std::string low, std::string high)
    : Xapian::ValuePostingSource(schema::kSlotDate), low_(std::move(low)), high_(std::move(high)) {}

void DateValueSource::init(const Xapian::Database& db) {
    Xapian::ValuePostingSource::init(db);
    // Every dated article, as the estimate too: Xapian's AND then never
    // walks the slot to drive the match (which OP_VALUE_RANGE, estimating
    // few matches, did: 0.6 ms on Reuters for a rare three-word query).
    set_termfreq_est(get_termfreq_max());
}

bool DateValueSource::in_range() const {
    const std::string value = get_value();
    return value >= low_ && (high_.empty() || value <= high_);
}

void DateValueSource::skip_out_of_range(double min_wt) {
    while (!at_end() && !in_range()) Xapian::ValuePostingSource::next(min_wt);
}

void DateValueSource::next(double min_wt) {
    Xapian::ValuePostingSource::next(min_wt);
    skip_out_of_range(min_wt);
}

void DateValueSource::skip_to(Xapian::docid did, double min_wt) {
    Xapian::ValuePostingSource::skip_to(did, min_wt);
    skip_out_of_range(min_wt);
}

bool DateValueSource::check(Xapian::docid did, double min_wt) {
    // Where the slot has a value at or after @p did: in range, that is
    // where skip_to() would stop; out of range, "not here" (Xapian then
    // calls next() or skip_to(), which move on).
    if (!Xapian::ValuePostingSource::check(did, min_wt)) return false;
    return at_end() || in_range();
}

Xapian::PostingSource* DateValueSource::clone() const { return new DateValueSource(low_, high_); }

std::string DateValueSource::get_description() const {
    return "date value " + low_ + ".." + high_;
}

}  // namespace newsdex
