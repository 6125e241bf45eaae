/** @file
 * @brief Tests of passage_snippet() and snippet_terms().
 */
#include "passage_snippet.h"

#include <doctest/doctest.h>

#include <cctype>
#include <random>
#include <string>
#include <vector>

#include "snippet_reference.h"
#include "snowball_stemmer.h"

using namespace newsdex;
using newsdex::test::marked_the_plain_way;

namespace {

SnippetTerm stem_term(std::string word, double weight = 1.0) { return {std::move(word), true, weight}; }
SnippetTerm exact_term(std::string word, double weight = 1.0) { return {std::move(word), false, weight}; }

std::string snippet(std::string_view text, const std::vector<SnippetTerm>& terms, std::size_t max_bytes = 240) {
    static SnippetStemmer english(make_snowball_stem("english"));
    const SnippetStyle style{max_bytes, "[", "]", "..."};
    return passage_snippet(text, terms, english, style).value_or("<none>");
}

}  // namespace

TEST_CASE("passage_snippet: the sentence holding the query's words, words that stem alike highlighted") {
    const std::string text =
        "Markets reopened in Bamako on Monday. Traders said prices were stable. "
        "A drone strike near Kidal killed three people, and drones were seen again on Tuesday. "
        "The weather was hot.";
    CHECK(snippet(text, {stem_term("drone"), exact_term("kidal")}, 120) ==
          "...A [drone] strike near [Kidal] killed three people, and [drones] were seen again on Tuesday. The "
          "weather was hot.");
}

TEST_CASE("passage_snippet: a sentence with more of the query beats one repeating a single word") {
    const std::string text =
        "Gundy said it. Gundy again. Wood Gundy, headquartered in Toronto, sold its stake last year to a bank. "
        "Nothing else.";
    const std::string s = snippet(text, {stem_term("gundi", 3.0), stem_term("headquart", 2.0)}, 95);
    CAPTURE(s);
    CHECK(s.starts_with("...Wood [Gundy], [headquartered] in Toronto"));
}

TEST_CASE("passage_snippet: a heavier term outweighs a lighter one") {
    const std::string text = "The army moved north. Officials in Gao counted the dead. The sky was grey.";
    const std::string s = snippet(text, {stem_term("armi", 1.0), exact_term("gao", 5.0)}, 40);
    CAPTURE(s);
    CHECK(s.starts_with("...Officials in [Gao] counted the dead."));
}

TEST_CASE("passage_snippet: a long sentence is cut around its matches, at word boundaries") {
    std::string text = "Intro sentence here. The report, which ";
    for (int i = 0; i < 30; ++i) text += "covered many districts ";
    text += "mentioned a convoy near Menaka, ";
    for (int i = 0; i < 30; ++i) text += "and other things ";
    text += "ended.";
    const std::string s = snippet(text, {stem_term("convoy")}, 100);
    CAPTURE(s);
    CHECK(s.find("[convoy]") != std::string::npos);
    CHECK(s.starts_with("..."));
    CHECK(s.ends_with("..."));
    const std::string body = s.substr(3, s.size() - 6);
    CHECK(body.size() <= 100 + 2);  // the markers "[" and "]" are not counted
    CHECK(body.front() != ' ');
    CHECK(body.back() != ' ');
    // Starts on a word: the text before it ends with a space.
    std::string opening = " ";
    opening += body.substr(0, 10);
    CHECK(text.find(opening) != std::string::npos);
}

TEST_CASE("passage_snippet: short texts are shown whole, without omission marks") {
    CHECK(snippet("Drones over Gao.", {stem_term("drone")}) == "[Drones] over Gao.");
    // At the end of the text, room left is filled with whole sentences before.
    CHECK(snippet("First part. Second part with a drone.", {stem_term("drone")}, 60) ==
          "First part. Second part with a [drone].");
}

TEST_CASE("passage_snippet: no match, no snippet (the caller falls back to Xapian's)") {
    CHECK(snippet("Nothing to see here.", {stem_term("drone")}) == "<none>");
    CHECK(snippet("Nothing to see here.", {}) == "<none>");
    // A number the index keeps whole is not a word here.
    CHECK(snippet("Prices rose 3.6 pct.", {exact_term("3.6")}) == "<none>");
}

TEST_CASE("passage_snippet: a wrapped line is not a sentence end, a blank line is") {
    const std::string text = "The delegation said the\nceasefire held in Timbuktu.\n\nOther news followed.";
    CHECK(snippet(text, {stem_term("ceasefir")}, 52) == "The delegation said the\n[ceasefire] held in Timbuktu....");
}

