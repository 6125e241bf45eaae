/** @file
 * @brief Tests of analysis: the document an Article becomes (terms, values
 *        and data laid out as schema.h says).
 */
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "analyzer.h"
#include "boilerplate.h"
#include "entity_recognizer.h"
#include "near_duplicates.h"
#include "schema.h"
#include "spelling_words.h"
#include "stored_article.h"

using namespace newsdex;

namespace {

const char* kActors =
    "JNIM\tjihadist-group\tGSIM|Support Group for Islam and Muslims\n"
    "Katiba Macina\tjihadist-group\tMacina Liberation Front\n"
    "FAMa\tstate-force\tFAMA|Malian army\n";
const char* kPlaces =
    "Kidal\ttown\t\n"
    "Macina\ttown\t\n"
    "Timbuktu\ttown\tTombouctou\n";

struct Fixture {
    EntityRecognizer entities;
    BoilerplateFilter boilerplate;
    AnalysisConfig config;
    Fixture() {
        entities.load("actors", kActors, "places", kPlaces);
        boilerplate.add_pattern("advertisement");
        config.entities = &entities;
        config.boilerplate = &boilerplate;
    }
};

/// The JSON object at the head of @p doc's data (the packed text follows).
nlohmann::json json_object_of(const Xapian::Document& doc) {
    return nlohmann::json::parse(stored_object(doc.get_data()));
}

bool has_term(const Xapian::Document& doc, const std::string& term) {
    auto t = doc.termlist_begin();
    t.skip_to(term);
    return t != doc.termlist_end() && *t == term;
}

}  // namespace

TEST_CASE("a dated article gets date terms, value slots and JSON data") {
    Fixture f;
    Analyzer analyzer(f.config);
    Article a;
    a.id = "a1";
    a.title = "Drone strike near Kidal";
    a.date = "20 March 2024";
    a.source = "Sahel Monitor";
    a.url = "https://example.org/a1";
    a.text = "The Malian army and GSIM fighters clashed.\nAdvertisement\nKatiba Macina claimed it.";
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    REQUIRE(out.ok);
    const Xapian::Document& doc = out.document;
    for (const char* term : {"Qa1", "Y2024", "M202403", "D20240320", "XAjnim", "XAfama", "XAkatiba macina",
                             "XPkidal", "XOsahel monitor", "Len", "Sdrone", "drone", "Zstrike"}) {
        CAPTURE(term);
        CHECK(has_term(doc, term));
    }
    // "Katiba Macina" is the group, not also the town.
    CHECK(!has_term(doc, "XPmacina"));
    CHECK(!has_term(doc, schema::kTermUndated));
    CHECK(doc.get_value(schema::kSlotDate) == "20240320");
    // Schema 4: near-duplicate bands are derived from the signature slot,
    // not indexed as terms, and the month is read from the date slot.
    CHECK(doc.get_value(schema::kSlotDupSignature).size() == kSignatureBytes);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) CHECK((*t).rfind("XB", 0) != 0);
    CHECK(doc.get_value(3).empty());
    CHECK(doc.get_value(schema::kSlotId) == "a1");
    CHECK(schema::decode_list(doc.get_value(schema::kSlotActors)) ==
          std::vector<std::string>{"FAMa", "JNIM", "Katiba Macina"});

    auto data = json_object_of(doc);
    CHECK(data["id"] == "a1");
    CHECK(data["date"] == "2024-03-20");
    CHECK(data["places"] == nlohmann::json::array({"Kidal"}));
    // The text follows the object, packed (schema 6), without its
    // boilerplate lines.
    CHECK(!data.contains("text"));
    const std::string text = read_stored_article(doc.get_data(), true).text;
    CHECK(text.find("Katiba Macina claimed it.") != std::string::npos);
    CHECK(text.find("Advertisement") == std::string::npos);
}

