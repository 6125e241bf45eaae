/** @file
 * @brief Gazetteer: loading TSV gazetteers and finding their names in text.
 *
 * Matching folds the text once (name_folding.h) and then walks its tokens.
 * Every alias is stored under its folded token sequence ("katiba macina"),
 * which is also a contiguous slice of the folded text, so a lookup needs no
 * key building. Most tokens start no alias: a bit filter over first tokens
 * rejects them without a hash-map probe. At the others, a map from the first
 * token to the longest alias starting with it bounds the n-grams tried,
 * longest first. Acronym-like aliases are checked against the case-kept fold
 * of the matched source span only when their key matches, which is rare.
 */
#include "gazetteer.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <xapian.h>

#include "name_folding.h"

namespace newsdex {
namespace {

// FNV-1a. It is byte-serial, so the hash of "katiba macina" continues from
// the hash of "katiba": find() hashes each n-gram at a position in one pass.
// (std::hash's Murmur rehashed every n-gram and took a quarter of find().)
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
std::uint64_t hash_bytes(std::string_view s, std::uint64_t h = kFnvOffset) noexcept {
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

/// A slice of folded text with its hash already computed.
struct Probe {
    std::string_view text;
    std::uint64_t hash;
};

// Lets the maps be probed with a string_view or a Probe, without building a
// std::string key.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return hash_bytes(s); }
    std::size_t operator()(const Probe& p) const noexcept { return p.hash; }
};
struct StringEq {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
    bool operator()(const Probe& a, std::string_view b) const noexcept { return a.text == b; }
    bool operator()(std::string_view a, const Probe& b) const noexcept { return a == b.text; }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, StringEq>;

/// A one-hash Bloom filter over first tokens: most text tokens start no
/// alias, and a bit test rejects them without probing the hash map.
class TokenFilter {
  public:
    void add(std::uint64_t h) {
        // The 8 kB of bits come with the first key: every search makes two
        // gazetteers that only actor: and place: filters fill, and zeroed
        // up front their bits cost it page faults (10 us each here).
        if (bits_.empty()) bits_.resize(kBits / 64);
        bits_[slot(h) / 64] |= bit(h);
    }
    bool may_contain(std::uint64_t h) const { return !bits_.empty() && (bits_[slot(h) / 64] & bit(h)); }

  private:
    static constexpr std::size_t kBits = 1 << 16;
    static std::size_t slot(std::uint64_t h) { return static_cast<std::size_t>(h >> 48) % kBits; }
    static std::uint64_t bit(std::uint64_t h) { return std::uint64_t{1} << (slot(h) % 64); }
    std::vector<std::uint64_t> bits_;
};

/// One way an alias key can match.
struct Candidate {
    std::uint32_t entry;
    bool case_sensitive;
    std::string cased;  ///< FoldCase::keep form, compared when case_sensitive
};

/// The header's acronym rule: at most 5 letters, 2 or more upper case.
bool looks_like_acronym(std::string_view alias) {
    int letters = 0;
    int upper = 0;
    for (Xapian::Utf8Iterator it(alias.data(), alias.size()); it != Xapian::Utf8Iterator(); ++it) {
        switch (Xapian::Unicode::get_category(*it)) {
            case Xapian::Unicode::UPPERCASE_LETTER:
            case Xapian::Unicode::TITLECASE_LETTER:
                ++upper;
                [[fallthrough]];
            case Xapian::Unicode::LOWERCASE_LETTER:
            case Xapian::Unicode::MODIFIER_LETTER:
            case Xapian::Unicode::OTHER_LETTER:
                ++letters;
                break;
            default:
                break;
        }
    }
    return letters <= 5 && upper >= 2;
}

std::string_view trim(std::string_view s) {
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    for (;;) {
        const auto pos = s.find(sep);
        parts.push_back(s.substr(0, pos));
        if (pos == std::string_view::npos) return parts;
        s.remove_prefix(pos + 1);
    }
}

/// Optimal string alignment distance (Levenshtein plus adjacent
/// transpositions, the commonest typo) over code points.
std::size_t edit_distance(const std::vector<unsigned>& a, const std::vector<unsigned>& b) {
    std::vector<std::size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::vector<unsigned> code_points(std::string_view s) {
    std::vector<unsigned> out;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it)
        out.push_back(*it);
    return out;
}

[[noreturn]] void fail(std::string_view where, const std::string& message) {
    throw GazetteerError(std::string(where) + message);
}

}  // namespace

struct Gazetteer::Impl {
    std::vector<GazetteerEntry> entries;
    StringMap<std::uint32_t> by_canonical;
    StringMap<std::vector<Candidate>> aliases;  ///< folded alias -> candidates
    StringMap<std::size_t> first_tokens;        ///< first token -> max tokens
    TokenFilter first_filter;                   ///< the keys of first_tokens