TEST_CASE("passage_snippet: non-ASCII words are folded and stemmed") {
    static SnippetStemmer french(make_snowball_stem("french"));
    SnippetStyle style{240, "[", "]", "…"};
    const std::string text = "Les ÉLECTIONS législatives ont été reportées à Bamako.";
    auto s = passage_snippet(text, {stem_term(french("élections"))}, french, style);
    REQUIRE(s);
    CHECK(*s == "Les [ÉLECTIONS] législatives ont été reportées à Bamako.");
    // Never cuts inside a UTF-8 sequence.
    std::string long_text;
    for (int i = 0; i < 40; ++i) long_text += "été ";
    long_text += "élections ";
    for (int i = 0; i < 40; ++i) long_text += "à ";
    style.max_bytes = 50;
    s = passage_snippet(long_text, {stem_term(french("élections"))}, french, style);
    REQUIRE(s);
    Xapian::Utf8Iterator it(*s);
    for (; it != Xapian::Utf8Iterator(); ++it) CHECK(*it != 0xFFFD);
}

TEST_CASE("passage_snippet: a term matches whole words only, wherever a word starts") {
    // After ASCII and non-ASCII punctuation, not after a letter of either kind.
    CHECK(snippet("Xattack, éattack (attack) —attack «attacks» l’attack attack_2 attack.",
                  {exact_term("attack")}, 200) ==
          "Xattack, éattack ([attack]) —[attack] «attacks» l’[attack] attack_2 [attack].");
    CHECK(snippet("Xattack, éattack (attack) —attack «attacks» l’attack.", {stem_term("attack")}, 200) ==
          "Xattack, éattack ([attack]) —[attack] «[attacks]» l’[attack].");
    // A word starting with a non-ASCII letter, and a term starting with one.
    static SnippetStemmer french(make_snowball_stem("french"));
    SnippetStyle style{240, "[", "]", "…"};
    CHECK(passage_snippet("L’État malien et les États voisins.", {stem_term(french("états"))}, french, style) ==
          "L’[État] malien et les [États] voisins.");
    CHECK(passage_snippet("Des élections à Ségou: élire, élu.", {stem_term(french("élection")), exact_term("ségou")},
                          french, style) == "Des [élections] à [Ségou]: élire, élu.");
    // A stem whose letters its words spell with accents (público -> public).
    static SnippetStemmer spanish(make_snowball_stem("es"));
    REQUIRE(spanish("público") == "public");
    CHECK(passage_snippet("El gasto Público y los públicos, publicar.", {stem_term("public")}, spanish, style) ==
          "El gasto [Público] y los [públicos], [publicar].");
}

namespace {

/// Checks passage_snippet() against marked_the_plain_way() on @p rounds
/// random texts made of @p pieces, for queries drawn from @p queries.
void check_random_texts(const std::vector<std::string>& pieces,
                        const std::vector<std::vector<SnippetTerm>>& queries, SnippetStemmer& stem, int rounds) {
    const SnippetStyle whole{1 << 20, "[", "]", "…"};  // room for the whole text
    std::mt19937 random(20261122);
    for (int round = 0; round < rounds; ++round) {
        // Texts start with a word and end with "end.": the snippet is then the whole text.
        std::string text = "Start";
        const int count = std::uniform_int_distribution<int>(0, 120)(random);
        for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
        text += " end.";
        const auto& terms = queries[random() % queries.size()];
        const std::string expected = marked_the_plain_way(text, terms, stem.stemmer());
        const auto got = passage_snippet(text, terms, stem, whole);
        if (expected.find('[') == std::string::npos) {
            CHECK_MESSAGE(!got, text);
        } else {
            REQUIRE_MESSAGE(got, text);
            CHECK_MESSAGE(*got == expected, text);
        }
    }
}

const std::vector<std::string> kSeparators = {" ", " ", " ", "  ", ". ", "! ", "? ", ", ", "\n", "\n\n",
                                              "—", "’", "«", "»", "(", ")", "\"", "-", "..."};

}  // namespace

TEST_CASE("passage_snippet: marks the words a plain word-by-word reading marks, on random texts") {
    // Pieces that put term letters inside words, after ASCII and non-ASCII
    // letters and punctuation, across sentence ends and 16-byte blocks; and
    // words starting with a term's first letter, or its first two, only.
    std::vector<std::string> pieces = {
        "attack", "Attacks", "ATTACKED", "xattack", "attack_2", "tattack", "kidal", "Kidal", "KIDALS", "the",
        "état", "États", "éattack", "Ségou", "segou", "2024", "a", "to", "drone", "drones", "Timbuktu",
        "Gao", "mopti", "Bamako", "(attack)", "atlas", "ATone", "aTTacks", "dying", "die", "Dies", "lying",
        "in", "introduce", "INtroduced", "is", "it", "its", "kid", "kIdal", "intro", "introspection",
        "INTRODUCTION", "relation", "Relational", "release", "rely", "happy", "Happiness", "happier", "hap"};
    pieces.insert(pieces.end(), kSeparators.begin(), kSeparators.end());
    const std::vector<std::vector<SnippetTerm>> queries = {
        {stem_term("attack")},
        {exact_term("kidal"), stem_term("attack", 2.0)},
        {stem_term("drone"), exact_term("segou"), stem_term("timbuktu")},
        {exact_term("état"), stem_term("attack")},  // a term starting with a non-ASCII letter
        {exact_term("2024"), exact_term("to"), stem_term("the")},
        // a term starting with punctuation matches no word and takes none from the others
        {exact_term("(attack"), stem_term("attack")},
        // more first letters (19, both cases) than the 16-byte scan takes
        {stem_term("attack"), exact_term("kidal"), stem_term("drone"), exact_term("segou"), stem_term("timbuktu"),
         exact_term("2024"), exact_term("to"), stem_term("the"), exact_term("xattack"), exact_term("gao"),
         exact_term("mopti"), exact_term("bamako")},
        // a stem of three letters, whose words may go on otherwise (dying -> die)
        {stem_term("die"), exact_term("atlas")},
        // a stem and an exact term sharing a first letter, not a second
        {stem_term("introduc"), exact_term("it"), stem_term("kidal")},
        // stems whose last letters their words spell otherwise (happy -> happi)
        {stem_term("happi"), stem_term("relat"), exact_term("kid")},
    };
    static SnippetStemmer english(make_snowball_stem("english"));
    check_random_texts(pieces, queries, english, 3000);
}

