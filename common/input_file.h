/** @file
 * @brief InputStream: the bytes of a file, standard input or a buffer,
 *        inflated on the fly when they are gzip-compressed.
 */
#ifndef NEWSDEX_INPUT_FILE_H
#define NEWSDEX_INPUT_FILE_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <zlib.h>

namespace newsdex {

/// Reads content in chunks, so that a 200 MB .jsonl.gz never sits in memory
/// whole. gzip is recognised by its magic bytes (1f 8b), never by the name,
/// and concatenated gzip members (as `cat a.gz b.gz` makes) are all read.
class InputStream {
  public:
    /// @p bytes_read, when non-null, is incremented by the number of raw
    /// (compressed, on-disk) bytes consumed, for progress display.
    explicit InputStream(std::atomic<std::uint64_t>* bytes_read = nullptr);
    ~InputStream();
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    /// Opens @p path, or standard input for "-". Returns false, with
    /// error() saying why, when the file cannot be opened.
    bool open_file(const std::string& path);

    /// Reads from @p content, which must outlive this object (not copied).
    void open_memory(std::string_view content);

    /// Reads up to @p capacity bytes of (decompressed) content into @p out.
    /// Returns the number of bytes stored: 0 only at the end of the input or
    /// after an error (see failed()). The bytes decoded before an error are
    /// all returned before failed() turns true.
    std::size_t read(char* out, std::size_t capacity);

    bool failed() const { return !error_.empty(); }
    /// Why reading failed ("cannot open: ...", "truncated gzip data", ...).
    const std::string& error() const { return error_; }

  private:
    bool fill_raw();
    void detect_gzip();
    std::size_t read_plain(char* out, std::size_t capacity);
    std::size_t read_gzip(char* out, std::size_t capacity);

    std::atomic<std::uint64_t>* bytes_read_;
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_{nullptr, std::fclose};
    std::FILE* source_ = nullptr;  ///< file_ or stdin; null for memory input
    std::vector<char> raw_buffer_;
    const char* raw_next_ = nullptr;  ///< unconsumed raw bytes
    std::size_t raw_left_ = 0;
    bool raw_eof_ = false;
    bool detected_ = false;
    bool gzip_ = false;
    bool inflating_ = false;  ///< inside a gzip member (not between members)
    bool zlib_ready_ = false;
    z_stream zlib_{};
    std::string pending_error_;  ///< found, not yet reported: see read()
    std::string error_;
};

}  // namespace newsdex

#endif  // NEWSDEX_INPUT_FILE_H
