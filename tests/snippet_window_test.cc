/** @file
 * @brief Tests of snippet_window(), snippet_words() and mark_window_cuts().
 */
#include "snippet_window.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace newsdex;

namespace {

/// "w0 w1 w2 ..." of @p bytes or a little more.
std::string filler(std::size_t bytes) {
    std::string text;
    for (int i = 0; text.size() < bytes; ++i) {
        text += 'w';
        text += std::to_string(i);
        text += ' ';
    }
    return text;
}

}  // namespace

TEST_CASE("snippet_window: short texts are read whole") {
    const std::string text = "A drone strike hit a market in Gao.";
    const SnippetWindow w = snippet_window(text, {"drone"}, 100);
    CHECK(w.text == text);
    CHECK_FALSE(w.cut_before);
    CHECK_FALSE(w.cut_after);
    CHECK(snippet_window(filler(4000), {"x"}).text.size() == filler(4000).size());  // within the default
}

TEST_CASE("snippet_window: a long text is cut around the first query word") {
    const std::string before = filler(3000), after = filler(3000);
    const std::string text = before + "Drones hit Kidal. " + after;
    struct Case {
        std::vector<std::string> words;
        bool found;
    };
    const Case cases[] = {
        {{"drone"}, true},            // a stem: a prefix of the word, any case
        {{"kidal", "drone"}, true},   // the earliest of several
        {{"rone"}, false},            // only at the start of a word
        {{"absent", ""}, false},      // none: the opening
    };
    for (const auto& c : cases) {
        CAPTURE(c.words.front());
        const SnippetWindow w = snippet_window(text, c.words, 1000);
        CHECK(w.text.size() <= 1000);
        CHECK(w.cut_after);
        CHECK(w.text.back() != ' ');
        if (c.found) {
            CHECK(w.cut_before);
            CHECK(w.text.find("Drones hit Kidal.") != std::string_view::npos);
            CHECK(w.text.front() == 'w');  // starts at a word
        } else {
            CHECK_FALSE(w.cut_before);
            CHECK(w.text == std::string_view(text).substr(0, w.text.size()));
        }
    }
}

TEST_CASE("snippet_window: never cuts inside a UTF-8 character") {
    std::string text;
    while (text.size() < 5000) text += "é";  // two bytes each, no space anywhere
    const SnippetWindow w = snippet_window(text, {"x"}, 1001);
    CHECK(w.text.size() == 1000);
    const std::string with_word = text + " drone " + filler(3000);  // outlives v, a view into it
    const SnippetWindow v = snippet_window(with_word, {"drone"}, 1001);
    CHECK((static_cast<unsigned char>(v.text.front()) & 0xC0) != 0x80);
    CHECK(v.text.find("drone") != std::string_view::npos);
}

TEST_CASE("snippet_words: free-text terms, stems without their prefix, no filters") {
    const std::vector<std::string> terms = {"Zdrone", "kidal", "XAwagner group", "D20240315", "Stitle", "Zdrone"};
    const Xapian::Query query(Xapian::Query::OP_AND, terms.begin(), terms.end());
    CHECK(snippet_words(query) == std::vector<std::string>{"drone", "kidal"});
}

TEST_CASE("mark_window_cuts: an ellipsis where the window cut text the snippet reaches") {
    SnippetWindow both{"", true, true}, none{"", false, false};
    CHECK(mark_window_cuts("a **b** c", both, "…") == "…a **b** c…");
    CHECK(mark_window_cuts("…a **b** c…", both, "…") == "…a **b** c…");
    CHECK(mark_window_cuts("a **b** c", none, "…") == "a **b** c");
    CHECK(mark_window_cuts("", both, "…").empty());
}
