/** @file
 * @brief Tests of the Snowball stemmers: stems stay the same when remembered,
 *        and keeps_word_starts(): which stemmers leave the start of a
 *        word alone, the promise snippets rely on to skip words.
 */
#include "snowball_stemmer.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "near_duplicates.h"

using namespace newsdex;
using newsdex::test::shared_dir;

namespace {

/// Adds the words of @p text (lower-cased runs of word characters) to @p words.
void add_words(std::string_view text, std::set<std::string>& words) {
    for (auto& word : signature_words(text)) words.insert(std::move(word));
}

bool ascii(char c) { return static_cast<unsigned char>(c) < 0x80; }

/// Whether @p word starts with the first @p n bytes of @p stemmed, compared
/// up to the first non-ASCII byte of either.
bool starts_as(const std::string& word, const std::string& stemmed, std::size_t n) {
    for (std::size_t k = 0; k < n; ++k) {
        if (k >= word.size()) return false;
        if (!ascii(word[k]) || !ascii(stemmed[k])) return true;
        if (word[k] != stemmed[k]) return false;
    }
    return true;
}

/// The words of @p words whose stem breaks keeps_word_starts()'s promise.
std::vector<std::string> broken_starts(const Xapian::Stem& stem, const std::set<std::string>& words) {
    std::vector<std::string> broken;
    for (const auto& word : words) {
        if (!ascii(word[0])) continue;
        const std::string stemmed = stem(word);
        if (stemmed.size() >= 2 && !starts_as(word, stemmed, std::max<std::size_t>(1, stemmed.size() - 2)))
            broken.push_back(word + " -> " + stemmed);
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
    // words, apostrophes, doubled letters, y between vowels, French "ic"
    // before a suffix (sollicité -> solliqu), accents.
    std::set<std::string> words;
    add_words("dying lying tying skies news howe atlas 'tis y yes ayes oyez aa aaa ll eee ii uses "
              "payer ayant crayon noyau pays gesellschaft geothermal aerger oeuvre nneue bunu dime ul ula "
              "l'armée qu'il jusqu'à Ségou États élections über Ärger bamako tombouctou sollicité sévissent "
              "replication relational possibility activity organization seaboard",
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

TEST_CASE("a stemmer gives the same stems however often, and after it forgets the ones it remembered") {
    // Five times more distinct words than a stemmer remembers: the second
    // pass finds some stems in memory and makes the evicted ones again.
    Xapian::Stem english = make_snowball_stem("en");
    std::vector<std::string> words, first_pass;
    const char* endings[] = {"", "s", "ing", "ed", "ation", "ness", "ly"};
    for (int n = 0; n < 12000; ++n)
        for (const char* ending : endings) words.push_back(std::string("w").append(std::to_string(n)).append("x").append(ending));
    for (const auto& word : words) first_pass.push_back(english(word));
    for (std::size_t i = 0; i < words.size(); ++i) REQUIRE(english(words[i]) == first_pass[i]);
    CHECK(english("running") == "run");  // and real words still stem
    CHECK(english("nations") == "nation");
    Xapian::Stem fresh = make_snowball_stem("en");
    for (std::size_t i = 0; i < words.size(); i += 997) CHECK(fresh(words[i]) == first_pass[i]);
}
