/** @file
 * @brief pack_stored_text() and unpack_stored_text() (see the header).
 */
#include "stored_text.h"

#include <zlib.h>

#include <cstdint>
#include <limits>

namespace newsdex {

namespace {

// The first byte says how the rest holds the text.
constexpr char kPlain = 'p';     ///< the text as is
constexpr char kDeflated = 'd';  ///< 4 bytes of text length (little-endian), then raw deflate

constexpr std::size_t kLengthBytes = 4;

/// zlib's windowBits for raw deflate (no zlib header or checksum: Xapian's
/// own choice for its tables), 32 kB window.
constexpr int kRawDeflate = -15;

/// Shorter texts stay plain: Xapian then compresses them with the JSON
/// object in one stream, as before schema 6. Deflated apart, each paid for
/// a Huffman table of its own. Reuters-21578 (median text 517 bytes), every
/// text deflated: database +1.1 %, batch without snippets p50 -29 %; from
/// 1 kB on: +0.1 % and -21 %.
constexpr std::size_t kMinDeflatedBytes = 1024;

/// A deflate stream kept per thread: one set up per article would allocate
/// and free its 256 kB of buffers each time.
class Deflater {
  public:
    Deflater() {
        // The default level and memory.
        ok_ = deflateInit2(&stream_, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kRawDeflate, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    }
    ~Deflater() {
        if (ok_) deflateEnd(&stream_);
    }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    /// Appends @p text deflated to @p out; false if zlib failed.
    bool deflate_into(std::string_view text, std::string& out) {
        if (!ok_ || deflateReset(&stream_) != Z_OK) return false;
        const std::size_t start = out.size();
        out.resize(start + deflateBound(&stream_, static_cast<uLong>(text.size())));
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
        stream_.avail_in = static_cast<uInt>(text.size());
        stream_.next_out = reinterpret_cast<Bytef*>(out.data() + start);
        stream_.avail_out = static_cast<uInt>(out.size() - start);
        if (::deflate(&stream_, Z_FINISH) != Z_STREAM_END) return false;
        out.resize(out.size() - stream_.avail_out);
        return true;
    }

  private:
    z_stream stream_{};
    bool ok_ = false;
};

}  // namespace

std::string pack_stored_text(std::string_view text) {
    if (text.empty()) return std::string();
    // Articles are far below 4 GB; a text that is not goes in as it is.
    if (text.size() >= kMinDeflatedBytes && text.size() <= std::numeric_limits<std::uint32_t>::max()) {
        std::string packed(1, kDeflated);
        const auto length = static_cast<std::uint32_t>(text.size());
        for (std::size_t i = 0; i < kLengthBytes; ++i) packed += static_cast<char>(length >> (8 * i));
        thread_local Deflater deflater;
        if (deflater.deflate_into(text, packed) && packed.size() < 1 + text.size()) return packed;
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
    std::string text(length, '\0');
    z_stream stream{};
    if (inflateInit2(&stream, kRawDeflate) != Z_OK) return std::string();
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    stream.avail_in = static_cast<uInt>(deflated.size());
    stream.next_out = reinterpret_cast<Bytef*>(text.data());
    stream.avail_out = length;
    const int status = inflate(&stream, Z_FINISH);
    const bool whole = status == Z_STREAM_END && stream.avail_out == 0 && stream.avail_in == 0;
    inflateEnd(&stream);
    return whole ? text : std::string();
}

}  // namespace newsdex
