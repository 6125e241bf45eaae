/** @file
 * @brief Publication dates: parsing the many forms found in news dumps.
 */
#ifndef NEWSDEX_DATES_H
#define NEWSDEX_DATES_H

#include <cstdint>
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
/// 28..31; 0 when the month is not 1..12 or the year not 1..9999.
int days_in_month(int year, int month);

/// Parses a publication date into a day. Accepts:
///  - ISO 8601: "2024-03-20", "2024-03-20T14:05:00Z", "2024-03-20 14:05+01:00",
///    "20240320" (compact), "2024/03/20", "2024.03.20";
///  - English: "20 March 2024", "March 20, 2024", "Mar 20 2024", "20-Mar-2024",
///    "Sept. 20th, 2024", "20-MAR-1987 15:01:01.79", "16-Feb-21" (two-digit
///    year, only in this day-month-year form: 00-69 -> 20xx, 70-99 -> 19xx);
///  - RFC 2822: "Wed, 20 Mar 2024 14:05:00 +0000";
///  - French: "20 mars 2024", "1er avril 2024", "mercredi 20 mars 2024",
///    "3 févr. 2024"; accents optional (UTF-8 or Latin-1), any case;
///  - "20130101 11:52PM UTC" (Reuters scrape timestamps), "20240320140500"
///    (GDELT: 14 digits whose last six are a valid time);
///  - numbers with the year last: "20/03/2024", "20-03-2024", "20.03.2024".
///    These are read day first (DD/MM/YYYY, as in the French and African
///    press), so "03/04/2024" is 3 April; only when the second number cannot
///    be a month and the first can ("03/20/2024") is it read month first.
///    Two-digit years are refused here ("20/03/24" -> nullopt);
///  - Unix timestamps (seconds, or milliseconds when > 1e11) only when
///    @p numeric_field is true (the value came from a number in JSON, or a
///    field holding only digits) and the text is a plain number ("1e12"
///    too). Exception: 8 or 14 digits that read as a compact date above are
///    that date ("20240320" is 2024-03-20, not a day in 1970).
/// The date must start the text, after blanks and an optional weekday or
/// French "le"; whatever follows a complete date (time, zone, junk) is
/// ignored, but digits glued to a part are not cut ("2024-03-201" -> nullopt).
/// The time of day and zone are ignored: the day is the one written (no
/// conversion to UTC), which is what a reader of the article sees.
/// Returns std::nullopt when the text is not a date or names an impossible
/// day (2024-02-30, 0000-00-00). Never throws.
std::optional<Day> parse_date(std::string_view text, bool numeric_field = false);

/// A day as the number YYYYMMDD, 0 for none: compact to keep per article
/// and to compare (the indexer's "is this article unchanged").
inline std::uint32_t day_number(const std::optional<Day>& day) {
    return day ? static_cast<std::uint32_t>(day->year * 10000 + day->month * 100 + day->day) : 0;
}

/// Parses a query/option date bound: exactly "YYYY", "YYYY-MM" or "YYYY-MM-DD"
/// (no blanks, no other form).
/// Returns the first day of the period when @p end is false and the last day
/// when it is true ("2024-02" as an end -> 2024-02-29). std::nullopt if bad.
std::optional<Day> parse_date_bound(std::string_view text, bool end);

}  // namespace newsdex

#endif  // NEWSDEX_DATES_H
