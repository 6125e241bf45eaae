/** @file
 * @brief Which ASCII bytes are word characters, and their lower case, as
 *        tables for the loops that see every byte of a text; and the
 *        decoding of the other bytes.
 */
#ifndef NEWSDEX_ASCII_WORDS_H
#define NEWSDEX_ASCII_WORDS_H

#include <cstddef>

#include <xapian.h>

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

/// The code point that starts at @p p, before @p end, decoded as Xapian's
/// Utf8Iterator decodes it (a byte that starts no valid sequence stands
/// for itself); moves @p p past it. For the bytes the tables above leave.
inline unsigned next_code_point(const char*& p, const char* end) {
    Xapian::Utf8Iterator it(p, static_cast<std::size_t>(end - p));
    const unsigned ch = *it;
    ++it;
    p = it == Xapian::Utf8Iterator() ? end : it.raw();
    return ch;
}

}  // namespace newsdex

#endif  // NEWSDEX_ASCII_WORDS_H
