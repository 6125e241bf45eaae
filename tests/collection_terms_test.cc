/** @file
 * @brief Tests for collection_terms.h: seeking from term to term lists what
 *        stepping lists, and the date span found through the last year and
 *        month is the first and last day term's.
 */
#include "collection_terms.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "e2e_support.h"
#include "schema.h"

using namespace newsdex;

namespace {

using TermCounts = std::vector<std::pair<std::string, Xapian::doccount>>;

/// allterms_begin(prefix) stepped with ++: what for_each_term() must list.
TermCounts stepped(const Xapian::Database& db, const std::string& prefix) {
    TermCounts out;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) out.emplace_back(*t, t.get_termfreq());
    return out;
}

TermCounts sought(const Xapian::Database& db, const std::string& prefix) {
    TermCounts out;
    for_each_term(db, prefix, [&](const std::string& term, Xapian::doccount n) { out.emplace_back(term, n); });
    return out;
}

/// 6,000 articles: "Len" on most (a posting list of many chunks), a few
/// "Lfr" and "Lfra" (a term that extends another), days over three years,
/// every 13th undated.
void build(const std::string& path) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = 0; i < 6000; ++i) {
        Xapian::Document doc;
        doc.add_boolean_term(i % 50 == 0 ? "Lfr" : i % 77 == 0 ? "Lfra" : "Len");
        if (i % 13 != 0) {
            const Day d{2019 + i % 3, 1 + i % 12, 1 + i % 28};
            doc.add_boolean_term(schema::year_term(d));
            doc.add_boolean_term(schema::month_term(d));
            doc.add_boolean_term(schema::day_term(d));
        }
        db.add_document(doc);
    }
    db.commit();
}

}  // namespace

TEST_CASE("for_each_term lists every prefixed term and its frequency, as stepping does") {
    newsdex::test::TempDir dir;
    build(dir / "db");
    Xapian::Database db(dir / "db");
    for (const char* prefix : {"L", "Len", "Lf", "Y", "M2020", "D", "D2021", "Q", ""}) {
        CAPTURE(prefix);
        CHECK(sought(db, prefix) == stepped(db, prefix));
    }
    CHECK(sought(db, "L") == TermCounts{{"Len", 5804}, {"Lfr", 120}, {"Lfra", 76}});
    // Shards: the merged term lists.
    Xapian::Database shards(dir / "db");
    shards.add_database(Xapian::Database(dir / "db"));
    CHECK(sought(shards, "L") == TermCounts{{"Len", 2 * 5804}, {"Lfr", 240}, {"Lfra", 152}});
}

TEST_CASE("collection_days: the first and last day terms, or nothing when undated") {
    newsdex::test::TempDir dir;
    build(dir / "db");
    Xapian::Database db(dir / "db");
    const TermCounts days = stepped(db, schema::kPrefixDay);
    REQUIRE(days.size() == 84);  // (i % 3, i % 12, i % 28) repeats every 84 articles
    const CollectionDays span = collection_days(db);
    REQUIRE(span.first);
    REQUIRE(span.last);
    CHECK(span.first->iso() == schema::day_of_term(days.front().first)->iso());
    CHECK(span.last->iso() == schema::day_of_term(days.back().first)->iso());
    CHECK(span.last->iso() == "2021-12-28");

    Xapian::WritableDatabase undated(std::string(), Xapian::DB_BACKEND_INMEMORY);
    undated.add_document(Xapian::Document());
    const CollectionDays none = collection_days(undated);
    CHECK(!none.first);
    CHECK(!none.last);
}