    /// @p where prefixes error messages ("file:line: " or "").
    void add(const GazetteerEntry& e, std::string_view where);
    void load(std::string_view name, std::string_view content);

  private:
    struct Pending {
        std::string alias, key, cased;
        bool case_sensitive;
    };
    bool known(std::uint32_t entry, const Pending& p) const;
    void check_conflicts(std::uint32_t entry, const Pending& p, std::string_view where) const;
    void insert(std::uint32_t entry, Pending p, bool list_alias);
};

bool Gazetteer::Impl::known(std::uint32_t entry, const Pending& p) const {
    const auto it = aliases.find(p.key);
    if (it == aliases.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const Candidate& c) {
        return c.entry == entry && (!c.case_sensitive || (p.case_sensitive && c.cased == p.cased));
    });
}

// The same alias under two entries would make matches depend on file order.
// An acronym and an ordinary word may share a key ("CMA" vs "Cma") because
// text case tells them apart.
void Gazetteer::Impl::check_conflicts(std::uint32_t entry, const Pending& p,
                                      std::string_view where) const {
    const auto it = aliases.find(p.key);
    if (it == aliases.end()) return;
    for (const Candidate& c : it->second) {
        if (c.entry != entry && c.case_sensitive == p.case_sensitive &&
            (!p.case_sensitive || c.cased == p.cased))
            fail(where, "alias '" + p.alias + "' already names '" + entries[c.entry].canonical + "'");
    }
}

void Gazetteer::Impl::insert(std::uint32_t entry, Pending p, bool list_alias) {
    if (list_alias) entries[entry].aliases.push_back(p.alias);
    const auto space = p.key.find(' ');
    const std::size_t n_tokens = static_cast<std::size_t>(std::count(p.key.begin(), p.key.end(), ' ')) + 1;
    const std::string first = p.key.substr(0, space);
    first_filter.add(hash_bytes(first));
    auto [ft, fresh] = first_tokens.try_emplace(first, n_tokens);
    if (!fresh) ft->second = std::max(ft->second, n_tokens);
    auto& cands = aliases[p.key];
    // Case-sensitive candidates first: an exact acronym beats a plain word.
    const auto pos = p.case_sensitive ? cands.begin() : cands.end();
    cands.insert(pos, Candidate{entry, p.case_sensitive, std::move(p.cased)});
}

void Gazetteer::Impl::add(const GazetteerEntry& given, std::string_view where) {
    const GazetteerEntry e{std::string(trim(given.canonical)), std::string(trim(given.kind)), given.aliases};
    if (e.canonical.empty()) fail(where, "empty canonical name");
    if (e.kind.empty()) fail(where, "empty kind");
    const auto found = by_canonical.find(e.canonical);
    const bool is_new = found == by_canonical.end();
    const auto entry = is_new ? static_cast<std::uint32_t>(entries.size()) : found->second;
    if (!is_new && entries[entry].kind != e.kind)
        fail(where, "kind '" + e.kind + "' differs from kind '" + entries[entry].kind +
                        "' given earlier for '" + e.canonical + "'");

    // Validate everything before changing anything, so a bad alias leaves
    // the gazetteer as it was.
    std::vector<Pending> todo;
    const auto prepare = [&](std::string_view name) {
        Pending p{std::string(name), fold_name(name), {}, looks_like_acronym(name)};
        if (p.key.empty()) fail(where, "alias '" + p.alias + "' has no letters or digits");
        if (p.case_sensitive) p.cased = fold_name(name, FoldCase::keep);
        check_conflicts(entry, p, where);
        todo.push_back(std::move(p));
    };
    if (is_new) prepare(e.canonical);
    for (const std::string& alias : e.aliases) {
        if (!trim(alias).empty()) prepare(trim(alias));
    }

    if (is_new) {
        entries.push_back(GazetteerEntry{e.canonical, e.kind, {}});
        by_canonical.emplace(e.canonical, entry);
    }
    for (Pending& p : todo) {
        auto& listed = entries[entry].aliases;
        const bool list_alias = p.alias != e.canonical &&
                                std::find(listed.begin(), listed.end(), p.alias) == listed.end();
        if (known(entry, p)) {
            if (list_alias) listed.push_back(p.alias);  // a variant folding already covers
        } else {
            insert(entry, std::move(p), list_alias);
        }
    }
}

void Gazetteer::Impl::load(std::string_view name, std::string_view content) {
    if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);  // BOM
    std::size_t line_no = 0;
    for (std::string_view line : split(content, '\n')) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string_view body = trim(line);
        if (body.empty() || body.front() == '#') continue;
        const std::string where = std::string(name) + ":" + std::to_string(line_no) + ": ";
        const auto fields = split(line, '\t');
        if (fields.size() < 2)
            fail(where, "expected at least 2 tab-separated fields (canonical name, kind), found 1");
        if (fields.size() > 3)
            fail(where, "expected at most 3 tab-separated fields (canonical name, kind, aliases), found " +
                            std::to_string(fields.size()));
        GazetteerEntry e{std::string(trim(fields[0])), std::string(trim(fields[1])), {}};
        if (fields.size() == 3) {
            for (std::string_view alias : split(fields[2], '|')) {
                if (!trim(alias).empty()) e.aliases.emplace_back(trim(alias));
            }
        }
        add(e, where);
    }
}

