/** @file
 * @brief libFuzzer target: the date parser (parse_date, parse_date_bound)
 *        and the `date:` filter parser, with their documented guarantees
 *        checked: every day returned is a real day and prints back to itself.
 */
#include <cstdlib>

#include "dates.h"
#include "shared.h"
#include "query_translation.h"

namespace {

void check_day(const newsdex::Day& day) {
    using namespace newsdex;
    if (!is_valid_day(day.year, day.month, day.day)) std::abort();
    std::string iso = day.iso();
    if (iso.size() != 10 || day.compact().size() != 8 || day.year_month().size() != 6) std::abort();
    auto again = parse_date_bound(iso, false);
    if (!again || *again != day) std::abort();
    auto parsed = parse_date(iso);
    if (!parsed || *parsed != day) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdex;
    if (size == 0) return 0;
    const bool numeric = data[0] & 1;
    const std::string_view text = fuzz::as_text(data + 1, size - 1);

    if (auto day = parse_date(text, numeric)) check_day(*day);

    auto start = parse_date_bound(text, false), end = parse_date_bound(text, true);
    if (start.has_value() != end.has_value()) std::abort();
    if (start) {
        check_day(*start);
        check_day(*end);
        if (*end < *start) std::abort();
    }

    std::string error;
    std::size_t offset = 0;
    if (auto span = parse_date_filter(text, error, offset)) {
        if (span->from) check_day(*span->from);
        if (span->to) check_day(*span->to);
        if (span->from && span->to && *span->to < *span->from) std::abort();  // reversed is an error
    } else {
        if (error.empty() || offset > text.size()) std::abort();
    }
    return 0;
}
