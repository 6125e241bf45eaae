/** @file
 * @brief Tests for dates.h: tables of real-world date strings and the day
 *        each must give ("none" when it must be refused).
 */
#include "dates.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

using namespace std::literals;
using newsdex::Day;
using newsdex::parse_date;
using newsdex::parse_date_bound;

namespace {

std::string render(const std::optional<Day>& day) { return day ? day->iso() : "none"; }

struct DateCase {
    std::string_view input;
    std::string_view expected;  // ISO day or "none"
    bool numeric_field = false;
};

constexpr DateCase kDateCases[] = {
    // ISO 8601, with or without time and zone
    {"2024-03-20", "2024-03-20"},
    {"2024-03-20T14:05:00Z", "2024-03-20"},
    {"2024-03-20T23:59:59.999+05:30", "2024-03-20"},
    {"2024-03-20 14:05+01:00", "2024-03-20"},
    {"2024-3-5", "2024-03-05"},
    {"  2024-03-20\t\n", "2024-03-20"},
    {"2024/03/20", "2024-03-20"},
    {"2024.03.20", "2024-03-20"},
    {"20240320", "2024-03-20"},
    {"20240320140500", "2024-03-20"},  // GDELT DATEADDED
    {"20240320250000", "none"},        // 14 digits but not a time
    // English
    {"20 March 2024", "2024-03-20"},
    {"March 20, 2024", "2024-03-20"},
    {"Mar 20 2024", "2024-03-20"},
    {"20-Mar-2024", "2024-03-20"},
    {"20 Sept. 2024", "2024-09-20"},
    {"Sept. 20, 2024", "2024-09-20"},
    {"Sep 20, 2024", "2024-09-20"},
    {"Dec. 1, 2023", "2023-12-01"},
    {"20th March 2024", "2024-03-20"},
    {"March 1st, 2024", "2024-03-01"},
    {"Wednesday, March 20, 2024", "2024-03-20"},
    {"20/Mar/2024:14:05:00 +0000", "2024-03-20"},
    {"MAY 5 2019", "2019-05-05"},
    // RFC 2822
    {"Wed, 20 Mar 2024 14:05:00 +0000", "2024-03-20"},
    {"Fri, 1 Mar 2024 08:00:00 GMT", "2024-03-01"},
    {"Thu, 29 Feb 2024 23:00:00 -0500", "2024-02-29"},
    // ACLED two-digit years: 00-69 -> 20xx, 70-99 -> 19xx
    {"16-Feb-21", "2021-02-16"},
    {"05-Jan-97", "1997-01-05"},
    {"31-Dec-69", "2069-12-31"},
    {"01-Jan-70", "1970-01-01"},
    {"Feb 16, 21", "none"},  // two-digit years only in the day-first form
    // Reuters-21578, including the dirty hour field
    {"26-FEB-1987 15:01:01.79", "1987-02-26"},
    {" 5-MAR-1987 09:12:03.08", "1987-03-05"},
    {"31-MAR-1987 605:12:19.12", "1987-03-31"},
    // Reuters scrape timestamps
    {"20130101 11:52PM UTC", "2013-01-01"},
    {"20070228 11:46 AM EST", "2007-02-28"},
    // French, accents optional, weekday optional
    {"20 mars 2024", "2024-03-20"},
    {"1er avril 2024", "2024-04-01"},
    {"1ER AVRIL 2024", "2024-04-01"},
    {"mercredi 20 mars 2024", "2024-03-20"},
    {"le mercredi 20 mars 2024", "2024-03-20"},
    {"jeudi 29 février 2024", "2024-02-29"},
    {"29 fevrier 2024", "2024-02-29"},
    {"29 FÉVRIER 2024", "2024-02-29"},
    {"15 août 2023", "2023-08-15"},
    {"15 aout 2023", "2023-08-15"},
    {"15 AOÛT 2023", "2023-08-15"},
    {"25 décembre 2023", "2023-12-25"},
    {"25 decembre 2023", "2023-12-25"},
    {"3 févr. 2024", "2024-02-03"},
    {"3 janv. 2024", "2024-01-03"},
    {"12 juillet 2022 à 14h05", "2022-07-12"},
    {"20\xC2\xA0mars\xC2\xA0" "2024", "2024-03-20"},  // no-break spaces
    {"20 f\xE9vrier 2024", "2024-02-20"},             // Latin-1 é
    {"mar. 19 mars 2024", "2024-03-19"},              // "mar." is Tuesday here
    // Numeric, day first unless only month first makes sense
    {"20/03/2024", "2024-03-20"},
    {"03/04/2024", "2024-04-03"},
    {"04/03/2024", "2024-03-04"},
    {"03/20/2024", "2024-03-20"},
    {"12/13/2024", "2024-12-13"},
    {"13/12/2024", "2024-12-13"},
    {"20.03.2024", "2024-03-20"},
    {"20-03-2024", "2024-03-20"},
    {"20/13/2024", "none"},
    {"20/03-2024", "none"},  // mixed separators
    {"20/03/24", "none"},    // two-digit year too ambiguous here
    // Trailing junk after a complete date is ignored...
    {"2024-03-20 (updated)", "2024-03-20"},
    {"20 March 2024, 10:00 GMT", "2024-03-20"},
    {"2024-03-20\0garbage"sv, "2024-03-20"},
    // ...but digits glued to a date part are not cut
    {"2024-03-201", "none"},
    {"20 March 20245", "none"},
    {"202403201", "none"},
    {"120 March 2024", "none"},
    // Impossible days and non-dates
    {"2024-02-30", "none"},
    {"2023-02-29", "none"},
    {"1900-02-29", "none"},
    {"2000-02-29", "2000-02-29"},
    {"2024-02-29", "2024-02-29"},
    {"0000-00-00", "none"},
    {"0000-01-01", "none"},
    {"2024-13-01", "none"},
    {"2024-00-10", "none"},
    {"2024-04-31", "none"},
    {"2024-06-00", "none"},
    {"9999-12-31", "9999-12-31"},
    {"0001-01-01", "0001-01-01"},
    {"31 April 2024", "none"},
    {"32 March 2024", "none"},
    {"00000000", "none"},
    {"20241301", "none"},
    {"2024-03", "none"},
    {"March 2024", "none"},
    {"20 March", "none"},
    {"20 Marz 2024", "none"},
    {"", "none"},
    {"   ", "none"},
    {"yesterday", "none"},
    {"Published 20 March 2024", "none"},
    {"1710943500", "none"},  // a timestamp, but the field was text
    {"\0" "2024-03-20"sv, "none"},
    // Unix timestamps, only in numeric fields
    {"0", "1970-01-01", true},
    {"86399", "1970-01-01", true},
    {"86400", "1970-01-02", true},
    {"1710943500", "2024-03-20", true},
    {"1710943500.75", "2024-03-20", true},
    {" 1710943500 ", "2024-03-20", true},
    {"1710943500000", "2024-03-20", true},  // > 1e11: milliseconds
    {"1e12", "2001-09-09", true},
    {"1.7109435e9", "2024-03-20", true},
    {"951782400", "2000-02-29", true},
    {"253402300799", "1978-01-11", true},     // > 1e11, so milliseconds
    {"253402300799999", "9999-12-31", true},  // last ms of 9999
    {"253402300800000", "none", true},        // year 10000
    {"1e300", "none", true},
    {"-1", "none", true},
    {"-1710943500", "none", true},
    {"nan", "none", true},
    {"inf", "none", true},
    {"-inf", "none", true},
    {"0x10", "none", true},  // not a plain number, and no date as text
    {"20240320", "2024-03-20", true},  // digits-only column: YYYYMMDD wins
    {"12345678", "1970-05-23", true},  // not a day, so a timestamp
    {"2024-03-20", "2024-03-20", true},  // not a number: read as text
};

struct BoundCase {
    std::string_view input;
    bool end;
    std::string_view expected;
};

constexpr BoundCase kBoundCases[] = {
    {"2024", false, "2024-01-01"},
    {"2024", true, "2024-12-31"},
    {"2023-02", false, "2023-02-01"},
    {"2023-02", true, "2023-02-28"},
    {"2024-02", false, "2024-02-01"},
    {"2024-02", true, "2024-02-29"},
    {"1900-02", true, "1900-02-28"},
    {"2000-02", true, "2000-02-29"},
    {"2024-04", true, "2024-04-30"},
    {"2024-12", false, "2024-12-01"},
    {"2024-12", true, "2024-12-31"},
    {"2024-03-20", false, "2024-03-20"},
    {"2024-03-20", true, "2024-03-20"},
    {"9999", true, "9999-12-31"},
    {"2024-02-30", true, "none"},
    {"2024-13", true, "none"},
    {"2024-00", false, "none"},
    {"0000", false, "none"},
    {"24", false, "none"},
    {"2024-3", false, "none"},
    {"2024-03-5", false, "none"},
    {"2024/03", false, "none"},
    {"2024-03-20T00:00", false, "none"},
    {" 2024", false, "none"},
    {"20 March 2024", false, "none"},
    {"abcd", true, "none"},
    {"", true, "none"},
};

}  // namespace