Gazetteer::Gazetteer() : impl_(std::make_unique<Impl>()) {}
Gazetteer::~Gazetteer() = default;
Gazetteer::Gazetteer(Gazetteer&&) noexcept = default;
Gazetteer& Gazetteer::operator=(Gazetteer&&) noexcept = default;

void Gazetteer::load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw GazetteerError(path + ": cannot open: " + std::strerror(errno));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) throw GazetteerError(path + ": read error");
    load_string(path, content.str());
}

void Gazetteer::load_string(std::string_view name, std::string_view content) {
    // Load into a copy so that a bad line leaves *this untouched.
    Impl copy = *impl_;
    copy.load(name, content);
    *impl_ = std::move(copy);
}

void Gazetteer::add(const GazetteerEntry& entry) { impl_->add(entry, ""); }

std::vector<std::string> Gazetteer::find(std::string_view text) const {
    std::string folded;
    std::vector<FoldedToken> tokens;
    fold_text(text, FoldCase::lower, folded, &tokens);

    std::vector<std::uint32_t> hits;
    std::string cased;
    std::vector<Probe> probes;  // the n-grams at one position, n = 1, 2, ...
    const auto slice = [&](std::size_t i, std::size_t n) {
        return std::string_view(folded).substr(tokens[i].begin, tokens[i + n - 1].end - tokens[i].begin);
    };
    for (std::size_t i = 0; i < tokens.size();) {
        const std::uint64_t h1 = hash_bytes(slice(i, 1));
        if (!impl_->first_filter.may_contain(h1)) {
            ++i;
            continue;
        }
        const auto first = impl_->first_tokens.find(Probe{slice(i, 1), h1});
        if (first == impl_->first_tokens.end()) {
            ++i;
            continue;
        }
        const std::size_t max_n = std::min(first->second, tokens.size() - i);
        probes.assign(1, Probe{slice(i, 1), h1});
        for (std::size_t n = 2; n <= max_n; ++n) {
            // Continue the hash over " token": tokens are one space apart.
            const std::size_t from = tokens[i + n - 2].end;
            const auto more = std::string_view(folded).substr(from, tokens[i + n - 1].end - from);
            probes.push_back(Probe{slice(i, n), hash_bytes(more, probes.back().hash)});
        }
        std::size_t matched = 0;
        for (std::size_t n = max_n; n > 0 && !matched; --n) {
            const auto found = impl_->aliases.find(probes[n - 1]);
            if (found == impl_->aliases.end()) continue;
            for (const Candidate& c : found->second) {
                if (c.case_sensitive) {
                    const std::size_t from = tokens[i].src_begin;
                    fold_text(text.substr(from, tokens[i + n - 1].src_end - from), FoldCase::keep, cased);
                    if (cased != c.cased) continue;
                }
                if (std::find(hits.begin(), hits.end(), c.entry) == hits.end()) hits.push_back(c.entry);
                matched = n;
                break;
            }
        }
        i += matched ? matched : 1;
    }

    std::vector<std::string> names;
    names.reserve(hits.size());
    for (const auto entry : hits) names.push_back(impl_->entries[entry].canonical);
    return names;
}

