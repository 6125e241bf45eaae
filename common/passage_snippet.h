/** @file
 * @brief passage_snippet(): a hit's snippet made of the passage of its text
 *        that best matches the query's own terms.
 *
 * Xapian's MSet::snippet() weighs every distinct word of the text by its
 * frequency in the collection (the "background model": one B-tree read per
 * word). On news articles that was about 70 % of a ranked query's time, for
 * ten snippets. Here, as in Elasticsearch's unified highlighter, passages
 * are the text's sentences, scored with BM25 over the sentence by the
 * query's terms alone, weighted as the query weighs them; a snippet then
 * costs one pass over the text and a stem for each word that may match.
 * When no word of the text matches (CJK n-grams, wildcard expansions, a
 * number such as "3.6" that the index keeps whole) the caller falls back to
 * MSet::snippet(), which knows those.
 */
#ifndef NEWSDEX_PASSAGE_SNIPPET_H
#define NEWSDEX_PASSAGE_SNIPPET_H

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <xapian.h>

#include "snowball_stemmer.h"

namespace newsdex {

/// How much of a long text passage_snippet() reads: a window of this many
/// bytes around the first query word (snippet_window.h). Beyond the 4 kB
/// MSet::snippet() is given, since reading costs little here; it bounds
/// the cost of a 50 MB article.
inline constexpr std::size_t kPassageScanBytes = 32768;

/// A free-text term of the query, as the snippet looks for it.
struct SnippetTerm {
    std::string word;     ///< the term without its stem prefix, lower case
    bool stemmed = false; ///< a stem (`Zjoint`): matches every word stemming to it
    double weight = 1.0;  ///< how much a match counts (> 0)
};

/// The free-text terms of @p query (filters and prefixed fields left out),
/// each weighted by its idf in the collection of @p doccount articles, with
/// the term frequencies @p mset knows. (Not MSet::get_termweight(): that
/// depends on which documents the matcher happened to weigh, which differs
/// between one database and the same articles in shards.)
std::vector<SnippetTerm> snippet_terms(const Xapian::Query& query, const Xapian::MSet& mset,
                                       Xapian::doccount doccount);

/// Whether a hit whose text spells none of @p terms may still have matched
/// text that passage_snippet() cannot see, so that Xapian's snippet is worth
/// its cost: the expansions of a wildcard, CJK n-grams, or a term that is
/// not a run of word characters ("3.6", "at&t"). Otherwise such a hit
/// matched in its title (or a field), and the opening of its text tells
/// more than a passage without the query's words.
bool needs_xapian_snippet(const Xapian::Query& query, const std::vector<SnippetTerm>& terms);

/// The stemmer snippets compare words with: a Xapian::Stem (from
/// make_snowball_stem(), which remembers the stems it made) and whether its
/// stems keep the start of their words. One per thread, as the Xapian::Stem
/// it wraps.
class SnippetStemmer {
  public:
    explicit SnippetStemmer(Xapian::Stem stem)
        : stem_(std::move(stem)), keeps_word_starts_(newsdex::keeps_word_starts(stem_)) {}
    // A copy would share the Xapian::Stem (reference counted, not thread-safe).
    SnippetStemmer(const SnippetStemmer&) = delete;
    SnippetStemmer& operator=(const SnippetStemmer&) = delete;
    SnippetStemmer(SnippetStemmer&&) = default;
    SnippetStemmer& operator=(SnippetStemmer&&) = default;

    /// The stem of @p word (lower case).
    std::string operator()(const std::string& word) { return stem_(word); }

    const Xapian::Stem& stemmer() const { return stem_; }

    /// Whether its stems start as their words do (newsdex::keeps_word_starts()).
    bool keeps_word_starts() const { return keeps_word_starts_; }

  private:
    Xapian::Stem stem_;
    bool keeps_word_starts_;
};

/// How a snippet looks: at most @p max_bytes of text (markers not counted),
/// matched words between @p start and @p end, @p omit where text was left out.
struct SnippetStyle {
    std::size_t max_bytes = 240;
    std::string start = "**";
    std::string end = "**";
    std::string omit = "…";
};

/// The snippet of @p text for @p terms, words stemmed with @p stem (the
/// article's language): the best-scoring sentence (ties: the earliest),
/// filled up to max_bytes with the text after it (and, at the end of the
/// text, with the whole sentences before it that fit), or, when longer, the max_bytes of it that hold the most
/// weight of matches; cut at word boundaries. Whitespace is kept as in the
/// text. nullopt when no word of @p text matches any term.
std::optional<std::string> passage_snippet(std::string_view text, const std::vector<SnippetTerm>& terms,
                                           SnippetStemmer& stem, const SnippetStyle& style);

}  // namespace newsdex

#endif  // NEWSDEX_PASSAGE_SNIPPET_H
