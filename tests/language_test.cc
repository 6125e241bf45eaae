/** @file
 * @brief Tests of language detection (language_detect.h), of the language
 *        an analysed article gets, and of queries read in every language
 *        of the collection (query_translation.h, merge_readings()).
 */
#include <doctest/doctest.h>

#include <algorithm>

#include "analyzer.h"
#include "gazetteer.h"
#include "language_detect.h"
#include "query_translation.h"
#include "schema.h"

using namespace newsdex;

TEST_CASE("detect_language: a sentence or a paragraph is enough, too little says nothing") {
    struct Case {
        const char* text;
        const char* expected;
    };
    const Case cases[] = {
        {"Drone strikes hit several vehicles near Aguelhok in the Kidal region on Sunday.", "en"},
        {"Le Conseil de sécurité met fin à la MINUSMA, les casques bleus ont six mois pour partir.", "fr"},
        {"Les combattants du MSA et du GATIA affirment avoir repoussé une attaque de l'EIGS.", "fr"},
        {"El ejército de Malí dijo que los ataques con drones mataron a varios civiles en el norte.", "es"},
        {"O exército do Mali disse que os ataques com drones mataram vários civis no norte do país.", "pt"},
        {"Die Armee von Mali sagte, dass die Angriffe mit Drohnen im Norden viele Zivilisten getötet haben.", "de"},
        {"L'esercito del Mali ha detto che gli attacchi con i droni hanno ucciso molti civili nel nord.", "it"},
        // Proper names only, or too few words: no verdict.
        {"Kidal Gao Tombouctou MINUSMA Wagner FAMa JNIM", ""},
        {"Bamako", ""},
        {"", ""},
        // An English story quoting a French phrase stays English.
        {"The army said the strikes had hit \"des terroristes\" and that the operation in the north of the "
         "country would continue for as long as it was needed.",
         "en"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CHECK(detect_language(c.text).code == c.expected);
    }
    CHECK(detectable_languages() == std::vector<std::string>{"en", "fr", "es", "pt", "it", "de"});
}

TEST_CASE("an article's language: its field, else --lang, else detected, else English") {
    struct Case {
        const char* field;
        const char* default_language;
        const char* text;
        const char* expected;
    };
    const char* french = "Les déplacés arrivés à Ménaka racontent des villages vidés et du bétail emporté.";
    const Case cases[] = {
        {"fr", kDetectLanguage, "Drone strikes hit vehicles near Aguelhok on Sunday, the army said.", "fr"},
        {"", kDetectLanguage, french, "fr"},
        {"", "en", french, "en"},  // an explicit --lang forces
        {"", kDetectLanguage, "Kidal, Gao", kFallbackLanguage},
        {"EN", kDetectLanguage, french, "en"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        CAPTURE(c.default_language);
        AnalysisConfig config;
        config.default_language = c.default_language;
        Analyzer analyzer(config);
        Article a;
        a.id = "x";
        a.lang = c.field;
        a.text = c.text;
        AnalyzedArticle out = analyzer.analyse(std::move(a));
        REQUIRE(out.ok);
        CHECK(out.language == c.expected);
        CHECK(out.document.get_value(schema::kSlotLang) == c.expected);
    }
}

TEST_CASE("French articles are stemmed in French, English ones in English") {
    AnalysisConfig config;
    Analyzer analyzer(config);
    Article fr;
    fr.id = "fr";
    fr.text = "De nouvelles frappes de drones ont visé des véhicules près de Kidal, selon le CSP.";
    Article en;
    en.id = "en";
    en.text = "New drone strikes hit vehicles near Kidal, according to the CSP.";
    const Xapian::Document f = analyzer.analyse(std::move(fr)).document;
    const Xapian::Document e = analyzer.analyse(std::move(en)).document;
    auto has = [](const Xapian::Document& d, const std::string& term) {
        auto t = d.termlist_begin();
        t.skip_to(term);
        return t != d.termlist_end() && *t == term;
    };
    CHECK(has(f, "Zdron"));   // French stem of "drones"
    CHECK(has(f, "Zfrapp"));
    CHECK(has(e, "Zdrone"));  // English stem of "drone"
    CHECK(has(f, "Lfr"));
    CHECK(has(e, "Len"));
}

TEST_CASE("queries are read in every language of the collection") {
    AnalysisConfig config;
    Analyzer analyzer(config);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const std::pair<const char*, const char*> docs[] = {
        {"fr1", "Kidal : de nouvelles frappes de drones font des victimes civiles, selon le CSP."},
        {"fr2", "Tombouctou : les prix flambent sous le blocus, les commerçants sont inquiets."},
        {"en1", "Drone strikes hit vehicles near Aguelhok, rebels say civilians were killed."},
        {"en2", "Wagner fighters and Malian soldiers were killed in a battle near the border."},
    };
    for (const auto& [id, text] : docs) {
        Article a;
        a.id = id;
        a.text = text;
        AnalyzedArticle out = analyzer.analyse(std::move(a));
        db.add_document(out.document);
    }
    Gazetteer actors, places;
    QueryTranslator translator(db, actors, places);
    auto ids = [&](const std::string& query, std::vector<std::string> languages = {},
                   std::vector<std::string> lang_filter = {}) {
        SearchRequest r;
        r.query = query;
        r.query_languages = std::move(languages);
        r.filters.langs = std::move(lang_filter);
        QueryError error;
        auto t = translator.translate(r, error);
        REQUIRE(t);
        Xapian::Enquire enquire(db);
        enquire.set_query(t->query);
        std::vector<std::string> out;
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_document().get_value(schema::kSlotId));
        std::sort(out.begin(), out.end());
        return out;
    };
    CHECK(ids("frappes de drones") == std::vector<std::string>{"fr1"});
    CHECK(ids("drones") == std::vector<std::string>{"en1", "fr1"});
    CHECK(ids("drone strikes") == std::vector<std::string>{"en1"});
    // Negation excludes every reading's stem.
    CHECK(ids("-drones") == std::vector<std::string>{"en2", "fr2"});
    CHECK(ids("killed OR prix") == std::vector<std::string>{"en1", "en2", "fr2"});
    // Forced to one language, the other's stems are not looked for.
    CHECK(ids("drones", {"en"}) == std::vector<std::string>{"en1"});
    CHECK(ids("drones", {}, {"fr"}) == std::vector<std::string>{"fr1"});
}

TEST_CASE("merge_readings: differing terms become synonyms, other shapes give up") {
    using Q = Xapian::Query;
    const Q en(Q::OP_AND, Q("Zfrapp", 1, 1), Q("Zdrone", 1, 2));
    const Q fr(Q::OP_AND, Q("Zfrapp", 1, 1), Q("Zdron", 1, 2));
    auto merged = merge_readings({en, fr});
    REQUIRE(merged);
    CHECK(merged->get_description() == "Query((Zfrapp@1 AND (Zdrone@2 SYNONYM Zdron@2)))");
    CHECK(merge_readings({en, en})->get_description() == en.get_description());
    CHECK_FALSE(merge_readings({en, Q("Zdron")}));
    const std::vector<std::string> a{"drone", "strike"}, b{"dron", "strik"};
    CHECK_FALSE(merge_readings({Q(Q::OP_PHRASE, a.begin(), a.end()), Q(Q::OP_PHRASE, b.begin(), b.end())}));
    CHECK_FALSE(merge_readings({}));
}
