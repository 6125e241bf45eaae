/** @file
 * @brief read_stored_article(): a scanner for the flat JSON object of an
 *        article's document data, with nlohmann::json as the fallback.
 */
#include "stored_article.h"

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "schema.h"
#include "stored_text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace newsdex {

namespace {

/// Where a key's value goes; null: skip it.
struct Targets {
    std::string* string = nullptr;
    std::vector<std::string>* list = nullptr;
};

Targets targets_for(std::string_view key, StoredArticle& out, bool want_text) {
    namespace d = schema::data;
    if (key == d::kId) return {&out.id};
    if (key == d::kTitle) return {&out.title};
    if (key == d::kDate) return {&out.date};
    if (key == d::kSource) return {&out.source};
    if (key == d::kUrl) return {&out.url};
    if (key == d::kPath) return {&out.path};
    if (key == d::kLang) return {&out.lang};
    if (key == d::kText) return {want_text ? &out.text : nullptr};
    if (key == d::kActors) return {nullptr, &out.actors};
    if (key == d::kPlaces) return {nullptr, &out.places};
    return {};
}

/// The first byte of @p s from @p from on that a JSON string does not hold
/// as it is (its closing quote, an escape, a raw control character), or
/// s.size(). An article's text is most of its data and is read for every
/// hit shown: 16 bytes at a time where SSE2 is (every x86-64).
std::size_t plain_run_end(std::string_view s, std::size_t from) {
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), last_control = _mm_set1_epi8(0x1F);
    for (; from + 16 <= s.size(); from += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + from));
        const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, last_control), last_control);  // v <= 0x1F, unsigned
        const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)), control);
        if (const int mask = _mm_movemask_epi8(stop)) return from + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    while (from < s.size() && s[from] != '"' && s[from] != '\\' && static_cast<unsigned char>(s[from]) >= 0x20) ++from;
    return from;
}

/// A strict reader of what it supports; any surprise makes it fail, and the
/// caller falls back to nlohmann::json.
class FlatReader {
  public:
    explicit FlatReader(std::string_view s) : s_(s) {}

    bool read(StoredArticle& out, bool want_text) {
        if (!take('{')) return false;
        if (take('}')) return at_end();
        std::string key;
        do {
            key.clear();
            if (!string(&key) || !take(':')) return false;
            const Targets t = targets_for(key, out, want_text);
            if (t.string) t.string->clear();
            if (t.list) t.list->clear();
            skip_space();
            if (i_ >= s_.size()) return false;
            const char c = s_[i_];
            bool ok;
            if (c == '"')
                ok = string(t.string);  // a list field holding a string reads as empty
            else if (c == 'n')
                ok = null();
            else if (c == '[')
                ok = string_array(t.list);  // a string field holding a list reads as ""
            else
                return false;
            if (!ok) return false;
        } while (take(','));
        return take('}') && at_end();
    }

  private:
    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }
    bool take(char c) {
        skip_space();
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    bool at_end() {
        skip_space();
        return i_ == s_.size();
    }
    bool null() {
        if (s_.substr(i_, 4) != "null") return false;
        i_ += 4;
        return true;
    }
    bool hex4(char32_t& cp) {
        if (i_ + 4 > s_.size()) return false;
        cp = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= static_cast<char32_t>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<char32_t>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<char32_t>(h - 'A' + 10);
            else return false;
        }
        return true;
    }
    /// A JSON string, appended to @p out unless it is null (skipped).
    bool string(std::string* out) {
        if (!take('"')) return false;
        for (;;) {
            const std::size_t j = plain_run_end(s_, i_);
            if (out) out->append(s_.data() + i_, j - i_);
            i_ = j;
            if (i_ >= s_.size()) return false;
            const char c = s_[i_++];
            if (c == '"') return true;
            if (c != '\\' || i_ >= s_.size()) return false;  // a raw control character is not JSON
            const char e = s_[i_++];
            char plain;
            switch (e) {
                case '"': case '\\': case '/': plain = e; break;
                case 'b': plain = '\b'; break;
                case 'f': plain = '\f'; break;
                case 'n': plain = '\n'; break;
                case 'r': plain = '\r'; break;
                case 't': plain = '\t'; break;
                case 'u': {
                    char32_t cp;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
                        char32_t low;
                        if (s_.substr(i_, 2) != "\\u") return false;
                        i_ += 2;
                        if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return false;
                    }
                    if (out) Xapian::Unicode::append_utf8(*out, cp);
                    continue;
                }
                default: return false;
            }
            if (out) *out += plain;
        }
    }
    bool string_array(std::vector<std::string>* out) {
        if (!take('[')) return false;
        if (take(']')) return true;
        do {
            std::string value;
            if (!string(out ? &value : nullptr)) return false;
            if (out) out->push_back(std::move(value));
        } while (take(','));
        return take(']');
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

std::string json_string(const nlohmann::json& data, const char* key) {
    auto it = data.find(key);
    return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> json_list(const nlohmann::json& data, const char* key) {
    std::vector<std::string> out;
    auto it = data.find(key);
    if (it != data.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

/// The fields of the JSON object @p data (all of a schema-5 article's data).
StoredArticle read_object(std::string_view data, bool want_text) {
    StoredArticle out;
    if (FlatReader(data).read(out, want_text)) return out;
    out = StoredArticle();
    const nlohmann::json j = nlohmann::json::parse(data, nullptr, false);
    if (!j.is_object()) return out;
    namespace d = schema::data;
    out.id = json_string(j, d::kId);
    out.title = json_string(j, d::kTitle);
    out.date = json_string(j, d::kDate);
    out.source = json_string(j, d::kSource);
    out.url = json_string(j, d::kUrl);
    out.path = json_string(j, d::kPath);
    out.lang = json_string(j, d::kLang);
    if (want_text) out.text = json_string(j, d::kText);
    out.actors = json_list(j, d::kActors);
    out.places = json_list(j, d::kPlaces);
    return out;
}

}  // namespace

std::string stored_article_data(std::string object, std::string_view text) {
    if (!text.empty()) object.append(1, schema::data::kTextSeparator).append(pack_stored_text(text));
    return object;
}

std::string_view stored_object(std::string_view data) {
    return data.substr(0, data.find(schema::data::kTextSeparator));
}

StoredArticle read_stored_article(std::string_view data, bool want_text) {
    const std::string_view object = stored_object(data);
    StoredArticle out = read_object(object, want_text);
    // Schema 6: the packed text follows the object and its separator.
    if (want_text && object.size() < data.size() && out.text.empty())
        out.text = unpack_stored_text(data.substr(object.size() + 1));
    return out;
}

}  // namespace newsdex