TEST_CASE("parse_date reads the date forms found in news dumps") {
    for (const DateCase& test : kDateCases) {
        const std::string input(test.input);
        CAPTURE(input);
        CAPTURE(test.numeric_field);
        CHECK(render(parse_date(test.input, test.numeric_field)) == test.expected);
    }
}

TEST_CASE("parse_date_bound gives the first or last day of a period") {
    for (const BoundCase& test : kBoundCases) {
        const std::string input(test.input);
        CAPTURE(input);
        CAPTURE(test.end);
        CHECK(render(parse_date_bound(test.input, test.end)) == test.expected);
    }
}

TEST_CASE("Day formats") {
    const Day day{2024, 3, 5};
    CHECK(day.iso() == "2024-03-05");
    CHECK(day.compact() == "20240305");
    CHECK(day.year_month() == "202403");
    CHECK(Day{1, 1, 1}.iso() == "0001-01-01");
    CHECK(Day{2024, 3, 5} < Day{2024, 3, 6});
    CHECK(Day{2023, 12, 31} < Day{2024, 1, 1});
}

TEST_CASE("calendar rules") {
    struct MonthCase { int year, month, days; };
    constexpr MonthCase kMonths[] = {
        {2024, 1, 31}, {2023, 2, 28}, {2024, 2, 29}, {1900, 2, 28}, {2000, 2, 29},
        {2100, 2, 28}, {2024, 4, 30}, {2024, 12, 31}, {9999, 12, 31},
        {2024, 0, 0},  {2024, 13, 0}, {0, 1, 0},      {10000, 1, 0}, {-5, 3, 0},
    };
    for (const MonthCase& test : kMonths) {
        CAPTURE(test.year);
        CAPTURE(test.month);
        CHECK(newsdex::days_in_month(test.year, test.month) == test.days);
    }
    CHECK(newsdex::is_valid_day(2024, 2, 29));
    CHECK_FALSE(newsdex::is_valid_day(2023, 2, 29));
    CHECK_FALSE(newsdex::is_valid_day(2024, 1, 0));
    CHECK_FALSE(newsdex::is_valid_day(2024, 1, 32));
    CHECK_FALSE(newsdex::is_valid_day(0, 1, 1));
    CHECK(newsdex::is_valid_day(9999, 12, 31));
    CHECK_FALSE(newsdex::is_valid_day(10000, 1, 1));
}

