/** @file
 * @brief Hostile input, end to end: files, gazetteers and queries meant to
 *        crash, hang or blow up newsdex-index and newsdex-search. Every
 *        input is generated here; none is committed.
 *
 * Each must be reported and counted as the README says (errors skip the
 * record or file, warnings keep it), never crash or hang, and leave what is
 * valid next to it indexed and findable.
 */
#include <doctest/doctest.h>

#include <zlib.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include <nlohmann/json.hpp>

#include "e2e_support.h"
#include "reliability_support.h"

using namespace newsdex::test;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

/// Runs a command with a time limit: a hang is a failure, not a stuck suite.
CommandResult run_bounded(const std::vector<std::string>& args, std::chrono::seconds limit,
                          const std::filesystem::path& scratch) {
    BackgroundProcess p(args, scratch);
    auto status = p.wait_for(limit);
    CommandResult r;
    if (!status) {
        p.kill(9);
        p.wait();
        FAIL("hung for more than " << limit.count() << " s: " << args[0] << " " << (args.size() > 1 ? args.back().substr(0, 80) : ""));
    }
    r.exit_code = *status;
    r.out = p.out();
    r.err = p.err();
    CHECK_MESSAGE(r.exit_code < 128, "killed by signal " << r.exit_code - 128 << ": " << r.err.substr(0, 2000));
    return r;
}

std::string jsonl(const json& j) { return j.dump() + "\n"; }

/// A string literal's bytes, NULs included.
template <std::size_t N>
std::string bytes(const char (&literal)[N]) {
    return std::string(literal, N - 1);
}

