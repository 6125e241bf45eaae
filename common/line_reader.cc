/** @file
 * @brief LineReader: line splitting over chunked input (LF, CRLF, CR).
 */
#include "line_reader.h"

namespace newsdex {

namespace {

/// How much decompressed content is asked for at a time.
constexpr std::size_t kChunkBytes = 64 * 1024;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace

LineReader::LineReader(InputStream& input) : input_(input) {}

bool LineReader::fill() {
    if (at_eof_) return false;
    // Drop consumed bytes before growing. Right after this start_ is 0, so
    // while one long line keeps growing nothing is moved again: appending
    // stays amortised linear.
    if (start_ > 0) {
        buffer_.erase(0, start_);
        dropped_ += start_;
        scan_ -= start_;
        start_ = 0;
    }
    std::size_t old_size = buffer_.size();
    buffer_.resize(old_size + kChunkBytes);
    std::size_t got = input_.read(buffer_.data() + old_size, kChunkBytes);
    buffer_.resize(old_size + got);
    if (got == 0) at_eof_ = true;
    return got > 0;
}

void LineReader::skip_bom() {
    bom_checked_ = true;
    while (buffer_.size() < kUtf8Bom.size() && fill()) {
    }
    if (std::string_view(buffer_).starts_with(kUtf8Bom)) {
        start_ = scan_ = kUtf8Bom.size();
    }
}

std::string_view LineReader::peek(std::size_t size) {
    if (!bom_checked_) skip_bom();
    while (buffer_.size() - start_ < size && fill()) {
    }
    std::string_view available(buffer_.data() + start_, buffer_.size() - start_);
    return available.substr(0, size);
}

bool LineReader::next_line(std::string_view& line) {
    if (!bom_checked_) skip_bom();
    for (;;) {
        const char* data = buffer_.data();
        std::size_t size = buffer_.size();
        std::size_t end = scan_;
        while (end < size && data[end] != '\n' && data[end] != '\r') ++end;
        if (end < size) {
            std::size_t terminator = 1;
            if (data[end] == '\r') {
                // Is it CRLF or a lone CR? The next chunk must say.
                if (end + 1 == size && !at_eof_) {
                    scan_ = end;
                    fill();
                    continue;
                }
                if (end + 1 < size && data[end + 1] == '\n') terminator = 2;
            }
            line = std::string_view(data + start_, end - start_);
            line_offset_ = dropped_ + start_;
            ++line_number_;
            start_ = scan_ = end + terminator;
            return true;
        }
        scan_ = size;
        if (fill()) continue;
        // fill() may have moved the buffer: re-read it.
        if (start_ == buffer_.size() || input_.failed()) return false;
        // The last line has no terminator.
        line = std::string_view(buffer_.data() + start_, buffer_.size() - start_);
        line_offset_ = dropped_ + start_;
        ++line_number_;
        start_ = scan_ = buffer_.size();
        return true;
    }
}

}  // namespace newsdex
