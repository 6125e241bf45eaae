/** @file
 * @brief FNV-1a hashing of raw and normalised text.
 */
#include "content_hash.h"

#include <cstdlib>

#include <xapian.h>

#include "ascii_words.h"

namespace newsdex {

namespace {
constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

std::string to_hex(std::uint64_t value) {
    static const char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i) {
        out[i] = digits[value & 0xF];
        value >>= 4;
    }
    return out;
}
}  // namespace

std::uint64_t content_hash(std::string_view bytes) {
    std::uint64_t h = kFnvOffset;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

std::uint64_t parse_content_hash_hex(const std::string& hex) { return std::strtoull(hex.c_str(), nullptr, 16); }

std::string content_hash_hex(std::string_view bytes) {
    return to_hex(content_hash(bytes));
}

std::string normalised_text_hash(std::string_view text) {
    // Hash the sequence of lower-cased words, one space between them.
    std::uint64_t h = kFnvOffset;
    bool in_word = false, any = false;
    auto feed_byte = [&h](unsigned char byte) {
        h ^= byte;
        h *= kFnvPrime;
    };
    // Called before each character of a word: one space between words.
    auto in_a_word = [&] {
        if (!in_word && any) feed_byte(' ');
        in_word = any = true;
    };
    // Databases keep these hashes: the ASCII shortcut must (and does) feed
    // the same bytes as decoding would.
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p != end) {
        const auto byte = static_cast<unsigned char>(*p);
        if (byte < 0x80) {
            ++p;
            if (kAsciiWords.word[byte]) {
                in_a_word();
                feed_byte(kAsciiWords.lower[byte]);
            } else {
                in_word = false;
            }
            continue;
        }
        const unsigned ch = next_code_point(p, end);
        if (Xapian::Unicode::is_wordchar(ch)) {
            in_a_word();
            char buf[4];
            const unsigned len = Xapian::Unicode::to_utf8(Xapian::Unicode::tolower(ch), buf);
            for (unsigned i = 0; i < len; ++i) feed_byte(static_cast<unsigned char>(buf[i]));
        } else {
            in_word = false;
        }
    }
    return to_hex(h);
}

}  // namespace newsdex
