/** @file
 * @brief InputStream: chunked reading of files and stdin, with gzip
 *        inflated through zlib's inflate API.
 */
#include "input_file.h"

#include <cerrno>
#include <cstring>
#include <limits>

namespace newsdex {

namespace {

/// Raw read size: large enough that syscalls and zlib calls are rare, small
/// enough to stay in cache.
constexpr std::size_t kRawChunkBytes = 256 * 1024;

/// 15 window bits plus 16 tells inflate to expect a gzip header and trailer
/// (and check the CRC), rather than a bare zlib stream.
constexpr int kGzipWindowBits = 15 + 16;

bool starts_gzip_member(const char* bytes, std::size_t size) {
    return size >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
           static_cast<unsigned char>(bytes[1]) == 0x8b;
}

/// zlib counts in uInt (32 bits): a larger buffer is handed over in parts.
uInt clamp_to_uint(std::size_t n) {
    constexpr std::size_t kMax = std::numeric_limits<uInt>::max();
    return static_cast<uInt>(n < kMax ? n : kMax);
}

}  // namespace

InputStream::InputStream(std::atomic<std::uint64_t>* bytes_read)
    : bytes_read_(bytes_read) {}

InputStream::~InputStream() {
    if (zlib_ready_) inflateEnd(&zlib_);
}

bool InputStream::open_file(const std::string& path) {
    if (path == "-") {
        source_ = stdin;
    } else {
        file_.reset(std::fopen(path.c_str(), "rb"));
        if (!file_) {
            error_ = std::string("cannot open: ") + std::strerror(errno);
            return false;
        }
        source_ = file_.get();
    }
    raw_buffer_.resize(kRawChunkBytes);
    return true;
}

void InputStream::open_memory(std::string_view content) {
    // The whole buffer is one raw chunk: no copy, and inflate reads it in place.
    raw_next_ = content.data();
    raw_left_ = content.size();
    raw_eof_ = true;
    if (bytes_read_) *bytes_read_ += content.size();
}

bool InputStream::fill_raw() {
    if (raw_left_ > 0) return true;
    if (raw_eof_ || !source_) return false;
    std::size_t got = std::fread(raw_buffer_.data(), 1, raw_buffer_.size(), source_);
    if (got < raw_buffer_.size()) {
        if (std::ferror(source_)) {
            pending_error_ = std::string("read error: ") + std::strerror(errno);
        }
        raw_eof_ = true;
    }
    if (bytes_read_) *bytes_read_ += got;
    raw_next_ = raw_buffer_.data();
    raw_left_ = got;
    return got > 0;
}

void InputStream::detect_gzip() {
    detected_ = true;
    // A short first read can only come from end of input (fread loops until
    // the buffer is full), so two bytes are there if the input has them.
    if (!fill_raw() || !starts_gzip_member(raw_next_, raw_left_)) return;
    gzip_ = true;
    if (inflateInit2(&zlib_, kGzipWindowBits) != Z_OK) {
        pending_error_ = "cannot initialise zlib";
        return;
    }
    zlib_ready_ = true;
    inflating_ = true;
}

std::size_t InputStream::read(char* out, std::size_t capacity) {
    if (!detected_) detect_gzip();
    std::size_t got = 0;
    if (capacity > 0 && pending_error_.empty() && error_.empty()) {
        got = gzip_ ? read_gzip(out, capacity) : read_plain(out, capacity);
    }
    // An error becomes visible only once the bytes that came before it are
    // consumed, so that readers deliver every complete record first.
    if (got == 0 && !pending_error_.empty()) {
        error_ = std::move(pending_error_);
        pending_error_.clear();
    }
    return got;
}

std::size_t InputStream::read_plain(char* out, std::size_t capacity) {
    if (!fill_raw()) return 0;
    std::size_t n = raw_left_ < capacity ? raw_left_ : capacity;
    std::memcpy(out, raw_next_, n);
    raw_next_ += n;
    raw_left_ -= n;
    return n;
}

std::size_t InputStream::read_gzip(char* out, std::size_t capacity) {
    std::size_t produced = 0;
    while (produced == 0) {
        if (!fill_raw()) {
            if (inflating_ && pending_error_.empty()) pending_error_ = "truncated gzip data";
            return produced;
        }
        if (!inflating_) {
            // Between members: another member may follow; anything else is
            // trailing garbage, which gzip(1) also ignores.
            if (static_cast<unsigned char>(raw_next_[0]) != 0x1f) {
                raw_left_ = 0;
                raw_eof_ = true;
                return produced;
            }
            inflateReset(&zlib_);
            inflating_ = true;
        }
        zlib_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw_next_));
        zlib_.avail_in = clamp_to_uint(raw_left_);
        zlib_.next_out = reinterpret_cast<Bytef*>(out);
        zlib_.avail_out = clamp_to_uint(capacity);
        int status = inflate(&zlib_, Z_NO_FLUSH);
        std::size_t consumed = clamp_to_uint(raw_left_) - zlib_.avail_in;
        raw_next_ += consumed;
        raw_left_ -= consumed;
        produced = clamp_to_uint(capacity) - zlib_.avail_out;
        if (status == Z_STREAM_END) {
            inflating_ = false;
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            // What this call inflated is still handed over: records are
            // checked one by one anyway.
            pending_error_ = std::string("corrupt gzip data: ") +
                             (zlib_.msg ? zlib_.msg : "inflate failed");
            return produced;
        }
    }
    return produced;
}

}  // namespace newsdex
