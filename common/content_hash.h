/** @file
 * @brief A stable 64-bit hash for article identity and duplicate detection.
 *
 * Stable across runs, machines and compilers (std::hash is not), because
 * hashes are stored in the database.
 */
#ifndef NEWSDEX_CONTENT_HASH_H
#define NEWSDEX_CONTENT_HASH_H

#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

/// FNV-1a, 64-bit. Not cryptographic: collisions are vanishingly rare at
/// the scale of news archives (~1e-7 for a million articles).
std::uint64_t content_hash(std::string_view bytes);

/// content_hash() as 16 lower-case hex digits.
std::string content_hash_hex(std::string_view bytes);

/// The hash a content_hash_hex() string spells (0 when it spells none).
std::uint64_t parse_content_hash_hex(const std::string& hex);

/// The hash of text normalised for duplicate detection: case folded,
/// whitespace runs collapsed, punctuation ignored, so a re-scraped copy
/// differing only in line breaks or quotes hashes the same.
std::string normalised_text_hash(std::string_view text);

}  // namespace newsdex

#endif  // NEWSDEX_CONTENT_HASH_H
