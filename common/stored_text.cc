/** @file
 * @brief pack_stored_text() and unpack_stored_text() (see the header).
 */
#include "stored_text.h"

#include <libdeflate.h>

#include <cstdint>
#include <limits>
#include <memory>

namespace newsdex {

namespace {

// The first byte says how the rest holds the text.
constexpr char kPlain = 'p';     ///< the text as is
constexpr char kDeflated = 'd';  ///< 4 bytes of text length (little-endian), then raw deflate

constexpr std::size_t kLengthBytes = 4;

/// Shorter texts stay plain: Xapian then compresses them with the JSON
/// object in one stream, as before schema 6. Deflated apart, each paid for
/// a Huffman table of its own. Reuters-21578 (median text 517 bytes), every
/// text deflated: database +1.1 %, batch without snippets p50 -29 %; from
/// 1 kB on: +0.1 % and -21 %.
constexpr std::size_t kMinDeflatedBytes = 1024;

/// libdeflate's level 6, zlib's default. The stream is raw DEFLATE
/// (RFC 1951), which zlib and libdeflate both read and write, so databases
/// written by either read the same.
constexpr int kCompressionLevel = 6;

/// Why libdeflate and not zlib here: a snippet inflates the article's whole
/// text, which was 47 % of a batch with snippets on the UN speeches (12.7 kB
/// each). Both sizes are known, the one case libdeflate's whole-buffer API
/// serves, and it inflates the speeches' texts 2.0x as fast as zlib and
/// deflates them 1.8x as fast, 1 % smaller (bench/README.md). zlib stays for
/// reading gzip'd dumps, a stream.
///
/// One compressor and one decompressor per thread: a compressor holds
/// hundreds of kB of match-finder tables, which allocating per article
/// would set up each time.
libdeflate_compressor* thread_compressor() {
    thread_local const std::unique_ptr<libdeflate_compressor, decltype(&libdeflate_free_compressor)> compressor(
        libdeflate_alloc_compressor(kCompressionLevel), &libdeflate_free_compressor);
    return compressor.get();
}

libdeflate_decompressor* thread_decompressor() {
    thread_local const std::unique_ptr<libdeflate_decompressor, decltype(&libdeflate_free_decompressor)>
        decompressor(libdeflate_alloc_decompressor(), &libdeflate_free_decompressor);
    return decompressor.get();
}

}  // namespace

std::string pack_stored_text(std::string_view text) {
    if (text.empty()) return std::string();
    // Articles are far below 4 GB; a text that is not goes in as it is.
    if (text.size() >= kMinDeflatedBytes && text.size() <= std::numeric_limits<std::uint32_t>::max()) {
        if (libdeflate_compressor* compressor = thread_compressor()) {
            std::string packed(1, kDeflated);
            const auto length = static_cast<std::uint32_t>(text.size());
            for (std::size_t i = 0; i < kLengthBytes; ++i) packed += static_cast<char>(length >> (8 * i));
            const std::size_t header = packed.size();
            // Kept only when the whole value is no longer than the text:
            // libdeflate returns 0 when its output would not fit.
            packed.resize(text.size());
            const std::size_t deflated = libdeflate_deflate_compress(
                compressor, text.data(), text.size(), packed.data() + header, packed.size() - header);
            if (deflated > 0) {
                packed.resize(header + deflated);
                return packed;
            }
        }
    }
    return std::string(1, kPlain).append(text);
}

std::string unpack_stored_text(std::string_view value) {
    if (value.empty()) return std::string();
    if (value[0] == kPlain) return std::string(value.substr(1));
    if (value[0] != kDeflated || value.size() < 1 + kLengthBytes) return std::string();
    std::uint32_t length = 0;
    for (std::size_t i = 0; i < kLengthBytes; ++i)
        length |= std::uint32_t(static_cast<unsigned char>(value[1 + i])) << (8 * i);
    const std::string_view deflated = value.substr(1 + kLengthBytes);
    // Raw deflate expands at most 1032:1; a larger length is damage, and
    // must not make us allocate gigabytes.
    if (length > deflated.size() * std::uint64_t(1032) || length == 0) return std::string();
    libdeflate_decompressor* decompressor = thread_decompressor();
    if (!decompressor) return std::string();
    std::string text(length, '\0');
    std::size_t used = 0, produced = 0;
    const libdeflate_result result = libdeflate_deflate_decompress_ex(
        decompressor, deflated.data(), deflated.size(), text.data(), text.size(), &used, &produced);
    // The whole value, exactly the length it promised: anything else is damage.
    const bool whole = result == LIBDEFLATE_SUCCESS && produced == length && used == deflated.size();
    return whole ? text : std::string();
}

}  // namespace newsdex
