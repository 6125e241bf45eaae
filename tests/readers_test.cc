/** @file
 * @brief Tests for common/readers.h: text, JSON Lines and CSV/TSV input,
 *        gzip, format detection, bad input reporting and expand_inputs().
 */
#include <doctest/doctest.h>

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "input_format.h"
#include "readers.h"

namespace fs = std::filesystem;
using newsdex::Article;
using newsdex::FieldMap;
using newsdex::Format;
using newsdex::ReadError;
using newsdex::ReadOptions;

namespace {

#ifdef NEWSDEX_SHARED_DIR
const std::string kSharedDir = NEWSDEX_SHARED_DIR;
#else
const std::string kSharedDir = "../shared";
#endif

/// What one read produced, with messages rendered as the indexer prints them.
struct ReadResult {
    bool ok = false;
    std::vector<Article> articles;
    std::vector<std::string> messages;
};

std::string render(const ReadError& error) {
    return error.where.str() + (error.is_warning ? ": warning: " : ": error: ") + error.message;
}

ReadResult read_content(std::string_view name, std::string_view content,
                        const ReadOptions& options = {}) {
    ReadResult result;
    result.ok = newsdex::read_buffer(
        name, content, options, [&](Article&& a) { result.articles.push_back(std::move(a)); },
        [&](const ReadError& e) { result.messages.push_back(render(e)); });
    return result;
}

ReadResult read_path(const std::string& path, const ReadOptions& options = {}) {
    ReadResult result;
    result.ok = newsdex::read_input(
        {path, 0}, options, [&](Article&& a) { result.articles.push_back(std::move(a)); },
        [&](const ReadError& e) { result.messages.push_back(render(e)); });
    return result;
}

ReadOptions options_with(const std::vector<const char*>& field_specs,
                         Format format = Format::Auto) {
    ReadOptions options;
    options.format = format;
    for (const char* spec : field_specs) REQUIRE(options.fields.set(spec) == "");
    return options;
}

std::vector<std::string> texts_of(const ReadResult& result) {
    std::vector<std::string> texts;
    for (const auto& article : result.articles) texts.push_back(article.text);
    return texts;
}

std::vector<std::size_t> lines_of(const ReadResult& result) {
    std::vector<std::size_t> lines;
    for (const auto& article : result.articles) lines.push_back(article.where.line);
    return lines;
}

std::string gzip(std::string_view data) {
    z_stream stream{};
    REQUIRE(deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
                         Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&stream, data.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&stream, Z_FINISH) == Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

/// A directory under the system temp dir, removed with its contents.
class TempDir {
  public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("newsdex-readers-test-" + std::to_string(getpid()) + "-" +
                 std::to_string(counter++));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }

    std::string write(const std::string& name, std::string_view content) const {
        fs::path file = path_ / name;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary).write(content.data(),
                                                    static_cast<std::streamsize>(content.size()));
        return file.string();
    }

  private:
    fs::path path_;
};

}  // namespace

namespace doctest {
/// Failed CHECKs on message and text lists print the lists.
template <typename T>
struct StringMaker<std::vector<T>> {
    static String convert(const std::vector<T>& items) {
        String out = "{";
        for (std::size_t i = 0; i < items.size(); ++i) {
            out += (i ? ", " : "") + toString(items[i]);
        }
        return out + "}";
    }
};
}  // namespace doctest

// --- names, field maps ------------------------------------------------------

TEST_CASE("parse_format_name accepts the documented names, any case") {
    struct Case {
        const char* name;
        bool known;
        Format format;
    };
    const Case cases[] = {
        {"auto", true, Format::Auto},       {"text", true, Format::Text},
        {"txt", true, Format::Text},        {"jsonl", true, Format::JsonLines},
        {"json", true, Format::JsonLines},  {"ndjson", true, Format::JsonLines},
        {"csv", true, Format::Csv},         {"TSV", true, Format::Tsv},
        {"xml", false, Format::Auto},       {"", false, Format::Auto},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        Format format = Format::Auto;
        CHECK(newsdex::parse_format_name(c.name, format) == c.known);
        CHECK(format == c.format);
    }
    CHECK(std::string(newsdex::format_name(Format::JsonLines)) == "jsonl");
    CHECK(std::string(newsdex::format_name(Format::Tsv)) == "tsv");
}

TEST_CASE("FieldMap: defaults, --field overrides and bad specs") {
    FieldMap map;
    CHECK(map.columns_for("text") == std::vector<std::string>{"text", "body", "content"});
    CHECK(map.columns_for("date") == std::vector<std::string>{"date"});
    CHECK(map.columns_for("nope").empty());
    CHECK(map.set("text=notes") == "");
    CHECK(map.set("DATE=event_date") == "");
    // The mapped column comes first; the usual names stay as fallbacks.
    CHECK(map.columns_for("text") == std::vector<std::string>{"notes", "text", "body", "content"});
    CHECK(map.columns_for("date") == std::vector<std::string>{"event_date", "date"});
    CHECK(map.set("text=summary") == "");
    CHECK(map.set("text=body") == "");
    CHECK(map.columns_for("text") == std::vector<std::string>{"notes", "summary", "body", "text", "content"});

    struct Case {
        const char* spec;
        const char* error;
    };
    const Case cases[] = {
        {"text", "expected NAME=COLUMN, got \"text\""},
        {"author=byline",
         "unknown field \"author\" (known: id, title, date, text, source, url, lang)"},
        {"text=", "empty column name in \"text=\""},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.spec));
        CHECK(map.set(c.spec) == c.error);
    }
}

