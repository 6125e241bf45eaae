/** @file
 * @brief Which words go into the spelling ("did you mean") table, and with
 *        what frequency: the number of articles that contain the word.
 */
#ifndef NEWSDEX_SPELLING_WORDS_H
#define NEWSDEX_SPELLING_WORDS_H

#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace newsdex {

/// Whether @p term is a spelling word: unprefixed and unstemmed (a word as
/// written, lower-cased) and without a digit. "Did you mean" must not turn
/// one number or code into another (1978 -> 1987, m23 -> m32), and such
/// terms are a third of a newswire's distinct words.
bool is_spelling_word(std::string_view term);

/// The spelling words of @p doc, each once: for an article written into a
/// database whose vocabulary is not the article's alone (frequency 1 each).
std::vector<std::string> spelling_words_of(const Xapian::Document& doc);

/// Adds every spelling word of @p db's vocabulary to its spelling table,
/// with its term frequency. For a database that starts empty and only
/// receives new articles (a build shard) this is what adding each
/// article's spelling_words_of() would give, at a fraction of the cost:
/// one pass over the distinct words instead of one per article. Pending
/// documents count (Xapian flushes them before listing terms); nothing is
/// committed.
void add_vocabulary_to_spelling(Xapian::WritableDatabase& db);

}  // namespace newsdex

#endif  // NEWSDEX_SPELLING_WORDS_H
