/** @file
 * @brief Dropping lines of site furniture ("Advertisement", "Follow us on …").
 *
 * A pattern file has one pattern per line; blank lines and lines starting
 * with '#' are ignored. A pattern is a shell glob (`*`, `?`, `[...]`) matched
 * case-insensitively against a whole line with surrounding whitespace
 * trimmed, e.g. `image credit:*` or `follow us on *`.
 */
#ifndef NEWSDEX_BOILERPLATE_H
#define NEWSDEX_BOILERPLATE_H

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

class BoilerplateFilter {
  public:
    /// Adds patterns from a file; throws std::runtime_error
    /// ("file: cannot read ...") when it cannot be read.
    void load_file(const std::string& path);
    void add_pattern(std::string_view pattern);

    /// True when the whole (trimmed) line matches a pattern.
    bool is_boilerplate(std::string_view line) const;

    /// @p text without its boilerplate lines; other lines kept verbatim.
    std::string strip(std::string_view text) const;

    std::size_t size() const { return patterns_.size(); }

  private:
    struct Pattern {
        std::string glob;          // lower-cased
        // The glob up to its first wildcard or escape: a matching line,
        // lower-cased, starts with it. Rules out nearly every pattern for a
        // line before fnmatch runs (a newswire text has ~25 lines, the
        // shipped file ~125 patterns).
        std::string literal_head;
    };
    std::vector<Pattern> patterns_;
    // Indexes into patterns_ by the first byte of their literal head (a
    // line is compared with one bucket: about 6 of the shipped patterns),
    // and of the patterns with no literal head, compared with every line.
    std::array<std::vector<std::size_t>, 256> by_first_byte_;
    std::vector<std::size_t> headless_;
    std::size_t longest_head_chars_ = 0;  // in code points
};

}  // namespace newsdex

#endif  // NEWSDEX_BOILERPLATE_H
