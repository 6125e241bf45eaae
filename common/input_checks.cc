/** @file
 * @brief UTF-8 validation and binary-file detection.
 */
#include "input_checks.h"

#include <cstdint>
#include <cstring>

namespace newsdex {

namespace {

/// Length of the well-formed UTF-8 sequence at @p at, or 0 if there is
/// none. Follows the table of well-formed byte sequences in Unicode 15,
/// section 3.9 (table 3-7).
std::size_t utf8_sequence_length(const unsigned char* at, std::size_t left) {
    unsigned char lead = at[0];
    if (lead < 0x80) return 1;
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;  // bounds for the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;        // no overlong forms
        else if (lead == 0xED) high = 0x9F;  // no UTF-16 surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;        // no overlong forms
        else if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (left < length || at[1] < low || at[1] > high) return 0;
    for (std::size_t i = 2; i < length; ++i) {
        if (at[i] < 0x80 || at[i] > 0xBF) return 0;
    }
    return length;
}

bool is_control(unsigned char c) {
    // Tab, LF, VT, FF, CR and ESC (ANSI colours in logs) occur in text.
    if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x1B) {
        return false;
    }
    return c < 0x20 || c == 0x7F;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        // Fast path: eight ASCII bytes at a time (most news text is ASCII).
        if (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, bytes + i, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        std::size_t length = utf8_sequence_length(bytes + i, size - i);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

bool looks_binary(std::string_view head, bool truncated) {
    if (head.find('\0') != std::string_view::npos) return true;
    const auto* bytes = reinterpret_cast<const unsigned char*>(head.data());
    std::size_t size = head.size();
    // A character cut by the end of the sample is not evidence of anything.
    std::size_t judged = truncated && size > 3 ? size - 3 : size;
    std::size_t suspicious = 0;
    std::size_t i = 0;
    while (i < judged) {
        std::size_t length = utf8_sequence_length(bytes + i, size - i);
        if (length == 0 || (length == 1 && is_control(bytes[i]))) {
            ++suspicious;
            length = 1;
        }
        i += length;
    }
    return suspicious * 2 > judged;
}

std::string invalid_utf8_message(std::uint64_t offset) {
    return "invalid UTF-8 at byte " + std::to_string(offset);
}

bool is_blank(std::string_view text) {
    for (char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') {
            return false;
        }
    }
    return true;
}

}  // namespace newsdex
