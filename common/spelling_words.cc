/** @file
 * @brief Spelling words (see spelling_words.h).
 */
#include "spelling_words.h"

#include <algorithm>

#include "schema.h"

namespace newsdex {

bool is_spelling_word(std::string_view term) {
    return !term.empty() && !schema::has_prefix(term) &&
           std::none_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> spelling_words_of(const Xapian::Document& doc) {
    std::vector<std::string> words;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        std::string term = *t;
        if (is_spelling_word(term)) words.push_back(std::move(term));
    }
    return words;
}

void add_vocabulary_to_spelling(Xapian::WritableDatabase& db) {
    // The prefixed terms (stems, IDs, dates, actors) form one block,
    // skipped in one step.
    auto t = db.allterms_begin();
    while (t != db.allterms_end()) {
        const std::string term = *t;
        if (schema::has_prefix(term)) {
            t.skip_to(schema::kAfterPrefixedTerms);
            continue;
        }
        if (is_spelling_word(term)) db.add_spelling(term, t.get_termfreq());
        ++t;
    }
}

}  // namespace newsdex
