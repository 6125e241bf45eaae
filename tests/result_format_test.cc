/** @file
 * @brief Tests for result_format.h: the JSON schema field by field, TSV
 *        escaping, the text report's layout (no escapes without colour,
 *        widths, bar charts) and error lines, on hand-built SearchResults.
 */
#include "result_format.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using namespace newsdex;
using Json = nlohmann::ordered_json;

namespace {

SearchHit make_hit(unsigned rank, std::string title) {
    SearchHit hit;
    hit.rank = rank;
    hit.id = "bd-" + std::to_string(rank);
    hit.score = 12.3456789;
    hit.date = Day{2024, 3, 20};
    hit.title = std::move(title);
    hit.source = "Bamako Daily";
    hit.url = "https://example.org/kidal";
    hit.path = "corpus/bamako.jsonl";
    hit.lang = "fr";
    hit.actors = {"Malian Armed Forces", "Wagner Group"};
    hit.places = {"Kidal"};
    hit.snippet = "…the skies over **Kidal** were lit by **drone** strikes…";
    return hit;
}

/// Two hits (one undated), an actor list and a month timeline.
SearchResult sample() {
    SearchResult r;
    r.query = "drone strike";
    r.parsed = "Query((drone@1 AND strike@2))";
    r.resolved_filters = {"actor: JNIM"};
    r.total = 23;
    r.offset = 0;
    r.hits.push_back(make_hit(1, "Drones strike former UN base in Kidal"));
    SearchHit undated = make_hit(2, "Attaque près de Gao");
    undated.date.reset();
    undated.score = 4.5;
    undated.actors.clear();
    r.hits.push_back(undated);
    r.facets.push_back({FacetKind::Actor, {{"Wagner Group", 12}, {"FAMa", 9}, {"JNIM", 4}}});
    r.facets.push_back({FacetKind::Month, {{"2024-01", 17}, {"2024-02", 4}, {"2024-03", 9}}});
    r.suggestion = "";
    r.elapsed_ms = 3.41789;
    return r;
}

std::string text(const SearchResult& r, bool colour = false, unsigned width = 80) {
    std::ostringstream out;
    write_text(out, r, TextStyle{colour, width});
    return out.str();
}

std::string json_text(const SearchResult& r, bool pretty, const BatchContext* batch = nullptr) {
    std::ostringstream out;
    write_json(out, r, pretty, batch);
    return out.str();
}

std::string tsv(const SearchResult& r, bool header = true) {
    std::ostringstream out;
    write_tsv(out, r, header);
    return out.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t pos; (pos = s.find(sep, start)) != std::string::npos; start = pos + 1)
        parts.push_back(s.substr(start, pos - start));
    parts.push_back(s.substr(start));
    return parts;
}

std::vector<std::string> keys(const Json& object) {
    std::vector<std::string> names;
    for (const auto& item : object.items()) names.push_back(item.key());
    return names;
}

/// Columns on a terminal for the test data: code points, ANSI CSI skipped
/// (every character used here is one column wide).
std::size_t columns(std::string_view line) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\033') {
            while (i < line.size() && line[i] != 'm') ++i;
            continue;
        }
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++n;
    }
    return n;
}

/// The bar of one chart row measured in eighths of a block.
int bar_eighths(const std::string& row) {
    static const std::string kPartial[] = {"▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    int eighths = 0;
    for (std::size_t pos = 0; (pos = row.find("█", pos)) != std::string::npos; pos += 3) eighths += 8;
    for (int i = 0; i < 7; ++i)
        if (row.find(kPartial[i]) != std::string::npos) eighths += i + 1;
    return eighths;
}

/// The rows of the chart of facet @p name in a colourless text report.
std::vector<std::string> chart_rows(const std::string& report, const std::string& name) {
    std::vector<std::string> rows;
    bool in_chart = false;
    for (const auto& line : split(report, '\n')) {
        if (line == name) {
            in_chart = true;
        } else if (in_chart) {
            if (line.rfind("  ", 0) != 0) break;
            rows.push_back(line);
        }
    }
    return rows;
}

}  // namespace