// --- text -----------------------------------------------------------------------

TEST_CASE("text: the whole file is one article at line 1") {
    auto result = read_content("news/a.txt", "The Malian army has\nretaken Kidal.\n");
    CHECK(result.ok);
    CHECK(result.messages.empty());
    REQUIRE(result.articles.size() == 1);
    const Article& article = result.articles[0];
    CHECK(article.text == "The Malian army has\nretaken Kidal.");
    CHECK(article.path == "news/a.txt");
    CHECK(article.where.str() == "news/a.txt:1");
    CHECK(article.date.empty());
}

TEST_CASE("text: a leading \"date YYYY-MM-DD\" sets the date and leaves the text") {
    struct Case {
        const char* content;
        const char* date;
        const char* text;
    };
    const Case cases[] = {
        {"date 2023-11-07 The Malian army has", "2023-11-07", "The Malian army has"},
        {"  \n\t date  2023-11-07 Text", "2023-11-07", "Text"},
        {"date 2023-11-07\nText on the next line", "2023-11-07", "Text on the next line"},
        {"date 2023-11-7 Text", "", "date 2023-11-7 Text"},
        {"Date 2023-11-07 Text", "", "Date 2023-11-07 Text"},
        {"dated 2023-11-07 Text", "", "dated 2023-11-07 Text"},
        {"date 2023-11-07x Text", "", "date 2023-11-07x Text"},
        {"The date 2023-11-07 is later", "", "The date 2023-11-07 is later"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.content));
        auto result = read_content("a.txt", c.content);
        CHECK(result.messages.empty());
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].date == c.date);
        CHECK_FALSE(result.articles[0].date_is_timestamp);
        CHECK(result.articles[0].text == c.text);
    }
}

TEST_CASE("text: a header block of key: value lines fills the fields") {
    struct Case {
        const char* content;
        Article expected;
    };
    auto article = [](const char* title, const char* date, const char* text) {
        Article a;
        a.title = title;
        a.date = date;
        a.text = text;
        return a;
    };
    Article full = article("Attack in Mopti", "2023-11-07", "Body text.");
    full.source = "RFI";
    full.url = "https://rfi.fr/a";
    full.lang = "fr";
    full.id = "a1";
    const Case cases[] = {
        {"Title: Attack in Mopti\nDATE: 2023-11-07\nSource: RFI\nURL: https://rfi.fr/a\n"
         "lang: fr\nId: a1\n\nBody text.\n",
         full},
        {"  title :  Spaced  \n\nText", article("Spaced", "", "Text")},
        {"title: T\nno blank line before the text", article("T", "", "no blank line before the text")},
        {"title: Only a title\n\n", article("Only a title", "", "")},
        {"date: 2024-01-02\n\ndate 2023-11-07 Text", article("", "2024-01-02", "Text")},
        // Not headers: the first line is not a known key.
        {"Image Credit: Source Content\nText", article("", "", "Image Credit: Source Content\nText")},
        {"Author: X\ntitle: T\n\nBody", article("", "", "Author: X\ntitle: T\n\nBody")},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.content));
        auto result = read_content("a.txt", c.content);
        CHECK(result.messages.empty());
        REQUIRE(result.articles.size() == 1);
        const Article& got = result.articles[0];
        CHECK(got.title == c.expected.title);
        CHECK(got.date == c.expected.date);
        CHECK(got.text == c.expected.text);
        CHECK(got.source == c.expected.source);
        CHECK(got.url == c.expected.url);
        CHECK(got.lang == c.expected.lang);
        CHECK(got.id == c.expected.id);
    }
}

TEST_CASE("text: a header date of digits only is a timestamp") {
    auto result = read_content("a.txt", "date: 1700000000\n\nText");
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].date == "1700000000");
    CHECK(result.articles[0].date_is_timestamp);
}

TEST_CASE("text: unknown header keys are warned about, the article is kept") {
    auto result = read_content("a.txt", "title: T\nauthor: Bob\n\nText");
    CHECK(result.messages ==
          std::vector<std::string>{"a.txt:2: warning: unknown header key \"author\" ignored"});
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].text == "Text");
}

TEST_CASE("text: a header or date prefix with no text and no title is an error") {
    for (const char* content : {"date: 2023-11-07\n\n", "date 2023-11-07"}) {
        CAPTURE(std::string(content));
        auto result = read_content("a.txt", content);
        CHECK(result.articles.empty());
        CHECK(result.messages == std::vector<std::string>{"a.txt:1: error: no text or title"});
    }
}

