/** @file
 * @brief MinHash signatures, LSH band values and similarity estimates.
 */
#include "near_duplicates.h"

#include <limits>

#include <xapian.h>

namespace newsdex {

namespace {

/// splitmix64's finaliser: a fast, well-mixing 64-bit permutation. Each
/// MinHash "permutation" is mix(shingle hash ^ seed_i).
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/// Fixed seeds: signatures must be identical in every run and every build,
/// or re-indexing would regroup articles.
const std::array<std::uint64_t, kMinHashes>& seeds() {
    static const std::array<std::uint64_t, kMinHashes> table = [] {
        std::array<std::uint64_t, kMinHashes> s{};
        std::uint64_t state = 0x6e6577736465785fULL;  // "newsdex_"
        for (auto& seed : s) seed = mix(state += 0x9e3779b97f4a7c15ULL);
        return s;
    }();
    return table;
}

/// FNV-1a over the shingle's words, with a separator so that "ab c" and
/// "a bc" differ.
std::uint64_t shingle_hash(const std::vector<std::string>& words, std::size_t first, std::size_t count) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = first; i < first + count; ++i) {
        for (unsigned char c : words[i]) {
            h ^= c;
            h *= 0x100000001b3ULL;
        }
        h ^= 0x1f;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::size_t word_count(std::string_view text) {
    std::size_t n = 0;
    bool in_word = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        const bool word = Xapian::Unicode::is_wordchar(*it);
        if (word && !in_word) ++n;
        in_word = word;
    }
    return n;
}

}  // namespace

std::vector<std::string> signature_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::is_wordchar(*it)) {
            Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(*it));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

std::optional<DuplicateSignature> signature_of_words(const std::vector<std::string>& words,
                                                     std::size_t shingle_words) {
    if (words.size() < kMinSignatureWords || shingle_words == 0) return std::nullopt;
    // A text shorter than a shingle is one shingle.
    const std::size_t size = std::min(shingle_words, words.size());
    DuplicateSignature signature;
    signature.mins.fill(std::numeric_limits<std::uint64_t>::max());
    const auto& seed = seeds();
    for (std::size_t first = 0; first + size <= words.size(); ++first) {
        const std::uint64_t h = shingle_hash(words, first, size);
        for (std::size_t i = 0; i < kMinHashes; ++i) {
            const std::uint64_t v = mix(h ^ seed[i]);
            if (v < signature.mins[i]) signature.mins[i] = v;
        }
    }
    return signature;
}

std::optional<DuplicateSignature> compute_signature(std::string_view title, std::string_view text,
                                                    std::size_t shingle_words) {
    if (word_count(text) >= kMinTextWords) return signature_of_words(signature_words(text), shingle_words);
    std::string both(title);
    both += '\n';
    both += text;
    return signature_of_words(signature_words(both), shingle_words);
}

BandValues band_values(std::string_view encoded) {
    BandValues values{};
    if (encoded.size() != kSignatureBytes) return values;
    auto row = [&](std::size_t i) {
        return std::uint64_t(static_cast<unsigned char>(encoded[2 * i])) |
               std::uint64_t(static_cast<unsigned char>(encoded[2 * i + 1])) << 8;
    };
    for (std::size_t band = 0; band < kBands; ++band) {
        std::uint64_t h = 0x42414e44ULL + band;  // differs per band: equal rows in two bands differ
        for (std::size_t r = 0; r < kRowsPerBand; ++r) h = mix(h ^ row(band * kRowsPerBand + r));
        values[band] = static_cast<std::uint32_t>(h >> 32);
    }
    return values;
}

std::string encode_signature(const DuplicateSignature& signature) {
    std::string out;
    out.reserve(kSignatureBytes);
    for (std::uint64_t v : signature.mins) {
        out += static_cast<char>(v & 0xff);
        out += static_cast<char>((v >> 8) & 0xff);
    }
    return out;
}

double estimate_similarity(std::string_view a, std::string_view b) {
    if (a.size() != kSignatureBytes || b.size() != kSignatureBytes) return 0.0;
    std::size_t equal = 0;
    for (std::size_t i = 0; i < a.size(); i += 2) equal += a[i] == b[i] && a[i + 1] == b[i + 1];
    return static_cast<double>(equal) / static_cast<double>(kMinHashes);
}

}  // namespace newsdex