TEST_CASE("output format names") {
    OutputFormat f = OutputFormat::Tsv;
    CHECK((parse_output_format("text", f) && f == OutputFormat::Text));
    CHECK((parse_output_format("json", f) && f == OutputFormat::Json));
    CHECK((parse_output_format("jsonl", f) && f == OutputFormat::JsonLines));
    CHECK((parse_output_format("ndjson", f) && f == OutputFormat::JsonLines));
    CHECK((parse_output_format("jsonlines", f) && f == OutputFormat::JsonLines));
    CHECK((parse_output_format("tsv", f) && f == OutputFormat::Tsv));
    for (std::string_view bad : {"", "JSON", "csv", "json "}) {
        f = OutputFormat::Json;
        CHECK_FALSE(parse_output_format(bad, f));
        CHECK(f == OutputFormat::Json);  // untouched on failure
    }
    for (auto format : {OutputFormat::Text, OutputFormat::Json, OutputFormat::JsonLines, OutputFormat::Tsv}) {
        OutputFormat back = OutputFormat::Text;
        CHECK(parse_output_format(output_format_name(format), back));
        CHECK(back == format);
    }
}

TEST_CASE("facet names round-trip, plural aliases accepted") {
    for (auto kind : {FacetKind::Actor, FacetKind::Place, FacetKind::Month, FacetKind::Year,
                      FacetKind::Source, FacetKind::Lang, FacetKind::ActorPair, FacetKind::Week}) {
        FacetKind back = FacetKind::Lang;
        CHECK(parse_facet_name(facet_name(kind), back));
        CHECK(back == kind);
    }
    CHECK(std::string(facet_name(FacetKind::Actor)) == "actor");
    CHECK(std::string(facet_name(FacetKind::Month)) == "month");
    FacetKind k = FacetKind::Year;
    CHECK((parse_facet_name("actors", k) && k == FacetKind::Actor));
    CHECK((parse_facet_name("places", k) && k == FacetKind::Place));
    CHECK((parse_facet_name("actor-pairs", k) && k == FacetKind::ActorPair));
    CHECK(std::string(facet_name(FacetKind::ActorPair)) == "actor-pair");
    CHECK(std::string(facet_name(FacetKind::Week)) == "week");
    CHECK_FALSE(parse_facet_name("weeks", k));
    CHECK_FALSE(parse_facet_name("Actor", k));
    CHECK_FALSE(parse_facet_name("date", k));
    CHECK_FALSE(parse_facet_name("", k));
}

TEST_CASE("highlight markers") {
    CHECK(highlight_markers(false).start == "**");
    CHECK(highlight_markers(false).end == "**");
    CHECK(highlight_markers(true).start == "\033[1;33m");
    CHECK(highlight_markers(true).end == "\033[0m");
}

TEST_CASE("JSON: every field, in the documented order, with its type") {
    const Json j = Json::parse(json_text(sample(), true));
    CHECK(keys(j) == std::vector<std::string>{"query", "parsed", "total", "total_exact", "collapsed", "groups",
                                              "offset", "hits", "facets", "suggestion", "elapsed_ms"});
    CHECK(j["collapsed"] == false);
    CHECK(j["groups"].is_null());
    CHECK(j["query"] == "drone strike");
    CHECK(j["parsed"] == "Query((drone@1 AND strike@2))");
    CHECK(j["total"].is_number_unsigned());
    CHECK(j["total"] == 23);
    CHECK(j["total_exact"] == true);
    CHECK(j["offset"] == 0);
    CHECK(j["suggestion"].is_null());
    CHECK(j["elapsed_ms"].get<double>() == doctest::Approx(3.418));

    REQUIRE(j["hits"].is_array());
    REQUIRE(j["hits"].size() == 2);
    const Json& hit = j["hits"][0];
    CHECK(keys(hit) == std::vector<std::string>{"rank", "id", "score", "date", "title", "source", "lang",
                                                "url", "path", "actors", "places", "similar", "snippet"});
    CHECK(hit["similar"] == 0);
    CHECK(hit["rank"] == 1);
    CHECK(hit["id"] == "bd-1");
    CHECK(hit["score"].is_number_float());
    CHECK(hit["score"].get<double>() == doctest::Approx(12.3457).epsilon(1e-9));
    CHECK(hit["date"] == "2024-03-20");
    CHECK(hit["title"] == "Drones strike former UN base in Kidal");
    CHECK(hit["source"] == "Bamako Daily");
    CHECK(hit["lang"] == "fr");
    CHECK(hit["url"] == "https://example.org/kidal");
    CHECK(hit["path"] == "corpus/bamako.jsonl");
    CHECK(hit["actors"] == Json::array({"Malian Armed Forces", "Wagner Group"}));
    CHECK(hit["places"] == Json::array({"Kidal"}));
    CHECK(hit["snippet"] == "…the skies over **Kidal** were lit by **drone** strikes…");

    const Json& undated = j["hits"][1];
    CHECK(undated["date"].is_null());
    CHECK(undated["actors"].is_array());  // empty list stays a list, not null
    CHECK(undated["actors"].empty());

    REQUIRE(j["facets"].is_object());
    CHECK(keys(j["facets"]) == std::vector<std::string>{"actor", "month"});
    const Json& actor = j["facets"]["actor"];
    REQUIRE(actor.is_array());
    REQUIRE(actor.size() == 3);
    CHECK(keys(actor[0]) == std::vector<std::string>{"value", "count"});
    CHECK(actor[0]["value"] == "Wagner Group");
    CHECK(actor[0]["count"] == 12);
    CHECK(j["facets"]["month"][2] == Json{{"value", "2024-03"}, {"count", 9}});
}