TEST_CASE("passage_snippet: with a stemmer that takes off prefixes, words starting otherwise match") {
    static SnippetStemmer indonesian(make_snowball_stem("id"));
    const SnippetStyle style{240, "[", "]", "…"};
    CHECK(passage_snippet("Para siswa sedang membaca buku. Mereka dibaca.", {stem_term(indonesian("baca"))},
                          indonesian, style) == "Para siswa sedang [membaca] buku. Mereka [dibaca].");
    std::vector<std::string> pieces = {"membaca", "Membaca", "baca", "dibaca", "pembaca", "bacaan", "buku",
                                       "berlari", "lari", "pelari", "kota", "di", "ke"};
    pieces.insert(pieces.end(), kSeparators.begin(), kSeparators.end());
    check_random_texts(pieces, {{stem_term(indonesian("membaca"))}, {stem_term(indonesian("berlari")), exact_term("kota")}},
                       indonesian, 500);
}

TEST_CASE("SnippetStemmer: the stems of its stemmer, however many words it has seen") {
    // Two stemmers, so that each remembers its own stems.
    Xapian::Stem english = make_snowball_stem("english");
    SnippetStemmer cached(make_snowball_stem("english"));
    const std::vector<std::string> words = {"attacks", "attacked", "the", "countries", "dying", "generously"};
    for (int round = 0; round < 2; ++round)
        for (const auto& word : words) CHECK(cached(word) == english(word));
    // Past the bound it forgets, and still answers right.
    std::string word = "aaaa";
    for (int i = 0; i < 70000; ++i) {
        for (std::size_t k = word.size(); k-- > 0;) {
            if (word[k] != 'z') {
                ++word[k];
                break;
            }
            word[k] = 'a';
        }
        const std::string inflected = std::string(word).append("ing");
        if (i % 997 == 0) REQUIRE(cached(inflected) == english(inflected));
        else cached(word);
    }
    for (const auto& w : words) CHECK(cached(w) == english(w));
}

TEST_CASE("snippet_terms: the free-text terms, weighted by their idf") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    doc.add_posting("Zdrone", 1);
    doc.add_posting("kidal", 2);
    doc.add_boolean_term("Y2024");
    db.add_document(doc);
    for (int i = 0; i < 20; ++i) {
        Xapian::Document other;
        other.add_posting("Zdrone", 1);
        other.add_posting(i % 2 ? "gao" : "kidal", 2);
        db.add_document(other);
    }
    const Xapian::Query query(Xapian::Query::OP_FILTER,
                              Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zdrone"), Xapian::Query("kidal")),
                              Xapian::Query("Y2024"));
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const auto terms = snippet_terms(query, enquire.get_mset(0, 10), db.get_doccount());
    REQUIRE(terms.size() == 2);  // not the filter
    CHECK(terms[0].word == "drone");
    CHECK(terms[0].stemmed);
    CHECK(terms[1].word == "kidal");
    CHECK_FALSE(terms[1].stemmed);
    CHECK(terms[1].weight > terms[0].weight);  // kidal is the rarer term
}

TEST_CASE("needs_xapian_snippet: only for what the word scan cannot see") {
    auto terms_of = [](const Xapian::Query& query) {
        std::vector<SnippetTerm> terms;
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t)
            terms.push_back({*t, false, 1.0});
        return terms;
    };
    const Xapian::Query words(Xapian::Query::OP_AND, Xapian::Query("convoy"), Xapian::Query("élections"));
    CHECK_FALSE(needs_xapian_snippet(words, terms_of(words)));  // accented words are scanned
    const Xapian::Query number("3.6");
    CHECK(needs_xapian_snippet(number, terms_of(number)));
    const Xapian::Query cjk("平民");
    CHECK(needs_xapian_snippet(cjk, terms_of(cjk)));
    const Xapian::Query wildcard(Xapian::Query::OP_WILDCARD, "peacekeep");
    CHECK(needs_xapian_snippet(wildcard, terms_of(wildcard)));
}
