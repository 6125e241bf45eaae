/** @file
 * @brief Tests for date_column.h: a batch's date filter (DateColumnSource)
 *        selects exactly what the date value filter selects, whichever side
 *        drives the match, on one database and on shards, with exact
 *        estimates; and BatchColumns reads each database revision once.
 */
#include "date_column.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "query_translation.h"
#include "schema.h"

using namespace newsdex;

namespace {

constexpr int kArticles = 600;

/// Article @p i: "a<i>", dated a pseudo-random day of 2020-2021 (so that
/// docid order is not date order) or, @p in_date_order, the ((i / 16) %
/// 700)th, every tenth undated. Every article has the word "all"; "even"
/// the even ones, "rare" one in 37.
Xapian::Document article(int i, bool in_date_order = false) {
    Xapian::Document doc;
    const std::string id = std::string("a").append(std::to_string(i));  // (g++ 12 -Wrestrict on "a" + ...)
    doc.add_value(schema::kSlotId, id);
    doc.add_boolean_term(schema::id_term(id));
    doc.add_term("Zall");
    if (i % 2 == 0) doc.add_term("Zeven");
    if (i % 37 == 0) doc.add_term("Zrare");
    if (i % 10 == 9) {
        doc.add_boolean_term(schema::kTermUndated);
    } else {
        const int n = in_date_order ? i / 16 % 700 : i * 7919 % 700;  // day number within 2020-2021
        Day d{2020 + n / 350, 1 + (n % 350) / 30, 1 + n % 30 % 28};
        doc.add_value(schema::kSlotDate, d.compact());
        doc.add_boolean_term(schema::day_term(d));
        doc.add_boolean_term(schema::month_term(d));
        doc.add_boolean_term(schema::year_term(d));
    }
    return doc;
}

/// Writes articles [first, last) into a new glass database at @p path.
void build(const std::string& path, int first, int last, bool in_date_order = false) {
    Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
    for (int i = first; i < last; ++i) db.add_document(article(i, in_date_order));
    db.commit();
}

std::vector<std::string> ids(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    std::vector<std::string> out;
    const Xapian::MSet mset = enquire.get_mset(0, kArticles);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_document().get_value(schema::kSlotId));
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<Day> day(const char* iso) {
    if (!*iso) return std::nullopt;
    return parse_date_bound(iso, false);
}

struct Range {
    const char* from;
    const char* to;
};
// Narrow ranges (a day: the source lists its run of docids) and wide ones
// (it scans the column), open ends, a range without articles.
const Range kRanges[] = {{"2020-03-05", "2020-03-05"}, {"2020-02-01", "2020-02-29"}, {"2020-01-01", "2021-12-31"},
                         {"2020-06-10", "2021-02-03"}, {"", "2020-04-15"},           {"2021-05-20", ""},
                         {"2022-01-01", "2022-12-31"}, {"", ""}};

}  // namespace

TEST_CASE("date_column_query selects what date_value_query selects, driving or checked") {
    newsdex::test::TempDir dir;
    build(dir / "one", 0, kArticles);
    build(dir / "shard1", 0, kArticles / 3);
    build(dir / "shard2", kArticles / 3, kArticles);
    Xapian::Database one(dir / "one");
    Xapian::Database shards(dir / "shard1");
    shards.add_database(Xapian::Database(dir / "shard2"));
    BatchColumns columns;
    int nonempty = 0;
    for (const Range& r : kRanges) {
        for (bool undated : {false, true}) {
            CAPTURE(r.from);
            CAPTURE(r.to);
            CAPTURE(undated);
            const Xapian::Query by_value = date_value_query(day(r.from), day(r.to), undated);
            const Xapian::Query by_column = date_column_query(columns, day(r.from), day(r.to), undated);
            // Alone the source lists the range; with "all" or "even" (more
            // common than most ranges) it is checked; with "rare" too.
            for (const char* word : {"", "Zall", "Zeven", "Zrare"}) {
                CAPTURE(word);
                auto scoped = [&](const Xapian::Query& q) {
                    return *word ? Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(word), q) : q;
                };
                const auto expected = ids(one, scoped(by_value));
                CHECK(ids(one, scoped(by_column)) == expected);
                CHECK(ids(shards, scoped(by_column)) == expected);
                nonempty += !expected.empty();
            }
            // The source's frequency is the range's exact size: Xapian's
            // bounds without matching are then exact.
            if (!undated) {
                Xapian::Enquire enquire(one);
                enquire.set_query(by_column);
                const Xapian::MSet counted = enquire.get_mset(0, 0);
                const auto size = static_cast<Xapian::doccount>(ids(one, by_value).size());
                CHECK(counted.get_matches_lower_bound() == size);
                CHECK(counted.get_matches_upper_bound() == size);
            }
        }
    }
    CHECK(nonempty > 40);
}

