/** @file
 * @brief The stored text value (stored_text.h): every text comes back as it
 *        went in, and a damaged value reads as no text, never as a crash.
 */
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "stored_text.h"

using newsdex::pack_stored_text;
using newsdex::unpack_stored_text;

TEST_CASE("stored text: every text comes back byte for byte") {
    std::string every_byte;
    for (int c = 0; c < 256; ++c) every_byte += static_cast<char>(c);
    std::string long_text;
    for (int i = 0; i < 2000; ++i) long_text += "FAMa and Wagner Group patrols near Kidal, day " + std::to_string(i) + ".\n";
    const std::string texts[] = {"x", "Kidal", every_byte, std::string(100000, 'a'), long_text,
                                 "caf\xc3\xa9 \xff\xfe invalid UTF-8 kept as it is"};
    for (const std::string& text : texts) {
        CAPTURE(text.size());
        const std::string packed = pack_stored_text(text);
        CHECK(unpack_stored_text(packed) == text);
        // Never more than one byte longer than the text.
        CHECK(packed.size() <= text.size() + 1);
    }
    CHECK(pack_stored_text("").empty());
    CHECK(unpack_stored_text("").empty());
    // Prose is kept compressed: that is what keeps the database small.
    CHECK(pack_stored_text(long_text).size() * 5 < long_text.size());
}

TEST_CASE("stored text: a damaged value reads as no text") {
    std::string long_text;
    for (int i = 0; i < 300; ++i) long_text += "JNIM claimed the attack on the MINUSMA convoy. ";
    const std::string packed = pack_stored_text(long_text);
    REQUIRE(packed.size() > 10);
    SUBCASE("cut short") {
        for (std::size_t keep = 1; keep < packed.size(); ++keep)
            CHECK(unpack_stored_text(packed.substr(0, keep)).empty());
    }
    SUBCASE("a wrong length") {
        for (int byte = 1; byte <= 4; ++byte) {
            std::string damaged = packed;
            damaged[byte] = static_cast<char>(damaged[byte] ^ 0x40);
            CHECK(unpack_stored_text(damaged).empty());
        }
    }
    SUBCASE("trailing bytes") { CHECK(unpack_stored_text(packed + "xyz").empty()); }
    SUBCASE("an unknown tag") { CHECK(unpack_stored_text(std::string("?").append(packed, 1)).empty()); }
    SUBCASE("random bytes, whatever their tag") {
        std::mt19937 random(7);
        for (int i = 0; i < 3000; ++i) {
            std::string value(random() % 64, '\0');
            for (auto& c : value) c = static_cast<char>(random());
            if (!value.empty() && i % 2) value[0] = 'd';
            const std::string text = unpack_stored_text(value);  // must not crash or allocate wildly
            CHECK(text.size() <= value.size() * 1032);
        }
    }
}
