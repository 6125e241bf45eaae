/** @file
 * @brief single_line() (article_text.h): what titles and snippets look like
 *        on one line.
 */
#include <doctest/doctest.h>

#include <string>

#include "article_text.h"

using newsdex::single_line;

TEST_CASE("single_line: whitespace runs become one space, ends are trimmed") {
    CHECK(single_line("") == "");
    CHECK(single_line(" \t\r\n ") == "");
    CHECK(single_line("Kidal") == "Kidal");
    CHECK(single_line("  FAMa\n\nand  Wagner\tpatrols \r\n") == "FAMa and Wagner patrols");
    // Every control byte counts as a space, NUL included; UTF-8 is kept as is.
    CHECK(single_line(std::string("a\0b\x1f" "c", 5)) == "a b c");
    CHECK(single_line("Tinzaouat\xc3\xa8ne\n\xe2\x80\x94 convoy") == "Tinzaouat\xc3\xa8ne \xe2\x80\x94 convoy");
    // The flat form of a prefix is a prefix of the flat form (text_opening() relies on it).
    const std::string text = "  The convoy\n left Gao  at dawn.\n\n  It reached Kidal. ";
    for (std::size_t cut = 0; cut <= text.size(); ++cut) {
        CAPTURE(cut);
        CHECK(single_line(text).starts_with(single_line(text.substr(0, cut))));
    }
}