TEST_CASE("BatchColumns reads a database revision once and a newer one again") {
    newsdex::test::TempDir dir;
    build(dir / "db", 0, 50);
    BatchColumns columns;
    Xapian::Database db(dir / "db");
    const auto first = columns.day_column_of(db);
    CHECK(columns.day_column_of(Xapian::Database(dir / "db")) == first);  // same revision, another handle
    REQUIRE(first->by_docid.size() == 51);
    CHECK(first->sorted_days.size() == 45);  // every tenth undated
    CHECK(std::is_sorted(first->sorted_days.begin(), first->sorted_days.end()));
    {
        Xapian::WritableDatabase writer(dir / "db");
        writer.add_document(article(50));
        writer.commit();
    }
    db.reopen();
    const auto second = columns.day_column_of(db);
    CHECK(second != first);
    CHECK(second->by_docid.size() == 52);
    CHECK(second->by_docid[51] != 0);
    // The older revision's column is still the one its searches read.
    CHECK(first->by_docid.size() == 51);
}

TEST_CASE("BatchColumns: facet keys are those of the column they are asked for, across a reopen") {
    newsdex::test::TempDir dir;
    build(dir / "db", 0, 50);
    BatchColumns columns;
    Xapian::Database db(dir / "db");
    const auto year_of = [](const std::string& day, std::vector<std::string>& keys) {
        keys.push_back(day.substr(0, 4));
    };
    const auto older = columns.value_column_of(db, schema::kSlotDate);
    const auto older_keys = columns.facet_keys_of(db, schema::kSlotDate, 0, older, year_of);
    CHECK(older_keys->column == older);
    CHECK(columns.facet_keys_of(db, schema::kSlotDate, 0, older, year_of) == older_keys);  // kept
    {
        Xapian::WritableDatabase writer(dir / "db");
        for (int i = 50; i < 80; ++i) writer.add_document(article(i));
        writer.commit();
    }
    db.reopen();
    // A search that read its column before the reopen, then counts after it:
    // the keys split for it match its column's value ids.
    const auto stale = columns.facet_keys_of(db, schema::kSlotDate, 0, older, year_of);
    CHECK(stale->column == older);
    CHECK(stale->first.size() == older->values.size() + 1);
    const auto newer = columns.value_column_of(db, schema::kSlotDate);
    REQUIRE(newer != older);
    REQUIRE(newer->values.size() > older->values.size());
    const auto newer_keys = columns.facet_keys_of(db, schema::kSlotDate, 0, newer, year_of);
    CHECK(newer_keys->column == newer);
    CHECK(newer_keys->first.size() == newer->values.size() + 1);
}

// Reading a million articles' columns takes longer than a few searches:
// a batch reads them only when it has enough queries to repay them.
TEST_CASE("BatchColumns: a batch reads the columns only when it has enough queries for the collection") {
    CHECK_FALSE(columns_worth_reading(1, true, 1000000));
    CHECK_FALSE(columns_worth_reading(10, true, 1000000));
    CHECK(columns_worth_reading(100, true, 1000000));
    CHECK_FALSE(columns_worth_reading(100, false, 1000000));  // plain searches save less each
    CHECK(columns_worth_reading(500, false, 1000000));
    CHECK(columns_worth_reading(1, true, 20000));
    CHECK(columns_worth_reading(1, false, 1000));
    CHECK_FALSE(columns_worth_reading(1, false, 20000));

    newsdex::test::TempDir dir;
    build(dir / "db", 0, 5000);
    const Xapian::Database db(dir / "db");
    CHECK(BatchColumns().worth_reading(db));  // by default, always
    CHECK(BatchColumns(1, true).worth_reading(db));
    CHECK_FALSE(BatchColumns(1, false).worth_reading(db));
    CHECK(BatchColumns(3, false).worth_reading(db));
}

