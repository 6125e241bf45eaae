/** @file
 * @brief Tests for Gazetteer: matching rules, file errors, resolve/suggest,
 * and the shipped corpus/actors.tsv and corpus/places.tsv.
 */
#include <doctest/doctest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gazetteer.h"
#include "name_folding.h"

using newsdex::Gazetteer;
using newsdex::GazetteerError;
using Names = std::vector<std::string>;

namespace {

// A small gazetteer exercising each rule; tabs written out so they show.
const char* const kFixture =
    "# comment, then a blank line\n"
    "\n"
    "JNIM\tjihadist-group\tGSIM|Support Group for Islam and Muslims|Jama'at Nusrat al-Islam wal-Muslimin\n"
    "Katiba Macina\tjihadist-group\tMacina Liberation Front\n"
    "CSP\tarmed-group\tPermanent Strategic Framework|CSP-PSD\n"
    "FAMa\tstate-force\tFAMA|Malian army\n"
    "Wagner Group\tpmc\tWagner\n"
    "Gao\ttown\n"
    "Kidal\ttown\n"
    "Ségou\ttown\n"
    "Macina\ttown\tKè-Macina\n"
    "Timbuktu\ttown\tTombouctou\n"
    "Côte d'Ivoire\tcountry\tIvory Coast\n";

Gazetteer fixture() {
    Gazetteer g;
    g.load_string("fixture.tsv", kFixture);
    return g;
}

std::string load_error(const std::string& content) {
    Gazetteer g;
    try {
        g.load_string("bad.tsv", content);
    } catch (const GazetteerError& e) {
        return e.what();
    }
    return "(no error)";
}

struct FindCase {
    const char* text;
    Names expected;
};

void check_find(const Gazetteer& g, const std::vector<FindCase>& cases) {
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(g.find(c.text) == c.expected);
    }
}

}  // namespace

TEST_CASE("gazetteer: matches respect word boundaries") {
    check_find(fixture(), {
        {"Gaol", {}},
        {"Agao", {}},
        {"Gao", {"Gao"}},
        {"the Gao market", {"Gao"}},
        {"Kidal's", {"Kidal"}},
        {"Kidal\u2019s mayor", {"Kidal"}},
        {"Kidalese", {}},
        {"(Gao, Kidal).", {"Gao", "Kidal"}},
        {"the Gao-Kidal road", {"Gao", "Kidal"}},
        {"Support Group for Islam", {}},  // no partial aliases
        {"Katiba", {}},
        {"", {}},
        {" \t\n", {}},
    });
}

TEST_CASE("gazetteer: case folds except for acronym-like aliases") {
    check_find(fixture(), {
        {"GAO and kidal", {"Gao", "Kidal"}},
        {"the csp said", {}},
        {"the Csp said", {}},
        {"the CSP said", {"CSP"}},
        {"CSP-PSD", {"CSP"}},
        {"csp-psd", {"CSP"}},  // 6 letters: not acronym-like
        {"the permanent strategic framework", {"CSP"}},
        {"FAMa", {"FAMa"}},
        {"FAMA soldiers", {"FAMa"}},
        {"Fama", {}},
        {"fama", {}},
        {"the MALIAN ARMY", {"FAMa"}},
        {"gsim", {}},
        {"GSIM", {"JNIM"}},
    });
}

TEST_CASE("gazetteer: diacritics and apostrophes fold") {
    check_find(fixture(), {
        {"Ségou", {"Ségou"}},
        {"Segou", {"Ségou"}},
        {"SÉGOU", {"Ségou"}},
        {"Se\u0301gou", {"Ségou"}},  // decomposed é
        {"S\xe9gou", {"Ségou"}},     // Latin-1 é, read as Xapian does
        {"Jama'at Nusrat al-Islam wal-Muslimin", {"JNIM"}},
        {"Jama\u2019at Nusrat al-Islam wal-Muslimin", {"JNIM"}},
        {"Jama\u2018at Nusrat al Islam wal Muslimin", {"JNIM"}},
        {"Jama`at Nusrat al-Islam wal-Muslimin", {"JNIM"}},
        {"Jam\u0101\u02bfat Nu\u1e63rat al-Isl\u0101m wal-Muslim\u012bn", {"JNIM"}},
        {"Cote d\u2019Ivoire", {"Côte d'Ivoire"}},
        {"Ke Macina", {"Macina"}},
    });
}

