/** @file
 * @brief Printing a SearchResult: text for a terminal, JSON / JSON Lines and
 *        TSV for scripts, plus error and --explain lines.
 *
 * The searcher only fills a SearchResult (search_request.h); everything the
 * user sees is written here, so the formats cannot drift apart and the
 * search code never has to know about terminals or escaping.
 *
 * None of these functions throws on odd data: invalid UTF-8 is replaced by
 * U+FFFD, control characters in article fields become spaces (so a hostile
 * title cannot send escape sequences to the terminal or break a TSV row).
 * They only throw what the stream throws if exceptions are enabled on it.
 *
 * JSON schema (stable; one object per query, `--format json` pretty-printed
 * with 2-space indentation, `--format jsonl` on one line):
 *
 *     {
 *       "line": 3,               // batch mode only: 1-based input line
 *       "id": "q3",              // batch mode only: the query ID, or null
 *       "query": "drone strike", // the query as typed ("" for filters only)
 *       "parsed": "...",         // how the query was understood
 *       "total": 23,             // number of matching articles
 *       "total_exact": true,     // false: total is an estimate
 *       "collapsed": false,      // near-duplicates collapsed (--collapse)
 *       "groups": null,          // with collapsed: matching groups, else null
 *       "offset": 0,             // hits skipped before the first one shown
 *       "hits": [
 *         { "rank": 1,           // 1-based over the whole result, not the page
 *           "id": "...",
 *           "score": 12.3457,    // BM25, rounded to 4 decimals; 0 when sorted by date
 *           "date": "2024-03-20",// null when the article is undated
 *           "title": "...", "source": "...",
 *           "lang": "fr",        // "" when unknown
 *           "url": "...",        // "" when unknown
 *           "path": "...",       // input file the article came from
 *           "actors": ["..."], "places": ["..."],
 *           "similar": 2,        // collapsed: other matching copies; else 0
 *           "snippet": "...**Kidal**..." }   // "" when snippets are off
 *       ],
 *       "facets": {              // only the facets asked for, in that order
 *         "actor": [ {"value": "JNIM", "count": 4} ],
 *         "month": [ {"value": "2024-03", "count": 17} ],  // chronological (also week, year)
 *         "actor-pair": [ {"value": "FAMa + Wagner Group", "count": 9,
 *                          "actors": ["FAMa", "Wagner Group"]} ]
 *       },
 *       "suggestion": null,      // "did you mean" query, or null
 *       "elapsed_ms": 3.41       // rounded to 2 decimals
 *     }
 *
 * A query that cannot run gives instead (batch fields only in batch mode):
 *
 *     {"line":3,"id":"q3","query":"...","error":"...","position":5}
 *
 * where "position" is the 0-based byte offset in the query, or null when the
 * problem is in an option. Snippets in JSON carry whatever markers the
 * searcher was given; callers pass highlight_markers(false), so JSON
 * consumers see `**word**`, never ANSI codes.
 */
#ifndef NEWSDEX_RESULT_FORMAT_H
#define NEWSDEX_RESULT_FORMAT_H

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

#include "search_request.h"

