/** @file
 * @brief Which ASCII bytes are word characters, and their lower case, as
 *        tables for the loops that see every byte of a text.
 */
#ifndef NEWSDEX_ASCII_WORDS_H
#define NEWSDEX_ASCII_WORDS_H

namespace newsdex {

/// [A-Za-z0-9_]: what Xapian's Unicode::is_wordchar() and tolower() say for
/// ASCII (a test checks every code). Snippet scans and near-duplicate
/// signatures look bytes up here and decode only the non-ASCII ones.
struct AsciiWordTables {
    bool word[128] = {};
    char lower[128] = {};
    constexpr AsciiWordTables() {
        for (int c = 0; c < 128; ++c) {
            word[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
};
inline constexpr AsciiWordTables kAsciiWords{};

}  // namespace newsdex

#endif  // NEWSDEX_ASCII_WORDS_H
