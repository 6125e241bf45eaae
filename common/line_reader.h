/** @file
 * @brief LineReader: splits an InputStream into lines, whatever the line
 *        ends (LF, CRLF or CR alone), with a UTF-8 BOM at the start removed.
 */
#ifndef NEWSDEX_LINE_READER_H
#define NEWSDEX_LINE_READER_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "input_file.h"

namespace newsdex {

/// Every reader goes through this class, so line-end and BOM handling live
/// in one place. Lines of any length work in linear time: the buffer grows
/// for a long line and the search for its end never restarts from its start.
class LineReader {
  public:
    explicit LineReader(InputStream& input);

    /// Up to @p size bytes from the start of the content (after any BOM),
    /// without consuming them; shorter only when the input is. Call before
    /// the first next_line().
    std::string_view peek(std::size_t size);

    /// True when peek() saw the whole input.
    bool peeked_everything() const { return at_eof_; }

    /// Stores the next line, without its terminator, in @p line (valid until
    /// the next call). Returns false at the end of the input, and after a
    /// read error (see failed()); a final line without terminator counts.
    bool next_line(std::string_view& line);

    /// 1-based number of the line last returned.
    std::size_t line_number() const { return line_number_; }

    /// Offset in the (decompressed) content of the first byte of the line
    /// last returned, counting a BOM, for "invalid UTF-8 at byte N".
    std::uint64_t line_offset() const { return line_offset_; }

    bool failed() const { return input_.failed(); }
    const std::string& error() const { return input_.error(); }

  private:
    bool fill();
    void skip_bom();

    InputStream& input_;
    std::string buffer_;
    std::size_t start_ = 0;  ///< first unconsumed byte in buffer_
    std::size_t scan_ = 0;   ///< where the search for a line end resumes
    std::uint64_t dropped_ = 0;  ///< bytes erased from the front of buffer_
    bool at_eof_ = false;
    bool bom_checked_ = false;
    std::size_t line_number_ = 0;
    std::uint64_t line_offset_ = 0;
};

}  // namespace newsdex

#endif  // NEWSDEX_LINE_READER_H
