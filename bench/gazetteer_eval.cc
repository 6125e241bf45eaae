/** @file
 * @brief Measures gazetteer recognition against ACLED's actor and place columns.
 *
 * Runs Gazetteer::find on each event's `notes` and compares the result with
 * the event's ACLED actors (mapped through bench/acled_actor_map.tsv) and
 * places (admin1-3 and location, resolved through the place gazetteer).
 * ACLED's columns are coded by analysts, not extracted from the note, so
 * this is a lower bound both ways: a column may name an actor the note only
 * implies ("Military Forces of Mali" for "the National Guard"), and a note
 * may name an actor that is not a column value. --samples prints notes to
 * judge which is which. See bench/README-gazetteer.md.
 */
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "gazetteer.h"
#include "name_folding.h"

#ifndef NEWSDEX_SOURCE_DIR
#define NEWSDEX_SOURCE_DIR "."
#endif

namespace {

using newsdex::Gazetteer;

struct Options {
    std::string events = NEWSDEX_SOURCE_DIR "/../shared/corpora/acled-sahel/acled-mali-2017-2018-events.jsonl";
    std::string map = NEWSDEX_SOURCE_DIR "/bench/acled_actor_map.tsv";
    std::string actors = NEWSDEX_SOURCE_DIR "/corpus/actors.tsv";
    std::string places = NEWSDEX_SOURCE_DIR "/corpus/places.tsv";
    std::size_t samples = 0;  ///< example notes per listed name
    std::size_t repeat = 20;  ///< passes over all notes for the timing
    std::size_t random = 0;   ///< random FP and FN instances to print for review
    bool holdout = false;
};

struct Event {
    std::string id, notes, country, admin1, admin2, admin3, location;
    std::vector<std::string> actors;  ///< actors[] and assoc_actors[]
};

struct Counts {
    std::size_t tp = 0, fp = 0, fn = 0;
};

/// A name's tally with a few example notes.
struct Tally {
    std::size_t count = 0;
    std::vector<const Event*> examples;
};

/// Components as ACLED codes them: the parent is the actor and the
/// component an associated actor, while the note often names only the
/// component ("Katiba Macina militants"). Used only to explain misses.
const std::multimap<std::string, std::string> kComponents = {
    {"JNIM", "Katiba Macina"}, {"JNIM", "Katiba Serma"}, {"JNIM", "Ansar Dine"},
    {"JNIM", "Al-Mourabitoun"}, {"JNIM", "AQIM"},       {"CMA", "MNLA"},
    {"CMA", "HCUA"},           {"Platform coalition", "GATIA"},
};

bool is_place_kind(const std::string& kind) {
    return kind == "country" || kind == "region" || kind == "town" || kind == "area";
}

std::vector<Event> read_events(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::vector<Event> events;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        Event e{j.value("event_id", ""), j.value("notes", ""), j.value("country", ""),
                j.value("admin1", ""), j.value("admin2", ""), j.value("admin3", ""),
                j.value("location", ""), {}};
        for (const char* field : {"actors", "assoc_actors"}) {
            for (const auto& a : j.value(field, nlohmann::json::array())) e.actors.push_back(a.get<std::string>());
        }
        events.push_back(std::move(e));
    }
    return events;
}

std::unordered_map<std::string, std::string> read_map(const std::string& path,
                                                      const std::map<std::string, std::string>& kinds) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open");
    std::unordered_map<std::string, std::string> map;
    std::string line;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        if (tab == std::string::npos) throw std::runtime_error(path + ":" + std::to_string(n) + ": no TAB");
        std::string ours = line.substr(tab + 1);
        if (ours != "-" && !kinds.count(ours))
            throw std::runtime_error(path + ":" + std::to_string(n) + ": '" + ours + "' is not in the gazetteer");
        map[line.substr(0, tab)] = std::move(ours);
    }
    return map;
}

void note(std::map<std::string, Tally>& tallies, const std::string& name, const Event& e,
          std::size_t samples) {
    Tally& t = tallies[name];
    ++t.count;
    if (t.examples.size() < samples) t.examples.push_back(&e);
}

double ratio(std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; }

void print_counts(const std::string& label, const Counts& c, bool with_recall = true) {
    if (with_recall)
        std::printf("| %-22s | %5zu | %5zu | %5zu | %5.1f%% | %5.1f%% |\n", label.c_str(), c.tp, c.fp, c.fn,
                    ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn));
    else
        std::printf("| %-22s | %5zu | %5zu | %5.1f%% |\n", label.c_str(), c.tp, c.fp, ratio(c.tp, c.tp + c.fp));
}

void print_top(const char* title, const std::map<std::string, Tally>& tallies, std::size_t samples) {
    std::vector<std::pair<std::string, const Tally*>> sorted;
    for (const auto& [name, t] : tallies) sorted.emplace_back(name, &t);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second->count > b.second->count; });
    std::printf("\n%s:", title);
    for (std::size_t i = 0; i < sorted.size() && i < 15; ++i)
        std::printf("%s %s %zu", i ? "," : "", sorted[i].first.c_str(), sorted[i].second->count);
    std::printf("\n");
    for (std::size_t i = 0; samples && i < sorted.size() && i < 15; ++i) {
        for (const Event* e : sorted[i].second->examples) {
            std::string actors;
            for (const auto& a : e->actors) actors += (actors.empty() ? "" : "; ") + a;
            std::printf("  [%s] %s | ACLED: %s | %s/%s/%s\n    %s\n", sorted[i].first.c_str(), e->id.c_str(),
                        actors.c_str(), e->admin1.c_str(), e->admin2.c_str(), e->location.c_str(),
                        e->notes.c_str());
        }
    }
}

