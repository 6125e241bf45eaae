/** @file
 * @brief Tests of near-duplicate signatures (near_duplicates.h) and of
 *        group assignment at write time (duplicate_groups.h).
 */
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <random>

#include <xapian.h>

#include "analyzer.h"
#include "ascii_words.h"
#include "duplicate_groups.h"
#include "e2e_support.h"
#include "near_duplicates.h"
#include "schema.h"

using namespace newsdex;
using newsdex::test::shared_dir;

namespace {

const char* kStory =
    "Drone strikes hit several vehicles near Aguelhok in the Kidal region on Sunday, killing at least "
    "eight people, according to the Permanent Strategic Framework. The coalition said the dead were "
    "civilians, including gold miners and a driver transporting water. The army said in a statement that "
    "it had destroyed terrorist vehicles and a logistics base after surveillance flights. Since taking "
    "Kidal in November, the army and its Russian allies have extended operations towards Tessalit.";

double similarity(std::string_view a, std::string_view b) {
    auto x = compute_signature("", a), y = compute_signature("", b);
    REQUIRE(x);
    REQUIRE(y);
    return estimate_similarity(encode_signature(*x), encode_signature(*y));
}

/// The signature the plain way, one word string at a time: the definition
/// compute_signature() must keep to the bit, since stored signatures decide
/// which articles re-indexing puts in one group.
std::vector<std::string> reference_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

/// splitmix64's finaliser, written out again rather than shared with
/// near_duplicates.cc on purpose: an edit there must fail here.
std::uint64_t reference_mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

std::optional<DuplicateSignature> reference_signature(std::string_view title, std::string_view text) {
    std::vector<std::string> words = reference_words(text);
    if (words.size() < kMinTextWords) words = reference_words(std::string(title) + "\n" + std::string(text));
    if (words.size() < kMinSignatureWords) return std::nullopt;
    std::array<std::uint64_t, kMinHashes> seeds{};
    std::uint64_t state = 0x6e6577736465785fULL;
    for (auto& seed : seeds) seed = reference_mix(state += 0x9e3779b97f4a7c15ULL);
    DuplicateSignature signature;
    signature.mins.fill(~std::uint64_t(0));
    for (std::size_t first = 0; first + kShingleWords <= words.size(); ++first) {
        std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, 0x1f after each word
        for (std::size_t w = first; w < first + kShingleWords; ++w) {
            for (unsigned char c : words[w]) h = (h ^ c) * 0x100000001b3ULL;
            h = (h ^ 0x1f) * 0x100000001b3ULL;
        }
        for (std::size_t i = 0; i < kMinHashes; ++i)
            signature.mins[i] = std::min(signature.mins[i], reference_mix(h ^ seeds[i]));
    }
    return signature;
}

/// Checks compute_signature() and signature_words() against the references.
void check_against_reference(const std::string& title, const std::string& text) {
    CAPTURE(title);
    CAPTURE(text);
    CHECK(signature_words(text) == reference_words(text));
    const auto got = compute_signature(title, text);
    const auto want = reference_signature(title, text);
    REQUIRE(got.has_value() == want.has_value());
    if (got) CHECK(got->mins == want->mins);
}

/// Random texts of the pieces that could trip a fast path: ASCII words and
/// punctuation, digits and underscores (word characters), multi-byte letters
/// with case (É, Σ, Д), other scripts, and invalid UTF-8 (a stray
/// continuation byte, a truncated sequence, 0xff).
std::string random_text(std::mt19937& rng, std::size_t pieces) {
    static const char* kPieces[] = {
        "Kidal", "the", "ARMY", "a", "said", " ", "  ", ", ", ".\n", "\t", "'", "-", "_", "FAMa_2", "2024",
        "Ségou", "ÉTAT", "état", "Σίσσυ", "Дмитрий", "马里", "ß", "İ", "ﬁ", "\xc3", "\x80", "\xff", "\xe2\x80",
        "\xe2\x80\x9c", "\xf0\x9f\x98\x80", "\xcc\x81", "\xc2\xa0", "Wagner", "JNIM", "d'Aguelhok", "«", "»"};
    std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
    std::string text;
    for (std::size_t i = 0; i < pieces; ++i) {
        text += kPieces[pick(rng)];
        if (rng() % 3) text += ' ';
    }
    return text;
}

/// @p text analysed as the indexer would, under ID @p id ("Headline of ID").
AnalyzedArticle analysed(Analyzer& analyzer, const std::string& id, const std::string& text) {
    Article a;
    a.id = id;
    a.title = "Headline of " + id;
    a.text = text;
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    REQUIRE(out.ok);
    return out;
}

}  // namespace

