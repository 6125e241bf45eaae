/** @file
 * @brief Gazetteers: recognising actors and places named in article text.
 *
 * A gazetteer file is TSV, one entry per line:
 *     canonical name <TAB> kind <TAB> alias|alias|...
 * Blank lines and lines starting with '#' are ignored. The canonical name is
 * itself an alias. Matching respects word boundaries, folds case, diacritics
 * and apostrophe variants (’ ' ‘ `), treats hyphens and spaces alike, and
 * prefers the longest alias at a position. An alias that looks like an
 * acronym (at most 5 letters, two or more of them upper case: CSP, FAMa,
 * JNIM) is matched case-sensitively in text, so "csp" or "Csp" do not match.
 */
#ifndef NEWSDEX_GAZETTEER_H
#define NEWSDEX_GAZETTEER_H

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

/// A malformed gazetteer file: what() is "file:line: message".
class GazetteerError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct GazetteerEntry {
    std::string canonical;
    std::string kind;  ///< free text from the file, e.g. "armed-group", "town"
    std::vector<std::string> aliases;  ///< not including canonical
};

class Gazetteer {
  public:
    Gazetteer();
    ~Gazetteer();
    Gazetteer(Gazetteer&&) noexcept;
    Gazetteer& operator=(Gazetteer&&) noexcept;

    /// Adds the entries of a TSV file. Throws GazetteerError naming the file
    /// and line for a malformed line (missing fields, empty name). An entry
    /// whose canonical name is already known extends it with new aliases.
    void load_file(const std::string& path);
    /// Same, from a string (@p name is used in error messages).
    void load_string(std::string_view name, std::string_view content);
    void add(const GazetteerEntry& entry);

    /// Canonical names mentioned in @p text, each once, in order of first
    /// mention. Thread-safe (const).
    std::vector<std::string> find(std::string_view text) const;

    /// Resolves a name typed by a user (any alias, case- and
    /// diacritic-insensitive, acronyms included) to its canonical name.
    std::optional<std::string> resolve(std::string_view name) const;

    /// Up to @p n known names (canonical or alias) closest to @p name by
    /// edit distance, best first; for "did you mean" messages.
    std::vector<std::string> suggest(std::string_view name, std::size_t n = 3) const;

    const std::vector<GazetteerEntry>& entries() const;
    bool empty() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex

#endif  // NEWSDEX_GAZETTEER_H
