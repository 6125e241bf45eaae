/** @file
 * @brief Tests of the normalised text hash (content_hash.h): databases store
 *        it, so its value must never change.
 */
#include <doctest/doctest.h>

#include <random>

#include <xapian.h>

#include "content_hash.h"

using namespace newsdex;

namespace {

/// The definition, one decoded code point at a time: lower-cased word
/// characters, one space between words, FNV-1a over the UTF-8 bytes.
std::string reference_hash(std::string_view text) {
    std::string normalised;
    bool in_word = false;
    for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            in_word = false;
            continue;
        }
        if (!in_word && !normalised.empty()) normalised += ' ';
        Xapian::Unicode::append_utf8(normalised, Xapian::Unicode::tolower(*it));
        in_word = true;
    }
    return content_hash_hex(normalised);
}

}  // namespace

TEST_CASE("the normalised hash of a text is the one databases already hold") {
    // Written by newsdex-index 2f42dc8 into the content-hash slot of these
    // two articles (the hash of title + "\n" + text).
    CHECK(normalised_text_hash("Ménaka: FAMa and MINUSMA\n"
                               "ÉTAT D’URGENCE à Gao — les forces armées (FAMa) ont déclaré 12 morts.\n\n"
                               "The JNIM_claim said: \"İstanbul, ΑΘΗΝΑ, Ünïcödé\"  tabs\tand   spaces.") ==
          "a2ae6af2b048025f");
    CHECK(normalised_text_hash("oil prices\nOil prices rose 3.5% on Monday, traders said.") == "dda95e0c4645dea7");
}

TEST_CASE("the normalised hash ignores case, punctuation and spacing, not word breaks") {
    CHECK(normalised_text_hash("Oil  prices, ROSE!") == normalised_text_hash("oil prices rose"));
    CHECK(normalised_text_hash("\n\"Gao\" — attack\n") == normalised_text_hash("gao attack"));
    CHECK(normalised_text_hash("ÉTAT") == normalised_text_hash("état"));
    CHECK(normalised_text_hash("ab c") != normalised_text_hash("a bc"));
    CHECK(normalised_text_hash("etat") != normalised_text_hash("état"));
}

TEST_CASE("the normalised hash follows its definition on any bytes, valid UTF-8 or not") {
    const std::string pieces[] = {"a", "Z", "_", "9", " ", "\n", ",", "'", "\x7f", "\xc3\xa9", "\xc3\x89",
                                  "\xe2\x80\x99", "\xce\x91", "\xc4\xb0", "\xf0\x9f\x98\x80", "\xc3", "\x80",
                                  "\xff", "\xe2\x80", std::string(1, '\0')};
    std::mt19937 random(20261207);
    std::uniform_int_distribution<std::size_t> piece(0, std::size(pieces) - 1), length(0, 24);
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        for (std::size_t n = length(random); n > 0; --n) text += pieces[piece(random)];
        CAPTURE(text);
        CHECK(normalised_text_hash(text) == reference_hash(text));
    }
}
