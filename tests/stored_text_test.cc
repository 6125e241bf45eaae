/** @file
 * @brief The stored text value (stored_text.h): every text comes back as it
 *        went in, and a damaged value reads as no text, never as a crash.
 */
#include <doctest/doctest.h>

#include <zlib.h>

#include <cstdint>
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

namespace {

/// Raw deflate with zlib's defaults, as newsdex packed long texts until it
/// used libdeflate: the databases users already have.
std::string zlib_deflate(const std::string& text) {
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&stream, static_cast<uLong>(text.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(out.size() - stream.avail_out);
    deflateEnd(&stream);
    return out;
}

std::string zlib_inflate(const std::string& deflated, std::size_t length) {
    z_stream stream{};
    REQUIRE(inflateInit2(&stream, -15) == Z_OK);
    std::string out(length, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    stream.avail_in = static_cast<uInt>(deflated.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int status = inflate(&stream, Z_FINISH);
    inflateEnd(&stream);
    return status == Z_STREAM_END && stream.avail_out == 0 && stream.avail_in == 0 ? out : std::string("(failed)");
}

}  // namespace

TEST_CASE("stored text: texts packed by zlib read the same, and zlib reads ours") {
    std::string text;
    for (int i = 0; i < 400; ++i)
        text += "MINUSMA said " + std::to_string(i) + " peacekeepers left Aguelhok; FAMa and Wagner Group moved in. ";
    const auto length = static_cast<std::uint32_t>(text.size());
    std::string header(1, 'd');
    for (int i = 0; i < 4; ++i) header += static_cast<char>(length >> (8 * i));
    // A database written before libdeflate: the same value layout, zlib's stream.
    CHECK(unpack_stored_text(header + zlib_deflate(text)) == text);
    // A database written now, read by a build that inflates with zlib.
    const std::string packed = pack_stored_text(text);
    REQUIRE(packed.compare(0, header.size(), header) == 0);
    CHECK(zlib_inflate(packed.substr(header.size()), text.size()) == text);
}
