/** @file
 * @brief passage_snippet(): the best sentence for the query (see the header).
 */
#include "passage_snippet.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <utility>

#include "ascii_words.h"
#include "snippet_window.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex {

namespace {

// Passage scoring as in Lucene's PassageScorer (Elasticsearch's unified
// highlighter): BM25 over the passage with its k1 and b, and a slight
// preference for earlier passages. Lucene measures lengths against a pivot
// of 87 characters; here the pivot is the snippet's length, so that a
// sentence that fills the snippet is not penalised against a short one
// (with 87 bytes, one rare word in a short sentence beat a news sentence
// holding two of the query's words).
constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

struct Span {
    std::size_t begin, end;  // bytes of the text
};

struct Match {
    Span span;
    std::size_t term;      // index into the terms
    std::size_t sentence;  // index into the sentence starts
};

bool is_space(char c) { return static_cast<unsigned char>(c) <= ' '; }

/// ASCII punctuation that may follow a word inside a snippet ("day." "5,").
bool is_ascii_punct(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > ' ' && u < 0x80 && !kAsciiWords.word[u];
}

/// If a sentence ends at the ASCII byte @p i of @p text (a blank line, or
/// [.!?] and any closing quotes or brackets, then whitespace): where the
/// next one starts (after the whitespace). Else 0. A single line break is
/// not an end: texts are often wrapped at a fixed width.
std::size_t sentence_break(std::string_view text, std::size_t i) {
    const char c = text[i];
    std::size_t next = 0;
    if (c == '\n') {
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
        if (j < text.size() && text[j] == '\n') next = j;
    } else if (c == '.' || c == '!' || c == '?') {
        std::size_t j = i + 1;
        while (j < text.size() && (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']')) ++j;
        if (j < text.size() && is_space(text[j])) next = j;
    }
    if (!next) return 0;
    while (next < text.size() && is_space(text[next])) ++next;
    return next;
}

/// What the scan needs to know of a byte, one table lookup each.
enum ByteClass : unsigned char {
    kWordByte = 1,   // an ASCII word character ([A-Za-z0-9_])
    kTermStart = 2,  // an ASCII byte some term starts with (either case)
    kBreakByte = 4,  // may end a sentence: \n . ! ?
    kNonAscii = 8,   // part of a multi-byte character
};

#if defined(__SSE2__)
/// The scan's quiet stretches found 16 bytes at a time (SSE2, which every
/// x86-64 processor has): a byte is an event where the byte-at-a-time loop
/// would branch, that is a byte that may end a sentence, a non-ASCII byte,
/// or a term's first letter where a word starts.
class BlockScanner {
  public:
    /// @p term_starts: the ASCII bytes a term starts with, in either case
    /// (at most kMaxStarts).
    explicit BlockScanner(std::string_view term_starts) {
        for (const char c : term_starts.substr(0, kMaxStarts)) starts_[count_++] = _mm_set1_epi8(c);
    }

    static constexpr std::size_t kMaxStarts = 16;

    struct Block {
        unsigned first_event;  ///< offset of the first event, 16 if none
        unsigned word_bytes;   ///< bit k: byte k is an ASCII word character
    };

    /// The 16 bytes at @p p; @p after_word: the byte before them is a word character.
    Block scan(const char* p, bool after_word) const {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const auto is = [&v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
        const __m128i breaks = _mm_or_si128(_mm_or_si128(is('\n'), is('.')), _mm_or_si128(is('!'), is('?')));
        __m128i starts = _mm_setzero_si128();
        for (std::size_t k = 0; k < count_; ++k) starts = _mm_or_si128(starts, _mm_cmpeq_epi8(v, starts_[k]));
        // [0-9A-Za-z_]: signed compares, so bytes from 0x80 on (negative) are in no range;
        // OR 0x20 maps A-Z onto a-z and no other byte into it.
        const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                             _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
        const __m128i digit =
            _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const auto word = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), is('_'))));
        const unsigned follows_word = (word << 1 | (after_word ? 1u : 0u)) & 0xFFFFu;
        const unsigned events = static_cast<unsigned>(_mm_movemask_epi8(v)) |  // non-ASCII
                                static_cast<unsigned>(_mm_movemask_epi8(breaks)) |
                                (static_cast<unsigned>(_mm_movemask_epi8(starts)) & ~follows_word);
        return {events ? static_cast<unsigned>(__builtin_ctz(events)) : 16u, word};
    }

  private:
    __m128i starts_[kMaxStarts];
    std::size_t count_ = 0;
};
#endif

