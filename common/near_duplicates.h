/** @file
 * @brief Near-duplicate signatures: MinHash over word shingles, with LSH
 *        bands so that candidates are found by table lookup.
 *
 * Syndicated copies of a wire story differ by a headline, a trimmed
 * paragraph, a changed word or some site furniture. Their word shingles
 * overlap heavily (Jaccard 0.6-0.9), while two different stories on the
 * same day and topic share few (below 0.2). A MinHash signature estimates
 * that Jaccard similarity from kMinHashes small numbers; splitting part of
 * it into bands of kRowsPerBand values, each hashed to one 32-bit band value,
 * makes "which indexed articles might be copies of this one" a handful of
 * table lookups (duplicate_groups.h). The threshold and shingle size were measured on
 * Reuters pairs (bench/README-dedup.md), not guessed.
 */
#ifndef NEWSDEX_NEAR_DUPLICATES_H
#define NEWSDEX_NEAR_DUPLICATES_H

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// MinHash values per signature (the similarity estimate's resolution).
inline constexpr std::size_t kMinHashes = 64;
/// The first kBands * kRowsPerBand values form the LSH bands. Two articles
/// with Jaccard J share a band with probability 1 - (1 - J^2)^8: 0.90 at
/// J = 0.5, 0.97 at 0.6, 0.28 at 0.2. Sixteen bands found 0.3 % more pairs
/// (bench/README-dedup.md) for twice the terms.
inline constexpr std::size_t kBands = 8;
inline constexpr std::size_t kRowsPerBand = 2;
/// Words per shingle (measured: bench/README-dedup.md).
inline constexpr std::size_t kShingleWords = 2;
/// Estimated Jaccard at or above which two articles are near-duplicates
/// (measured: bench/README-dedup.md).
inline constexpr double kDuplicateThreshold = 0.5;
/// Fewer words than this and an article gets no signature: a three-word
/// headline says too little to call another article its copy.
inline constexpr std::size_t kMinSignatureWords = 4;
/// Below this many words of text the title is shingled with the text (for
/// headline-only dumps); above, the text alone, since copies often get a new
/// headline.
inline constexpr std::size_t kMinTextWords = 25;

struct DuplicateSignature {
    std::array<std::uint64_t, kMinHashes> mins{};
};

/// The words a signature is built from: lower-cased runs of word
/// characters (Xapian's Unicode classes); punctuation, apostrophes and
/// spacing are ignored, so typographic edits do not count.
std::vector<std::string> signature_words(std::string_view text);

/// The signature of an article from its title and cleaned text (see
/// kMinTextWords), or std::nullopt when there are fewer than
/// kMinSignatureWords words. @p shingle_words is for measurements only.
std::optional<DuplicateSignature> compute_signature(std::string_view title, std::string_view text,
                                                    std::size_t shingle_words = kShingleWords);

/// The same, from words already split (the measurement tool uses this).
std::optional<DuplicateSignature> signature_of_words(const std::vector<std::string>& words,
                                                     std::size_t shingle_words = kShingleWords);

/// The kBands band values of an encoded signature (encode_signature()),
/// so that they can be recomputed from the stored signature alone: two
/// articles share band b when their 16-bit values in its rows are equal
/// (or, by chance, once in 2^32 otherwise). All zero when @p encoded is not
/// a valid encoding.
using BandValues = std::array<std::uint32_t, kBands>;
BandValues band_values(std::string_view encoded);

/// Compact stored form: the low 16 bits of each value, 2 bytes each
/// (kSignatureBytes). A chance 16-bit collision adds 1/65536 to an estimate.
std::string encode_signature(const DuplicateSignature& signature);
inline constexpr std::size_t kSignatureBytes = 2 * kMinHashes;

/// Estimated Jaccard similarity of two encoded signatures, in [0, 1];
/// 0 when either is not a valid encoding (e.g. empty: no signature).
double estimate_similarity(std::string_view a, std::string_view b);

}  // namespace newsdex

#endif  // NEWSDEX_NEAR_DUPLICATES_H
