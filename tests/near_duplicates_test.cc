/** @file
 * @brief Tests of near-duplicate signatures (near_duplicates.h) and of
 *        group assignment at write time (duplicate_groups.h).
 */
#include <doctest/doctest.h>

#include "analyzer.h"
#include "duplicate_groups.h"
#include "near_duplicates.h"
#include "schema.h"

using namespace newsdex;

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