TEST_CASE("JSON: empty result still has every field, suggestion given when present") {
    SearchResult r;
    r.query = "kidall";
    r.suggestion = "kidal";
    r.total_exact = false;
    const Json j = Json::parse(json_text(r, false));
    CHECK(j["hits"] == Json::array());
    CHECK(j["facets"].is_object());
    CHECK(j["facets"].empty());
    CHECK(j["suggestion"] == "kidal");
    CHECK(j["total"] == 0);
    CHECK(j["total_exact"] == false);
}

TEST_CASE("JSON: pretty uses 2-space indentation, jsonl is exactly one line") {
    const std::string pretty = json_text(sample(), true);
    const std::string line = json_text(sample(), false);
    CHECK(pretty.rfind("{\n  \"query\": \"drone strike\",\n", 0) == 0);
    CHECK(pretty.find("\n    {\n      \"rank\": 1,") != std::string::npos);
    CHECK(line.find('\n') == line.size() - 1);
    CHECK(line.rfind("{\"query\":\"drone strike\",\"parsed\":", 0) == 0);
    CHECK(Json::parse(pretty) == Json::parse(line));
}

TEST_CASE("JSON batch: line and id come first, an empty id is null") {
    const BatchContext batch{7, "q7"};
    const Json j = Json::parse(json_text(sample(), false, &batch));
    const auto names = keys(j);
    REQUIRE(names.size() == 13);
    CHECK(names[0] == "line");
    CHECK(names[1] == "id");
    CHECK(names[2] == "query");
    CHECK(j["line"] == 7);
    CHECK(j["id"] == "q7");

    const BatchContext no_id{8, ""};
    const Json k = Json::parse(json_text(sample(), false, &no_id));
    CHECK(k["line"] == 8);
    CHECK(k["id"].is_null());
}

TEST_CASE("JSON error objects") {
    std::ostringstream out;
    const BatchContext batch{3, "q3"};
    write_json_error(out, QueryError{"unknown actor \"Wagnr\"", 5}, "drone actor:Wagnr", &batch);
    CHECK(out.str() ==
          "{\"line\":3,\"id\":\"q3\",\"query\":\"drone actor:Wagnr\",\"error\":\"unknown actor "
          "\\\"Wagnr\\\"\",\"position\":5}\n");

    std::ostringstream plain;
    write_json_error(plain, QueryError{"--from: bad date", -1}, "kidal", nullptr);
    CHECK(plain.str() == "{\"query\":\"kidal\",\"error\":\"--from: bad date\",\"position\":null}\n");
}

