/** @file
 * @brief Remembering the stems a stemmer made.
 *
 * Xapian's TermGenerator stems every occurrence of a word, and snippets
 * stem the words of every hit: a few thousand words make most of the
 * occurrences in news text. A direct-mapped cache (a word evicts the one in
 * its slot): a hash table's buckets and nodes cost more than half of a
 * stem, these slots a fraction of it. It starts small and grows with the
 * words it misses: a search in a process of its own stems a few hundred
 * words, a batch or an indexing run tens of thousands. One per thread, like
 * the stemmer it serves.
 */
#ifndef NEWSDEX_STEM_MEMORY_H
#define NEWSDEX_STEM_MEMORY_H

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

class StemMemory {
  public:
    StemMemory() : slots_(kFirstSlots) {}

    /// The stem of @p word: remembered, else made by @p make_stem(word) and
    /// remembered. Valid until the next call.
    template <typename MakeStem>
    const std::string& stem(const std::string& word, MakeStem&& make_stem) {
        const std::size_t hash = std::hash<std::string>()(word);
        Slot* slot = &slots_[hash & (slots_.size() - 1)];
        if (slot->used && slot->word == word) return slot->stem;
        std::vector<Slot> outgrown;  // kept to the end: @p word may be one of its stems
        if (++misses_ > 2 * slots_.size() && slots_.size() < kMaxSlots) {
            // Many misses: more words than slots. Start again four times larger.
            outgrown = std::exchange(slots_, std::vector<Slot>(slots_.size() * 4));
            misses_ = 0;
            slot = &slots_[hash & (slots_.size() - 1)];
        }
        slot->word = word;
        slot->stem = make_stem(word);
        slot->used = true;
        return slot->stem;
    }

  private:
    static constexpr std::size_t kFirstSlots = 256, kMaxSlots = std::size_t(1) << 14;

    struct Slot {
        std::string word, stem;
        bool used = false;
    };
    std::vector<Slot> slots_;  // a power of two of them
    std::size_t misses_ = 0;   // since the last growth
};

}  // namespace newsdex

#endif  // NEWSDEX_STEM_MEMORY_H