// The tiling's terms cost little when a range's articles are neighbours in
// docid order, much when they are scattered (batch_columns.h).
TEST_CASE("dates_follow_docids tells dates in docid order from scattered ones") {
    newsdex::test::TempDir dir;
    build(dir / "scattered", 0, 5000);
    // 4,928 each: two shards' 9,856 docids put the samples 154 apart, 77 in
    // the first shard, some on its undated articles (every tenth).
    build(dir / "ordered", 0, 4928, true);
    build(dir / "later", 4933, 9861, true);
    CHECK_FALSE(dates_follow_docids(Xapian::Database(dir / "scattered")));
    CHECK(dates_follow_docids(Xapian::Database(dir / "ordered")));

    // Two shards, each in date order over its own period: Xapian
    // interleaves their docids, and the samples stay in one shard (the
    // next dated docid after an undated article is in the other).
    Xapian::Database shards(dir / "ordered");
    shards.add_database(Xapian::Database(dir / "later"));
    CHECK(dates_follow_docids(shards));

    // newsdex-index's shards, merged: a dump in date order comes out as a
    // run through its period per shard (here three, as three jobs leave it).
    {
        Xapian::WritableDatabase runs(dir / "runs", Xapian::DB_CREATE_OR_OVERWRITE);
        for (int run = 0; run < 3; ++run)
            for (int i = 0; i < 4928; i += 3) runs.add_document(article(i, true));
        runs.commit();
    }
    CHECK(dates_follow_docids(Xapian::Database(dir / "runs")));

    // Nothing dated, or one article: nothing to tell.
    {
        Xapian::WritableDatabase undated(dir / "undated", Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 0; i < 100; ++i) undated.add_document(article(10 * i + 9));
        undated.commit();
    }
    CHECK(dates_follow_docids(Xapian::Database(dir / "undated")));
    build(dir / "one", 0, 1);
    CHECK(dates_follow_docids(Xapian::Database(dir / "one")));
}

TEST_CASE("BatchColumns: dated queries read the day column of a collection whose dates are scattered") {
    newsdex::test::TempDir dir;
    build(dir / "scattered", 0, 5000);
    build(dir / "ordered", 0, 5000, true);
    const Xapian::Database scattered(dir / "scattered"), ordered(dir / "ordered");
    // One plain query does not repay the columns of 5,000 articles...
    CHECK_FALSE(BatchColumns(1, false, 0).worth_reading(scattered));
    CHECK_FALSE(BatchColumns(1, false, 0).day_column_worth_reading(scattered));
    // ...but one date-ranged query repays their days when they are scattered,
    CHECK(BatchColumns(1, false, 1).day_column_worth_reading(scattered));
    CHECK_FALSE(BatchColumns(1, false, 1).worth_reading(scattered));
    // not when the tiling's terms are in docid order.
    CHECK_FALSE(BatchColumns(1, false, 1).day_column_worth_reading(ordered));
    // Whenever the batch reads the columns, it reads the days too.
    CHECK(BatchColumns(3, false, 0).day_column_worth_reading(ordered));

    // One date-ranged query per 20,000 articles.
    {
        Xapian::WritableDatabase big(dir / "big", Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 0; i < 40000; ++i) {
            Xapian::Document doc;
            doc.add_value(schema::kSlotDate, Day{2010 + i * 7919 % 15, 1 + i % 12, 1 + i % 28}.compact());
            big.add_document(doc);
        }
        big.commit();
    }
    const Xapian::Database big(dir / "big");
    CHECK_FALSE(BatchColumns(1, false, 1).day_column_worth_reading(big));
    CHECK(BatchColumns(2, false, 2).day_column_worth_reading(big));
}

TEST_CASE("names_date_filter finds date: and year: filters at the start of a word") {
    CHECK(names_date_filter("date:2012..2013 attack"));
    CHECK(names_date_filter("attack year:2013"));
    CHECK(names_date_filter("(date:2013 OR kidal)"));
    CHECK(names_date_filter("+date:2013-05"));
    CHECK_FALSE(names_date_filter("update:kidal"));
    CHECK_FALSE(names_date_filter("date of the attack"));
    CHECK_FALSE(names_date_filter("candidate: wagner"));
    CHECK_FALSE(names_date_filter(""));
}