TEST_CASE("JSON: invalid UTF-8 and control characters never make the dump throw") {
    SearchResult r = sample();
    r.hits[0].title = "Kidal \xff\xfe attaque \xc3";  // stray bytes and a truncated sequence
    r.hits[0].actors = {"FAMa\x80"};
    r.facets[0].values[0].value = "Wag\xe9ner";  // Latin-1 é
    r.query = "drone\033[31m";
    std::string out;
    REQUIRE_NOTHROW(out = json_text(r, false));
    Json j;
    REQUIRE_NOTHROW(j = Json::parse(out));
    CHECK(j["hits"][0]["title"] == "Kidal \xEF\xBF\xBD\xEF\xBF\xBD attaque \xEF\xBF\xBD");
    CHECK(j["query"] == "drone\033[31m");  // control characters are escaped, not lost
    CHECK(out.find('\033') == std::string::npos);

    std::ostringstream err;
    REQUIRE_NOTHROW(write_json_error(err, QueryError{"bad \xff", 0}, "\xfe", nullptr));
    Json parsed_error;
    CHECK_NOTHROW(parsed_error = Json::parse(err.str()));
    CHECK(parsed_error["error"] == "bad \xEF\xBF\xBD");
}

TEST_CASE("JSON: scores rounded to 4 decimals, elapsed to the microsecond") {
    SearchResult r;
    r.hits.push_back(make_hit(1, "t"));
    r.hits[0].score = 0.123456;
    r.elapsed_ms = 12.3456;
    const std::string out = json_text(r, false);
    CHECK(out.find("\"score\":0.1235") != std::string::npos);
    CHECK(out.find("\"elapsed_ms\":12.346") != std::string::npos);
}

TEST_CASE("TSV: header, one row per hit, escaping") {
    SearchResult r = sample();
    r.hits[0].title = "Kidal:\tdrones\nstrike\r\nagain";
    r.hits[0].actors = {"JNIM", "Group A|B"};
    const auto lines = split(tsv(r), '\n');
    REQUIRE(lines.size() == 4);  // header, two rows, "" after the final newline
    CHECK(lines[0] == "rank\tid\tscore\tdate\ttitle\tsource\turl\tactors\tplaces");
    CHECK(lines[3].empty());

    const auto first = split(lines[1], '\t');
    REQUIRE(first.size() == 9);
    CHECK(first[0] == "1");
    CHECK(first[1] == "bd-1");
    CHECK(first[2] == "12.3457");
    CHECK(first[3] == "2024-03-20");
    CHECK(first[4] == "Kidal: drones strike  again");
    CHECK(first[5] == "Bamako Daily");
    CHECK(first[6] == "https://example.org/kidal");
    CHECK(first[7] == "JNIM|Group A/B");
    CHECK(first[8] == "Kidal");

    const auto second = split(lines[2], '\t');
    REQUIRE(second.size() == 9);
    CHECK(second[2] == "4.5000");
    CHECK(second[3] == "");  // undated
    CHECK(second[7] == "");  // no actors
}

TEST_CASE("TSV: without header, empty result prints only the header") {
    const std::string body = tsv(sample(), false);
    CHECK(body.rfind("1\tbd-1\t", 0) == 0);
    SearchResult empty;
    CHECK(tsv(empty, true) == "rank\tid\tscore\tdate\ttitle\tsource\turl\tactors\tplaces\n");
    CHECK(tsv(empty, false).empty());
}

TEST_CASE("text: summary, hits with rank, date, title, score, metadata, link and snippet") {
    const std::string out = text(sample());
    const auto lines = split(out, '\n');
    CHECK(lines[0] == "23 articles match \"drone strike\"  (showing 1-2)");
    CHECK(lines[1].empty());
    CHECK(lines[2].rfind(" 1. 2024-03-20  Drones strike former UN base in Kidal", 0) == 0);
    CHECK(lines[2].size() - lines[2].rfind("[score 12.3]") == std::string("[score 12.3]").size());
    CHECK(columns(lines[2]) == 80);  // the score sits at the right edge
    CHECK(lines[3] == "    actors: Malian Armed Forces, Wagner Group · places: Kidal · Bamako Daily");
    CHECK(lines[4] == "    https://example.org/kidal");
    CHECK(lines[5] == "    …the skies over **Kidal** were lit by **drone** strikes…");
    CHECK(out.find(" 2. undated     Attaque près de Gao") != std::string::npos);
    CHECK(out.find("[score 4.50]") != std::string::npos);
    CHECK(out.find("\nactor: Wagner Group 12 · FAMa 9 · JNIM 4\n") != std::string::npos);
    CHECK(out.find("Did you mean") == std::string::npos);
}

