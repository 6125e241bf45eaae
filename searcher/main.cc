/** @file
 * @brief newsdex-search: ranked, filtered, faceted search from the terminal
 *        and from scripts.
 *
 * The command line only: options become a checked SearchRequest before any
 * database is opened; the library searches; result_format prints.
 */
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "batch_search.h"
#include "cli_errors.h"
#include "paths.h"
#include "ranking.h"
#include "result_format.h"
#include "schema.h"
#include "searcher.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

// Like grep: 0 something matched, 1 nothing matched, 2 error.
constexpr int kExitMatch = 0, kExitNoMatch = 1, kExitError = 2;

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Mode { Results, Count, Ids };

struct SearchConfig {
    std::vector<std::string> databases;
    SearchRequest request;
    OutputFormat format = OutputFormat::Text;
    Mode mode = Mode::Results;
    bool colour = false;
    bool explain = false;
    std::string batch_file;  // "" = no batch; "-" = stdin
    unsigned jobs = 1;
};

po::options_description option_table() {
    po::options_description options("Options");
    // clang-format off
    options.add_options()
        ("help,h", "show this help and exit")
        ("db,d", po::value<std::vector<std::string>>()->value_name("DB")->composing(),
         "database to search: a directory, a Xapian stub file or tcp://HOST:PORT (xapian-tcpsrv); "
         "default $NEWSDEX_DB, else ./newsdex.db; repeat to search several as shards of one collection")
        ("match", po::value<std::string>()->value_name("all|any")->default_value("all"),
         "all: every word must match; any: rank articles matching any word")
        ("bm25", po::value<std::string>()->value_name("K1,B"),
         "BM25 parameters of the ranking (default 2.0,0.75; see README, Ranking)")
        ("from", po::value<std::string>()->value_name("DATE"), "published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
        ("to", po::value<std::string>()->value_name("DATE"), "published on or before DATE (inclusive)")
        ("include-undated", "date filters also keep undated articles")
        ("actor", po::value<std::vector<std::string>>()->value_name("NAME")->composing(),
         "must mention this actor; repeatable; \"A|B\" for either")
        ("place", po::value<std::vector<std::string>>()->value_name("NAME")->composing(),
         "must name this place; repeatable; \"A|B\" for either")
        ("source", po::value<std::vector<std::string>>()->value_name("NAME")->composing(),
         "from this source; repeatable; \"A|B\" for either")
        ("lang", po::value<std::vector<std::string>>()->value_name("CODE")->composing(),
         "in this language (ISO 639-1), and read the query in it; repeatable; \"A|B\" for either")
        ("like", po::value<std::vector<std::string>>()->value_name("ID")->composing(),
         "articles like this one (its most informative terms); repeatable; combines with filters")
        ("collapse", "one hit per group of near-duplicates, with \"+N similar\" (default in text output)")
        ("no-collapse", "show near-duplicates as separate hits (default in other formats)")
        ("expand", po::value<std::string>()->value_name("ID"),
         "list the near-duplicate group of the article with this ID")
        ("sort", po::value<std::string>()->value_name("ORDER"),
         "relevance (default), newest or oldest; undated articles sort last")
        ("limit,n", po::value<unsigned>()->value_name("N")->default_value(10), "results to show")
        ("offset", po::value<unsigned>()->value_name("N")->default_value(0), "results to skip")
        ("count,c", "print only the number of matching articles")
        ("ids", "print only the IDs of the results, one a line")
        ("facets", po::value<std::string>()->value_name("LIST")->implicit_value("actor,month"),
         "count matches per value of: actor, place, actor-pair, week, month, year, source, "
         "lang (alone: actor,month)")
        ("facet-limit", po::value<unsigned>()->value_name("N")->default_value(10),
         "values shown per facet (top N by count)")
        ("format", po::value<std::string>()->value_name("FMT"),
         "text, json, jsonl or tsv (default: text on a terminal, jsonl otherwise)")
        ("no-snippets", "leave out the snippets (for scripts needing only IDs, titles and dates: "
         "a snippet costs a read of the article text and a lookup per distinct word)")
        ("no-color", "no colour in text output (also: NO_COLOR set in the environment)")
        ("explain", "show how the query was understood")
        ("batch", po::value<std::string>()->value_name("FILE"),
         "run one query per line of FILE (- for stdin), optionally ID<TAB>query; "
         "one JSON line out per query")
        ("jobs,j", po::value<unsigned>()->value_name("N")->default_value(1), "threads for --batch")
        ("version", "print the version and exit");
    // clang-format on
    return options;
}

void print_usage(const po::options_description& options) {
    std::cout << "Usage: newsdex-search [--db DB]... [options] QUERY...\n"
                 "       newsdex-search [--db DB]... [options] --batch FILE\n\n"
                 "Searches a newsdex database. QUERY words must all match (--match any to\n"
                 "rank by any); \"phrases\", AND OR NOT, +word -word, NEAR, wild*, title:word,\n"
                 "=exact, and filters actor:NAME place:NAME source:NAME lang:CODE year:YYYY\n"
                 "date:2024-03 date:2024-03-01..2024-03-31 date:2024-03-15.. date:..2023-12-31.\n\n"
              << options
              << "\nExit status: 0 something matched, 1 nothing matched, 2 error.\n";
}

std::optional<Day> option_date(const po::variables_map& vm, const char* name, bool end) {
    if (!vm.count(name)) return std::nullopt;
    const std::string& text = vm[name].as<std::string>();
    std::optional<Day> day = parse_date_bound(text, end);
    if (!day)
        throw UsageError("--" + std::string(name) + " '" + text +
                         "' is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    return day;
}

std::vector<std::string> option_list(const po::variables_map& vm, const char* name) {
    return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

// Raw flags -> a checked configuration; nothing here touches a database.
SearchConfig check_options(const po::variables_map& vm) {
    SearchConfig config;
    config.databases = option_list(vm, "db");
    if (config.databases.empty()) config.databases.push_back(default_database_path());
    for (const auto& spec : config.databases)
        if (std::string problem = check_database_spec(spec); !problem.empty()) throw UsageError(problem);

    SearchRequest& request = config.request;
    if (vm.count("query")) {
        for (const auto& word : vm["query"].as<std::vector<std::string>>())
            request.query += (request.query.empty() ? "" : " ") + word;
    }
    const std::string& match = vm["match"].as<std::string>();
    if (match == "all") request.match = MatchMode::All;
    else if (match == "any") request.match = MatchMode::Any;
    else throw UsageError("--match must be all or any, not '" + match + "'");
    if (vm.count("bm25")) {
        std::string problem;
        auto bm25 = parse_bm25_parameters(vm["bm25"].as<std::string>(), problem);
        if (!bm25) throw UsageError("--bm25: " + problem);
        request.bm25 = *bm25;
    }

    if (vm.count("sort")) {
        const std::string& sort = vm["sort"].as<std::string>();
        if (sort == "relevance") request.sort = SortOrder::Relevance;
        else if (sort == "newest") request.sort = SortOrder::Newest;
        else if (sort == "oldest") request.sort = SortOrder::Oldest;
        else throw UsageError("--sort must be relevance, newest or oldest, not '" + sort + "'");
        request.sort_given = true;
    }

    FilterOptions& filters = request.filters;
    filters.from = option_date(vm, "from", false);
    filters.to = option_date(vm, "to", true);
    if (filters.from && filters.to && *filters.from > *filters.to)
        throw UsageError("--from " + filters.from->iso() + " is after --to " + filters.to->iso());
    filters.include_undated = vm.count("include-undated") > 0;
    filters.actors = option_list(vm, "actor");
    filters.places = option_list(vm, "place");
    filters.sources = option_list(vm, "source");
    filters.langs = option_list(vm, "lang");

    request.limit = vm["limit"].as<unsigned>();
    request.offset = vm["offset"].as<unsigned>();
    request.facet_limit = vm["facet-limit"].as<unsigned>();
    if (vm.count("facets")) {
        const std::string& value = vm["facets"].as<std::string>();
        FacetKind kind;
        if (value.find(',') == std::string::npos && !parse_facet_name(value, kind)) {
            // `--facets drone strike`: the option parser took the first query
            // word as the facet list; it is a word, and the facets the default.
            request.query = value + (request.query.empty() ? "" : " ") + request.query;
            request.facets = {FacetKind::Actor, FacetKind::Month};
        } else {
            std::stringstream list(value);
            for (std::string name; std::getline(list, name, ',');) {
                if (name.empty()) continue;
                if (!parse_facet_name(name, kind))
                    throw UsageError("unknown facet '" + name +
                                     "' (known: actor, place, actor-pair, week, month, year, source, lang)");
                request.facets.push_back(kind);
            }
        }
    }

    if (vm.count("count") && vm.count("ids")) throw UsageError("--count and --ids cannot be combined");
    if (vm.count("count")) {
        config.mode = Mode::Count;
        request.exact_total = true;
        request.limit = 0;
        request.want_snippets = false;
    } else if (vm.count("ids")) {
        config.mode = Mode::Ids;
        request.want_snippets = false;
    }

    bool to_terminal = isatty(STDOUT_FILENO);
    if (vm.count("format")) {
        if (!parse_output_format(vm["format"].as<std::string>(), config.format))
            throw UsageError("--format must be text, json, jsonl or tsv, not '" +
                             vm["format"].as<std::string>() + "'");
    } else {
        config.format = to_terminal ? OutputFormat::Text : OutputFormat::JsonLines;
    }
    const char* no_color = std::getenv("NO_COLOR");
    config.colour = to_terminal && config.format == OutputFormat::Text && !vm.count("no-color") &&
                    !(no_color && *no_color);
    config.explain = vm.count("explain") > 0;

    request.like_ids = option_list(vm, "like");
    if (vm.count("expand")) request.expand_id = vm["expand"].as<std::string>();
    if (vm.count("collapse") && vm.count("no-collapse"))
        throw UsageError("--collapse and --no-collapse cannot be combined");

    if (vm.count("batch")) {
        config.batch_file = vm["batch"].as<std::string>();
        if (!request.query.empty()) throw UsageError("give queries either on the command line or with --batch, not both");
        // Batch output is always one JSON line per query.
        config.format = OutputFormat::JsonLines;
    }
    // Compute only what is printed: TSV has no snippet column, and --ids
    // (batch mode always prints JSON) needs no stored document.
    if (config.format == OutputFormat::Tsv || vm.count("no-snippets")) request.want_snippets = false;
    request.ids_only = config.mode == Mode::Ids && config.batch_file.empty();
    // People reading a list want each story once; scripts get every article
    // unless they ask (and --count keeps counting articles).
    const bool listing = config.format == OutputFormat::Text && config.mode == Mode::Results;
    request.collapse = vm.count("collapse") > 0 || (!vm.count("no-collapse") && listing);
    config.jobs = vm["jobs"].as<unsigned>();
    if (config.jobs == 0) throw UsageError("--jobs must be at least 1");
    return config;
}

HighlightMarkers markers_for(const SearchConfig& config) {
    Highlight h = highlight_markers(config.colour);
    return HighlightMarkers{h.start, h.end};
}

void print_result(const SearchConfig& config, const SearchResult& result) {
    if (config.mode == Mode::Count) {
        std::cout << (result.collapsed ? result.groups : result.total) << '\n';
        return;
    }
    if (config.mode == Mode::Ids) {
        for (const auto& hit : result.hits) std::cout << hit.id << '\n';
        return;
    }
    switch (config.format) {
        case OutputFormat::Text:
            if (config.explain) write_explain(std::cout, result);
            write_text(std::cout, result, TextStyle{config.colour});
            break;
        case OutputFormat::Json: write_json(std::cout, result, true); break;
        case OutputFormat::JsonLines: write_json(std::cout, result, false); break;
        case OutputFormat::Tsv: write_tsv(std::cout, result, true); break;
    }
}

/// Ends the process once the results are out, without the destructors: a
/// search writes nothing but its output (the databases are open read-only),
/// and closing the Xapian tables and freeing the translator and results one
/// by one took 0.2-0.3 ms of a 7-9 ms one-shot search.
[[noreturn]] void exit_after_output(int status) {
    if (!standard_output_written("newsdex-search")) status = kExitError;
    std::fflush(stderr);
    std::_Exit(status);
}

/// Exits from here, the searcher still open (see exit_after_output()).
[[noreturn]] void run_single(const SearchConfig& config) {
    Searcher searcher(config.databases);
    QueryError error;
    std::optional<SearchResult> result = searcher.search(config.request, markers_for(config), error);
    if (!result) {
        std::cerr << format_query_error(config.request.query, error) << '\n'
                  << query_error_pointer(config.request.query, error);
        exit_after_output(kExitError);
    }
    if (config.explain && config.format != OutputFormat::Text) write_explain(std::cerr, *result);
    print_result(config, *result);
    exit_after_output(result->total > 0 ? kExitMatch : kExitNoMatch);
}

int run_batch_file(const SearchConfig& config) {
    std::ifstream file;
    if (config.batch_file != "-") {
        file.open(config.batch_file);
        if (!file) throw UsageError(config.batch_file + ": cannot read batch file");
    }
    std::istream& in = config.batch_file == "-" ? std::cin : file;
    std::vector<BatchQuery> queries = read_batch_queries(in);

    bool any_error = false, any_match = false;
    run_batch(config.databases, queries, config.request, markers_for(config), config.jobs,
              [&](const BatchQuery& query, const BatchAnswer& answer) {
                  BatchContext context{query.line, query.id};
                  if (!answer.result) {
                      any_error = true;
                      write_json_error(std::cout, answer.error, query.query, &context);
                      return;
                  }
                  any_match |= answer.result->total > 0;
                  write_json(std::cout, *answer.result, /*pretty=*/false, &context);
              });
    if (any_error) return kExitError;
    return any_match ? kExitMatch : kExitNoMatch;
}

}  // namespace

int main(int argc, char** argv) {
    // Into a pipe or file, whole blocks of 64 kB: one search's answer then
    // leaves in one write(2), not in 4 kB pieces that the reading script
    // wakes up for one by one. A terminal stays line-buffered.
    // (glibc ignores the size unless it is given the buffer.)
    static char stdout_buffer[1 << 16];
    if (!isatty(STDOUT_FILENO)) std::setvbuf(stdout, stdout_buffer, _IOFBF, sizeof stdout_buffer);
    po::options_description options = option_table();
    po::options_description hidden;
    hidden.add_options()("query", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("query", -1);

    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        if (vm.count("help")) {
            print_usage(options);
            exit_after_output(kExitMatch);
        }
        if (vm.count("version")) {
            std::printf("newsdex-search 0.1.0 (Xapian %s, schema %d)\n", Xapian::version_string(),
                        schema::kSchemaVersion);
            exit_after_output(kExitMatch);
        }
        SearchConfig config = check_options(vm);
        if (config.batch_file.empty()) run_single(config);
        exit_after_output(run_batch_file(config));
    } catch (const po::error& e) {
        std::fprintf(stderr, "newsdex-search: error: %s (see --help)\n", e.what());
    } catch (...) {  // usage, a database that does not open, other Xapian errors
        report_fatal_error("newsdex-search");
    }
    return kExitError;
}
