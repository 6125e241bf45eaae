/** @file
 * @brief The newsdex index schema: term prefixes, value slots, document data.
 *
 * This header is the single owner of the on-disk layout. The indexer writes
 * what it declares and the searcher reads it; no prefix string or slot number
 * appears anywhere else. The README has a table of it ("Index schema").
 *
 * Bump kSchemaVersion whenever a change here makes older databases unreadable
 * or wrong; the indexer stores it as database metadata and both tools refuse a
 * database written with another version.
 */
#ifndef NEWSDEX_SCHEMA_H
#define NEWSDEX_SCHEMA_H

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "dates.h"

namespace newsdex::schema {

/// 2: near-duplicate groups (XB, XG, slots 8-9) and per-language stemming.
/// 3: no XH content-hash term (the hash is in kSlotContentHash, which the
///    indexer reads for duplicate detection); build-state metadata.
/// 4: no XB band terms (the grouper derives bands from kSlotDupSignature)
///    and no month slot. Schema 3 databases read the same (their XB terms
///    and month values are simply unused), so both tools accept them; the
///    indexer marks one 4 when it writes to it, because a schema-3 indexer
///    would look for XB terms the new articles lack.
/// 5: articles without text get no S (title) terms but kTermTitleOnly.
///    Older databases read the same (`title:` queries look for S terms
///    where kTermTitleOnly is absent); a schema-4 searcher would miss the
///    new title-only articles in `title:` queries, hence the mark.
/// 6: the text is packed apart from the JSON object in the document data
///    (after a NUL byte, compressed by stored_text.h), so that results
///    without snippets never inflate it. Older databases read the same
///    (stored_article.h reads a text inside the JSON too); a schema-5
///    searcher would show the new articles without snippets, hence the mark.
inline constexpr int kSchemaVersion = 6;
inline constexpr int kOldestSchemaVersion = 3;
/// True when a database marked @p version (metadata text) is one this
/// build reads and writes.
inline bool is_supported_version(std::string_view version) {
    for (int v = kOldestSchemaVersion; v <= kSchemaVersion; ++v)
        if (version == std::to_string(v)) return true;
    return false;
}
/// Metadata key holding kSchemaVersion as decimal text.
inline constexpr const char* kMetaSchemaVersion = "newsdex.schema";
/// Metadata keys holding the gazetteer files (TSV text) the indexer last
/// used, so the searcher resolves `actor:` and `place:` names exactly as the
/// indexer recognised them.
inline constexpr const char* kMetaActorsGazetteer = "newsdex.gazetteer.actors";
inline constexpr const char* kMetaPlacesGazetteer = "newsdex.gazetteer.places";
/// Metadata key present only while an indexing run has committed build
/// shards not yet merged into the database (index_writer.h): one line per
/// shard ("shard DIR") and per document to delete from one before the merge
/// ("delete DIR DOCID"), DIR relative to the database directory. The merged
/// database never holds it.
inline constexpr const char* kMetaBuildState = "newsdex.build";
/// Subdirectory of the database directory holding the build shards.
inline constexpr const char* kBuildDirectory = "newsdex-build";

// ---------------------------------------------------------------------------
// Term prefixes. Free-text prefixes are positional and stemmed; boolean
// prefixes hold exact, normalised values (see the normalise_* helpers below).
// Letters follow Omega's conventions where one exists (S, Q, L, Y, M, D).
// ---------------------------------------------------------------------------

/// True when @p term starts with a prefix: every prefix is upper case and
/// words are indexed lower-cased. (Xapian writes stems as "Z" + word.)
inline bool has_prefix(std::string_view term) { return !term.empty() && term[0] >= 'A' && term[0] <= 'Z'; }
/// Terms sort bytewise, so the prefixed ones form one block: a term list
/// skipped to this string has passed all of them.
inline constexpr const char* kAfterPrefixedTerms = "[";  // 'Z' + 1

/// A word of the text or title as written ("kidal") or a stem ("Zkidal",
/// "ZSkidal"), not a filter or field term.
inline bool is_free_text_term(std::string_view term) {
    return !term.empty() && (!has_prefix(term) || term[0] == 'Z');
}

/// Title words (positional, stemmed); the `title:` query field. Not
/// written for articles without text (kTermTitleOnly).
inline constexpr const char* kPrefixTitle = "S";
/// Unique article ID: "Q" + id (hashed when too long, see id_term()).
inline constexpr const char* kPrefixId = "Q";
/// Language code, lower case: "Len".
inline constexpr const char* kPrefixLang = "L";
/// Publication year "Y2024", month "M202403", day "D20240315". Date-range
/// filters are ORs of these terms: measured 5x faster than value ranges.
inline constexpr const char* kPrefixYear = "Y";
inline constexpr const char* kPrefixMonth = "M";
inline constexpr const char* kPrefixDay = "D";
/// Present on every article without a publication date.
inline constexpr const char* kTermUndated = "XUNDATED";
/// Present on every article with a title and no text (a headline): its
/// unprefixed words are its title's, so it has no S terms, which would
/// repeat them all (half its terms: Xapian's write cost of 100k headlines
/// fell by a third without them), and `title:` queries read its
/// unprefixed words instead.
inline constexpr const char* kTermTitleOnly = "XTITLEONLY";
/// Canonical actor name, lower case: "XAwagner group".
inline constexpr const char* kPrefixActor = "XA";
/// Canonical place name, lower case: "XPkidal".
inline constexpr const char* kPrefixPlace = "XP";
/// Source (outlet), normalised with normalise_source(): "XOreuters".
inline constexpr const char* kPrefixSource = "XO";
// "XH" (a content-hash term) was written up to schema 2; the hash is in
// kSlotContentHash, which the indexer reads for duplicate detection.
// "XB" (near-duplicate band terms) was written up to schema 3; the bands
// are derived from kSlotDupSignature (duplicate_groups.h).
/// Near-duplicate group: "XG" + group key (see kSlotDupGroup); for --expand.
inline constexpr const char* kPrefixDupGroup = "XG";

// ---------------------------------------------------------------------------
// Value slots.
// ---------------------------------------------------------------------------

/// "YYYYMMDD", absent when undated. Sortable as a string.
inline constexpr Xapian::valueno kSlotDate = 0;
/// Canonical actor names, encoded with encode_list(); for facet counts.
inline constexpr Xapian::valueno kSlotActors = 1;
/// Canonical place names, encoded with encode_list().
inline constexpr Xapian::valueno kSlotPlaces = 2;
// Slot 3 held "YYYYMM" up to schema 3; month facets count kSlotDate.
/// The article ID: the documented tie-breaker for equal scores and dates.
inline constexpr Xapian::valueno kSlotId = 4;
/// Display form of the source; the source facet.
inline constexpr Xapian::valueno kSlotSource = 5;
/// Language code; the lang facet.
inline constexpr Xapian::valueno kSlotLang = 6;
/// Content hash (16 hex digits), to skip re-indexing unchanged articles and
/// to detect exact duplicates.
inline constexpr Xapian::valueno kSlotContentHash = 7;
/// Near-duplicate group key: the ID of the group's first-indexed member (the
/// article's own ID when it resembles nothing indexed before it). The
/// searcher's collapse key.
inline constexpr Xapian::valueno kSlotDupGroup = 8;
/// Near-duplicate signature: MinHash, encode_signature() (binary).
inline constexpr Xapian::valueno kSlotDupSignature = 9;

// ---------------------------------------------------------------------------
// Weights and limits.
// ---------------------------------------------------------------------------

/// Within-document frequency increment for title words (text words get 1).
inline constexpr unsigned kTitleWeight = 3;
/// Xapian refuses terms longer than 245 bytes; we keep a margin.
inline constexpr std::size_t kMaxTermBytes = 240;
/// Longest word the TermGenerator indexes; longer "words" are junk.
inline constexpr unsigned kMaxWordBytes = 64;

// ---------------------------------------------------------------------------
// Document data: one JSON object per document, with these keys.
//   id, title, date ("YYYY-MM-DD" or null), source, url, path, lang,
//   actors [..], places [..]
// then, when the article has text, kTextSeparator and the cleaned text (for
// snippets) as pack_stored_text() packs it (stored_text.h); both written and
// split by stored_article.h. Up to schema 5 the text was the JSON key "text".
// ---------------------------------------------------------------------------
namespace data {
inline constexpr const char* kId = "id";
inline constexpr const char* kTitle = "title";
inline constexpr const char* kDate = "date";
inline constexpr const char* kSource = "source";
inline constexpr const char* kUrl = "url";
inline constexpr const char* kPath = "path";
inline constexpr const char* kLang = "lang";
inline constexpr const char* kActors = "actors";
inline constexpr const char* kPlaces = "places";
/// Written up to schema 5 only; read from databases of those schemas.
inline constexpr const char* kText = "text";
/// Ends the JSON object when a packed text follows: JSON text never holds
/// a raw NUL (a string escapes it as \u0000).
inline constexpr char kTextSeparator = '\0';
}  // namespace data

// ---------------------------------------------------------------------------
// Helpers that build terms and values. Both tools use these, so a value
// normalised at index time is normalised identically at query time.
// ---------------------------------------------------------------------------

/// Lower-cases (Unicode-aware) and trims; used for actor/place/source/lang.
std::string normalise_name(std::string_view name);

/// The boolean term for prefix + normalised value, shortened with a hash
/// suffix when it would exceed kMaxTermBytes (never fails).
std::string boolean_term(std::string_view prefix, std::string_view value);

/// "Y2024", "M202403", "D20240315" for a publication day.
std::string year_term(const Day& day);
std::string month_term(const Day& day);
std::string day_term(const Day& day);
/// The day of a day term (the inverse of day_term()); std::nullopt when
/// @p term is not one.
std::optional<Day> day_of_term(std::string_view term);

/// "Q" + id, hashed when too long.
std::string id_term(std::string_view id);

/// "XG" + group key, hashed when too long. Keys are IDs: case-sensitive.
std::string dup_group_term(std::string_view group_key);

/// Encodes a list of names into one value slot (0x1f-separated, sorted as
/// given); decode_list() splits it. An empty list encodes as "".
std::string encode_list(const std::vector<std::string>& names);
std::vector<std::string> decode_list(std::string_view value);

}  // namespace newsdex::schema

#endif  // NEWSDEX_SCHEMA_H