TEST_CASE("text: no escape byte at all when colour is off, even from the data") {
    SearchResult r = sample();
    r.hits[0].title = "Evil \033]0;pwned\007 title";
    r.hits[0].source = "Src\033[2J";
    const Highlight ansi = highlight_markers(true);
    r.hits[0].snippet = "over " + ansi.start + "Kidal" + ansi.end + " today";  // searcher/printer mismatch
    r.suggestion = "drone\033[31m";
    const std::string out = text(r, false);
    CHECK(out.find('\033') == std::string::npos);
    CHECK(out.find('\007') == std::string::npos);
    CHECK(out.find("over **Kidal** today") != std::string::npos);

    const std::string coloured = text(r, true);
    CHECK(coloured.find("]0;pwned") != std::string::npos);  // shown, but defused
    CHECK(coloured.find(ansi.start + "Kidal" + ansi.end) != std::string::npos);
    CHECK(coloured.find("\033]0;") == std::string::npos);  // data escapes are still removed
}

TEST_CASE("text: colour on makes titles bold and every line ends reset") {
    const std::string out = text(sample(), true);
    CHECK(out.find("\033[1mDrones strike former UN base in Kidal\033[0m") != std::string::npos);
    for (const auto& line : split(out, '\n')) {
        const auto esc = line.rfind("\033[");
        if (esc != std::string::npos) CHECK(line.substr(esc, 4) == "\033[0m");
    }
}

TEST_CASE("text: lines fit the width, wrapped with hanging indents") {
    SearchResult r = sample();
    r.hits[0].title =
        "Une très longue dépêche sur les frappes de drones à Kidal et dans la région de Gao, selon "
        "des sources locales concordantes";
    r.hits[0].actors = {"Coordination des mouvements de l'Azawad", "Front de libération du Macina",
                        "Wagner Group", "Malian Armed Forces"};
    std::string words;
    for (int i = 0; i < 40; ++i) words += "word" + std::to_string(i) + " ";
    r.hits[0].snippet = words + "https://example.org/" + std::string(120, 'x');
    for (int i = 0; i < 12; ++i) r.facets[0].values.push_back({"Actor number " + std::to_string(i), 3});
    for (unsigned width : {40u, 60u, 80u, 100u}) {
        for (bool colour : {false, true}) {
            for (const auto& line : split(text(r, colour, width), '\n')) {
                if (line.find("https://example.org/kidal") != std::string::npos) continue;  // URLs unbroken
                CAPTURE(line);
                CHECK(columns(line) <= width);
            }
        }
    }
    const auto lines = split(text(r, false, 80), '\n');
    CHECK(lines[3].rfind("                à Kidal et dans la région de Gao, selon des", 0) == 0);
}

TEST_CASE("text: on a narrow terminal the title gets lines of its own") {
    const auto lines = split(text(sample(), false, 40), '\n');
    CHECK(lines[0] == "23 articles match \"drone strike\"");
    CHECK(lines[1] == "(showing 1-2)");  // moved down rather than overflowing
    CHECK(lines[3] == " 1. 2024-03-20  [score 12.3]");
    CHECK(lines[4] == "    Drones strike former UN base in");
    CHECK(lines[5] == "    Kidal");
    // Widths below 40 are treated as 40.
    CHECK(text(sample(), false, 10) == text(sample(), false, 40));
}

TEST_CASE("text: a highlight spanning a line break is closed and reopened") {
    SearchResult r;
    r.query = "x";
    r.total = 1;
    SearchHit hit = make_hit(1, "t");
    const Highlight h = highlight_markers(true);
    hit.snippet = std::string(20, 'a') + " " + h.start + "coalition of the armed groups" + h.end + " end";
    r.hits.push_back(hit);
    const auto lines = split(text(r, true, 40), '\n');
    bool crossed = false;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i].find(h.start + "coalition") != std::string::npos) {
            crossed = lines[i].size() >= 4 && lines[i].substr(lines[i].size() - 4) == "\033[0m" &&
                      lines[i + 1].rfind("    " + h.start, 0) == 0;
        }
    }
    CHECK(crossed);
}

