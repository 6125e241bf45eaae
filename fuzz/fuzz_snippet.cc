/** @file
 * @brief libFuzzer target: passage_snippet() on arbitrary text (it reads
 *        every stored article a search shows). The first byte picks the
 *        snippet length and stemmer (English, French, or Indonesian, which
 *        takes off prefixes); the first line holds the query words
 *        (space-separated, `=` before a word: an exact term), the rest is
 *        the text. Besides what the sanitizers check, the snippet must be
 *        one piece of the text, between markers and omission marks; and,
 *        given room for the whole of a valid UTF-8 text, it must mark the
 *        words a plain word-by-word reading marks.
 */
#include <cstdlib>
#include <string>
#include <vector>

#include "../tests/snippet_reference.h"
#include "passage_snippet.h"
#include "shared.h"
#include "snowball_stemmer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdex;
    if (size < 2) return 0;
    static SnippetStemmer english(make_snowball_stem("english"));
    static SnippetStemmer french(make_snowball_stem("french"));
    static SnippetStemmer indonesian(make_snowball_stem("indonesian"));
    const unsigned options = data[0];
    const std::string_view input = fuzz::as_text(data + 1, size - 1);
    const std::size_t newline = input.find('\n');
    const std::string_view words = input.substr(0, newline);
    const std::string_view text = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

    std::vector<SnippetTerm> terms;
    for (std::size_t at = 0; at < words.size();) {
        std::size_t end = words.find(' ', at);
        if (end == std::string_view::npos) end = words.size();
        std::string_view word = words.substr(at, end - at);
        at = end + 1;
        const bool exact = !word.empty() && word[0] == '=';
        if (exact) word.remove_prefix(1);
        if (word.empty()) continue;
        terms.push_back({std::string(word), !exact, 1.0 + terms.size()});
    }
    SnippetStyle style;
    style.max_bytes = options & 0x80 ? (options & 0x7f) : 240;
    style.start = "[";
    style.end = "]";
    style.omit = "…";
    SnippetStemmer& stem = options & 1 ? french : options & 2 ? indonesian : english;
    const auto snippet = passage_snippet(text, terms, stem, style);

    // The text between a first word and a last sentence, with room for all
    // of it, is shown whole: every word the scan skipped must be one the
    // plain reading does not mark. (Within the bytes a snippet reads.)
    if (text.size() < kPassageScanBytes / 2 && test::reads_back_as_utf8(text)) {
        const std::string whole_text = std::string("Start ").append(text).append(" end.");
        const SnippetStyle whole{1 << 20, "[", "]", "…"};
        const std::string expected = test::marked_the_plain_way(whole_text, terms, stem.stemmer());
        const auto got = passage_snippet(whole_text, terms, stem, whole);
        if (got ? *got != expected : expected.find('[') != std::string::npos &&
                                         whole_text.find('[') == std::string::npos)
            std::abort();
    }

    if (!snippet) return 0;
    // Markers and omission marks aside, the snippet is text of the article.
    std::string shown;
    for (std::size_t i = 0; i < snippet->size();) {
        if (snippet->compare(i, style.omit.size(), style.omit) == 0) {
            i += style.omit.size();
        } else if ((*snippet)[i] == '[' || (*snippet)[i] == ']') {
            ++i;
        } else {
            shown += (*snippet)[i++];
        }
    }
    if (text.find('[') == std::string_view::npos && text.find(']') == std::string_view::npos &&
        text.find("…") == std::string_view::npos && text.find(shown) == std::string_view::npos)
        std::abort();
    return 0;
}
