/** @file
 * @brief Tests of the index schema's term and value encodings (schema.h).
 */
#include <doctest/doctest.h>

#include "schema.h"

using namespace newsdex;
using namespace newsdex::schema;

TEST_CASE("boolean terms normalise names so index and query agree") {
    struct Case {
        const char* prefix;
        const char* value;
        const char* term;
    };
    const Case cases[] = {
        {kPrefixActor, "Wagner Group", "XAwagner group"},
        {kPrefixActor, "  JNIM ", "XAjnim"},
        {kPrefixPlace, "Ménaka", "XPménaka"},
        {kPrefixPlace, "SÉGOU", "XPségou"},
        {kPrefixSource, "Le Républicain du Sahel", "XOle républicain du sahel"},
        {kPrefixLang, "FR", "Lfr"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.value);
        CHECK(boolean_term(c.prefix, c.value) == c.term);
    }
}

TEST_CASE("terms longer than Xapian's limit are shortened with a hash, never fatal") {
    std::string long_value(10000, 'x');
    std::string term = boolean_term(kPrefixSource, long_value);
    CHECK(term.size() <= kMaxTermBytes);
    CHECK(term.rfind("XOxxx", 0) == 0);
    // Different long values stay different terms; equal ones stay equal.
    CHECK(boolean_term(kPrefixSource, long_value + "y") != term);
    CHECK(boolean_term(kPrefixSource, long_value) == term);

    std::string url = "https://example.org/" + std::string(1 << 20, 'a');
    std::string id = id_term(url);
    CHECK(id.size() <= kMaxTermBytes);
    CHECK(id.rfind("Qhttps://example.org/", 0) == 0);

    // A multi-byte character is never cut in half.
    std::string accents;
    for (int i = 0; i < 200; ++i) accents += "é";
    std::string cut = boolean_term(kPrefixPlace, accents);
    CHECK(cut.size() <= kMaxTermBytes);
    std::string head = cut.substr(0, cut.find(':'));
    CHECK((head.size() - 2) % 2 == 0);  // "XP" then whole two-byte "é"s
}

TEST_CASE("IDs are case-sensitive: URLs and paths differ by case") {
    CHECK(id_term("https://example.org/A") == "Qhttps://example.org/A");
    CHECK(id_term("https://example.org/A") != id_term("https://example.org/a"));
}

TEST_CASE("date terms for a day") {
    Day day{2024, 2, 29};
    CHECK(year_term(day) == "Y2024");
    CHECK(month_term(day) == "M202402");
    CHECK(day_term(day) == "D20240229");
    CHECK(day.compact() == "20240229");
}

TEST_CASE("name lists round-trip through one value slot") {
    const std::vector<std::vector<std::string>> lists = {
        {}, {"JNIM"}, {"FAMa", "Wagner Group", "MINUSMA"}, {"Ménaka", "Tombouctou"}};
    for (const auto& list : lists) {
        CAPTURE(list.size());
        CHECK(decode_list(encode_list(list)) == list);
    }
    CHECK(encode_list({}).empty());
}