std::optional<std::string> Gazetteer::resolve(std::string_view name) const {
    const auto found = impl_->aliases.find(fold_name(name));
    if (found == impl_->aliases.end()) return std::nullopt;
    const auto& cands = found->second;
    // Users type acronyms in any case, so every candidate qualifies; when an
    // acronym and a plain word share the key, exact case decides first.
    const std::string cased = fold_name(name, FoldCase::keep);
    auto best = std::find_if(cands.begin(), cands.end(),
                             [&](const Candidate& c) { return c.case_sensitive && c.cased == cased; });
    if (best == cands.end())
        best = std::find_if(cands.begin(), cands.end(), [](const Candidate& c) { return !c.case_sensitive; });
    if (best == cands.end()) best = cands.begin();
    return impl_->entries[best->entry].canonical;
}

// Distances are measured to every name (canonical or alias), but each entry
// is suggested once, by its canonical name: "did you mean Wagner Group?" for
// "Wagnr" rather than both "Wagner" and "Wagner Group".
std::vector<std::string> Gazetteer::suggest(std::string_view name, std::size_t n) const {
    const auto query = code_points(fold_name(name));
    if (query.empty() || n == 0) return {};
    // Beyond this a "suggestion" is just noise: 1 edit for 3 letters, 2 for
    // "Wagnr", 3 for "Tombuctuo"-length names.
    const std::size_t limit = 1 + query.size() / 4;
    std::vector<std::size_t> best(impl_->entries.size(), limit + 1);
    for (const auto& [key, cands] : impl_->aliases) {
        const auto cp = code_points(key);
        const std::size_t gap = cp.size() > query.size() ? cp.size() - query.size() : query.size() - cp.size();
        if (gap > limit) continue;
        const std::size_t d = edit_distance(query, cp);
        for (const Candidate& c : cands) best[c.entry] = std::min(best[c.entry], d);
    }
    std::vector<std::tuple<std::size_t, std::size_t, const std::string*>> ranked;
    for (std::size_t e = 0; e < best.size(); ++e) {
        if (best[e] <= limit) {
            const std::string& canonical = impl_->entries[e].canonical;
            ranked.emplace_back(best[e], canonical.size(), &canonical);
        }
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return std::tie(std::get<0>(a), std::get<1>(a), *std::get<2>(a)) <
               std::tie(std::get<0>(b), std::get<1>(b), *std::get<2>(b));
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < ranked.size() && i < n; ++i) out.push_back(*std::get<2>(ranked[i]));
    return out;
}

const std::vector<GazetteerEntry>& Gazetteer::entries() const { return impl_->entries; }
bool Gazetteer::empty() const { return impl_->entries.empty(); }

}  // namespace newsdex