TEST_CASE("gazetteer: the longest alias at a position wins") {
    check_find(fixture(), {
        {"the Support Group for Islam and Muslims", {"JNIM"}},
        {"Katiba Macina fighters near Macina", {"Katiba Macina", "Macina"}},
        {"the Macina Liberation Front", {"Katiba Macina"}},
        {"in Kè-Macina", {"Macina"}},
        {"Wagner Group and Wagner", {"Wagner Group"}},
    });
}

TEST_CASE("gazetteer: each name once, in order of first mention") {
    check_find(fixture(), {
        {"Kidal, then Gao, then Kidal again; GSIM, i.e. JNIM", {"Kidal", "Gao", "JNIM"}},
        {"Tombouctou or Timbuktu, then Gao", {"Timbuktu", "Gao"}},
        {"Wagner in Ségou, FAMa in Segou", {"Wagner Group", "Ségou", "FAMa"}},
    });
}

TEST_CASE("gazetteer: malformed files name file and line") {
    struct Case {
        const char* content;
        const char* error;
    };
    const std::vector<Case> cases = {
        {"# c\n\nGao town\n", "bad.tsv:3: expected at least 2 tab-separated fields (canonical name, kind), found 1"},
        {"\ttown\n", "bad.tsv:1: empty canonical name"},
        {"  \ttown\tGao\n", "bad.tsv:1: empty canonical name"},
        {"Gao\ttown\nKidal\t\n", "bad.tsv:2: empty kind"},
        {"Gao\t \tGao-ville\n", "bad.tsv:1: empty kind"},
        {"A\tb\tc\td\n", "bad.tsv:1: expected at most 3 tab-separated fields (canonical name, kind, aliases), found 4"},
        {"A\ttown\t--\n", "bad.tsv:1: alias '--' has no letters or digits"},
        {"A\ttown\tX\nB\ttown\tx\n", "bad.tsv:2: alias 'x' already names 'A'"},
        {"A\ttown\nA\tregion\n", "bad.tsv:2: kind 'region' differs from kind 'town' given earlier for 'A'"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.content);
        CHECK(load_error(c.content) == c.error);
    }
}

TEST_CASE("gazetteer: loading") {
    SUBCASE("a failed load leaves the gazetteer unchanged") {
        Gazetteer g = fixture();
        const auto before = g.entries().size();
        CHECK_THROWS_AS(g.load_string("bad.tsv", "Niger\tcountry\nX\t\n"), GazetteerError);
        CHECK(g.entries().size() == before);
        CHECK_FALSE(g.resolve("Niger"));
    }
    SUBCASE("a repeated canonical name adds aliases") {
        Gazetteer g;
        g.load_string("a.tsv", "Gao\ttown\tGao-ville\r\nGao\ttown\tGawgaw|Gao-ville\r\n");
        REQUIRE(g.entries().size() == 1);
        CHECK(g.entries()[0].aliases == Names{"Gao-ville", "Gawgaw"});
        CHECK(g.find("Gawgaw") == Names{"Gao"});
    }
    SUBCASE("an acronym and a word may share a key") {
        Gazetteer g;
        g.load_string("a.tsv", "CMA\tarmed-group\nCma\ttown\n");
        check_find(g, {{"CMA", {"CMA"}}, {"Cma", {"Cma"}}, {"cma", {"Cma"}}});
    }
    SUBCASE("add() and a missing file") {
        Gazetteer g;
        CHECK(g.empty());
        g.add({"Niamey", "town", {"Niamé"}});
        CHECK_FALSE(g.empty());
        CHECK(g.find("NIAME") == Names{"Niamey"});
        CHECK_THROWS_WITH_AS(g.add({"", "town", {}}), "empty canonical name", GazetteerError);
        CHECK_THROWS_WITH_AS(g.load_file("/nonexistent/x.tsv"),
                             doctest::Contains("/nonexistent/x.tsv: cannot open"), GazetteerError);
    }
    SUBCASE("a moved gazetteer keeps its entries") {
        Gazetteer a = fixture();
        Gazetteer b = std::move(a);
        CHECK(b.find("Gao") == Names{"Gao"});
    }
}