TEST_CASE("text: invalid UTF-8 skips the file, naming the byte") {
    struct Case {
        std::string content;
        const char* message;
    };
    const std::string prefix = "Bamako, Mali: ";  // 14 bytes
    const Case cases[] = {
        {prefix + "\x80", "a.txt:1: error: invalid UTF-8 at byte 14"},
        {prefix + "\xC0\x80 overlong", "a.txt:1: error: invalid UTF-8 at byte 14"},
        {prefix + "\xED\xA0\x80 surrogate", "a.txt:1: error: invalid UTF-8 at byte 14"},
        {prefix + "\xF4\x90\x80\x80 above U+10FFFF", "a.txt:1: error: invalid UTF-8 at byte 14"},
        {prefix + "\xE2\x82", "a.txt:1: error: invalid UTF-8 at byte 14"},
        {prefix + "D\xE9" "fense (Latin-1)", "a.txt:1: error: invalid UTF-8 at byte 15"},
        {"ok line\r\nsecond \xFF", "a.txt:1: error: invalid UTF-8 at byte 16"},
        {"\xEF\xBB\xBF" "abcdef\xFF", "a.txt:1: error: invalid UTF-8 at byte 9"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.content));
        auto result = read_content("a.txt", c.content);
        CHECK(result.ok);
        CHECK(result.articles.empty());
        CHECK(result.messages == std::vector<std::string>{c.message});
    }
    auto valid = read_content("a.txt", "S\xC3\xA9gou, \xE2\x82\xAC, \xF0\x9F\x98\x80");
    CHECK(valid.messages.empty());
    CHECK(valid.articles.size() == 1);
}

// --- things every format shares ----------------------------------------------

