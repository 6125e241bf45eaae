/** @file
 * @brief What passage_snippet() must mark, found the plain way: the oracle
 *        of its property test and of the fuzz_snippet target.
 */
#ifndef NEWSDEX_TESTS_SNIPPET_REFERENCE_H
#define NEWSDEX_TESTS_SNIPPET_REFERENCE_H

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "passage_snippet.h"

namespace newsdex::test {

/// Whether @p text is valid UTF-8, as Xapian reads it: Utf8Iterator reads an
/// invalid byte as the character of that value, which writes differently.
inline bool reads_back_as_utf8(std::string_view text) {
    std::string again;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it)
        Xapian::Unicode::append_utf8(again, *it);
    return again == text;
}

/// @p text with "[" and "]" around every word (a run of word characters, as
/// Xapian's TermGenerator splits them) that, folded to lower case, equals
/// a term, or stems to a stemmed one: every word read, stemmed and compared.
/// For valid UTF-8 only (reads_back_as_utf8()).
inline std::string marked_the_plain_way(std::string_view text, const std::vector<SnippetTerm>& terms,
                                        const Xapian::Stem& stem) {
    auto is_word = [](unsigned ch) {
        return ch < 0x80 ? std::isalnum(static_cast<int>(ch)) || ch == '_' : Xapian::Unicode::is_wordchar(ch);
    };
    std::string out;
    Xapian::Utf8Iterator it(text.data(), text.size());
    const Xapian::Utf8Iterator end;
    while (it != end) {
        if (!is_word(*it)) {
            Xapian::Unicode::append_utf8(out, *it++);
            continue;
        }
        std::string word, folded;
        for (; it != end && is_word(*it); ++it) {
            Xapian::Unicode::append_utf8(word, *it);
            Xapian::Unicode::append_utf8(folded, Xapian::Unicode::tolower(*it));
        }
        bool hit = false;
        for (const auto& term : terms) hit |= (term.stemmed ? stem(folded) : folded) == term.word;
        out += hit ? "[" + word + "]" : word;
    }
    return out;
}

}  // namespace newsdex::test

#endif  // NEWSDEX_TESTS_SNIPPET_REFERENCE_H