TEST_CASE("gazetteer: resolve() and suggest()") {
    const Gazetteer g = fixture();
    struct Case {
        const char* input;
        std::optional<std::string> expected;
    };
    const std::vector<Case> resolves = {
        {"csp", "CSP"},           {"Csp", "CSP"},       {"jnim", "JNIM"},
        {"gsim", "JNIM"},         {"segou", "Ségou"},   {"TOMBOUCTOU", "Timbuktu"},
        {"ivory coast", "Côte d'Ivoire"}, {"  Gao  ", "Gao"}, {"Kidal's", std::nullopt},
        {"Wagnr", std::nullopt},  {"", std::nullopt},
    };
    for (const auto& c : resolves) {
        CAPTURE(c.input);
        CHECK(g.resolve(c.input) == c.expected);
    }
    struct Suggest {
        const char* input;
        std::size_t n;
        Names expected;
    };
    const std::vector<Suggest> suggests = {
        {"Wagnr", 3, {"Wagner Group"}},
        {"Tombuctu", 3, {"Timbuktu"}},
        {"Kidall", 1, {"Kidal"}},
        {"Gao", 3, {"Gao"}},
        {"xyzzy", 3, {}},
        {"Kidal", 0, {}},
    };
    for (const auto& c : suggests) {
        CAPTURE(c.input);
        CHECK(g.suggest(c.input, c.n) == c.expected);
    }
    CHECK(g.suggest("Segu").front() == "Ségou");
}

TEST_CASE("name folding") {
    using newsdex::FoldCase;
    using newsdex::fold_name;
    CHECK(fold_name("Ségou’s FAMa-led patrol") == "segou s fama led patrol");
    CHECK(fold_name("Ségou’s FAMa-led", FoldCase::keep) == "Segou s FAMa led");
    CHECK(fold_name("Straße Œuvre Ø ɲ") == "strasse oeuvre o ny");
    CHECK(fold_name("Tom\u00adbouctou") == "tombouctou");  // soft hyphen
    CHECK(fold_name(" --- ") == "");
}

TEST_CASE("gazetteer: shipped corpus/actors.tsv and corpus/places.tsv") {
    Gazetteer g;
    REQUIRE_NOTHROW(g.load_file(NEWSDEX_SOURCE_DIR "/corpus/actors.tsv"));
    REQUIRE_NOTHROW(g.load_file(NEWSDEX_SOURCE_DIR "/corpus/places.tsv"));

    struct Case {
        const char* alias;
        const char* canonical;
    };
    const std::vector<Case> cases = {
        {"GSIM", "JNIM"},
        {"JNIM", "JNIM"},
        {"Support Group for Islam and Muslims", "JNIM"},
        {"Groupe de soutien à l'islam et aux musulmans", "JNIM"},
        {"Jamaat Nusrat al-Islam wal-Muslimin", "JNIM"},
        {"Wagner", "Wagner Group"},
        {"Tombouctou", "Timbuktu"},
        {"MLNA", "MNLA"},
        {"FAMA", "FAMa"},
        {"Barkhane", "French forces"},
        {"ISGS", "IS Sahel"},
        {"EIGS", "IS Sahel"},
        {"AQMI", "AQIM"},
        {"CEDEAO", "ECOWAS"},
        {"Segou", "Ségou"},
        {"Menaka", "Ménaka"},
        {"région de Mopti", "Mopti Region"},
        {"tri-border area", "Liptako-Gourma"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.alias);
        CHECK(g.resolve(c.alias) == std::optional<std::string>(c.canonical));
    }

    check_find(g, {
        {"On 27 December 2018, presumed Ansar Dine (JNIM) militants planted a mine outside the house of "
         "MNLA (CMA) chief of staff Mohamed Ag Najim in Kidal (Kidal, Kidal).",
         {"Ansar Dine", "JNIM", "MNLA", "CMA", "Kidal"}},
        {"presumed Katiba Macina militants near Macina", {"Katiba Macina", "Macina"}},
        {"an ambush on the Niger River near the Niger border", {"Niger River", "Niger"}},
        {"the csp and the cma", {}},
        {"un soldat", {}},
    });

    // Kinds come from the lists documented at the top of each file.
    const std::set<std::string> kinds = {
        "state-force", "police", "government", "jihadist-group", "armed-group", "joint-force", "militia",
        "pmc", "foreign-force", "international-mission", "intergovernmental",
        "country", "region", "town", "area"};
    for (const auto& e : g.entries()) {
        CAPTURE(e.canonical);
        CHECK(kinds.count(e.kind) == 1);
    }
}
