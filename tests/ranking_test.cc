/** @file
 * @brief Tests for ranking.h: the orderings users rely on, on articles
 *        indexed with the real Analyzer and queries read by the real
 *        QueryTranslator, and the --bm25 parameter parser.
 */
#include "ranking.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "analyzer.h"
#include "gazetteer.h"
#include "query_translation.h"
#include "schema.h"

using namespace newsdex;

namespace {

struct Doc {
    const char* id;
    const char* title;
    std::string text;
};

/// @p n sentences of filler that never uses the words the tests search for.
std::string filler(int n) {
    std::string out;
    for (int i = 0; i < n; ++i)
        out += "Traders in the market said prices of millet and rice rose again this week. ";
    return out;
}

struct Ranked {
    Gazetteer actors, places;
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};

    explicit Ranked(const std::vector<Doc>& docs) {
        AnalysisConfig config;
        config.default_language = "en";
        Analyzer analyzer(config);
        for (const Doc& d : docs) {
            Article article;
            article.id = d.id;
            article.title = d.title;
            article.text = d.text;
            AnalyzedArticle analyzed = analyzer.analyse(std::move(article));
            REQUIRE(analyzed.ok);
            db.add_document(analyzed.document);
        }
        db.commit();
    }

    /// The IDs @p query ranks, best first, with the shipped weighting.
    std::vector<std::string> ranking(const std::string& query, MatchMode match = MatchMode::All) {
        SearchRequest request;
        request.query = query;
        request.match = match;
        QueryError error;
        QueryTranslator translator(db, actors, places);
        auto translated = translator.translate(request, error);
        REQUIRE_MESSAGE(translated, error.message);
        Xapian::Enquire enquire(db);
        enquire.set_query(translated->query);
        enquire.set_weighting_scheme(*make_weighting());
        std::vector<std::string> out;
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_document().get_value(schema::kSlotId));
        return out;
    }
};

}  // namespace

TEST_CASE("ranking: a title match ranks above one mention deep in a longer text") {
    Ranked index({
        {"passing-mention", "Millet prices climb in Bamako",
         filler(12) + "Drivers said they feared an ambush on the road north. " + filler(3)},
        {"headline", "Ambush on the Gao road", filler(4)},
    });
    for (MatchMode match : {MatchMode::All, MatchMode::Any}) {
        CAPTURE(static_cast<int>(match));
        CHECK(index.ranking("ambush", match) == std::vector<std::string>{"headline", "passing-mention"});
    }
}

TEST_CASE("ranking: an article that keeps returning to a word ranks above one that names it once") {
    // Same length, word absent from both titles: only the term frequency differs.
    Ranked index({
        {"once", "Market report", filler(4) + "A drone was seen. Officials met. Roads closed. Fuel ran out."},
        {"about", "Market report", filler(4) + "A drone was seen. A drone fired. The drone left. A drone came."},
    });
    CHECK(index.ranking("drone") == std::vector<std::string>{"about", "once"});
}

TEST_CASE("ranking: --match any ranks a question by its content words, not its question words") {
    // With "what", "were" and "of" counted, the article that asks questions
    // would outrank the one about the blockade.
    Ranked index({
        {"questions", "What next? What now?",
         "What were they thinking, what were they doing, what of it? " + filler(1)},
        {"blockade", "Timbuktu blockade tightens", "The blockade of Timbuktu entered its second month. " + filler(1)},
    });
    CHECK(index.ranking("what were the effects of the blockade", MatchMode::Any) ==
          std::vector<std::string>{"blockade"});
}

TEST_CASE("ranking: --bm25 K1,B is parsed and checked") {
    struct Case {
        const char* text;
        double k1, b;       // when valid
        const char* error;  // "" when valid
    };
    const Case cases[] = {
        {"1.2,0.75", 1.2, 0.75, ""},
        {"2,0", 2, 0, ""},
        {"0,1", 0, 1, ""},
        {"1.2", 0, 0, "expected K1,B (two numbers, e.g. 1.2,0.75), not '1.2'"},
        {"1.2,", 0, 0, "expected K1,B (two numbers, e.g. 1.2,0.75), not '1.2,'"},
        {"1.2 0.75", 0, 0, "expected K1,B (two numbers, e.g. 1.2,0.75), not '1.2 0.75'"},
        {"k1,b", 0, 0, "expected K1,B (two numbers, e.g. 1.2,0.75), not 'k1,b'"},
        {"nan,0.5", 0, 0, "expected K1,B (two numbers, e.g. 1.2,0.75), not 'nan,0.5'"},
        {"-1,0.5", 0, 0, "k1 must be 0 or more, not -1"},
        {"1.2,1.5", 0, 0, "b must be between 0 and 1, not 1.5"},
        {"1.2,-0.1", 0, 0, "b must be between 0 and 1, not -0.1"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        std::string error;
        auto params = parse_bm25_parameters(c.text, error);
        CHECK(error == c.error);
        REQUIRE(params.has_value() == (*c.error == '\0'));
        if (params) {
            CHECK(params->k1 == c.k1);
            CHECK(params->b == c.b);
        }
    }
}
