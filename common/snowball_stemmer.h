/** @file
 * @brief Snowball (libstemmer) stemmers plugged into Xapian.
 *
 * Indexer and searcher both build their Xapian::Stem here, so a word is
 * stemmed identically on both sides. libstemmer reuses one output buffer per
 * stemmer object, and a stemmer made here remembers the stems it made, so a
 * Xapian::Stem made here must be used by one thread only: make one per
 * thread.
 */
#ifndef NEWSDEX_SNOWBALL_STEMMER_H
#define NEWSDEX_SNOWBALL_STEMMER_H

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// A stemmer for a Snowball language name ("english", "french") or ISO 639-1
/// code ("en", "fr"). Throws Xapian::InvalidArgumentError for a language
/// libstemmer does not know, and returns a no-op stemmer for "none".
Xapian::Stem make_snowball_stem(const std::string& language);

/// The Snowball algorithm name for an ISO 639-1 code or name ("fr" ->
/// "french"); "" when libstemmer has no stemmer for it.
std::string snowball_language(const std::string& code_or_name);

/// Every language libstemmer provides (Snowball names).
std::vector<std::string> snowball_languages();

/// Whether @p stem (from make_snowball_stem(), or Xapian::Stem() which
/// stems nothing) leaves the start of a word as it is: a word whose stem
/// has n >= 2 letters starts with the stem's first max(1, n - 2) letters
/// (in lower case, compared as bytes up to the first non-ASCII byte of
/// either: "sévissent" -> "sevis" counts). Snippets rely on it to compare
/// with the query's stems only the words that start like one. True of the
/// Snowball algorithms that rewrite the ends of words; false of those that
/// take off prefixes (Indonesian "membaca" -> "baca", Irish,
/// Kraaij-Pohlmann's Dutch), rewrite letters anywhere (German2's "ae" ->
/// "ä") or undouble them at the start (Finnish), and of any algorithm not
/// known here.
bool keeps_word_starts(const Xapian::Stem& stem);

}  // namespace newsdex

#endif  // NEWSDEX_SNOWBALL_STEMMER_H
