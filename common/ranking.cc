/** @file
 * @brief The weighting scheme of ranked searches (see ranking.h).
 */
#include "ranking.h"

#include <charconv>
#include <cmath>

namespace newsdex {

namespace {

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

std::unique_ptr<Xapian::Weight> make_weighting(const Bm25Parameters& params) {
    // BM25Weight(k1, k2, k3, b, min_normlen): k2, k3 and min_normlen are
    // Xapian's defaults.
    return std::make_unique<Xapian::BM25Weight>(params.k1, 0, 1, params.b, 0.5);
}

std::optional<Bm25Parameters> parse_bm25_parameters(std::string_view text, std::string& error) {
    const std::size_t comma = text.find(',');
    std::optional<double> k1, b;
    if (comma != std::string_view::npos) {
        k1 = parse_number(text.substr(0, comma));
        b = parse_number(text.substr(comma + 1));
    }
    if (!k1 || !b) {
        error = "expected K1,B (two numbers, e.g. 1.2,0.75), not '" + std::string(text) + "'";
        return std::nullopt;
    }
    if (*k1 < 0) {
        error = "k1 must be 0 or more, not " + std::string(text.substr(0, comma));
        return std::nullopt;
    }
    if (*b < 0 || *b > 1) {
        error = "b must be between 0 and 1, not " + std::string(text.substr(comma + 1));
        return std::nullopt;
    }
    return Bm25Parameters{*k1, *b};
}

}  // namespace newsdex
