/** @file
 * @brief newsdex-index: index article dumps into a newsdex Xapian database.
 *
 * The command line only: options are parsed into a checked configuration,
 * and the work is done by the newsdex_common library.
 */
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "boilerplate.h"
#include "cli_errors.h"
#include "console_observer.h"
#include "entity_recognizer.h"
#include "index_stats.h"
#include "index_writer.h"
#include "indexing_pipeline.h"
#include "paths.h"
#include "schema.h"
#include "shard_layout.h"
#include "sharded_index_writer.h"

namespace po = boost::program_options;
using namespace newsdex;

namespace {

constexpr int kExitOk = 0, kExitSkipped = 1, kExitFatal = 2;

/// A problem with the command line or its files: one line, exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct IndexerConfig {
    std::string database;
    std::vector<std::string> inputs;
    std::vector<std::string> delete_ids;
    std::optional<ShardLayout> shard_by;  // --shard-by
    bool stats = false;
    bool quiet = false;
    bool summary_json = false;
    WriterOptions writer;
    PipelineOptions pipeline;
    std::string default_language = "en";
    EntityRecognizer entities;
    std::string actors_tsv, places_tsv;  // as loaded, stored in the database
    BoilerplateFilter boilerplate;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(path + ": cannot read file");
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// The shipped gazetteer (or its replacement) plus any extensions, as one
// TSV text: it is also stored in the database, so the searcher resolves
// names exactly as the indexer recognised them.
std::string gazetteer_text(const std::string& main_file, const std::vector<std::string>& extra_files) {
    std::vector<std::string> files{main_file};
    files.insert(files.end(), extra_files.begin(), extra_files.end());
    std::string combined;
    for (const auto& file : files) {
        // Each file is checked on its own first, so errors name its lines.
        std::string content = read_file(file);
        try {
            Gazetteer().load_string(file, content);
        } catch (const GazetteerError& e) {
            throw UsageError(e.what());
        }
        combined += content;
        if (!combined.empty() && combined.back() != '\n') combined += '\n';
    }
    return combined;
}

po::options_description option_table() {
    po::options_description options("Options");
    // clang-format off
    options.add_options()
        ("help,h", "show this help and exit")
        ("db,d", po::value<std::string>()->value_name("DIR"),
         "database directory (default: $NEWSDEX_DB, else ./newsdex.db)")
        ("format,f", po::value<std::string>()->value_name("FMT")->default_value("auto"),
         "input format: auto, text, jsonl, csv or tsv")
        ("field", po::value<std::vector<std::string>>()->value_name("NAME=COLUMN")->composing(),
         "read article field NAME (id, title, date, text, source, url, lang) from "
         "COLUMN of JSON Lines / CSV input; repeatable")
        ("lang", po::value<std::string>()->value_name("CODE")->default_value("auto"),
         "language of articles that do not name one (ISO 639-1 code); auto: detect it")
        ("actors", po::value<std::string>()->value_name("FILE"),
         "actor gazetteer replacing the shipped corpus/actors.tsv")
        ("extra-actors", po::value<std::vector<std::string>>()->value_name("FILE")->composing(),
         "actor gazetteer entries added to the shipped ones; repeatable")
        ("places", po::value<std::string>()->value_name("FILE"),
         "place gazetteer replacing the shipped corpus/places.tsv")
        ("extra-places", po::value<std::vector<std::string>>()->value_name("FILE")->composing(),
         "place gazetteer entries added to the shipped ones; repeatable")
        ("boilerplate", po::value<std::vector<std::string>>()->value_name("FILE")->composing(),
         "more boilerplate line patterns, added to corpus/boilerplate.txt; repeatable")
        ("keep-duplicates", "index articles whose text equals another article's under another ID")
        ("delete", po::value<std::vector<std::string>>()->value_name("ID")->multitoken()->composing(),
         "delete the articles with these IDs")
        ("stats", "print what the database holds and exit")
        ("threads,j", po::value<unsigned>()->value_name("N")->default_value(0),
         "analysis threads (0 = one per core)")
        ("shard-by", po::value<std::string>()->value_name("LAYOUT"),
         "write a sharded collection: DIR holds one database per year, month or hash:N of the "
         "article ID, and a stub file DIR/XAPIANDB that opens them as one (later runs need no flag)")
        ("writers", po::value<unsigned>()->value_name("N")->default_value(0),
         "Xapian writer threads, each filling its own shard, merged at the end (0 = one per core; "
         "1 = write into the database directly; with --shard-by, one per shard)")
        ("memory-limit", po::value<std::uint64_t>()->value_name("MB")->default_value(kDefaultMemoryLimit >> 20),
         "bound on the memory of pending writes and queues, in MB (commits come sooner when reached)")
        ("commit-every", po::value<std::uint64_t>()->value_name("N")->default_value(kDefaultCommitEvery),
         "commit after every N articles (a kill or crash loses at most the articles since the "
         "last commit; rerun the same command to finish)")
        ("wait", "when another newsdex-index is writing the database, wait for it to finish "
         "instead of failing")
        ("quiet,q", "no progress line")
        ("summary-json", "print the final summary (or --stats) as one JSON object on stdout")
        ("version", "print the version and exit");
    // clang-format on
    return options;
}

void print_usage(const po::options_description& options) {
    std::cout << "Usage: newsdex-index [--db DIR] [options] PATH...\n"
                 "       newsdex-index --stats [--db DIR]\n"
                 "       newsdex-index --delete ID... [--db DIR]\n"
                 "       newsdex-index --shard-by year|month|hash:N --db DIR [options] PATH...\n\n"
                 "Indexes article dumps: files, directories (walked recursively) or - for\n"
                 "standard input, as text (.txt), JSON Lines (.jsonl, .ndjson) or CSV/TSV\n"
                 "(.csv, .tsv), each optionally gzip-compressed (.gz). Re-indexing is\n"
                 "idempotent: articles are identified by id, url, path or content.\n\n"
              << options
              << "\nExit status: 0 all indexed, 1 some input skipped with errors, 2 fatal error.\n";
}

IndexerConfig check_options(const po::variables_map& vm) {
    IndexerConfig config;
    config.database = vm.count("db") ? vm["db"].as<std::string>() : default_database_path();
    if (vm.count("input")) config.inputs = vm["input"].as<std::vector<std::string>>();
    if (vm.count("delete")) config.delete_ids = vm["delete"].as<std::vector<std::string>>();
    config.stats = vm.count("stats") > 0;
    config.quiet = vm.count("quiet") > 0;
    config.summary_json = vm.count("summary-json") > 0;
    config.writer.keep_duplicates = vm.count("keep-duplicates") > 0;
    config.writer.wait_for_lock = vm.count("wait") > 0;
    if (!config.stats && config.inputs.empty() && config.delete_ids.empty())
        throw UsageError("no input given: name files or directories to index (see --help)");

    if (!parse_format_name(vm["format"].as<std::string>(), config.pipeline.read.format))
        throw UsageError("unknown --format '" + vm["format"].as<std::string>() +
                         "' (expected auto, text, jsonl, csv or tsv)");
    if (vm.count("field"))
        for (const auto& spec : vm["field"].as<std::vector<std::string>>())
            if (std::string error = config.pipeline.read.fields.set(spec); !error.empty())
                throw UsageError("--field " + spec + ": " + error);
    config.pipeline.analysis_threads = vm["threads"].as<unsigned>();
    config.pipeline.commit_every = vm["commit-every"].as<std::uint64_t>();
    if (config.pipeline.commit_every == 0) throw UsageError("--commit-every must be at least 1");
    config.writer.writers = vm["writers"].as<unsigned>();
    if (vm.count("shard-by")) {
        std::string error;
        config.shard_by = ShardLayout::parse(vm["shard-by"].as<std::string>(), error);
        if (!config.shard_by) throw UsageError("--shard-by: " + error);
        if (config.stats) throw UsageError("--shard-by is for indexing, not --stats");
    }
    const std::uint64_t memory_mb = vm["memory-limit"].as<std::uint64_t>();
    if (memory_mb < 64) throw UsageError("--memory-limit must be at least 64 (MB)");
    config.writer.memory_limit = memory_mb << 20;
    config.pipeline.memory_limit = config.writer.memory_limit;
    config.default_language = schema::normalise_name(vm["lang"].as<std::string>());

    if (config.stats) return config;  // no analysis resources needed
    auto list = [&](const char* name) {
        return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
    };
    config.actors_tsv = gazetteer_text(vm.count("actors") ? vm["actors"].as<std::string>() : data_file("actors.tsv"),
                                       list("extra-actors"));
    config.places_tsv = gazetteer_text(vm.count("places") ? vm["places"].as<std::string>() : data_file("places.tsv"),
                                       list("extra-places"));
    try {
        config.entities.load("actor gazetteers", config.actors_tsv, "place gazetteers", config.places_tsv);
    } catch (const GazetteerError& e) {
        throw UsageError(e.what());
    }
    std::vector<std::string> patterns{data_file("boilerplate.txt")};
    for (const auto& file : list("boilerplate")) patterns.push_back(file);
    for (const auto& file : patterns) {
        try {
            config.boilerplate.load_file(file);
        } catch (const std::exception& e) {
            throw UsageError(e.what());
        }
    }
    return config;
}

void print_names(const char* heading, const std::vector<NameCount>& names) {
    if (names.empty()) return;
    std::printf("%s:\n", heading);
    for (const auto& [name, count] : names) std::printf("  %7u  %s\n", count, name.c_str());
}

int show_stats(const IndexerConfig& config) {
    IndexStats stats = latest_index_stats(config.database);
    if (config.summary_json) {
        auto pairs = [](const std::vector<NameCount>& names) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& [name, count] : names) out.push_back({{"value", name}, {"count", count}});
            return out;
        };
        nlohmann::json j = {
            {"database", config.database},
            {"articles", stats.articles},
            {"undated", stats.undated},
            {"first_date", stats.first_date ? nlohmann::json(stats.first_date->iso()) : nlohmann::json()},
            {"last_date", stats.last_date ? nlohmann::json(stats.last_date->iso()) : nlohmann::json()},
            {"actors", pairs(stats.actors)},   {"places", pairs(stats.places)},
            {"sources", pairs(stats.sources)}, {"languages", pairs(stats.languages)},
            {"years", pairs(stats.years)},
            {"duplicate_groups", stats.duplicate_groups},
            {"articles_in_duplicate_groups", stats.articles_in_duplicate_groups}};
        std::printf("%s\n", j.dump().c_str());
        return kExitOk;
    }
    std::printf("%s: %u articles", config.database.c_str(), stats.articles);
    if (stats.first_date)
        std::printf(", dated %s to %s", stats.first_date->iso().c_str(), stats.last_date->iso().c_str());
    std::printf(", %u undated\n", stats.undated);
    std::printf("%u near-duplicate groups (%u articles)\n", stats.duplicate_groups,
                stats.articles_in_duplicate_groups);
    print_names("Top actors", stats.actors);
    print_names("Top places", stats.places);
    print_names("Sources", stats.sources);
    print_names("Languages", stats.languages);
    print_names("Articles per year", stats.years);
    return kExitOk;
}