class Scan {
  public:
    Scan(std::string_view text, const std::vector<SnippetTerm>& terms, SnippetStemmer& stem)
        : text_(text), terms_(terms), stem_(stem) {
        find_matches();
    }

    bool matched() const { return !matches_.empty(); }
    const std::vector<Match>& matches() const { return matches_; }

    /// The extent of sentence @p s without surrounding whitespace.
    Span sentence(std::size_t s) const {
        std::size_t begin = starts_[s];
        std::size_t end = s + 1 < starts_.size() ? starts_[s + 1] : text_.size();
        while (end > begin && is_space(text_[end - 1])) --end;
        while (begin < end && is_space(text_[begin])) ++begin;
        return {begin, end};
    }

    /// The sentence with the best BM25 passage score; ties go to the earliest.
    std::size_t best_sentence(double pivot) const {
        std::size_t best = matches_.front().sentence;
        double best_score = -1;
        std::vector<unsigned> tf(terms_.size());
        for (std::size_t i = 0; i < matches_.size();) {
            const std::size_t s = matches_[i].sentence;
            std::fill(tf.begin(), tf.end(), 0u);
            for (; i < matches_.size() && matches_[i].sentence == s; ++i) ++tf[matches_[i].term];
            const Span span = sentence(s);
            const double norm = 1 - kB + kB * double(span.end - span.begin) / pivot;
            double score = 0;
            for (std::size_t t = 0; t < tf.size(); ++t)
                if (tf[t]) score += terms_[t].weight * tf[t] * (kK1 + 1) / (tf[t] + kK1 * norm);
            score *= 1 + 1 / std::log(pivot + double(span.begin));
            if (score > best_score) {
                best_score = score;
                best = s;
            }
        }
        return best;
    }

    /// Splits the words from @p from (the start of a sentence, so of a word
    /// or of the space before one) to the first word starting at or after
    /// @p to: the snippet is cut at their boundaries. Only the shown part
    /// is split, as splitting every word of a long text cost more than
    /// finding its matches.
    void split_words(std::size_t from, std::size_t to) {
        words_.clear();
        for (std::size_t i = from; i < text_.size();) {
            bool word = false;
            const std::size_t next = next_char(i, word);
            if (!word) {
                i = next;
                continue;
            }
            const std::size_t end = word_end(next);
            words_.push_back({i, end});
            if (i >= to) break;
            i = end;
        }
    }

    /// The first word starting at or after @p pos (text end if none), among
    /// the words split_words() split.
    std::size_t word_begin_from(std::size_t pos) const {
        auto it = std::lower_bound(words_.begin(), words_.end(), pos,
                                   [](const Span& w, std::size_t p) { return w.begin < p; });
        return it == words_.end() ? text_.size() : it->begin;
    }

    /// The end of the last word ending at or before @p limit (with the ASCII
    /// punctuation right after it, within @p limit); @p floor if none ends
    /// after @p floor. Among the words split_words() split.
    std::size_t word_end_until(std::size_t limit, std::size_t floor) const {
        auto it = std::upper_bound(words_.begin(), words_.end(), limit,
                                   [](std::size_t l, const Span& w) { return l < w.end; });
        if (it == words_.begin()) return floor;
        std::size_t end = std::prev(it)->end;
        if (end <= floor) return floor;
        while (end < limit && end < text_.size() && is_ascii_punct(text_[end])) ++end;
        return end;
    }

    bool text_before(std::size_t pos) const {
        return std::any_of(text_.begin(), text_.begin() + pos, [](char c) { return !is_space(c); });
    }
    bool text_after(std::size_t pos) const {
        return std::any_of(text_.begin() + pos, text_.end(), [](char c) { return !is_space(c); });
    }

  private:

    /// The byte after the character at @p i, and whether it is a word
    /// character (Xapian's definition, as its TermGenerator uses).
    std::size_t next_char(std::size_t i, bool& word) const {
        const auto c = static_cast<unsigned char>(text_[i]);
        if (c < 0x80) {
            word = kAsciiWords.word[c];
            return i + 1;
        }
        const std::size_t left = text_.size() - i;
        // (Never true; tells g++ that the iterator is not an empty one,
        // whose members Utf8Iterator leaves uninitialised.)
        if (left == 0) return i + 1;
        Xapian::Utf8Iterator it(text_.data() + i, left);
        word = Xapian::Unicode::is_wordchar(*it);
        ++it;
        return text_.size() - it.left();
    }

    /// The end of the word whose next character starts at @p i.
    std::size_t word_end(std::size_t i) const {
        for (std::size_t next; i < text_.size(); i = next) {
            const auto c = static_cast<unsigned char>(text_[i]);
            if (c < 0x80) {
                if (!kAsciiWords.word[c]) break;
                next = i + 1;
                continue;
            }
            bool word = false;
            next = next_char(i, word);
            if (!word) break;
        }
        return i;
    }

    // Most words cannot match: only a word whose first letter some term
    // starts with (or that starts with a non-ASCII letter) is looked at, and
    // read, folded and compared if it starts as a word matching a term
    // must (starts_like_a_term()). The other bytes are skipped 16 at a time
    // (BlockScanner) or, byte by byte, with one table lookup and a branch
    // that is rarely taken: branching on every word's start and end
    // mispredicted about once a word, most of the scan's time.
    void find_matches() {
        unsigned char classes[256] = {};
        for (int c = 0; c < 256; ++c) {
            if (c >= 0x80) classes[c] = kNonAscii;
            else if (kAsciiWords.word[c]) classes[c] = kWordByte;
        }
        for (const char c : {'\n', '.', '!', '?'}) classes[static_cast<unsigned char>(c)] |= kBreakByte;
        std::string term_starts;  // the bytes marked kTermStart, if few
        bool every_word = false;
        for (const auto& term : terms_) {
            const auto first = static_cast<unsigned char>(term.word[0]);
            // A term starting with punctuation is no word the scan reads:
            // it never matches, and marking its first byte would make that
            // byte start a word and swallow the word after it.
            if (first < 0x80 && !kAsciiWords.word[first]) continue;
            if (first >= 0x80 || (term.stemmed && !stems_keep_start(term.word))) {
                // Compared with every word (match()): a term with a non-ASCII
                // first letter, or a stem that words starting otherwise have.
                for (auto& cls : classes)
                    if (cls & kWordByte) cls |= kTermStart;
                every_word = true;
                continue;
            }
            prefixes_.push_back(term.stemmed ? std::string_view(term.word).substr(0, kept_start(term.word))
                                             : std::string_view(term.word));
            for (const auto c : {first, static_cast<unsigned char>(std::toupper(first))}) {
                if (!(classes[c] & kTermStart)) term_starts += static_cast<char>(c);
                classes[c] |= kTermStart;
            }
        }
        std::string folded;
        const std::size_t size = text_.size();
        unsigned previous = 0;  // the class of the byte before, or 0 after a non-word character
#if defined(__SSE2__)
        const bool by_blocks = !every_word && term_starts.size() <= BlockScanner::kMaxStarts;
        const BlockScanner blocks(by_blocks ? term_starts : std::string_view());
#endif
        for (std::size_t i = 0; i < size;) {
#if defined(__SSE2__)
            if (by_blocks && size - i >= 16) {
                // Skip to the next event; the byte-at-a-time code below handles it.
                const auto block = blocks.scan(text_.data() + i, previous & kWordByte);
                const unsigned at = block.first_event;
                if (at > 0) {
                    previous = (block.word_bytes >> (at - 1)) & 1 ? kWordByte : 0;
                    i += at;
                    if (at == 16) continue;
                }
            }
#endif
            const unsigned cls = classes[static_cast<unsigned char>(text_[i])];
            // A term's first letter counts only where a word starts.
            const unsigned starts_word = ~(previous << 1) & kTermStart;
            if (!(cls & (kBreakByte | kNonAscii | starts_word))) {
                previous = cls;
                ++i;
                continue;
            }
            if (cls & kBreakByte) {
                // Sentences are found on the way (their ends are not words).
                if (const std::size_t start = sentence_break(text_, i); start > starts_.back() && start < size)
                    starts_.push_back(start);
                previous = 0;
                ++i;
                continue;
            }
            bool word = true;
            const std::size_t next = cls & kNonAscii ? next_char(i, word) : i + 1;
            if (!word || (previous & kWordByte)) {  // not a word, or within one
                previous = word ? kWordByte : 0;
                i = next;
                continue;
            }
            if (!every_word && !(cls & kNonAscii) && !starts_like_a_term(i)) {
                // Its other letters are read as a word's inside.
                previous = kWordByte;
                i = next;
                continue;
            }
            const std::size_t begin = i;
            i = word_end(next);
            previous = kWordByte;
            fold(begin, i, folded);
            if (auto term = match(folded)) matches_.push_back({{begin, i}, *term, starts_.size() - 1});
        }
    }