namespace newsdex {

enum class OutputFormat { Text, Json, JsonLines, Tsv };

/// "text", "json", "jsonl" (also "jsonlines", "ndjson"), "tsv"; lower case
/// only. Returns false and leaves @p out alone for anything else.
bool parse_output_format(std::string_view name, OutputFormat& out);
/// The canonical name parse_output_format() accepts ("jsonl" for JsonLines).
const char* output_format_name(OutputFormat format);

/// The markers the searcher wraps around matched words in snippets.
struct Highlight {
    std::string start, end;
};

/// @p colour true: ANSI bold yellow ("\033[1;33m" ... "\033[0m"), for a
/// terminal. False: "**" ... "**", for pipes, files, JSON and TSV.
Highlight highlight_markers(bool colour);

/// How write_text() lays out its output.
struct TextStyle {
    bool colour = false;  ///< emit ANSI escapes; when false, none at all
    /// Terminal columns to fit in. Values below 40 are treated as 40 so the
    /// layout never degenerates to one word per line.
    unsigned width = 100;
};

/// Human-readable result, for a terminal:
///  - a summary line: `23 articles match "drone strike"` (`About 2300 ...`
///    when the total is an estimate, `(19 after collapsing near-duplicates)`
///    when collapsed, `(showing 11-20)` when paging);
///  - each hit: rank, date (`undated` when none), title (wrapped, bold) and
///    score (omitted when 0, i.e. sorted by date; below about 60 columns the
///    title moves to its own lines under the date); then a metadata line
///    (actors · places · source · "+N similar" when near-duplicates were
///    collapsed into it), the URL (or the file path when no URL),
///    and the snippet wrapped to the width;
///  - each facet: actor/place/source/lang/actor-pair as one wrapped list
///    `actor: Wagner Group 12 · FAMa 9`; week/month/year as a horizontal bar
///    chart in chronological order, bars scaled to the largest count;
///  - `Did you mean: <suggestion>?` when there is a suggestion.
/// No hits is not an error: it prints `No articles match "..."`, and an
/// offset past the last match prints the total with `(none from N on)`.
/// Every line fits in style.width except a URL longer than the width, which
/// is kept whole so it stays clickable.
void write_text(std::ostream& out, const SearchResult& result, const TextStyle& style);

/// Where a query came from in batch mode (`--batch FILE`: one query a line).
struct BatchContext {
    std::size_t line = 0;  ///< 1-based line number in the batch input
    std::string id;        ///< the query's ID; "" gives JSON null
};

/// The result as one JSON object (schema in the file comment), then '\n'.
/// @p pretty: 2-space indentation (`--format json`); otherwise a single
/// line (`--format jsonl`). @p batch non-null: "line" and "id" come first.
void write_json(std::ostream& out, const SearchResult& result, bool pretty,
                const BatchContext* batch = nullptr);

/// A query that could not run, as one JSON line:
/// `{"line":3,"id":"q3","query":"...","error":"...","position":5}`
/// ("line"/"id" only when @p batch is non-null, "position" null when the
/// error is not in the query text). Written to stdout in batch mode so the
/// output keeps one line per input query.
void write_json_error(std::ostream& out, const QueryError& error, const std::string& query,
                      const BatchContext* batch = nullptr);

/// Tab-separated hits, one per line, for spreadsheets and `cut`. Columns:
/// `rank id score date title source url actors places`; score with 4
/// decimals, date empty when undated, actors and places joined with `|`.
/// Tabs, newlines and other control characters inside fields become spaces;
/// a `|` inside an actor or place name becomes `/`. @p header: print the
/// column names first. Facets, snippets and the total are not included
/// (use JSON for those); an empty result prints only the header.
void write_tsv(std::ostream& out, const SearchResult& result, bool header);

/// For `--explain`: the query as typed, as parsed, and the filters after
/// resolution (aliases to canonical names, dates to days), e.g.
///     query:   drone strike
///     parsed:  Query((drone@1 AND strike@2))
///     filters: actor: JNIM
///              date: 2024-01-01..2024-03-31
/// `filters: none` when there are none. Plain text, no colour.
void write_explain(std::ostream& out, const SearchResult& result);

/// One line, no trailing newline, for stderr:
/// `newsdex-search: error: <message> at position N` (N = the 0-based byte
/// offset, as in JSON), or without " at position N" when the position is -1.
std::string format_query_error(const std::string& query, const QueryError& error);

/// Two lines (each ending in '\n') that point at the error in the query:
///     "  actor:Wagnr drone\n"
///     "        ^\n"
/// The caret is placed by display column, so it lines up after accented or
/// wide characters. "" when the position is -1 or the query is empty.
std::string query_error_pointer(const std::string& query, const QueryError& error);

}  // namespace newsdex

#endif  // NEWSDEX_RESULT_FORMAT_H