TEST_CASE("text: summary line variants") {
    SearchResult r;
    r.query = "kidal";
    CHECK(split(text(r), '\n')[0] == "No articles match \"kidal\"");

    r.total = 1;
    r.hits.push_back(make_hit(1, "t"));
    CHECK(split(text(r), '\n')[0] == "1 article matches \"kidal\"");

    r.total = 2300;
    r.total_exact = false;
    r.hits[0].rank = 11;
    CHECK(split(text(r), '\n')[0] == "About 2300 articles match \"kidal\"  (showing 11-11)");

    r.query.clear();
    r.resolved_filters = {"place: Kidal"};
    r.total_exact = true;
    r.hits.clear();
    r.offset = 3000;
    CHECK(split(text(r), '\n')[0] == "2300 articles match the filters  (none from 3001 on)");
}

TEST_CASE("text: undated hits and date-sorted hits (score 0)") {
    SearchResult r = sample();
    r.hits[1].score = 0;
    const auto lines = split(text(r), '\n');
    bool found = false;
    for (const auto& line : lines) {
        if (line.rfind(" 2. ", 0) == 0) {
            found = true;
            CHECK(line == " 2. undated     Attaque près de Gao");  // no score, no trailing spaces
        }
    }
    CHECK(found);
}

TEST_CASE("text: month bar chart is chronological and proportional") {
    const std::string out = text(sample());
    const auto rows = chart_rows(out, "month");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].rfind("  2024-01 █", 0) == 0);
    CHECK(rows[1].rfind("  2024-02 █", 0) == 0);
    CHECK(rows[2].rfind("  2024-03 █", 0) == 0);
    CHECK(rows[0].substr(rows[0].size() - 3) == " 17");
    const int jan = bar_eighths(rows[0]), feb = bar_eighths(rows[1]), mar = bar_eighths(rows[2]);
    CHECK(jan > mar);
    CHECK(mar > feb);
    CHECK(columns(rows[0]) > columns(rows[2]));  // the max row is the longest
    // Scaled to the largest count, to within one eighth of a block.
    CHECK(std::abs(feb - jan * 4.0 / 17) <= 1.0);
    CHECK(std::abs(mar - jan * 9.0 / 17) <= 1.0);
    for (const auto& row : rows) CHECK(columns(row) <= 80);
}

TEST_CASE("text: chart edge cases: zero and tiny counts, year facet") {
    SearchResult r;
    r.total = 1001;
    r.facets.push_back({FacetKind::Year, {{"2012", 1000}, {"2013", 1}, {"2014", 0}}});
    const auto rows = chart_rows(text(r), "year");
    REQUIRE(rows.size() == 3);
    CHECK(bar_eighths(rows[1]) == 1);  // tiny but non-zero stays visible
    CHECK(rows[1] == "  2013 ▏ 1");
    CHECK(rows[2] == "  2014 0");
    CHECK(bar_eighths(rows[0]) % 8 == 0);  // the max is whole blocks
}

TEST_CASE("text: facet lists wrap between items, empty facet says none") {
    SearchResult r;
    r.total = 5;
    Facet places{FacetKind::Place, {}};
    for (const char* name : {"Kidal", "Gao", "Tombouctou", "Ménaka", "Mopti", "Ségou", "Bamako", "Niono",
                             "Ansongo", "Tessalit", "Aguelhok", "Bourem"})
        places.values.push_back({name, 10});
    r.facets.push_back(places);
    r.facets.push_back({FacetKind::Source, {}});
    const auto lines = split(text(r, false, 40), '\n');
    std::vector<std::string> list;
    for (const auto& line : lines)
        if (line.rfind("place: ", 0) == 0 || line.rfind("       ", 0) == 0) list.push_back(line);
    REQUIRE(list.size() >= 3);
    for (const auto& line : list) {
        CHECK(columns(line) <= 40);
        CHECK(line.substr(line.size() - 3) == " 10");  // never split between a name and its count
    }
    CHECK(text(r).find("\nsource: none\n") != std::string::npos);
}

TEST_CASE("text: did-you-mean line") {
    SearchResult r;
    r.query = "kidall";
    r.suggestion = "kidal";
    const std::string out = text(r);
    CHECK(out.substr(out.size() - std::string("\nDid you mean: kidal?\n").size()) == "\nDid you mean: kidal?\n");
}