TEST_CASE("empty and blank inputs are a warning, not an error") {
    struct Case {
        const char* name;
        const char* content;
    };
    const Case cases[] = {
        {"a.txt", ""},       {"a.jsonl", ""},   {"a.csv", ""},
        {"a.txt", " \n\t\r\n"}, {"a.csv", "\r\n"}, {"a.jsonl", "\xEF\xBB\xBF"},
        {"-", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CAPTURE(std::string(c.content));
        auto result = read_content(c.name, c.content);
        CHECK(result.ok);
        CHECK(result.articles.empty());
        CHECK(result.messages ==
              std::vector<std::string>{std::string(c.name) + ": warning: empty file"});
    }
}

TEST_CASE("binary inputs are skipped") {
    std::string controls;
    for (int i = 0; i < 400; ++i) controls += static_cast<char>(1 + i % 8);
    struct Case {
        const char* name;
        std::string content;
    };
    const Case cases[] = {
        {"a.txt", std::string("text\0more", 9)},
        {"a.jsonl", "{\"text\":\"x\"}\n" + std::string(1, '\0')},
        {"a.csv", controls},
        {"photo.jpg", "\xFF\xD8\xFF\xE0\x10JFIF\x01\x02\xFF\xFE\x81\x82\x83"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        auto result = read_content(c.name, c.content);
        CHECK(result.ok);
        CHECK(result.articles.empty());
        CHECK(result.messages ==
              std::vector<std::string>{std::string(c.name) + ": error: binary file, skipped"});
    }
    // Only the first 8 KiB are judged.
    auto late_nul = read_content("a.txt", std::string(9000, 'x') + '\0');
    CHECK(late_nul.messages.empty());
    CHECK(late_nul.articles.size() == 1);
}

TEST_CASE("a UTF-8 BOM is stripped in every format") {
    struct Case {
        const char* name;
        const char* content;
        const char* id;
        const char* date;
    };
    const Case cases[] = {
        {"a.txt", "\xEF\xBB\xBF" "date 2023-11-07 Text", "", "2023-11-07"},
        {"a.txt", "\xEF\xBB\xBF" "id: x1\n\nText", "x1", ""},
        {"a.jsonl", "\xEF\xBB\xBF{\"id\":\"x1\",\"text\":\"Text\"}", "x1", ""},
        {"a.csv", "\xEF\xBB\xBFid,text\nx1,Text\n", "x1", ""},
        {"a.tsv", "\xEF\xBB\xBFid\ttext\nx1\tText\n", "x1", ""},
        {"-", "\xEF\xBB\xBFid,text\nx1,Text\n", "x1", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        CAPTURE(std::string(c.content));
        auto result = read_content(c.name, c.content);
        CHECK(result.messages.empty());
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].id == c.id);
        CHECK(result.articles[0].date == c.date);
        CHECK(result.articles[0].text == "Text");
    }
}

TEST_CASE("LF, CRLF and CR-only line ends work in every format") {
    for (std::string eol : {"\n", "\r\n", "\r"}) {
        CAPTURE(eol);
        auto jsonl = read_content("a.jsonl", "{\"text\":\"a\"}" + eol + eol + "{\"text\":\"b\"}" + eol);
        CHECK(jsonl.messages.empty());
        CHECK(texts_of(jsonl) == std::vector<std::string>{"a", "b"});
        CHECK(lines_of(jsonl) == std::vector<std::size_t>{1, 3});

        auto csv = read_content("a.csv", "id,text" + eol + "1,\"multi" + eol + "line\"" + eol +
                                             "2,b" + eol);
        CHECK(csv.messages.empty());
        CHECK(texts_of(csv) == std::vector<std::string>{"multi\nline", "b"});
        CHECK(lines_of(csv) == std::vector<std::size_t>{2, 4});

        auto text = read_content("a.txt", "title: T" + eol + eol + "Para one" + eol + "Para two");
        CHECK(text.messages.empty());
        REQUIRE(text.articles.size() == 1);
        CHECK(text.articles[0].title == "T");
        CHECK(text.articles[0].text == "Para one\nPara two");
    }
}

TEST_CASE("line ends that straddle read chunks are split correctly") {
    for (std::string eol : {"\r\n", "\r"}) {
        CAPTURE(eol);
        std::string content = "text" + eol;
        std::vector<std::string> expected;
        for (int i = 0; content.size() < 600'000; ++i) {
            expected.push_back(std::string(1 + i % 997, static_cast<char>('a' + i % 26)));
            content += expected.back() + eol;
        }
        auto result = read_content("a.csv", content);
        CHECK(result.messages.empty());
        CHECK(texts_of(result) == expected);
        REQUIRE(!result.articles.empty());
        CHECK(result.articles.back().where.line == expected.size() + 1);
    }
}

TEST_CASE("very long lines are read whole") {
    const std::string huge(30'000'000, 'x');
    auto jsonl = read_content("a.jsonl", "{\"text\":\"" + huge + "\"}\n{\"text\":\"short\"}\n");
    CHECK(jsonl.messages.empty());
    REQUIRE(jsonl.articles.size() == 2);
    CHECK(jsonl.articles[0].text.size() == huge.size());
    CHECK(jsonl.articles[1].where.line == 2);

    auto text = read_content("a.txt", huge + "\ry");
    REQUIRE(text.articles.size() == 1);
    CHECK(text.articles[0].text.size() == huge.size() + 2);

    std::string many_lines;
    for (int i = 0; i < 200'000; ++i) many_lines += "line\n";
    auto csv = read_content("a.csv", "id,text\n1,\"" + many_lines + "\"\n2,after\n");
    CHECK(csv.messages.empty());
    REQUIRE(csv.articles.size() == 2);
    CHECK(csv.articles[0].text.size() == many_lines.size() - 1);  // trimmed final "\n"
    CHECK(csv.articles[1].where.line == 200'003);
}

// --- JSON Lines -----------------------------------------------------------------

TEST_CASE("jsonl: one article per line, blank lines skipped") {
    auto result = read_content(
        "x.jsonl",
        "{\"id\":\"a1\",\"title\":\"T\",\"date\":\"2023-11-07\",\"text\":\"Body\","
        "\"source\":\"RFI\",\"url\":\"https://rfi.fr/a\",\"lang\":\"fr\"}\n"
        "   \n"
        "{\"text\":\"Second\"}\n");
    CHECK(result.ok);
    CHECK(result.messages.empty());
    REQUIRE(result.articles.size() == 2);
    const Article& a = result.articles[0];
    CHECK(a.id == "a1");
    CHECK(a.title == "T");
    CHECK(a.date == "2023-11-07");
    CHECK_FALSE(a.date_is_timestamp);
    CHECK(a.text == "Body");
    CHECK(a.source == "RFI");
    CHECK(a.url == "https://rfi.fr/a");
    CHECK(a.lang == "fr");
    CHECK(a.path == "x.jsonl");
    CHECK(a.where.str() == "x.jsonl:1");
    CHECK(result.articles[1].where.str() == "x.jsonl:3");
}

TEST_CASE("jsonl: a malformed line is reported with its line and skipped") {
    struct Case {
        const char* line;
        const char* message;
    };
    const Case cases[] = {
        {"{\"text\":\"a\"",
         "x.jsonl:2: error: invalid JSON at column 12: unexpected end of input; expected '}'"},
        {"{bad}", "x.jsonl:2: error: invalid JSON at column 2: invalid literal; expected string literal"},
        {"{\"text\":\"a\"} trailing",
         "x.jsonl:2: error: invalid JSON at column 16: invalid literal; expected end of input"},
        {"{\"text\":\"a\",\"n\":1e400}", "x.jsonl:2: error: invalid JSON: number overflow"},
        {"[1,2]", "x.jsonl:2: error: expected a JSON object, got array"},
        {"\"just a string\"", "x.jsonl:2: error: expected a JSON object, got string"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.line));
        auto result = read_content("x.jsonl", std::string("{\"text\":\"one\"}\n") + c.line +
                                                  "\n{\"text\":\"three\"}\n");
        CHECK(result.ok);
        CHECK(result.messages == std::vector<std::string>{c.message});
        CHECK(texts_of(result) == std::vector<std::string>{"one", "three"});
        CHECK(lines_of(result) == std::vector<std::size_t>{1, 3});
    }
}

TEST_CASE("jsonl: keys match case-insensitively, text falls back to body or content") {
    struct Case {
        const char* line;
        const char* text;
    };
    const Case cases[] = {
        {"{\"TEXT\":\"a\"}", "a"},
        {"{\"Body\":\"b\"}", "b"},
        {"{\"content\":\"c\"}", "c"},
        {"{\"content\":\"c\",\"body\":\"b\",\"text\":\"a\"}", "a"},
        {"{\"content\":\"c\",\"body\":\"b\"}", "b"},
        {"{\"text\":\"\",\"body\":\"b\"}", "b"},
        {"{\"text\":null,\"content\":\"c\"}", "c"},
        {"{\"text\":\"  padded  \"}", "padded"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.line));
        auto result = read_content("x.jsonl", c.line);
        CHECK(result.messages.empty());
        CHECK(texts_of(result) == std::vector<std::string>{c.text});
    }
}

TEST_CASE("jsonl: numbers become text, a numeric date is a timestamp") {
    struct Case {
        const char* line;
        const char* id;
        const char* title;
        const char* date;
        bool timestamp;
    };
    const Case cases[] = {
        {"{\"id\":42,\"title\":3.5,\"text\":\"x\"}", "42", "3.5", "", false},
        {"{\"id\":-7,\"text\":\"x\"}", "-7", "", "", false},
        {"{\"date\":1700000000,\"text\":\"x\"}", "", "", "1700000000", true},
        {"{\"date\":1.7e9,\"text\":\"x\"}", "", "", "1700000000", true},
        {"{\"date\":1700000000123,\"text\":\"x\"}", "", "", "1700000000123", true},
        {"{\"date\":\"1700000000\",\"text\":\"x\"}", "", "", "1700000000", true},
        {"{\"date\":\"2023-11-07\",\"text\":\"x\"}", "", "", "2023-11-07", false},
        // Eight digits are a compact YYYYMMDD date, not 1970-08-23.
        {"{\"date\":20231107,\"text\":\"x\"}", "", "", "20231107", false},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.line));
        auto result = read_content("x.jsonl", c.line);
        CHECK(result.messages.empty());
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].id == c.id);
        CHECK(result.articles[0].title == c.title);
        CHECK(result.articles[0].date == c.date);
        CHECK(result.articles[0].date_is_timestamp == c.timestamp);
    }
}

