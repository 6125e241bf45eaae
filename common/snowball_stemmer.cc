/** @file
 * @brief Xapian::StemImplementation over libstemmer's C API.
 */
#include "snowball_stemmer.h"

#include <libstemmer.h>

#include <functional>
#include <map>
#include <set>
#include <string_view>

namespace newsdex {

namespace {

/// How a stemmer made here describes itself: this, then the algorithm's
/// name. Xapian::Stem::get_description() wraps it in "Xapian::Stem(...)".
constexpr std::string_view kDescriptionPrefix = "snowball:";

/// A Snowball stemmer that remembers the stems it made. Xapian's
/// TermGenerator stems every occurrence of a word, snippets the words of
/// every hit, and a few thousand words make most of the occurrences in news
/// text. The memory is direct-mapped (a word evicts the one in its slot):
/// analysis of Reuters-21578 ran 12 % faster with it than with an
/// unordered_map, whose nodes cost a good part of a stem. It starts small
/// and grows with the words it misses: a search in a process of its own
/// stems a few hundred words, a batch or an indexing run tens of thousands.
class SnowballStemImplementation : public Xapian::StemImplementation {
  public:
    explicit SnowballStemImplementation(const std::string& language)
        : language_(language), stemmer_(sb_stemmer_new(language.c_str(), "UTF_8")) {
        if (!stemmer_)
            throw Xapian::InvalidArgumentError("no Snowball stemmer for language '" + language + "'");
    }
    ~SnowballStemImplementation() override { sb_stemmer_delete(stemmer_); }
    SnowballStemImplementation(const SnowballStemImplementation&) = delete;
    SnowballStemImplementation& operator=(const SnowballStemImplementation&) = delete;

    std::string operator()(const std::string& word) override {
        // No slots until the first word: a search makes stemmers it may
        // never use, and each page it touches costs it a page fault.
        if (slots_.empty()) slots_.resize(kFirstSlots);
        const std::size_t hash = std::hash<std::string>()(word);
        Slot* slot = &slots_[hash & (slots_.size() - 1)];
        if (slot->used && slot->word == word) return slot->stem;
        if (++misses_ > 2 * slots_.size() && slots_.size() < kMaxSlots) {
            // Many misses: more words than slots. Start again four times larger.
            slots_ = std::vector<Slot>(slots_.size() * 4);
            misses_ = 0;
            slot = &slots_[hash & (slots_.size() - 1)];
        }
        slot->word = word;
        slot->stem = run_snowball(word);
        slot->used = true;
        return slot->stem;
    }

    std::string get_description() const override { return std::string(kDescriptionPrefix).append(language_); }

  private:
    static constexpr std::size_t kFirstSlots = 64, kMaxSlots = std::size_t(1) << 14;

    struct Slot {
        std::string word, stem;
        bool used = false;
    };

    std::string run_snowball(const std::string& word) {
        const sb_symbol* stemmed = sb_stemmer_stem(
            stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
        // NULL means out of memory inside libstemmer: indexing the word
        // unstemmed is better than losing it.
        if (!stemmed) return word;
        // The result lives in the stemmer's own buffer until the next call,
        // which is why one stemmer object must never be shared by threads.
        return std::string(reinterpret_cast<const char*>(stemmed), sb_stemmer_length(stemmer_));
    }

    std::string language_;
    sb_stemmer* stemmer_;
    std::vector<Slot> slots_;  // a power of two of them
    std::size_t misses_ = 0;   // since the last growth
};

}  // namespace

std::vector<std::string> snowball_languages() {
    std::vector<std::string> out;
    for (const char** name = sb_stemmer_list(); *name; ++name) out.emplace_back(*name);
    return out;
}

std::string snowball_language(const std::string& code_or_name) {
    static const std::map<std::string, std::string> iso_codes = {
        {"ar", "arabic"}, {"da", "danish"}, {"de", "german"}, {"el", "greek"},
        {"en", "english"}, {"es", "spanish"}, {"fi", "finnish"}, {"fr", "french"},
        {"hu", "hungarian"}, {"id", "indonesian"}, {"it", "italian"}, {"nl", "dutch"},
        {"no", "norwegian"}, {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},
        {"sv", "swedish"}, {"tr", "turkish"}};
    std::string key = Xapian::Unicode::tolower(code_or_name);
    if (auto it = iso_codes.find(key); it != iso_codes.end()) key = it->second;
    for (const auto& known : snowball_languages())
        if (known == key) return key;
    return "";
}

bool keeps_word_starts(const Xapian::Stem& stem) {
    // Checked over the vocabulary of English and French news and speeches
    // (tests/snowball_stemmer_test.cc): these algorithms only rewrite the
    // ends of words. Stems of one letter are left out of the promise, as
    // Turkish and Lovins make some from words starting otherwise.
    static const std::set<std::string, std::less<>> suffix_only = {
        "arabic",  "armenian", "basque",     "catalan", "danish",  "dutch",   "english",
        "french",  "german",   "greek",      "hindi",   "hungarian", "italian", "lithuanian",
        "lovins",  "nepali",   "norwegian",  "porter",  "portuguese", "romanian", "russian",
        "spanish", "swedish",  "tamil",      "turkish"};
    // Xapian::Stem describes itself as "Xapian::Stem(" + its implementation's + ")".
    constexpr std::string_view kWrapper = "Xapian::Stem(";
    const std::string description = stem.get_description();
    std::string_view inner = description;
    if (!inner.starts_with(kWrapper) || !inner.ends_with(')')) return false;
    inner = inner.substr(kWrapper.size(), inner.size() - kWrapper.size() - 1);
    if (inner == "none") return true;
    if (!inner.starts_with(kDescriptionPrefix)) return false;
    return suffix_only.contains(inner.substr(kDescriptionPrefix.size()));
}

Xapian::Stem make_snowball_stem(const std::string& language) {
    if (language == "none") return Xapian::Stem();
    std::string name = snowball_language(language);
    if (name.empty())
        throw Xapian::InvalidArgumentError("no Snowball stemmer for language '" + language + "'");
    return Xapian::Stem(new SnowballStemImplementation(name));
}

}  // namespace newsdex
