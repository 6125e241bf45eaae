/** @file
 * @brief ColumnSortKey (see column_sort.h).
 */
#include "column_sort.h"

#include <cstdint>
#include <utility>

#include "schema.h"

namespace newsdex {

ColumnSortKey::ColumnSortKey(SortOrder order, std::shared_ptr<const IdColumn> ids,
                             std::shared_ptr<const DayColumn> days)
    : order_(order), ids_(std::move(ids)), days_(std::move(days)) {}

std::string ColumnSortKey::operator()(const Xapian::Document& doc) const {
    const Xapian::docid did = doc.get_docid();
    // The columns were read from the revision being searched, so they
    // cover every docid it matches; anything else would sort last.
    const bool covered =
        did < ids_->by_docid.size() && (order_ == SortOrder::Relevance || did < days_->by_docid.size());
    if (!covered) return std::string(5, '\xff');
    std::string key;
    if (order_ != SortOrder::Relevance) {
        const std::uint32_t day = days_->by_docid[did];
        // Undated (0) last: complemented for newest first, the largest
        // number for oldest first.
        const std::uint32_t n = order_ == SortOrder::Newest ? ~day : day ? day : 0xffffffffu;
        key = {char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
    }
    key += ids_->by_docid[did];
    return key;
}

void set_sort_order(Xapian::Enquire& enquire, SortOrder order, BatchColumns* columns, const Xapian::Database& db) {
    if (columns) {
        auto* key = new ColumnSortKey(order, columns->id_column_of(db),
                                      order == SortOrder::Relevance ? nullptr : columns->day_column_of(db));
        if (order == SortOrder::Relevance)
            enquire.set_sort_by_relevance_then_key(key->release(), false);
        else
            enquire.set_sort_by_key_then_relevance(key->release(), false);
        return;
    }
    if (order == SortOrder::Relevance) {
        enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
        return;
    }
    auto* keys = new Xapian::MultiValueKeyMaker;
    if (order == SortOrder::Newest)
        keys->add_value(schema::kSlotDate, true);  // reversed: undated ("") sorts last
    else
        keys->add_value(schema::kSlotDate, false, std::string(1, '\xff'));  // undated last
    keys->add_value(schema::kSlotId);
    enquire.set_sort_by_key_then_relevance(keys->release(), false);
}

}  // namespace newsdex