TEST_CASE("text: invalid UTF-8 in a title does not throw and is replaced") {
    SearchResult r = sample();
    r.hits[0].title = "Kidal \xff\xc3 attaque";
    r.hits[0].snippet = "trunc\xe2\x80";
    std::string out;
    REQUIRE_NOTHROW(out = text(r));
    CHECK(out.find("Kidal \xEF\xBF\xBD\xEF\xBF\xBD attaque") != std::string::npos);
    REQUIRE_NOTHROW(out = text(r, true, 40));
}

TEST_CASE("explain lists the query, the parse and the resolved filters") {
    SearchResult r = sample();
    r.resolved_filters.push_back("date: 2024-01-01..2024-03-31");
    std::ostringstream out;
    write_explain(out, r);
    CHECK(out.str() ==
          "query:   drone strike\n"
          "parsed:  Query((drone@1 AND strike@2))\n"
          "filters: actor: JNIM\n"
          "         date: 2024-01-01..2024-03-31\n");
    SearchResult bare;
    std::ostringstream none;
    write_explain(none, bare);
    CHECK(none.str().find("filters: none\n") != std::string::npos);
}

TEST_CASE("query error lines") {
    const std::string query = "drone actor:Wagnr";
    CHECK(format_query_error(query, {"unknown actor \"Wagnr\"", 6}) ==
          "newsdex-search: error: unknown actor \"Wagnr\" at position 6");
    CHECK(format_query_error(query, {"--from: bad date \"2024-13\"", -1}) ==
          "newsdex-search: error: --from: bad date \"2024-13\"");
    CHECK(format_query_error("drone AND", {"expected a term", 9}) ==
          "newsdex-search: error: expected a term at end of query");
    CHECK(format_query_error(query, {"two\nlines", 0}).find('\n') == std::string::npos);

    CHECK(query_error_pointer(query, {"x", 6}) == "  drone actor:Wagnr\n        ^\n");
    // Byte offset 8 is after "Ménaka " (7 characters, 8 bytes): column 7.
    CHECK(query_error_pointer("Ménaka (", {"unbalanced", 8}) == "  Ménaka (\n         ^\n");
    CHECK(query_error_pointer(query, {"x", -1}).empty());
}

TEST_CASE("collapsed results: summary counts groups, hits say +N similar, JSON has the numbers") {
    SearchResult r = sample();
    r.collapsed = true;
    r.groups = 19;
    r.hits[0].similar = 2;
    r.hits.resize(1);
    const auto lines = split(text(r, false, 120), '\n');
    CHECK(lines[0] == "23 articles match \"drone strike\" (19 after collapsing near-duplicates)  (showing 1-1)");
    CHECK(text(r, false, 200).find(" · +2 similar\n") != std::string::npos);
    r.groups = 23;  // nothing collapsed: nothing to say
    CHECK(split(text(r, false, 120), '\n')[0] == "23 articles match \"drone strike\"  (showing 1-1)");
    const Json j = Json::parse(json_text(r, false));
    CHECK(j["collapsed"] == true);
    CHECK(j["groups"] == 23);
    CHECK(j["hits"][0]["similar"] == 2);
}

TEST_CASE("week timeline is a bar chart, actor pairs a list with both names in JSON") {
    SearchResult r;
    r.total = 5;
    r.facets.push_back({FacetKind::Week, {{"2024-W11", 2}, {"2024-W12", 3}}});
    r.facets.push_back({FacetKind::ActorPair, {{"FAMa + Wagner Group", 4}}});
    const std::string t = text(r);
    CHECK(t.find("\nweek\n  2024-W11 ") != std::string::npos);
    CHECK(t.find("█ 3\n") != std::string::npos);
    CHECK(t.find("actor-pair: FAMa + Wagner Group 4\n") != std::string::npos);
    const Json j = Json::parse(json_text(r, false));
    CHECK(j["facets"]["week"][1]["value"] == "2024-W12");
    CHECK(j["facets"]["actor-pair"][0]["actors"] == Json::array({"FAMa", "Wagner Group"}));
    CHECK(j["facets"]["actor-pair"][0]["count"] == 4);
}