    /// @p folded: the word [@p begin, @p end) in lower case.
    void fold(std::size_t begin, std::size_t end, std::string& folded) const {
        folded.clear();
        const bool ascii = std::all_of(text_.begin() + begin, text_.begin() + end,
                                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (ascii) {
            for (std::size_t k = begin; k < end; ++k) folded += kAsciiWords.lower[static_cast<unsigned char>(text_[k])];
        } else {
            for (Xapian::Utf8Iterator it(text_.data() + begin, end - begin); it != Xapian::Utf8Iterator(); ++it)
                Xapian::Unicode::append_utf8(folded, Xapian::Unicode::tolower(*it));
        }
    }

    /// Whether the words stemming to @p stem start as it does: with its
    /// first kept_start() letters (keeps_word_starts()).
    bool stems_keep_start(const std::string& stem) const { return stem_.keeps_word_starts() && stem.size() >= 2; }
    static std::size_t kept_start(const std::string& stem) { return stem.size() > 3 ? stem.size() - 2 : 1; }

    /// Whether the word at @p i (an ASCII letter) starts with the letters
    /// that a word matching some term starts with (prefixes_), in either
    /// case; from a non-ASCII byte on, folding and stemming decide. Most
    /// words that start with a term's first letter go on otherwise ("is",
    /// "it" and "international" for "introduce", whose stem is "introduc"),
    /// and a few compares spare reading, folding and stemming them.
    bool starts_like_a_term(std::size_t i) const {
        for (const std::string_view prefix : prefixes_) {
            std::size_t k = 0;
            for (; k < prefix.size() && i + k < text_.size(); ++k) {
                const auto c = static_cast<unsigned char>(text_[i + k]);
                const auto p = static_cast<unsigned char>(prefix[k]);
                if (c >= 0x80 || p >= 0x80) return true;
                if (kAsciiWords.lower[c] != p) break;
            }
            if (k == prefix.size()) return true;
        }
        return false;
    }

    /// The heaviest term @p folded matches, if any. Words are stemmed only
    /// when they could match a stem: most Snowball stemmers change the ends
    /// of words only, so for ASCII-initial words the first letter must agree.
    std::optional<std::size_t> match(const std::string& folded) {
        std::optional<std::size_t> best;
        std::optional<std::string> stemmed;  // made for the first stemmed term that may match
        for (std::size_t t = 0; t < terms_.size(); ++t) {
            const SnippetTerm& term = terms_[t];
            bool hit = false;
            if (!term.stemmed) {
                hit = folded == term.word;
            } else if (folded[0] == term.word[0] || !stems_keep_start(term.word) ||
                       static_cast<unsigned char>(folded[0]) >= 0x80 ||
                       static_cast<unsigned char>(term.word[0]) >= 0x80) {
                if (!stemmed) stemmed = stem_(folded);
                hit = *stemmed == term.word;
            }
            if (hit && (!best || term.weight > terms_[*best].weight)) best = t;
        }
        return best;
    }

    std::string_view text_;
    const std::vector<SnippetTerm>& terms_;
    SnippetStemmer& stem_;
    std::vector<std::size_t> starts_{0};  // where each sentence starts
    std::vector<Span> words_;     // split_words()'s
    std::vector<std::string_view> prefixes_;  // of the terms with an ASCII first letter
    std::vector<Match> matches_;  // in text order
};

/// Within a sentence longer than @p max_bytes: the window of at most
/// @p max_bytes, starting a little before one of its matches, that holds
/// the most weight of distinct matched terms (ties: the earliest).
Span best_window(const Scan& scan, const std::vector<SnippetTerm>& terms, std::size_t s, Span sentence,
                 std::size_t max_bytes) {
    const std::size_t context = max_bytes / 5;  // words shown before the first match
    std::vector<const Match*> in;
    for (const auto& m : scan.matches())
        if (m.sentence == s) in.push_back(&m);
    Span best{sentence.begin, sentence.begin};
    double best_weight = -1;
    for (const Match* first : in) {
        std::size_t begin = first->span.begin > sentence.begin + context ? first->span.begin - context : sentence.begin;
        begin = std::min(scan.word_begin_from(begin), first->span.begin);
        const std::size_t limit = std::min(sentence.end, begin + max_bytes);
        std::vector<bool> seen(terms.size());
        double weight = 0;
        for (const Match* m : in) {
            if (m->span.begin < begin || m->span.end > limit) continue;
            weight += seen[m->term] ? terms[m->term].weight / 10 : terms[m->term].weight;
            seen[m->term] = true;
        }
        if (weight > best_weight) {
            best_weight = weight;
            best = {begin, scan.word_end_until(limit, first->span.end)};
        }
    }
    return best;
}

}  // namespace