TEST_CASE("jsonl: arrays, objects and booleans in a field are a warning") {
    struct Case {
        const char* line;
        const char* message;
    };
    const Case cases[] = {
        {"{\"title\":[\"a\",\"b\"],\"text\":\"x\"}",
         "x.jsonl:1: warning: \"title\" holds an array, not text; title left empty"},
        {"{\"Date\":{\"y\":2023},\"text\":\"x\"}",
         "x.jsonl:1: warning: \"Date\" holds an object, not text; date left empty"},
        {"{\"source\":true,\"text\":\"x\"}",
         "x.jsonl:1: warning: \"source\" holds a boolean, not text; source left empty"},
        {"{\"body\":[\"x\"],\"title\":\"x\"}",
         "x.jsonl:1: warning: \"body\" holds an array, not text; text left empty"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.line));
        auto result = read_content("x.jsonl", c.line);
        CHECK(result.messages == std::vector<std::string>{c.message});
        REQUIRE(result.articles.size() == 1);
        const Article& a = result.articles[0];
        CHECK(a.title + a.text == "x");
        CHECK(a.date.empty());
        CHECK(a.source.empty());
    }
}

TEST_CASE("jsonl: a record with no usable text and no title is an error") {
    struct Case {
        const char* line;
        std::vector<const char*> fields;
        const char* message;
    };
    const Case cases[] = {
        {"{\"text\":[\"a\"]}", {},
         "x.jsonl:1: error: \"text\" holds an array, not text, and there is no title"},
        {"{\"id\":\"1\"}", {},
         "x.jsonl:1: error: no text or title (looked for \"text\", \"body\", \"content\" and "
         "\"title\")"},
        {"{\"text\":\"   \"}", {},
         "x.jsonl:1: error: no text or title (looked for \"text\", \"body\", \"content\" and "
         "\"title\")"},
        {"{\"id\":\"x\"}", {"text=notes"},
         "x.jsonl:1: error: no text or title (looked for \"notes\", \"text\", \"body\", "
         "\"content\" and \"title\")"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.line));
        auto result = read_content("x.jsonl", c.line, options_with(c.fields));
        CHECK(result.ok);
        CHECK(result.articles.empty());
        CHECK(result.messages == std::vector<std::string>{c.message});
    }
}

TEST_CASE("jsonl: nesting deeper than 64 levels is rejected without crashing") {
    auto nested = [](int depth) {
        return "{\"text\":\"x\",\"a\":" + std::string(depth - 1, '[') + std::string(depth - 1, ']') +
               "}";
    };
    struct Case {
        std::string line;
        bool accepted;
    };
    const Case cases[] = {
        {nested(64), true},
        {nested(65), false},
        {nested(1'000'000), false},
        {std::string(1'000'000, '['), false},
        {"{\"text\":\"" + std::string(1000, '[') + "\"}", true},  // brackets in a string
        {"{\"text\":\"\\\"" + std::string(1000, '{') + "\"}", true},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line.substr(0, 80));
        auto result = read_content("x.jsonl", c.line);
        CHECK(result.articles.size() == (c.accepted ? 1 : 0));
        CHECK(result.messages ==
              (c.accepted ? std::vector<std::string>{}
                          : std::vector<std::string>{
                                "x.jsonl:1: error: JSON nested deeper than 64 levels"}));
    }
}

TEST_CASE("jsonl: invalid UTF-8 skips the record, naming the byte in the file") {
    auto result = read_content("x.jsonl",
                               "{\"text\":\"one\"}\n{\"text\":\"caf\xE9\"}\n{\"text\":\"three\"}\n");
    CHECK(result.messages ==
          std::vector<std::string>{"x.jsonl:2: error: invalid UTF-8 at byte 27"});
    CHECK(texts_of(result) == std::vector<std::string>{"one", "three"});
}

// --- CSV and TSV -------------------------------------------------------------------