int run_index(IndexerConfig& config) {
    auto started = std::chrono::steady_clock::now();
    ConsoleObserver observer(!config.quiet && isatty(STDERR_FILENO));
    IndexCounts counts;
    std::uint64_t missing_inputs = 0;
    std::vector<InputFile> inputs = expand_inputs(config.inputs, [&](const ReadError& e) {
        ++missing_inputs;
        observer.report(e);
    });

    config.writer.on_wait = [&](pid_t pid) {
        std::fprintf(stderr, "newsdex-index: waiting for the newsdex-index writing %s (pid %s) to finish...\n",
                     config.database.c_str(), pid ? std::to_string(pid).c_str() : "unknown");
    };
    // A sharded collection remembers its layout: --shard-by is needed only
    // to create one.
    std::unique_ptr<ArticleWriter> writer_owner;
    if (config.shard_by || read_shard_layout(config.database))
        writer_owner = std::make_unique<ShardedIndexWriter>(config.database, config.shard_by, config.writer);
    else
        writer_owner = std::make_unique<IndexWriter>(config.database, config.writer);
    ArticleWriter& writer = *writer_owner;
    try {
        for (const auto& id : config.delete_ids) {
            if (writer.remove(id)) ++counts.deleted; else ++counts.not_found;
        }
        if (!inputs.empty()) {
            AnalysisConfig analysis;
            analysis.entities = &config.entities;
            analysis.boilerplate = &config.boilerplate;
            analysis.default_language = config.default_language;
            writer.set_metadata(schema::kMetaActorsGazetteer, config.actors_tsv);
            writer.set_metadata(schema::kMetaPlacesGazetteer, config.places_tsv);
            IndexCounts indexed = run_indexing(inputs, analysis, config.pipeline, writer, observer);
            indexed.deleted = counts.deleted;
            indexed.not_found = counts.not_found;
            counts = indexed;
        } else {
            writer.commit();
            writer.finish();
        }
    } catch (const DatabaseWriteError& e) {
        observer.finish();
        throw DatabaseWriteError(std::string(e.what()) + "; the database keeps its last commit (" +
                                 std::to_string(writer.committed_doccount()) +
                                 " articles): free space or fix permissions and run the same command again");
    }
    counts.errors += missing_inputs;
    observer.finish();

    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (config.summary_json)
        print_summary_json(counts, writer.doccount(), seconds, config.database, writer.commit_seconds());
    if (!config.quiet || !config.summary_json) print_summary(counts, writer.doccount(), seconds);
    return counts.errors ? kExitSkipped : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    // Past a file size limit (ulimit -f), write() should fail with EFBIG and
    // be reported like a full disk, rather than the signal killing us.
    std::signal(SIGXFSZ, SIG_IGN);
    po::options_description options = option_table();
    po::options_description hidden;
    hidden.add_options()("input", po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positional;
    positional.add("input", -1);

    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
        po::notify(vm);
        int status = kExitOk;
        if (vm.count("help")) {
            print_usage(options);
        } else if (vm.count("version")) {
            std::printf("newsdex-index 0.1.0 (Xapian %s, schema %d)\n", Xapian::version_string(),
                        schema::kSchemaVersion);
        } else {
            IndexerConfig config = check_options(vm);
            status = config.stats ? show_stats(config) : run_index(config);
        }
        // Output that cannot be written is an error, whatever was asked.
        return standard_output_written("newsdex-index") ? status : kExitFatal;
    } catch (const po::error& e) {
        std::fprintf(stderr, "newsdex-index: error: %s (see --help)\n", e.what());
    } catch (const Xapian::DatabaseOpeningError& e) {
        std::fprintf(stderr, "newsdex-index: error: cannot open database: %s\n", e.get_msg().c_str());
    } catch (...) {  // usage, busy or unwritable database, other Xapian errors
        report_fatal_error("newsdex-index");
    }
    return kExitFatal;
}