std::vector<SnippetTerm> snippet_terms(const Xapian::Query& query, const Xapian::MSet& mset,
                                       Xapian::doccount doccount) {
    std::vector<SnippetTerm> terms;
    for (auto& t : free_text_terms(query)) {
        // BM25's idf as Lucene writes it (never negative).
        const double n = doccount, df = mset.get_termfreq(t.term);
        terms.push_back({std::move(t.word), t.stemmed(), std::log(1 + (n - df + 0.5) / (df + 0.5))});
    }
    return terms;
}

namespace {

bool has_wildcard(const Xapian::Query& query) {
    if (query.get_type() == Xapian::Query::OP_WILDCARD) return true;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
        if (has_wildcard(query.get_subquery(i))) return true;
    return false;
}

}  // namespace

bool needs_xapian_snippet(const Xapian::Query& query, const std::vector<SnippetTerm>& terms) {
    if (has_wildcard(query)) return true;
    for (const auto& term : terms) {
        for (Xapian::Utf8Iterator it(term.word); it != Xapian::Utf8Iterator(); ++it) {
            const unsigned ch = *it;
            // Scripts from U+2E80 on (CJK and beyond) are indexed as n-grams.
            if (ch >= 0x2E80 || !Xapian::Unicode::is_wordchar(ch)) return true;
        }
    }
    return false;
}

std::optional<std::string> passage_snippet(std::string_view text, const std::vector<SnippetTerm>& terms,
                                           SnippetStemmer& stem, const SnippetStyle& style) {
    if (terms.empty()) return std::nullopt;
    Scan scan(text, terms, stem);
    if (!scan.matched()) return std::nullopt;

    const std::size_t max_bytes = std::max<std::size_t>(style.max_bytes, 1);
    const std::size_t s = scan.best_sentence(std::max(double(max_bytes), 2.0));
    const Span sentence = scan.sentence(s);
    // Every cut below falls within the sentence or the max_bytes from its start.
    scan.split_words(sentence.begin, std::max(sentence.end, sentence.begin + max_bytes));
    Span shown = sentence;
    if (sentence.end - sentence.begin > max_bytes) {
        shown = best_window(scan, terms, s, sentence, max_bytes);
    } else {
        // Room left: the text after the sentence, then (at the end of the
        // text) the whole sentences before it that fit.
        shown.end = std::max(sentence.end, scan.word_end_until(sentence.begin + max_bytes, sentence.end));
        if (!scan.text_after(shown.end)) {
            for (std::size_t before = s; before > 0; --before) {
                const Span previous = scan.sentence(before - 1);
                if (shown.end - previous.begin > max_bytes) break;
                shown.begin = previous.begin;
            }
        }
    }

    std::string out;
    if (scan.text_before(shown.begin)) out += style.omit;
    std::size_t at = shown.begin;
    for (const auto& m : scan.matches()) {
        if (m.span.begin < shown.begin || m.span.end > shown.end) continue;
        out.append(text.substr(at, m.span.begin - at));
        out += style.start;
        out.append(text.substr(m.span.begin, m.span.end - m.span.begin));
        out += style.end;
        at = m.span.end;
    }
    out.append(text.substr(at, shown.end - at));
    if (scan.text_after(shown.end)) out += style.omit;
    return out;
}

}  // namespace newsdex