TEST_CASE("signature words: lower-cased word characters, punctuation and spacing ignored") {
    CHECK(signature_words("Drone  strikes, near “Aguelhok”!\nÉtat") ==
          std::vector<std::string>{"drone", "strikes", "near", "aguelhok", "état"});
    CHECK(signature_words("").empty());
}

TEST_CASE("ASCII word tables: what Xapian says for every ASCII code") {
    for (unsigned c = 0; c < 128; ++c) {
        CAPTURE(c);
        CHECK(kAsciiWords.word[c] == Xapian::Unicode::is_wordchar(c));
        CHECK(static_cast<unsigned char>(kAsciiWords.lower[c]) == Xapian::Unicode::tolower(c));
    }
}

TEST_CASE("signatures equal the plain word-by-word computation, on random and real text") {
    std::mt19937 rng(20261207);
    for (int round = 0; round < 3000; ++round) {
        // Around kMinSignatureWords and kMinTextWords, where the title joins in.
        const std::size_t pieces = round % 2 ? rng() % 40 : rng() % 400;
        check_against_reference(random_text(rng, rng() % 12), random_text(rng, pieces));
    }
    // Every ASCII byte, alone and inside words.
    for (int c = 1; c < 128; ++c) {
        const std::string b(1, char(c));
        check_against_reference("", "one two" + b + "three four five " + b + b + " six seven eight nine ten eleven "
                                    "twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                                    "twenty-one twenty-two twenty-three twenty-four");
    }
    const std::string shared = shared_dir();
    if (shared.empty()) {
        MESSAGE("checked on generated text only: ../shared is absent");
        return;
    }
    std::ifstream in(shared + "/corpora/reuters21578/reut2-003.sgm", std::ios::binary);
    REQUIRE(in);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Slices of every length up to a long article, cut anywhere (mid-word,
    // mid-tag), as dumps deliver them.
    std::size_t start = 0;
    for (int n = 0; start < file.size() && n < 2000; ++n) {
        const std::size_t length = 1 + (n * 37) % 6000;
        check_against_reference(file.substr(start, 40), file.substr(start, length));
        start += length / 2 + 1;
    }
}

TEST_CASE("signatures are the same in every build: pinned values") {
    // Re-indexing regroups articles if these change (near_duplicates.cc).
    auto checksum = [](const DuplicateSignature& signature) {
        std::uint64_t all = 0;
        for (auto v : signature.mins) all = all * 31 + v;
        return all;
    };
    const auto s = compute_signature("", kStory);
    REQUIRE(s);
    CHECK(s->mins[0] == 0x09b3e5d5a2dcccb7ULL);
    CHECK(s->mins[63] == 0x0310580476778f6eULL);
    CHECK(checksum(*s) == 0x7433afab02d75fe3ULL);
    const auto t = compute_signature("Mali : l'armée et ses alliés reprennent Kidal", "Ségou, 14 novembre.");
    REQUIRE(t);
    CHECK(checksum(*t) == 0x479df4a3159db888ULL);
}

TEST_CASE("similarity: copies score high, other stories low") {
    const std::string story = kStory;
    struct Case {
        const char* name;
        std::string other;
        double min, max;
    };
    const Case cases[] = {
        {"the same text re-wrapped", "  " + story + "\n\n", 1.0, 1.0},
        {"a sentence dropped", story.substr(0, story.rfind(" Since")), 0.6, 1.0},
        {"a word changed and a line added",
         std::string(story).replace(story.find("at least eight"), 14, "eight") + "\nRead more: Kidal families flee",
         0.6, 1.0},
        {"another story of the same day",
         "Gunmen attacked a convoy of lorries on the road between Gao and Ansongo on Sunday, the army said, "
         "adding that two drivers were wounded and three vehicles were burned before troops arrived.",
         0.0, 0.2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const double s = similarity(story, c.other);
        CHECK(s >= c.min);
        CHECK(s <= c.max);
    }
}

TEST_CASE("signatures: too short texts have none, short texts add the title") {
    CHECK_FALSE(compute_signature("", "Three words only"));
    CHECK_FALSE(compute_signature("Kidal", "falls"));
    // A headline-only article is signed by its title.
    auto a = compute_signature("UPDATE 1-Mali army says it retook Kidal from rebels", "");
    auto b = compute_signature("Mali army says it retook Kidal from rebels", "");
    REQUIRE(a);
    REQUIRE(b);
    CHECK(estimate_similarity(encode_signature(*a), encode_signature(*b)) >= kDuplicateThreshold);
    // With a long text, a new headline changes nothing.
    auto c = compute_signature("Original headline", kStory);
    auto d = compute_signature("A completely different headline", kStory);
    REQUIRE(c);
    REQUIRE(d);
    CHECK(encode_signature(*c) == encode_signature(*d));
}

TEST_CASE("band values: stable, from the stored signature alone, one per band") {
    auto s = compute_signature("", kStory);
    REQUIRE(s);
    const std::string encoded = encode_signature(*s);
    CHECK(encoded.size() == kSignatureBytes);
    const BandValues bands = band_values(encoded);
    CHECK(band_values(encode_signature(*compute_signature("", kStory))) == bands);
    // Each band reads its own rows: changing one row changes that band only.
    std::string edited = encoded;
    edited[2 * kRowsPerBand * 3] ^= 1;  // first row of band 3
    const BandValues after = band_values(edited);
    for (std::size_t b = 0; b < kBands; ++b) {
        CAPTURE(b);
        CHECK((after[b] == bands[b]) == (b != 3));
    }
    // Rows beyond the bands only count for the similarity estimate.
    edited = encoded;
    edited[2 * kRowsPerBand * kBands] ^= 1;
    CHECK(band_values(edited) == bands);
    CHECK(band_values("") == BandValues{});
}

TEST_CASE("estimate_similarity: invalid encodings are 0") {
    auto s = compute_signature("", kStory);
    REQUIRE(s);
    CHECK(estimate_similarity(encode_signature(*s), "") == 0.0);
    CHECK(estimate_similarity("abc", "abc") == 0.0);
    CHECK(estimate_similarity(encode_signature(*s), encode_signature(*s)) == 1.0);
}

TEST_CASE("groups: copies join the first article's group, others start their own") {
    AnalysisConfig config;
    Analyzer analyzer(config);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    DuplicateGrouper grouper(db);
    auto write = [&](const std::string& id, const std::string& text) {
        AnalyzedArticle out = analysed(analyzer, id, text);
        std::string key = grouper.assign(db, out, nullptr);
        CHECK(out.document.get_value(schema::kSlotDupGroup) == key);
        db.replace_document(out.id_term, out.document);
        return key;
    };
    const std::string story = kStory;
    const std::string trimmed = story.substr(0, story.rfind(" Since"));
    const std::string other = "Gunmen attacked a convoy of lorries on the road between Gao and Ansongo on Sunday, "
                              "the army said, adding that two drivers were wounded and three vehicles were burned.";
    CHECK(write("first", story) == "first");
    CHECK(write("copy", trimmed) == "first");
    CHECK(write("other", other) == "other");
    CHECK(write("tiny", "Too short") == "tiny");
    // Re-writing an article never makes it a copy of its own old version.
    CHECK(write("other", other + " Residents fled.") == "other");
    CHECK(duplicate_group_of(db, schema::id_term("copy")) == "first");
    CHECK(duplicate_group_of(db, schema::id_term("missing")) == "");
    const DuplicateGroupCounts counts = count_duplicate_groups(db);
    CHECK(counts.groups == 1);
    CHECK(counts.articles == 2);

    // A grouper made later knows the database's bands: a new copy still
    // finds its group, and an unchanged article keeps the group it has.
    DuplicateGrouper later(db);
    Article again;
    again.id = "copy";
    again.title = "Headline of copy";
    again.text = trimmed;
    AnalyzedArticle unchanged = analyzer.analyse(std::move(again));
    // (The writer passes the stored version's group when the content is unchanged.)
    const std::string kept = duplicate_group_of(db, unchanged.id_term);
    CHECK(later.assign(db, unchanged, &kept) == "first");
    Article a;
    a.id = "late-copy";
    a.text = story;
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    CHECK(later.assign(db, out, nullptr) == "first");
}

TEST_CASE("groups: an article deleted after the run began is no group to join") {
    AnalysisConfig config;
    Analyzer analyzer(config);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    AnalyzedArticle first = analysed(analyzer, "first", kStory);
    {
        DuplicateGrouper grouper(db);
        grouper.assign(db, first, nullptr);
        db.replace_document(first.id_term, first.document);
    }
    DuplicateGrouper grouper(db);  // knows "first"'s bands
    db.delete_document(first.id_term);
    AnalyzedArticle copy = analysed(analyzer, "copy", kStory);
    CHECK(grouper.assign(db, copy, nullptr) == "copy");
}
