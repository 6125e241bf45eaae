/** @file
 * @brief ColumnSortKey (see column_sort.h).
 */
#include "column_sort.h"

#include <cstdint>
#include <utility>

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

}  // namespace newsdex