TEST_CASE("csv: RFC 4180 quoting, with records spanning lines") {
    const char* content =
        "id,title,text\n"
        "1,\"Gao, Mali\",\"He said \"\"no\"\" twice\"\n"
        "2,plain,\"line one\nline two\n\nline four\"\n"
        "3,\"\",y\n"
        "4,a\"b,\"c\"d\n";
    CAPTURE(std::string(content));
    auto result = read_content("x.csv", content);
    CHECK(result.messages.empty());
    REQUIRE(result.articles.size() == 4);
    CHECK(result.articles[0].title == "Gao, Mali");
    CHECK(result.articles[0].text == "He said \"no\" twice");
    CHECK(result.articles[1].text == "line one\nline two\n\nline four");
    CHECK(result.articles[2].title.empty());
    CHECK(result.articles[3].title == "a\"b");  // lenient: stray quotes kept
    CHECK(result.articles[3].text == "cd");
    CHECK(lines_of(result) == std::vector<std::size_t>{2, 3, 7, 8});
}

TEST_CASE("tsv: tab-separated, same quoting rules") {
    const char* content = "id\ttitle\ttext\n1\t\"a\tb\"\t\"x\"\"y\"\n2\tt\t\"multi\nline\"\n";
    CAPTURE(std::string(content));
    auto result = read_content("x.tsv", content);
    CHECK(result.messages.empty());
    REQUIRE(result.articles.size() == 2);
    CHECK(result.articles[0].title == "a\tb");
    CHECK(result.articles[0].text == "x\"y");
    CHECK(result.articles[1].text == "multi\nline");
    CHECK(lines_of(result) == std::vector<std::size_t>{2, 3});
}

TEST_CASE("csv: a row with the wrong number of fields is an error and skipped") {
    struct Case {
        const char* row;
        const char* message;  // "" when the row is accepted
    };
    const Case cases[] = {
        {"1,T", "x.csv:3: error: expected 3 fields (as in the header), found 2"},
        {"1,T,x,extra", "x.csv:3: error: expected 3 fields (as in the header), found 4"},
        {"1,\"T,x\"", "x.csv:3: error: expected 3 fields (as in the header), found 2"},
        {"1,T,x,,", ""},  // trailing empty fields
        {"", ""},         // blank line
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.row));
        auto result = read_content("x.csv", std::string("id,title,text\n0,t,before\n") + c.row +
                                                "\n9,t,after\n");
        bool accepted = *c.message == '\0';
        CHECK(result.messages ==
              (accepted ? std::vector<std::string>{} : std::vector<std::string>{c.message}));
        CHECK(result.articles.front().text == "before");
        CHECK(result.articles.back().text == "after");
        CHECK(result.articles.size() == (accepted && *c.row ? 3u : 2u));
    }
}

TEST_CASE("csv: an unterminated quote is reported where its record starts") {
    auto rows = read_content("x.csv", "id,text\n1,a\n2,\"never closed\n3,b\n4,c\n");
    CHECK(rows.ok);
    CHECK(texts_of(rows) == std::vector<std::string>{"a"});
    CHECK(rows.messages ==
          std::vector<std::string>{"x.csv:3: error: unterminated quoted field (the record "
                                   "starting here runs to the end of the file)"});

    auto header = read_content("x.csv", "\"id,text\n1,a\n");
    CHECK(header.articles.empty());
    CHECK(header.messages == std::vector<std::string>{
                                 "x.csv:1: error: unterminated quoted field in the header row"});
}

TEST_CASE("csv: --field maps columns, so an ACLED-style export needs no preprocessing") {
    const char* content =
        "event_id_cnty,event_date,notes,source\n"
        "MLI1,30 December 2018,Militants ambushed a patrol.,Menastream\n";
    auto result = read_content(
        "x.csv", content,
        options_with({"text=notes", "date=event_date", "id=event_id_cnty"}));
    CHECK(result.messages.empty());
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].id == "MLI1");
    CHECK(result.articles[0].date == "30 December 2018");
    CHECK(result.articles[0].text == "Militants ambushed a patrol.");
    CHECK(result.articles[0].source == "Menastream");

    auto unmapped = read_content("x.csv", content);
    CHECK(unmapped.articles.empty());
    CHECK(unmapped.messages ==
          std::vector<std::string>{"x.csv:1: error: no text or title column in the header "
                                   "(looked for \"text\", \"body\", \"content\" and \"title\")"});

    // Two fields may read the same column.
    auto shared = read_content("x.csv", "URL,Text\nhttps://a,x\n", options_with({"id=url"}));
    REQUIRE(shared.articles.size() == 1);
    CHECK(shared.articles[0].id == "https://a");
    CHECK(shared.articles[0].url == "https://a");
}

TEST_CASE("csv: a date of nine or more digits is a timestamp") {
    struct Case {
        const char* date;
        const char* stored;
        bool timestamp;
    };
    const Case cases[] = {
        {"1700000000", "1700000000", true},
        {"1700000000123", "1700000000123", true},
        {" 1700000000 ", "1700000000", true},
        {"20231107", "20231107", false},
        {"2023-11-07", "2023-11-07", false},
        {"17000000x0", "17000000x0", false},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.date));
        auto result = read_content("x.csv", std::string("date,text\n") + c.date + ",x\n");
        REQUIRE(result.articles.size() == 1);
        CHECK(result.articles[0].date == c.stored);
        CHECK(result.articles[0].date_is_timestamp == c.timestamp);
    }
}