TEST_CASE("parse_date survives arbitrary bytes and huge inputs") {
    // Deterministic pseudo-random bytes, biased towards date-like characters
    // so that the patterns get deep before failing.
    constexpr std::string_view kAlphabet = "0123456789-/.,: TtMarsJunéû\xC3\xA9\xC2\xA0\0\xFF"sv;
    std::uint64_t state = 42;
    auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::size_t>(state >> 33);
    };
    int parsed = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string input(next() % 40, '\0');
        for (char& c : input)
            c = next() % 4 == 0 ? static_cast<char>(next()) : kAlphabet[next() % kAlphabet.size()];
        for (bool numeric : {false, true}) {
            if (const auto day = parse_date(input, numeric)) {
                ++parsed;
                REQUIRE(newsdex::is_valid_day(day->year, day->month, day->day));
            }
        }
        const auto bound = parse_date_bound(input, round % 2 == 0);
        if (bound) REQUIRE(newsdex::is_valid_day(bound->year, bound->month, bound->day));
    }
    MESSAGE("random inputs read as dates: " << parsed);

    const std::string huge_digits(1 << 20, '7');
    const std::string huge_blanks(1 << 20, ' ');
    const std::string huge_word(1 << 20, 'a');
    for (const std::string& huge : {huge_digits, huge_blanks, huge_word}) {
        CHECK_FALSE(parse_date(huge));
        CHECK_FALSE(parse_date(huge, true));
        CHECK_FALSE(parse_date_bound(huge, true));
    }
    CHECK(render(parse_date("2024-03-20 " + huge_word)) == "2024-03-20");
}
