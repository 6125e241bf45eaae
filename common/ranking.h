/** @file
 * @brief How newsdex ranks: the weighting scheme every ranked search uses.
 *
 * Ranking is BM25 (Robertson & Zaragoza, "The Probabilistic Relevance
 * Framework: BM25 and Beyond", 2009) over the unprefixed terms, where the
 * indexer gives title words three times the within-document frequency of
 * text words (schema::kTitleWeight). Measured on Cranfield and CISI in
 * bench/README-ranking.md.
 */
#ifndef NEWSDEX_RANKING_H
#define NEWSDEX_RANKING_H

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

namespace newsdex {

/// The two BM25 parameters worth changing. The defaults are the shipped
/// ranking: b = 0.75, the usual length normalisation, and k1 = 2.0, the top
/// of the usual 1.2-2.0 range, so that a word an article repeats (and a title
/// word, counted three times) keeps adding weight instead of saturating
/// after one mention (Xapian's own defaults are k1 = 1, b = 0.5).
struct Bm25Parameters {
    double k1 = 2.0;  ///< term-frequency saturation, >= 0 (0: presence only)
    double b = 0.75;  ///< document-length normalisation, 0 (none) to 1 (full)
};

/// The weighting scheme for Xapian::Enquire::set_weighting_scheme() (which
/// copies it): BM25 with @p params, Xapian's defaults for the rest (k2 = 0,
/// k3 = 1, min_normlen = 0.5). Never null. @p params must be in range (see
/// parse_bm25_parameters()).
std::unique_ptr<Xapian::Weight> make_weighting(const Bm25Parameters& params = {});

/// Reads "K1,B" (e.g. "1.2,0.75"), as the --bm25 option takes it. Returns
/// std::nullopt and sets @p error when the text is malformed or a value is
/// out of range (k1 < 0, b outside 0..1).
std::optional<Bm25Parameters> parse_bm25_parameters(std::string_view text, std::string& error);

}  // namespace newsdex

#endif  // NEWSDEX_RANKING_H
