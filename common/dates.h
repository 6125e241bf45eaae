/** @file
 * @brief Publication dates: parsing the many forms found in news dumps.
 */
#ifndef NEWSDEX_DATES_H
#define NEWSDEX_DATES_H

#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

/// A calendar day (proleptic Gregorian). Always valid when produced by the
/// functions below: 1 <= month <= 12, day within the month (leap years handled).
struct Day {
    int year = 0;
    int month = 0;
    int day = 0;

    auto operator<=>(const Day&) const = default;

    std::string iso() const;       ///< "YYYY-MM-DD"
    std::string compact() const;   ///< "YYYYMMDD" (the date value slot)
    std::string year_month() const;  ///< "YYYYMM"
};

/// True when y-m-d is a real calendar day with 1 <= year <= 9999.
bool is_valid_day(int year, int month, int day);
int days_in_month(int year, int month);

/// Parses a publication date into a day. Accepts:
///  - ISO 8601: "2024-03-20", "2024-03-20T14:05:00Z", "2024-03-20 14:05+01:00",
///    "20240320" (compact), "2024/03/20";
///  - English: "20 March 2024", "March 20, 2024", "Mar 20 2024", "20-Mar-2024",
///    "20-MAR-1987 15:01:01.79", "16-Feb-21" (two-digit year: 00-69 -> 20xx);
///  - RFC 2822: "Wed, 20 Mar 2024 14:05:00 +0000";
///  - French: "20 mars 2024", "1er avril 2024", "mercredi 20 mars 2024";
///  - "20130101 11:52PM UTC" (Reuters scrape timestamps);
///  - Unix timestamps (seconds, or milliseconds when > 1e11) only when
///    @p numeric_field is true (the value came from a number in JSON, or a
///    field holding only digits).
/// The time of day and zone are ignored: the day is the one written (no
/// conversion to UTC), which is what a reader of the article sees.
/// Returns std::nullopt when the text is not a date or names an impossible
/// day (2024-02-30, 0000-00-00). Never throws.
std::optional<Day> parse_date(std::string_view text, bool numeric_field = false);

/// Parses a query/option date bound: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
/// Returns the first day of the period when @p end is false and the last day
/// when it is true ("2024-02" as an end -> 2024-02-29). std::nullopt if bad.
std::optional<Day> parse_date_bound(std::string_view text, bool end);

}  // namespace newsdex

#endif  // NEWSDEX_DATES_H