std::string gzip(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
    std::string out(compressBound(data.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

long count(const std::string& db, const std::string& query, const std::filesystem::path& scratch) {
    CommandResult r = run_bounded({"newsdex-search", "--db", db, "--count", query}, 60s, scratch);
    INFO(query.substr(0, 200) << ": " << r.err);
    REQUIRE(r.exit_code <= 1);
    return std::stol(r.out);
}

bool quick_mode() {
    const char* q = std::getenv("NEWSDEX_TEST_QUICK");
    return q && *q && std::string(q) != "0";
}

}  // namespace

TEST_CASE("hostile input files: reported and counted, never a crash or hang, what is valid is indexed") {
    TempDir dir;
    const std::string in = (dir.path() / "in").string();
    std::mt19937 rng(5);
    std::string random_bytes(64 * 1024, '\0');
    for (char& c : random_bytes) c = static_cast<char>(rng() & 0xff);
    const std::string word10k(10000, 'w');
    const std::string url1m = "https://example.org/" + std::string(1 << 20, 'u');

    // name -> content; the comments say what must happen.
    dir.write("in/00-valid.jsonl", jsonl({{"id", "valid-1"}, {"title", "Convoy ambushed near Gao"},
                                          {"date", "2024-03-01"}, {"text", "Gunmen attacked a convoy near Gao."}}));
    dir.write("in/empty.txt", "");                                    // warning: empty file
    dir.write("in/blank.jsonl", "\n \r\n\t\n");                       // warning: empty file
    dir.write("in/random.txt", random_bytes);                         // error: binary
    dir.write("in/elf.jsonl", bytes("\x7f" "ELF\x02\x01\x01\0\0\0\0\0") + random_bytes);  // error: binary
    dir.write("in/invalid-utf8.txt", "title: Bad bytes\n\nTraders in Gao \xff\xfe said prices rose.\n");  // error
    dir.write("in/invalid-utf8.jsonl", jsonl({{"id", "u8-ok"}, {"title", "Fine"}, {"text", "Fine line about Mopti"}}) +
                                           "{\"id\":\"u8-bad\",\"text\":\"caf\xe9 in S\xe9gou\"}\n");  // line 2: error
    dir.write("in/nul.jsonl", bytes("{\"id\":\"nul\",\"text\":\"before\0after\"}\n"));  // error: binary
    dir.write("in/nul-escaped.jsonl", jsonl({{"id", "nul-esc"}, {"title", "Escaped NUL"},
                                             {"text", bytes("kept \0 around it in Kidal")}}));
    dir.write("in/bom.csv", "\xEF\xBB\xBFid,title,date,text\nbom-1,BOM first,2024-03-02,Drone strike near Kidal\n");
    dir.write("in/bom.jsonl", "\xEF\xBB\xBF" + jsonl({{"id", "bom-2"}, {"title", "BOM jsonl"}, {"text", "Text near Gao"}}));
    dir.write("in/bom.txt", "\xEF\xBB\xBFtitle: BOM text\ndate: 2024-03-03\n\nA BOM starts this file about Menaka.\n");
    dir.write("in/crlf.jsonl", "{\"id\":\"crlf-1\",\"title\":\"CRLF one\",\"text\":\"Line one in Mopti\"}\r\n"
                               "{\"id\":\"crlf-2\",\"title\":\"CRLF two\",\"text\":\"Line two in Mopti\"}\r\n");
    dir.write("in/cr.csv", "id,title,text\rcr-1,CR only,\"Quoted\rfield in Gao\"\rcr-2,CR two,Second row about Gao\r");
    dir.write("in/crlf.txt", "title: CRLF text\r\ndate: 2024-03-04\r\n\r\nWindows line ends about Timbuktu.\r\n");
    dir.write("in/long-word.txt", "title: Long word\n\nA " + word10k + " word near Timbuktu and gunmenfindme.\n");
    dir.write("in/long-url.jsonl", jsonl({{"title", "Huge URL"}, {"url", url1m}, {"text", "Its ID is a 1 MB URL: urlfindme."}}));
    dir.write("in/long-fields.jsonl", jsonl({{"id", std::string(300000, 'i')}, {"title", "Long id and source"},
                                             {"source", std::string(300000, 's')}, {"lang", std::string(5000, 'l')},
                                             {"text", "Fields far beyond the term limit: fieldsfindme."}}));
    dir.write("in/deep.jsonl", "{\"id\":\"deep\",\"text\":" + std::string(200000, '[') + std::string(200000, ']') +
                                   "}\n" + jsonl({{"id", "after-deep"}, {"title", "After deep"}, {"text", "Valid after deep"}}));
    dir.write("in/deep-object.jsonl", std::string(100000, '{') + "\n" + jsonl({{"id", "after-deep-2"}, {"text", "Still here"}}));
    dir.write("in/types.jsonl",
              "{\"id\":1234,\"title\":42,\"date\":[2024,3,1],\"text\":\"Number id, number title, array date\"}\n"  // warning
              "{\"id\":null,\"title\":{\"a\":1},\"text\":[\"array\",\"text\"]}\n"                                // error
              "{\"id\":\"types-3\",\"title\":\"ok\",\"date\":true,\"text\":\"Boolean date\"}\n"                  // warning
              "[1,2,3]\n"                                                                                     // error
              "\"just a string\"\n"                                                                           // error
              "{\"id\":\"types-6\",\"text\":\"Valid at the end\",\"extra\":{\"x\":[1,{\"y\":null}]}}\n");
    dir.write("in/unbalanced.csv", "id,title,text\nub-1,Fine,\"A fine row about Gao\"\nub-2,Broken,\"never closed\n");  // error line 3
    dir.write("in/ragged.csv", "id,title,text\nrg-1,Fine,Good row\nrg-2,Too,many,fields,here\nrg-3,\"bad\"quote\",x\nrg-4,Fine,Also good\n");
    dir.write("in/dates.jsonl", jsonl({{"id", "d-zero"}, {"title", "Zero date"}, {"date", "0000-00-00"}, {"text", "Zero date"}}) +
                                    jsonl({{"id", "d-feb30"}, {"title", "Feb 30"}, {"date", "2024-02-30"}, {"text", "No such day"}}) +
                                    jsonl({{"id", "d-max"}, {"title", "Last day"}, {"date", "9999-12-31"}, {"text", "Far future"}}) +
                                    jsonl({{"id", "d-ts"}, {"title", "Timestamp"}, {"date", 1e12}, {"text", "Milliseconds"}}) +
                                    jsonl({{"id", "d-ts-str"}, {"title", "1e12 text"}, {"date", "1e12"}, {"text", "As text"}}) +
                                    jsonl({{"id", "d-huge"}, {"title", "Huge"}, {"date", 1e300}, {"text", "Huge number"}}) +
                                    jsonl({{"id", "d-neg"}, {"title", "Negative"}, {"date", -1}, {"text", "Negative"}}) +
                                    jsonl({{"id", "d-year5"}, {"title", "Year 99999"}, {"date", "99999-01-01"}, {"text", "Five digits"}}) +
                                    jsonl({{"id", "d-leap"}, {"title", "Leap"}, {"date", "2024-02-29"}, {"text", "Leap day"}}));
    dir.write("in/control.txt", "title: Control \x01 chars\n\nText with \x07 bell, \x1b[31m escape, \x7f and \x0b "
                                "in Gao: controlfindme.\n");
    dir.write("in/truncated.jsonl.gz", gzip(jsonl({{"id", "gz-1"}, {"text", "Compressed line"}}) +
                                            std::string(5000, 'x')).substr(0, 40));  // error: truncated gzip
    dir.write("in/not-gzip.jsonl.gz", "\x1f\x8b garbage that is no gzip stream");   // error
    std::filesystem::create_directory_symlink("..", dir.path() / "in" / "loop");    // a cycle: not followed
    // 50 MB on one line: concatenated JSON objects, no newline.
    std::string one_line;
    one_line.reserve(50u << 20);
    while (one_line.size() < (50u << 20))
        one_line += "{\"id\":\"x\",\"title\":\"one line\",\"text\":\"no newline between objects\"}";
    dir.write("in/one-line-50mb.jsonl", one_line);  // error: invalid JSON at line 1
    one_line.clear();
    one_line.shrink_to_fit();

    const std::string db = dir / "db";
    auto started = std::chrono::steady_clock::now();
    CommandResult r = run_bounded({"newsdex-index", "--summary-json", "--quiet", "--db", db, in}, 300s, dir.path());
    MESSAGE("indexed the hostile files in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
                                            << " s");
    INFO(r.err);
    CHECK(r.exit_code == 1);  // some input skipped with errors
    json s = json::parse(lines_of(r.out).back());

    auto reported = [&](const std::string& where, const std::string& kind) {
        return r.err.find("newsdex-index: " + in + "/" + where + ": " + kind) != std::string::npos;
    };
    CHECK(reported("empty.txt", "warning: empty file"));
    CHECK(reported("blank.jsonl", "warning: empty file"));
    CHECK(reported("random.txt", "error: binary file"));
    CHECK(reported("elf.jsonl", "error: binary file"));
    CHECK(reported("invalid-utf8.txt:1", "error: invalid UTF-8 at byte"));
    CHECK(reported("invalid-utf8.jsonl:2", "error: invalid UTF-8 at byte"));
    CHECK(reported("nul.jsonl", "error: binary file"));
    CHECK(reported("deep.jsonl:1", "error: JSON nested deeper than"));
    CHECK(reported("deep-object.jsonl:1", "error:"));
    CHECK(reported("types.jsonl:1", "warning:"));
    CHECK(reported("types.jsonl:2", "error:"));
    CHECK(reported("types.jsonl:3", "warning:"));
    CHECK(reported("types.jsonl:4", "error:"));
    CHECK(reported("types.jsonl:5", "error:"));
    CHECK(reported("unbalanced.csv:3", "error:"));
    CHECK(reported("ragged.csv:3", "error:"));
    CHECK(reported("dates.jsonl:1", "warning: unparseable date '0000-00-00'"));
    CHECK(reported("dates.jsonl:2", "warning: unparseable date '2024-02-30'"));
    CHECK(reported("truncated.jsonl.gz", "error:"));
    CHECK(reported("not-gzip.jsonl.gz", "error:"));
    CHECK(reported("one-line-50mb.jsonl:1", "error: invalid JSON"));
    // Every message is one line naming its file.
    for (const auto& line : lines_of(r.err)) {
        if (line.empty()) continue;
        CHECK_MESSAGE(line.rfind("newsdex-index: ", 0) == 0, line.substr(0, 300));
        CHECK(line.size() < 2000);
    }
    CHECK(s["errors"].get<int>() >= 15);
    CHECK(s["warnings"].get<int>() >= 5);
    CHECK(s["added"].get<int>() == s["total_articles"].get<int>());

    // What is valid next to the hostile input is there, and findable.
    CommandResult ids = run_bounded({"newsdex-search", "--db", db, "--ids", "--limit", "1000", ""}, 60s, dir.path());
    for (const char* id : {"valid-1", "u8-ok", "nul-esc", "bom-1", "bom-2", "crlf-1", "crlf-2", "cr-1", "cr-2",
                           "after-deep", "after-deep-2", "1234", "types-3", "types-6", "ub-1", "rg-1", "rg-4",
                           "d-zero", "d-feb30", "d-max", "d-ts", "d-leap", url1m.c_str()})
        CHECK_MESSAGE(ids.out.find(std::string(id) + "\n") != std::string::npos, std::string(id).substr(0, 60));
    CHECK(ids.out.find(std::string(300000, 'i')) != std::string::npos);  // the 300 kB ID, whole
    CHECK(count(db, "gunmenfindme", dir.path()) == 1);   // next to a 10,000-byte word
    CHECK(count(db, "urlfindme", dir.path()) == 1);      // ID = 1 MB URL
    CHECK(count(db, "fieldsfindme", dir.path()) == 1);   // 300 kB id and source
    CHECK(count(db, "controlfindme", dir.path()) == 1);  // control characters dropped
    CHECK(count(db, "\"kept around\"", dir.path()) == 1);  // escaped NUL dropped
    CHECK(count(db, "date:9999-12-31", dir.path()) == 1);
    CHECK(count(db, "date:2001-09-09", dir.path()) == 1);  // 1e12 ms
    CHECK(count(db, "date:2024-02-29", dir.path()) == 1);
    CHECK(count(db, "title:BOM", dir.path()) == 3);        // the BOM is not part of the first field's name

    // The same input again: nothing changes (IDs of hostile records are stable).
    CommandResult again = run_bounded({"newsdex-index", "--summary-json", "--quiet", "--db", db, in}, 300s, dir.path());
    json a = json::parse(lines_of(again.out).back());
    CHECK(a["added"] == 0);
    CHECK(a["replaced"] == 0);
    CHECK(a["total_articles"] == s["total_articles"]);
    CHECK(xapian_check_ok(db));
}

TEST_CASE("a 50 MB single-line article is indexed within bounds") {
    if (quick_mode()) {
        MESSAGE("skipped in quick mode (NEWSDEX_TEST_QUICK): about 30 s");
        return;
    }
    TempDir dir;
    std::mt19937 rng(9);
    static const char* const kWords[] = {"convoy", "attack", "gao", "kidal", "drone", "market", "aid", "talks"};
    std::string text = "title: One line of 50 MB\n\n";
    text.reserve(50u << 20);
    while (text.size() < (50u << 20)) text += std::string(kWords[rng() % 8]) + std::to_string(rng() % 1000) + " ";
    text += "needleword\n";
    dir.write("in/huge.txt", text);
    text.clear();
    text.shrink_to_fit();
    const std::string db = dir / "db";
    CommandResult r = run_bounded({"newsdex-index", "--summary-json", "--quiet", "--db", db, dir / "in"}, 600s, dir.path());
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(count(db, "needleword", dir.path()) == 1);
    CHECK(count(db, "gao7", dir.path()) == 1);
}

TEST_CASE("Arabic, Tifinagh and N'Ko articles are indexed and findable by their words") {
    TempDir dir;
    dir.write("in/scripts.jsonl",
              jsonl({{"id", "ar"}, {"lang", "ar"}, {"title", "هجوم على قافلة قرب غاو"},
                     {"text", "قالت مصادر محلية إن مسلحين هاجموا قافلة عسكرية قرب مدينة غاو في شمال مالي"}}) +
                  jsonl({{"id", "tfng"}, {"title", "ⴰⵎⵓⵙⵙⵓ ⴳ ⴽⵉⴷⴰⵍ"}, {"text", "ⵉⵎⵓⵙⵙⵓⵜⵏ ⵏ ⵉⵎⴷⵔⴰⵡⵏ ⴳ ⵜⵎⴰⵣⵉⵔⵜ ⵏ ⴽⵉⴷⴰⵍ"}}) +
                  jsonl({{"id", "nko"}, {"title", "ߡߊߟߌ ߞߎߡߊ"}, {"text", "ߒߞߏ ߛߓߍߛߎ߲ ߦߋ߫ ߡߊߟߌ ߞߊ߲ ߠߎ߬ ߛߓߍ ߟߊ߫"}}));
    const std::string db = dir / "db";
    CommandResult r = run_bounded({"newsdex-index", "--quiet", "--db", db, dir / "in"}, 60s, dir.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(count(db, "قافلة", dir.path()) == 1);       // Arabic: "convoy"
    CHECK(count(db, "غاو", dir.path()) == 1);         // Gao
    CHECK(count(db, "ⴽⵉⴷⴰⵍ", dir.path()) == 1);       // Tifinagh: Kidal
    CHECK(count(db, "ⵜⵎⴰⵣⵉⵔⵜ", dir.path()) == 1);
    CHECK(count(db, "ߡߊߟߌ", dir.path()) == 1);        // N'Ko: Mali
    CHECK(count(db, "ߛߓߍߛߎ߲", dir.path()) == 1);      // with a combining mark
    CHECK(count(db, "title:ߞߎߡߊ", dir.path()) == 1);
}

// CJK is written without spaces: a sentence is one "word" to Xapian unless
// the TermGenerator and the QueryParser both use FLAG_CJK_NGRAM, which index
// and search it as its characters and their pairs (common/analyzer.cc,
// common/query_translation.cc).
TEST_CASE("CJK articles are findable by the words of their sentences") {
    TempDir dir;
    dir.write("in/cjk.jsonl",
              jsonl({{"id", "zh"}, {"title", "马里北部发生袭击"}, {"text", "马里北部城市加奥 (Gao) 附近发生袭击，多名平民死亡。"}}) +
                  jsonl({{"id", "ja"}, {"title", "マリで攻撃"}, {"text", "マリ北部のガオ近郊で武装集団が攻撃した。"}}) +
                  jsonl({{"id", "ko"}, {"title", "말리 북부 공격"}, {"text", "말리 북부 가오 인근에서 공격이 발생했다."}}));
    const std::string db = dir / "db";
    REQUIRE(run_bounded({"newsdex-index", "--quiet", "--db", db, dir / "in"}, 60s, dir.path()).exit_code == 0);
    CHECK(count(db, "말리", dir.path()) == 1);   // Korean separates words with spaces
    CHECK(count(db, "加奥", dir.path()) == 1);   // Gao, inside a sentence
    CHECK(count(db, "平民", dir.path()) == 1);   // civilians
    CHECK(count(db, "马里北部", dir.path()) == 1);
    CHECK(count(db, "攻撃", dir.path()) == 1);   // Japanese: attack
    CHECK(count(db, "ガオ", dir.path()) == 1);
    CHECK(count(db, "北京", dir.path()) == 0);   // Beijing: 北 alone is in the text, the pair is not
    CHECK(count(db, "\"平民死亡\"", dir.path()) == 1);
    CHECK(count(db, "\"死亡平民\"", dir.path()) == 0);
    CHECK(count(db, "title:袭击", dir.path()) == 1);
    CHECK(count(db, "加奥 OR ガオ", dir.path()) == 2);
    // A word after a CJK word that follows a word: Xapian 1.4.22 alone
    // fails on it with "parse error" (see rewrite_query()).
    CHECK(count(db, "Gao 加奥 平民", dir.path()) == 1);
    CHECK(count(db, "gao 加奥 gao", dir.path()) == 1);
    CommandResult r = run_bounded({"newsdex-search", "--db", db, "--format", "jsonl", "--no-collapse", "平民"}, 60s,
                                  dir.path());
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["hits"][0]["snippet"].get<std::string>().find("**平民**") != std::string::npos);
}

TEST_CASE("malformed gazetteers: a clear error naming file:line, exit 2, never a crash") {
    TempDir dir;
    struct Case {
        const char* name;
        std::string content;
        int line;  // the line the error must name; 0: accepted (no error required)
    };
    const Case cases[] = {
        {"missing-kind.tsv", "JNIM\tjihadist-group\tGSIM\nno tab on this line\n", 2},
        {"empty-name.tsv", "# actors\nJNIM\tjihadist-group\tGSIM\n\tarmed-group\tX\n", 3},
        {"only-tabs.tsv", "JNIM\tjihadist-group\tGSIM\n\t\t\n", 0},  // a blank line
        {"name-no-kind.tsv", "JNIM\tjihadist-group\tGSIM\nFAMa\n", 2},
        {"binary.tsv", bytes("JNIM\tgroup\tX\n\x7f" "ELF\x01\x02\x03\n"), 0},
        {"crlf-bom.tsv", "\xEF\xBB\xBFJNIM\tjihadist-group\tGSIM\r\nFAMa\tarmy\tMalian army\r\n", 0},
        {"empty-aliases.tsv", "JNIM\tgroup\t||||\n", 0},
        {"huge-line.tsv", std::string(1 << 20, 'A') + "\tgroup\tB\n", 0},
        {"empty.tsv", "", 0},
    };
    for (const auto& c : cases) {
        std::string file = dir.write(c.name, c.content);
        CommandResult r = run_bounded({"newsdex-index", "--quiet", "--db", dir / (std::string("db-") + c.name), "--actors",
                                       file, corpus_dir() + "/articles"},
                                      120s, dir.path());
        INFO(std::string(c.name) << ": " << r.err.substr(0, 500));
        if (c.line) {
            CHECK(r.exit_code == 2);
            CHECK(r.err.rfind("newsdex-index: error: " + file + ":" + std::to_string(c.line) + ": ", 0) == 0);
            CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        } else {
            CHECK((r.exit_code == 0 || r.exit_code == 2));
            if (r.exit_code == 2) CHECK(r.err.find(file + ":") != std::string::npos);
        }
    }
}

TEST_CASE("hostile queries: a one-line error with its position or a bounded answer, never a crash or hang") {
    TempDir dir;
    const std::string db = dir / "db";
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, "--field", "text=notes", "--field", "date=event_date",
                 "--field", "id=event_id", corpus_dir()})
                .exit_code == 0);
    // 100,000 distinct words sharing a prefix, for the wildcard.
    std::string wild;
    for (int a = 0; a < 20; ++a) {
        std::string text;
        for (int i = 0; i < 5000; ++i) {
            char w[16];
            std::snprintf(w, sizeof w, "zq%06d ", a * 5000 + i);
            text += w;
        }
        wild += jsonl({{"id", "wild-" + std::to_string(a)}, {"title", "Wildcard bait " + std::to_string(a)}, {"text", text}});
    }
    dir.write("wild/wild.jsonl", wild);
    REQUIRE(run({"newsdex-index", "--quiet", "--db", db, dir / "wild"}).exit_code == 0);

    std::string ten_thousand_terms, ten_thousand_or;
    for (int i = 0; i < 10000; ++i) {
        if (i) {
            ten_thousand_terms += ' ';
            ten_thousand_or += " OR ";
        }
        ten_thousand_terms.append(i % 2 ? "convoy" : "attack").append(std::to_string(i));
        ten_thousand_or.append("gao").append(std::to_string(i));
    }
    const std::string long_word(10000, 'x');

    struct Case {
        std::string query;
        std::vector<std::string> options;
        bool error;             // exit 2 with a positioned message
        int position = -1;      // expected byte offset, -1: any
    };
    const std::vector<Case> cases = {
        {"\"drone strike", {}, false},                 // unbalanced quote: a phrase to the end
        {"(gao OR kidal", {}, false},                  // unbalanced parenthesis: closed at the end
        {") drone (", {}, false},
        {std::string(10000, '(') + "gao" + std::string(10000, ')'), {}, false},
        {std::string(10001, '"'), {}, true, 0},
        {ten_thousand_terms, {}, false},
        {ten_thousand_terms, {"--match", "any"}, false},
        {ten_thousand_or, {}, false},
        {"zq*", {}, false},                           // 100,000 candidates: bounded expansion
        {"zq* OR z* OR title:w*", {}, false},
        {"", {}, false},                              // empty: lists everything
        {"   ", {}, false},
        {"the of and", {}, false},                    // only stopwords
        {long_word, {}, false},
        {long_word + "*", {}, false},
        {"title:" + long_word, {}, false},
        {"\"" + long_word + " " + long_word + "\"", {}, false},
        {"source:" + long_word, {}, false},
        {"actor:" + long_word, {}, true, 6},
        {"date:2024-03-10..2024-03-01", {}, true, 5},  // reversed
        {"drone date:2024..2023", {}, true, 11},
        {"date:2024-13", {}, true, 5},
        {"date:2024-02-30", {}, true, 5},
        {"date:0000", {}, true, 5},
        {"date:abc", {}, true, 5},
        {"date:..", {}, true, 5},
        {"date:2024-01-01..2024-02-01..2024-03-01", {}, true},
        {"year:99999", {}, true, 5},
        {"gao AND", {}, true, 4},
        {"NOT", {}, true, 0},
        {"*", {}, true, 0},
        {"\xff\xfe\xc3", {}, false},                  // invalid UTF-8
        {"gao\x01\x02kidal\x7f\x1b[31m", {}, false},  // control characters
    };
    for (const auto& c : cases) {
        std::vector<std::string> args{"newsdex-search", "--db", db, "--format", "json"};
        args.insert(args.end(), c.options.begin(), c.options.end());
        args.push_back(c.query);
        auto started = std::chrono::steady_clock::now();
        CommandResult r = run_bounded(args, 120s, dir.path());
        double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        INFO("query (" << c.query.size() << " bytes): " << c.query.substr(0, 120) << "\nstderr: " << r.err.substr(0, 600));
        CHECK(seconds < 60);
        if (c.error) {
            CHECK(r.exit_code == 2);
            auto lines = lines_of(r.err);
            REQUIRE(!lines.empty());
            CHECK(lines[0].rfind("newsdex-search: error: ", 0) == 0);
            auto at = lines[0].rfind(" at position ");
            REQUIRE(at != std::string::npos);
            if (c.position >= 0) CHECK(lines[0].substr(at) == " at position " + std::to_string(c.position));
        } else {
            CHECK(r.exit_code <= 1);
            auto j = json::parse(r.out, nullptr, false);
            CHECK(!j.is_discarded());
        }
    }
    // The bounded expansion finds some of the 100,000 words, quickly.
    CHECK(count(db, "zq*", dir.path()) >= 1);
}
