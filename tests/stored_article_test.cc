/** @file
 * @brief Tests of read_stored_article(): the fast reader gives what a full
 *        JSON parse of the document data gives.
 */
#include "stored_article.h"
#include "stored_text.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using namespace newsdex;

namespace {

/// The fields as nlohmann::json reads them: the reference.
StoredArticle reference(const std::string& data) {
    StoredArticle out;
    const auto j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) return out;
    auto str = [&](const char* key) {
        return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
    };
    auto list = [&](const char* key) {
        std::vector<std::string> v;
        if (j.contains(key) && j[key].is_array())
            for (const auto& e : j[key])
                if (e.is_string()) v.push_back(e.get<std::string>());
        return v;
    };
    out = {str("id"), str("title"), str("date"), str("source"), str("url"), str("path"), str("lang"), str("text"),
           list("actors"), list("places")};
    return out;
}

void check_same(const StoredArticle& a, const StoredArticle& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.date == b.date);
    CHECK(a.source == b.source);
    CHECK(a.url == b.url);
    CHECK(a.path == b.path);
    CHECK(a.lang == b.lang);
    CHECK(a.text == b.text);
    CHECK(a.actors == b.actors);
    CHECK(a.places == b.places);
}

}  // namespace

TEST_CASE("read_stored_article: the same fields as a JSON parser") {
    nlohmann::json written = {{"id", "a1"},         {"title", "Raid \"near\" Kidal\t\\ é 加奥 😀"},
                              {"date", nullptr},   {"source", "AFP"},
                              {"url", "https://x/y"}, {"path", "in/a.jsonl"},
                              {"lang", "fr"},      {"actors", {"JNIM", "Wagner Group"}},
                              {"places", nlohmann::json::array()},
                              {"text", std::string("line\nbreak\x01 ctl\x1f end")}};
    const std::string cases[] = {
        written.dump(),                      // as the indexer writes it (UTF-8 kept)
        written.dump(2),                     // whitespace
        written.dump(-1, ' ', true),         // \uXXXX escapes, surrogate pairs
        R"({"id":"a\/b","extra":"skip","actors":"not a list","title":["not","a string"]})",
        R"({"id":"n","count":3,"flag":true,"nested":{"a":1}})",  // other types: the fallback
        R"({"actors":["A",null,"B"]})",                          // fallback too
        R"({"id":"lone \udc00 surrogate"})",                     // invalid: both give nothing
        R"(["not", "an object"])",
        "not json at all",
        "",
        "{}",
        R"({"id":"unterminated)",
    };
    for (const auto& data : cases) {
        CAPTURE(data);
        check_same(read_stored_article(data, true), reference(data));
    }
}

TEST_CASE("read_stored_article: long texts, escapes and bad bytes at every place of a 16-byte block") {
    // The reader takes plain runs 16 bytes at a time: each special byte is
    // tried at every offset, near and past a block's end.
    const std::string plain = "Kidal, Gao, Ségou: 加奥 — attaques. ";
    for (const std::string special : {"\"", "\\", "\n", "\t", "\x1f", "é", "😀"}) {
        for (std::size_t at = 0; at < 40; ++at) {
            std::string text = plain + plain;
            if ((static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) continue;  // inside a UTF-8 sequence
            text.insert(at, special);
            const nlohmann::json written = {{"id", "x"}, {"text", text}, {"title", text}};
            for (const std::string& data : {written.dump(), written.dump(-1, ' ', true)}) {  // UTF-8; \uXXXX
                CAPTURE(data);
                check_same(read_stored_article(data, true), reference(data));
            }
        }
    }
    // A raw control character (not JSON) or a missing closing quote, anywhere.
    for (std::size_t at = 0; at < 40; ++at) {
        std::string data = R"({"id":"x","text":")" + plain + plain + R"("})";
        std::string raw = data;
        raw[18 + at] = '\x01';  // after the text's opening quote
        CAPTURE(raw);
        check_same(read_stored_article(raw, true), reference(raw));
        const std::string cut = data.substr(0, 18 + at);
        CAPTURE(cut);
        check_same(read_stored_article(cut, true), reference(cut));
    }
}

TEST_CASE("read_stored_article: the text only when asked for") {
    const std::string data = R"({"id":"a1","text":"a long text"})";
    CHECK(read_stored_article(data, true).text == "a long text");
    const StoredArticle without = read_stored_article(data, false);
    CHECK(without.text.empty());
    CHECK(without.id == "a1");
}

TEST_CASE("read_stored_article: schema 6 packs the text after the object, schema 5 kept it inside") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "FAMa and Wagner Group fighters entered Kidal. ";
    const std::string object = R"({"id":"a6","title":"Kidal","actors":["FAMa"],"places":[]})";
    const std::string data = object + '\0' + newsdex::pack_stored_text(text);
    const StoredArticle with = read_stored_article(data, true);
    CHECK(with.id == "a6");
    CHECK(with.title == "Kidal");
    CHECK(with.actors == std::vector<std::string>{"FAMa"});
    CHECK(with.text == text);
    const StoredArticle without = read_stored_article(data, false);
    CHECK(without.text.empty());
    CHECK(without.title == "Kidal");
    // A schema-5 article: the same fields from the object alone.
    nlohmann::json old = nlohmann::json::parse(object);
    old["text"] = text;
    CHECK(read_stored_article(old.dump(), true).text == text);
    CHECK(read_stored_article(old.dump(), true).title == "Kidal");
    // A damaged packed text loses the text, not the fields.
    const StoredArticle damaged = read_stored_article(data.substr(0, data.size() - 3), true);
    CHECK(damaged.text.empty());
    CHECK(damaged.id == "a6");
}