TEST_CASE("csv: invalid UTF-8 skips the record, naming the byte in the file") {
    auto result = read_content("x.csv", "id,text\n1,ok\n2,caf\xE9\n3,\"two\nli\xFFnes\"\n4,fine\n");
    CHECK(result.messages == std::vector<std::string>{"x.csv:3: error: invalid UTF-8 at byte 18",
                                                      "x.csv:4: error: invalid UTF-8 at byte 29"});
    CHECK(texts_of(result) == std::vector<std::string>{"ok", "fine"});
}

TEST_CASE("csv: a record with neither text nor title is an error") {
    auto result = read_content("x.csv", "id,title,text\n1,,\n2,T,\n");
    CHECK(result.messages ==
          std::vector<std::string>{"x.csv:2: error: no text or title (looked for \"text\", "
                                   "\"body\", \"content\" and \"title\")"});
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].title == "T");
}

// --- gzip ------------------------------------------------------------------------

TEST_CASE("gzip is detected by its magic bytes, the format by the name before .gz") {
    TempDir dir;
    struct Case {
        const char* name;
        std::string content;
        const char* text;
    };
    const Case cases[] = {
        {"a.jsonl.gz", gzip("{\"text\":\"from jsonl\"}\n"), "from jsonl"},
        {"a.csv.gz", gzip("id,text\n1,from csv\n"), "from csv"},
        {"a.txt.gz", gzip("date 2023-11-07 from text"), "from text"},
        {"a.tsv.GZ", gzip("id\ttext\n1\tfrom tsv\n"), "from tsv"},
        {"sniffed.gz", gzip("{\"text\":\"sniffed\"}\n"), "sniffed"},
        {"misnamed.jsonl", gzip("{\"text\":\"misnamed\"}\n"), "misnamed"},
        {"plain.txt.gz", "not compressed", "not compressed"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.name));
        auto result = read_path(dir.write(c.name, c.content));
        CHECK(result.ok);
        CHECK(result.messages.empty());
        CHECK(texts_of(result) == std::vector<std::string>{c.text});
    }
    auto in_memory = read_content("mem.csv", gzip("id,text\n1,in memory\n"));
    CHECK(texts_of(in_memory) == std::vector<std::string>{"in memory"});
}

TEST_CASE("gzip: concatenated members are all read, bytes_read counts compressed bytes") {
    TempDir dir;
    std::string big;
    for (int i = 0; big.size() < 3'000'000; ++i) {
        big += "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"article " + std::to_string(i * 7919) + "\"}\n";
    }
    std::string compressed = gzip(big) + gzip("{\"text\":\"last\"}\n");
    std::string path = dir.write("cat.jsonl.gz", compressed);
    std::atomic<std::uint64_t> bytes_read{0};
    ReadOptions options;
    options.bytes_read = &bytes_read;
    auto result = read_path(path, options);
    CHECK(result.ok);
    CHECK(result.messages.empty());
    REQUIRE(!result.articles.empty());
    CHECK(result.articles.back().text == "last");
    CHECK(result.articles.size() == static_cast<std::size_t>(std::count(big.begin(), big.end(), '\n')) + 1);
    CHECK(bytes_read.load() == compressed.size());
}

TEST_CASE("gzip: truncated or corrupt data is an error after the good records") {
    TempDir dir;
    std::string content;
    for (int i = 0; i < 1000; ++i) content += "{\"text\":\"record " + std::to_string(i) + "\"}\n";
    std::string compressed = gzip(content);

    std::string truncated = compressed.substr(0, compressed.size() - 6);
    auto cut = read_path(dir.write("cut.jsonl.gz", truncated));
    CHECK_FALSE(cut.ok);
    CHECK(cut.articles.size() == 1000);
    CHECK(cut.messages.back() == dir.path().string() + "/cut.jsonl.gz: error: truncated gzip data");

    std::string bad_crc = compressed;
    bad_crc[bad_crc.size() - 8] = static_cast<char>(bad_crc[bad_crc.size() - 8] ^ 0xFF);
    auto corrupt = read_path(dir.write("crc.jsonl.gz", bad_crc));
    CHECK_FALSE(corrupt.ok);
    CHECK(corrupt.articles.size() == 1000);  // the deflate data itself was intact
    CHECK(corrupt.messages == std::vector<std::string>{
                                  dir.path().string() +
                                  "/crc.jsonl.gz: error: corrupt gzip data: incorrect data check"});
}

// --- format detection ---------------------------------------------------------------

TEST_CASE("the format comes from the extension, ignoring case and .gz") {
    struct Case {
        const char* path;
        Format format;
    };
    const Case cases[] = {
        {"a.txt", Format::Text},          {"dir/A.TXT", Format::Text},
        {"a.jsonl", Format::JsonLines},   {"a.ndjson", Format::JsonLines},
        {"a.JSONL.GZ", Format::JsonLines}, {"a.csv", Format::Csv},
        {"a.csv.gz", Format::Csv},        {"a.tsv", Format::Tsv},
        {"a.json", Format::Auto},         {"a.gz", Format::Auto},
        {"a.txt.bak", Format::Auto},      {"dir/.csv", Format::Auto},
        {"README", Format::Auto},         {"-", Format::Auto},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.path));
        CHECK(newsdex::format_from_extension(c.path) == c.format);
    }
}