/// A seeded random sample, so that a review can be repeated.
void print_random(const char* title, std::vector<std::pair<std::string, const Event*>> list, std::size_t n) {
    if (!n) return;
    std::shuffle(list.begin(), list.end(), std::mt19937(20172018));
    std::printf("\n%s (%zu of %zu):\n", title, std::min(n, list.size()), list.size());
    for (std::size_t i = 0; i < n && i < list.size(); ++i) {
        std::string actors;
        for (const auto& a : list[i].second->actors) actors += (actors.empty() ? "" : "; ") + a;
        std::printf("%2zu [%s] %s | ACLED: %s\n    %s\n", i + 1, list[i].first.c_str(), list[i].second->id.c_str(),
                    actors.c_str(), list[i].second->notes.c_str());
    }
}

/// Whole-word occurrence of @p name in @p folded_note (both folded): did the
/// note use ACLED's own spelling?
bool spelled_in(const std::string& folded_note, const std::string& name) {
    const std::string f = newsdex::fold_name(name);
    return !f.empty() && folded_note.find(" " + f + " ") != std::string::npos;
}

int run(const Options& opt) {
    if (!opt.holdout && opt.events.find("holdout") != std::string::npos) {
        std::cerr << "refusing to read " << opt.events
                  << ": holdout data is for the final measurement only (--holdout)\n";
        return 2;
    }
    Gazetteer gaz;  // one gazetteer: "Katiba Macina" must beat the place Macina
    gaz.load_file(opt.actors);
    gaz.load_file(opt.places);
    std::map<std::string, std::string> kinds;
    for (const auto& e : gaz.entries()) kinds[e.canonical] = e.kind;
    const auto acled_map = read_map(opt.map, kinds);
    const auto events = read_events(opt.events);

    std::map<std::string, Counts> actor_counts, place_counts;  // by kind
    std::map<std::string, Tally> missed, false_pos, place_fp, place_missed, unmapped;
    std::vector<std::pair<std::string, const Event*>> fp_list, fn_list, place_fp_list, location_fn_list;
    std::size_t fn_component = 0;  // misses whose note names a component
    struct FieldRecall { std::size_t listed = 0, found = 0, spelled = 0, spelled_found = 0; };
    std::map<std::string, FieldRecall> fields;
    std::size_t bytes = 0;

    for (const Event& e : events) {
        bytes += e.notes.size();
        const auto found = gaz.find(e.notes);
        std::set<std::string> pred_actors, pred_places, gold_actors, gold_places;
        for (const auto& name : found) (is_place_kind(kinds.at(name)) ? pred_places : pred_actors).insert(name);

        for (const auto& a : e.actors) {
            const auto m = acled_map.find(a);
            if (m == acled_map.end()) note(unmapped, a, e, 0);
            else if (m->second != "-") gold_actors.insert(m->second);
        }
        for (const auto& name : pred_actors) {
            Counts& c = actor_counts[kinds.at(name)];
            if (gold_actors.count(name)) ++c.tp;
            else ++c.fp, note(false_pos, name, e, opt.samples), fp_list.emplace_back(name, &e);
        }
        for (const auto& name : gold_actors) {
            if (pred_actors.count(name)) continue;
            ++actor_counts[kinds.at(name)].fn;
            note(missed, name, e, opt.samples);
            fn_list.emplace_back(name, &e);
            const auto [from, to] = kComponents.equal_range(name);
            fn_component += std::any_of(from, to, [&](const auto& c) { return pred_actors.count(c.second) > 0; });
        }

        // Places: ACLED names resolved through our gazetteer. A name is found
        // as the town or as the region of that name ("Menaka region" for
        // admin2 Menaka): region and cercle names are their capitals' names.
        const std::string folded = " " + newsdex::fold_name(e.notes) + " ";
        const auto field = [&](const char* label, const std::string& name, bool region = true) {
            std::vector<std::string> ours;
            if (auto r = gaz.resolve(name)) ours.push_back(*r);
            if (region) {
                if (auto r = gaz.resolve(name + " Region")) ours.push_back(*r);
            }
            if (ours.empty()) return;
            gold_places.insert(ours.begin(), ours.end());
            FieldRecall& f = fields[label];
            const bool hit = std::any_of(ours.begin(), ours.end(), [&](const auto& o) { return pred_places.count(o) > 0; });
            const bool spelled = spelled_in(folded, name);
            ++f.listed;
            f.found += hit;
            f.spelled += spelled;
            f.spelled_found += spelled && hit;
            if (spelled && !hit) note(place_missed, std::string(label) + " " + name, e, opt.samples);
            if (!hit && std::string_view(label) == "location") location_fn_list.emplace_back(name, &e);
        };
        field("country", e.country, false);
        field("admin1", e.admin1);
        field("admin2", e.admin2);
        field("admin3", e.admin3);
        field("location", e.location);
        for (const auto& name : pred_places) {
            Counts& c = place_counts[kinds.at(name)];
            if (gold_places.count(name)) ++c.tp;
            else ++c.fp, note(place_fp, name, e, opt.samples), place_fp_list.emplace_back(name, &e);
        }
    }

    std::printf("%zu events, %zu bytes of notes\n\n## Actors (micro, against ACLED actor columns)\n\n", events.size(), bytes);
    std::printf("| %-22s | %5s | %5s | %5s | %6s | %6s |\n|---|---|---|---|---|---|\n", "kind", "TP", "FP", "FN",
                "P", "R");
    Counts total;
    for (const auto& [kind, c] : actor_counts) {
        print_counts(kind, c);
        total.tp += c.tp, total.fp += c.fp, total.fn += c.fn;
    }
    print_counts("all actors", total);
    std::printf("\nMisses where the note names a component instead (Katiba Macina for JNIM...): %zu of %zu\n",
                fn_component, total.fn);
    print_top("Top missed actors", missed, opt.samples);
    print_top("Top false-positive actors", false_pos, opt.samples);
    if (!unmapped.empty()) print_top("ACLED actors missing from the map (counted as -)", unmapped, 0);

    print_random("Random false positives", fp_list, opt.random);
    print_random("Random misses", fn_list, opt.random);

    std::printf("\n## Places: precision by kind (against country/admin1-3/location)\n\n");
    std::printf("| %-22s | %5s | %5s | %6s |\n|---|---|---|---|\n", "kind", "TP", "FP", "P");
    Counts ptotal;
    for (const auto& [kind, c] : place_counts) {
        print_counts(kind, c, false);
        ptotal.tp += c.tp, ptotal.fp += c.fp;
    }
    print_counts("all places", ptotal, false);
    print_top("Top false-positive places", place_fp, opt.samples);
    print_random("Random false-positive places", place_fp_list, opt.random);

    std::printf("\n## Places: recall by ACLED field (events whose value we list)\n\n");
    std::printf("| field    | listed | found | recall | note spells it | found | recall |\n|---|---|---|---|---|---|---|\n");
    for (const char* label : {"country", "admin1", "admin2", "admin3", "location"}) {
        const FieldRecall& f = fields[label];
        std::printf("| %-8s | %6zu | %5zu | %5.1f%% | %14zu | %5zu | %5.1f%% |\n", label, f.listed, f.found,
                    ratio(f.found, f.listed), f.spelled, f.spelled_found, ratio(f.spelled_found, f.spelled));
    }
    print_top("Spelled in the note but not found", place_missed, opt.samples);
    print_random("Random missed locations", location_fn_list, opt.random);

    // Speed: the same notes, several passes, one thread.
    const auto start = std::chrono::steady_clock::now();
    std::size_t sink = 0;
    for (std::size_t r = 0; r < opt.repeat; ++r) {
        for (const Event& e : events) sink += gaz.find(e.notes).size();
    }
    const std::chrono::duration<double> secs = std::chrono::steady_clock::now() - start;
    std::printf("\n## Speed\n\nfind() per note: %.1f MB/s (%zu passes over %zu bytes in %.3f s, %zu matches/pass)\n",
                static_cast<double>(bytes * opt.repeat) / 1e6 / secs.count(), opt.repeat, bytes, secs.count(),
                opt.repeat ? sink / opt.repeat : 0);
    // The same bytes as one long text: article-sized input, where the
    // per-call setup no longer counts.
    std::string all;
    for (const Event& e : events) all += e.notes + "\n";
    const auto start_all = std::chrono::steady_clock::now();
    for (std::size_t r = 0; r < opt.repeat; ++r) sink += gaz.find(all).size();
    const std::chrono::duration<double> secs_all = std::chrono::steady_clock::now() - start_all;
    std::printf("find() on all notes as one text: %.1f MB/s\n",
                static_cast<double>(all.size() * opt.repeat) / 1e6 / secs_all.count());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
            return argv[++i];
        };
        if (arg == "--events") opt.events = value();
        else if (arg == "--map") opt.map = value();
        else if (arg == "--actors") opt.actors = value();
        else if (arg == "--places") opt.places = value();
        else if (arg == "--samples") opt.samples = std::stoul(value());
        else if (arg == "--repeat") opt.repeat = std::stoul(value());
        else if (arg == "--random") opt.random = std::stoul(value());
        else if (arg == "--holdout") opt.holdout = true;
        else {
            std::cerr << "usage: gazetteer_eval [--events F.jsonl] [--map F.tsv] [--actors F.tsv] [--places F.tsv]\n"
                         "                      [--samples N] [--random N] [--repeat N] [--holdout]\n";
            return 2;
        }
    }
    try {
        return run(opt);
    } catch (const std::exception& e) {
        std::cerr << "gazetteer_eval: " << e.what() << "\n";
        return 1;
    }
}
