/** @file
 * @brief Tests for column_sort.h: a batch's sort keys from its columns
 *        order pages exactly as one search's Xapian value sorts do (relevance then
 *        ID, newest or oldest first then ID, undated last), ties and all.
 */
#include "column_sort.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "e2e_support.h"
#include "schema.h"

using namespace newsdex;
using newsdex::test::TempDir;

namespace {

constexpr int kArticles = 400;

/// Article @p i. Its ID runs against docid order, scrambled; its weights
/// come in few classes and its days from a dozen, so that ties are
/// everywhere: every article has "all" (wdf 1 + i % 2), the even ones
/// "even", one in 37 "rare"; the length is one of three; one in seven is
/// undated.
Xapian::Document article(int i) {
    Xapian::Document doc;
    char id[16];
    std::snprintf(id, sizeof id, "a%04d", (i * 7919) % 1000);
    doc.add_value(schema::kSlotId, id);
    doc.add_boolean_term(schema::id_term(id));
    doc.add_term("Zall", 1 + i % 2);
    if (i % 2 == 0) doc.add_term("Zeven");
    if (i % 37 == 0) doc.add_term("Zrare");
    doc.add_term("Zfiller", 5 + 10 * (i % 3));
    if (i % 7 != 3) {
        char day[16];
        std::snprintf(day, sizeof day, "2021%02d%02d", 1 + i % 12, 1 + i * 13 % 28);
        doc.add_value(schema::kSlotDate, day);
    }
    return doc;
}

struct Hit {
    std::string id;
    double weight;
    bool operator==(const Hit&) const = default;
};

std::vector<Hit> page(Xapian::Enquire& enquire, Xapian::doccount offset, Xapian::doccount limit) {
    std::vector<Hit> hits;
    const Xapian::MSet mset = enquire.get_mset(offset, limit);
    for (auto it = mset.begin(); it != mset.end(); ++it)
        hits.push_back({it.get_document().get_value(schema::kSlotId), it.get_weight()});
    return hits;
}

}  // namespace

TEST_CASE("ColumnSortKey orders pages as Xapian's value sorts do") {
    TempDir dir;
    {
        Xapian::WritableDatabase writer(dir / "db", Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 0; i < kArticles; ++i) writer.add_document(article(i));
        writer.commit();
    }
    Xapian::Database db(dir / "db");
    BatchColumns columns;
    const Xapian::Query all("Zall"), even("Zeven"), rare("Zrare");
    const std::vector<Xapian::Query> queries = {all, even, rare, Xapian::Query(Xapian::Query::OP_OR, all, rare),
                                                Xapian::Query(Xapian::Query::OP_OR, even, rare)};
    int tied_pages = 0, undated_hits = 0;
    for (SortOrder order : {SortOrder::Relevance, SortOrder::Newest, SortOrder::Oldest}) {
        for (const Xapian::Query& query : queries) {
            for (Xapian::doccount offset : {0u, 9u, 57u, 340u, 500u}) {
                for (Xapian::doccount limit : {1u, 10u, 60u}) {
                    CAPTURE(static_cast<int>(order));
                    CAPTURE(query.get_description());
                    CAPTURE(offset);
                    CAPTURE(limit);
                    Xapian::Enquire by_values(db), by_columns(db);
                    by_values.set_query(query);
                    by_columns.set_query(query);
                    set_sort_order(by_values, order, nullptr, db);  // as one search sorts
                    set_sort_order(by_columns, order, &columns, db);
                    const auto expected = page(by_values, offset, limit);
                    CHECK(page(by_columns, offset, limit) == expected);
                    for (std::size_t i = 1; i < expected.size(); ++i)
                        if (expected[i].weight == expected[i - 1].weight) {
                            ++tied_pages;
                            break;
                        }
                    for (const Hit& hit : expected)
                        undated_hits += db.get_document(*db.postlist_begin(schema::id_term(hit.id)))
                                            .get_value(schema::kSlotDate)
                                            .empty();
                }
            }
        }
    }
    // The pages hold ties, and the date orders reached the undated articles.
    CHECK(tied_pages > 50);
    CHECK(undated_hits > 50);
}
