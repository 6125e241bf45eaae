/** @file
 * @brief FNV-1a hashing of raw and normalised text.
 */
#include "content_hash.h"

#include <cstdlib>

#include <xapian.h>

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
    auto feed = [&h](unsigned ch) {
        char buf[4];
        unsigned len = Xapian::Unicode::to_utf8(ch, buf);
        for (unsigned i = 0; i < len; ++i) {
            h ^= static_cast<unsigned char>(buf[i]);
            h *= kFnvPrime;
        }
    };
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (!in_word && any) feed(' ');
            feed(Xapian::Unicode::tolower(ch));
            in_word = any = true;
        } else {
            in_word = false;
        }
    }
    return to_hex(h);
}

}  // namespace newsdex