TEST_CASE("spelling words: the words as written, without numbers or codes") {
    Fixture f;
    Analyzer analyzer(f.config);
    Article a;
    a.id = "s1";
    a.title = "Convoy attacked near Kidal";
    a.text = "In 2012 the MNLA and 3.5 tonnes of aid; the M23 road was closed.";
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    REQUIRE(out.ok);
    const std::vector<std::string> words = spelling_words_of(out.document);
    for (const auto& word : words) {
        CAPTURE(word);
        CHECK(!schema::has_prefix(word));  // no stems, IDs, dates, actors
    }
    for (const char* word : {"convoy", "attacked", "kidal", "mnla", "tonnes", "closed"}) {
        CAPTURE(word);
        CHECK(std::count(words.begin(), words.end(), word) == 1);
    }
    // "Did you mean" must not turn one number into another.
    for (const char* word : {"2012", "3.5", "m23"}) {
        CAPTURE(word);
        CHECK(std::count(words.begin(), words.end(), word) == 0);
        CHECK(has_term(out.document, word));  // still searchable
    }
}

TEST_CASE("an undated article is marked undated, never given today's date") {
    Fixture f;
    Analyzer analyzer(f.config);
    Article a;
    a.url = "https://example.org/x";
    a.text = "Convoy ambushed on the road to Tombouctou.";
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    REQUIRE(out.ok);
    CHECK(!out.date);
    CHECK(has_term(out.document, schema::kTermUndated));
    CHECK(out.document.get_value(schema::kSlotDate).empty());
    CHECK(out.id == "https://example.org/x");  // no id field: the url
    CHECK(has_term(out.document, "XPtimbuktu"));
    CHECK(json_object_of(out.document)["date"].is_null());
}

TEST_CASE("an unparseable date is a warning and the article is undated") {
    Fixture f;
    Analyzer analyzer(f.config);
    Article a;
    a.id = "x";
    a.text = "Text.";
    a.date = "sometime last week";
    a.where = {"dump.jsonl", 7};
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    REQUIRE(out.ok);
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0].where.str() == "dump.jsonl:7");
    CHECK(out.warnings[0].message == "unparseable date 'sometime last week', indexed as undated");
}

TEST_CASE("IDs: id field, else url, else path for one-per-file input, else a content hash") {
    Fixture f;
    Analyzer analyzer(f.config);
    Article with_path;
    with_path.text = "Some text.";
    with_path.path = "/tmp/x.txt";
    with_path.one_per_file = true;
    CHECK(analyzer.analyse(Article(with_path)).id == "/tmp/x.txt");
    Article from_jsonl = with_path;
    from_jsonl.one_per_file = false;
    AnalyzedArticle hashed = analyzer.analyse(std::move(from_jsonl));
    CHECK(hashed.id == "sha:" + hashed.content_hash);
}

TEST_CASE("titles: a short first line is a headline, else the first sentence cut at a word") {
    Fixture f;
    Analyzer analyzer(f.config);
    struct Case {
        const char* text;
        const char* title;
    };
    const Case cases[] = {
        {"Mali's army moves north\nTroops left Gao on Monday.", "Mali's army moves north"},
        {"Troops left Gao on Monday. They headed north.", "Troops left Gao on Monday."},
        {"Troops left Gao on Monday after weeks of preparation and a long standoff with the rebel "
         "coalition that controls the town of Kidal far to the north.",
         "Troops left Gao on Monday after weeks of preparation and a long standoff with the rebel "
         "coalition that controls the town…"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        Article a;
        a.id = "t";
        a.text = c.text;
        auto data = json_object_of(analyzer.analyse(std::move(a)).document);
        CHECK(data["title"] == c.title);
    }
}

TEST_CASE("an article with neither title nor text is rejected") {
    Fixture f;
    Analyzer analyzer(f.config);
    Article a;
    a.id = "empty";
    a.text = "Advertisement\n\n";
    a.where = {"x.csv", 3};
    AnalyzedArticle out = analyzer.analyse(std::move(a));
    CHECK(!out.ok);
    CHECK(out.error.where.str() == "x.csv:3");
    CHECK(out.error.message == "article has neither title nor text");
}
