/** @file
 * @brief Tests of keeps_word_starts(): which stemmers leave the start of a
 *        word alone, the promise snippets rely on to skip words.
 */
#include "snowball_stemmer.h"

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "e2e_support.h"

using namespace newsdex;
using newsdex::test::shared_dir;

namespace {

/// The words of @p text (runs of word characters, in lower case).
void add_words(const std::string& text, std::set<std::string>& words) {
    std::string word;
    for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
        } else if (!word.empty()) {
            words.insert(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.insert(std::move(word));
}

bool ascii_letter(char c) { return static_cast<unsigned char>(c) < 0x80; }

/// The words of @p words whose stem breaks keeps_word_starts()'s promise.
std::vector<std::string> broken_starts(const Xapian::Stem& stem, const std::set<std::string>& words) {
    std::vector<std::string> broken;
    for (const auto& word : words) {
        if (!ascii_letter(word[0])) continue;
        const std::string stemmed = stem(word);
        const bool first_differs = stemmed.size() >= 2 && stemmed[0] != word[0];
        const bool second_differs = stemmed.size() >= 4 && ascii_letter(word[1]) && stemmed[1] != word[1];
        if (first_differs || second_differs) broken.push_back(word + " -> " + stemmed);
    }
    return broken;
}

}  // namespace

TEST_CASE("keeps_word_starts: the algorithms that take off prefixes or rewrite the start do not") {
    CHECK(keeps_word_starts(make_snowball_stem("english")));
    CHECK(keeps_word_starts(make_snowball_stem("fr")));
    CHECK(keeps_word_starts(Xapian::Stem()));
    CHECK(make_snowball_stem("id")("membaca") == "baca");
    CHECK_FALSE(keeps_word_starts(make_snowball_stem("id")));
    for (const char* name : {"irish", "finnish"})
        if (!snowball_language(name).empty()) CHECK_FALSE(keeps_word_starts(make_snowball_stem(name)));
    // Xapian's own stemmers are not the ones this list was checked on.
    CHECK_FALSE(keeps_word_starts(Xapian::Stem("english")));
}

TEST_CASE("keeps_word_starts: holds for every word of English and French news and speeches") {
    // Words that challenge it: English's exceptions (dying -> die), short
    // words, apostrophes, doubled letters, y between vowels.
    std::set<std::string> words;
    add_words("dying lying tying skies news howe atlas 'tis y yes ayes oyez aa aaa ll eee ii uses "
              "payer ayant crayon noyau pays gesellschaft geothermal aerger oeuvre nneue bunu dime ul ula "
              "l'armée qu'il jusqu'à Ségou États élections über Ärger bamako tombouctou",
              words);
    const std::string shared = shared_dir();
    if (shared.empty()) {
        MESSAGE("checked on built-in words only: ../shared is absent");
    } else {
        for (const char* file : {"/corpora/reuters21578/reut2-000.sgm", "/corpora/reuters21578/reut2-011.sgm",
                                 "/corpora/iwac-fr-press/iwac-musulmanes-presse-150.csv"}) {
            const std::string path = shared + file;
            std::ifstream in(path, std::ios::binary);
            REQUIRE_MESSAGE(in, path);
            add_words(std::string(std::istreambuf_iterator<char>(in), {}), words);
        }
    }
    for (const auto& language : snowball_languages()) {
        const Xapian::Stem stem = make_snowball_stem(language);
        if (!keeps_word_starts(stem)) continue;
        CAPTURE(language);
        const auto broken = broken_starts(stem, words);
        CHECK_MESSAGE(broken.empty(), broken.size() << " words, first: " << (broken.empty() ? "" : broken[0]));
    }
}