TEST_CASE("without an extension the format is sniffed from the first bytes") {
    struct Case {
        const char* head;
        std::vector<const char*> fields;
        Format format;
    };
    const Case cases[] = {
        {"{\"text\":\"x\"}", {}, Format::JsonLines},
        {"  \n{\"text\":\"x\"}", {}, Format::JsonLines},
        {"id,title,text\n1,a,b\n", {}, Format::Csv},
        {"\"id\",\"text\"\r\n", {}, Format::Csv},
        {"id\ttitle\ttext\n", {}, Format::Tsv},
        {"Date\tText, notes\n", {}, Format::Tsv},
        {"event_date,notes\n", {"text=notes"}, Format::Csv},
        {"event_date,notes\n", {}, Format::Text},
        {"a,b,c\n1,2,3\n", {}, Format::Text},
        {"title,\n", {}, Format::Text},
        {"The army, backed by drones, took the text and date of Gao.\n", {}, Format::Text},
        {"date 2023-11-07 Text", {}, Format::Text},
        {"Title: x\n\nbody", {}, Format::Text},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.head));
        ReadOptions options = options_with(c.fields);
        CHECK(newsdex::sniff_format(c.head, options.fields) == c.format);
    }
    auto stdin_like = read_content("-", "id,text\n1,hello\n");
    REQUIRE(stdin_like.articles.size() == 1);
    CHECK(stdin_like.articles[0].where.str() == "-:2");
}

TEST_CASE("--format overrides the extension") {
    auto csv = read_content("a.txt", "id,text\n1,x\n", options_with({}, Format::Csv));
    CHECK(texts_of(csv) == std::vector<std::string>{"x"});
    auto text = read_content("a.jsonl", "{\"text\":\"x\"}", options_with({}, Format::Text));
    CHECK(texts_of(text) == std::vector<std::string>{"{\"text\":\"x\"}"});
}

// --- files, directories, stdin --------------------------------------------------------

TEST_CASE("expand_inputs walks directories in byte order, skipping hidden and unknown files") {
    TempDir dir;
    const std::string root = dir.path().string();
    for (const char* name : {"b.txt", "a.jsonl", "A.csv", "notes.md", ".hidden.txt",
                             ".git/x.txt", "sub/c.csv.gz", "sub/d.TSV", "z.ndjson",
                             "\xC3\xA9t\xC3\xA9.txt"}) {
        dir.write(name, "x");
    }
    fs::create_directories(dir.path() / "empty");
    fs::create_directory_symlink(dir.path() / "sub", dir.path() / "link");

    std::vector<std::string> messages;
    auto files = newsdex::expand_inputs(
        {root, root + "/notes.md", "-", root + "/missing.txt"},
        [&](const ReadError& e) { messages.push_back(render(e)); });
    std::vector<std::string> paths;
    for (const auto& file : files) paths.push_back(file.path);
    CHECK(paths == std::vector<std::string>{
                       root + "/A.csv", root + "/a.jsonl", root + "/b.txt",
                       root + "/sub/c.csv.gz", root + "/sub/d.TSV", root + "/z.ndjson",
                       root + "/\xC3\xA9t\xC3\xA9.txt", root + "/notes.md", "-"});
    CHECK(files[0].size == 1);
    CHECK(files.back().size == 0);
    CHECK(messages == std::vector<std::string>{
                          root + "/missing.txt: error: cannot open: No such file or directory"});
}

TEST_CASE("read_input: inputs that cannot be read are errors") {
    TempDir dir;
    const std::string missing = dir.path().string() + "/missing.txt";
    auto result = read_path(missing);
    CHECK_FALSE(result.ok);
    CHECK(result.messages ==
          std::vector<std::string>{missing + ": error: cannot open: No such file or directory"});

    auto directory = read_path(dir.path().string());
    CHECK_FALSE(directory.ok);
    CHECK(directory.messages ==
          std::vector<std::string>{dir.path().string() + ": error: read error: Is a directory"});
}

TEST_CASE("\"-\" reads standard input, sniffing its format and gzip") {
    TempDir dir;
    std::string path = dir.write("stdin.bin", gzip("id,text\n1,from stdin\n"));
    REQUIRE(std::freopen(path.c_str(), "rb", stdin) != nullptr);
    auto result = read_path("-");
    CHECK(result.ok);
    CHECK(result.messages.empty());
    REQUIRE(result.articles.size() == 1);
    CHECK(result.articles[0].text == "from stdin");
    CHECK(result.articles[0].where.str() == "-:2");
    CHECK(result.articles[0].path == "-");
}

// --- real data ----------------------------------------------------------------------

TEST_CASE("ACLED exports read with --field and no errors") {
    const std::string folder = kSharedDir + "/corpora/acled-sahel";
    if (!fs::exists(folder)) {
        MESSAGE("skipped: " << folder << " not found");
        return;
    }
    struct Case {
        const char* file;
        std::vector<const char*> fields;
        std::size_t records;
    };
    const Case cases[] = {
        {"acled-mali-2017-2018.csv", {"text=notes", "date=event_date", "id=event_id_cnty"}, 2327},
        {"acled-mali-2017-2018-events.jsonl", {"text=notes", "id=event_id"}, 1224},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.file));
        auto result = read_path(folder + "/" + c.file, options_with(c.fields));
        CHECK(result.ok);
        CHECK(result.messages.empty());
        CHECK(result.articles.size() == c.records);
        std::size_t incomplete = 0;
        for (const auto& article : result.articles) {
            if (article.text.empty() || article.date.empty() || article.id.empty()) ++incomplete;
        }
        CHECK(incomplete == 0);
    }
}
