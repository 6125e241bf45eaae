/** @file
 * @brief QueryTranslator: Xapian's QueryParser set up like the indexer, with
 *        FieldProcessors for the filters and checks for what it gets wrong.
 *
 * Two QueryParser habits need care. It reports nothing about where an error
 * is, so filter errors are located by searching the query text. And when its
 * grammar fails with "parse error" (e.g. a query of only `-word`s) it quietly
 * re-parses the text with every operator disabled, turning `-wagner` into a
 * search FOR wagner; translate() detects that (see fell_back()) and retries
 * with an everything-filter in front, which gives `-x` alone the meaning of
 * `NOT x`, or reports an error.
 */
#include "query_translation.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <map>
#include <memory>
#include <unordered_map>

#include "ascii_words.h"
#include "collection_terms.h"
#include "date_column.h"
#include "gazetteer.h"
#include "query_stopwords.h"
#include "schema.h"
#include "snowball_stemmer.h"

namespace newsdex {

namespace {

using QP = Xapian::QueryParser;
/// The query field of title words (schema::kPrefixTitle).
constexpr const char* kTitleField = "title";

// FLAG_CJK_NGRAM: CJK text is read as the n-grams the indexer makes of it
// (analyzer.cc); Xapian keeps this flag when it re-reads a failed query.
constexpr unsigned kFlags = QP::FLAG_PHRASE | QP::FLAG_BOOLEAN | QP::FLAG_LOVEHATE | QP::FLAG_WILDCARD |
                            QP::FLAG_PURE_NOT | QP::FLAG_CJK_NGRAM;
/// A wildcard expands to at most this many terms (the most frequent).
constexpr Xapian::termcount kMaxWildcardTerms = 1000;
/// Date terms whose existence a translator remembers (date_term_exists()).
constexpr std::size_t kMaxRememberedDateTerms = 100000;
/// A date filter reads its candidates' date values (date_value_query())
/// when the rest of the query matches at most this many articles per term
/// of its tiling, else it uses the terms. Measured on Reuters-21578 (Xapian
/// 1.4, warm cache): opening a date term's posting list costs ~2.7 us,
/// checking one candidate's date value ~0.2 us; 10 leaves a margin for the
/// value stream's own opening and for estimates that are upper bounds.
constexpr Xapian::doccount kValueRangeCandidatesPerTerm = 10;
/// A query is read in the collection's most common language and in each
/// other one holding at least this share of its articles: each reading
/// costs a parse, and misdetected articles (2 of Reuters-21578's are
/// "Italian"; 0.15 % of the 2013 Reuters headlines are given another
/// language, 0.1 % "French") would double or triple every query's
/// translation for nothing. A language present below 1 % is still read
/// with `--lang`.
constexpr Xapian::doccount kMinQueryLanguagePercent = 1;
/// Spelling suggestions cost a lookup per word: only for short queries.
constexpr std::size_t kMaxSpellingWords = 32;
/// A boolean field, never documented, that matches everything: prepended to
/// a query Xapian could not parse so that `-word` alone means "all but".
constexpr const char* kEverythingField = "newsdexeverything";

enum class Field { Actor, Place, Source, Lang, Year, Date, Everything };

/// A query matching every document. Not a copy of Xapian::Query::MatchAll:
/// that is one global object whose reference count Xapian does not update
/// atomically, so copying it on several threads at once (batch --jobs, one
/// Searcher per thread) corrupts it (ASan: heap-use-after-free). An empty
/// term is Xapian's spelling of "every document".
Xapian::Query match_all() { return Xapian::Query(std::string()); }

struct FieldSpec {
    const char* name;
    Field field;
    const char* grouping;  // filters sharing a grouping are ORed, others ANDed
};
// An article names several actors and places, so `actor:A actor:B` means
// both (the empty grouping ANDs); it has one source, language and date, so
// repeating those means either.
constexpr FieldSpec kFields[] = {
    {"actor", Field::Actor, ""},  {"place", Field::Place, ""}, {"source", Field::Source, "source"},
    {"lang", Field::Lang, "lang"}, {"year", Field::Year, "date"}, {"date", Field::Date, "date"},
    {kEverythingField, Field::Everything, "everything"},
};

/// True when @p q contributes weight: a word, phrase or wildcard outside
/// the boolean parts. The QueryParser scales boolean filters by 0, and the
/// right side of AND_NOT and FILTER never adds weight.
bool has_weighted_part(const Xapian::Query& q) {
    switch (q.get_type()) {
        case Xapian::Query::LEAF_TERM:
        case Xapian::Query::OP_WILDCARD:
            return true;
        case Xapian::Query::OP_SCALE_WEIGHT:
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return false;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
            return has_weighted_part(q.get_subquery(0));
        default:
            for (std::size_t i = 0; i < q.get_num_subqueries(); ++i)
                if (has_weighted_part(q.get_subquery(i))) return true;
            return false;
    }
}

/// "2024-03-01..2024-03-31", "2024-03-15..", or "2024-02-29" for one day.
std::string span_text(const DateSpan& span) {
    if (span.from && span.to && *span.from == *span.to) return span.from->iso();
    return (span.from ? span.from->iso() : "") + ".." + (span.to ? span.to->iso() : "");
}

/// Operators merge_readings() can rebuild: they take no parameter beyond
/// their subqueries. Stemmed terms never sit under the others (phrases,
/// NEAR and wildcards are not stemmed; filters are boolean).
bool rebuildable(Xapian::Query::op type) {
    using Q = Xapian::Query;
    switch (type) {
        case Q::OP_AND: case Q::OP_OR: case Q::OP_AND_NOT: case Q::OP_XOR: case Q::OP_AND_MAYBE:
        case Q::OP_FILTER: case Q::OP_SYNONYM: case Q::OP_MAX:
            return true;
        default:
            return false;
    }
}

/// A date filter as the parser got it: its articles selected by their date
/// value (DateValueSource); plan_date_filters() may swap in the terms tiling
/// its range.
struct DateFilter {
    DateSpan span;
    Xapian::Query by_value, by_terms;
};

bool is_one_of(const Xapian::Query& q, const std::vector<DateFilter>& filters) {
    return std::any_of(filters.begin(), filters.end(),
                       [&](const DateFilter& f) { return f.by_value.internal.get() == q.internal.get(); });
}

/// Term frequencies, each looked up once per translation: "did you mean"
/// and the date-filter planning ask for the same words (a B-tree lookup each).
class TermFrequencies {
  public:
    explicit TermFrequencies(const Xapian::Database& db) : db_(db) {}
    Xapian::doccount operator()(const std::string& term) {
        auto [it, added] = known_.try_emplace(term, 0);
        if (added) it->second = db_.get_termfreq(term);
        return it->second;
    }
    void forget() { known_.clear(); }

  private:
    const Xapian::Database& db_;
    std::unordered_map<std::string, Xapian::doccount> known_;
};

/// An upper bound on the articles @p q matches, from its terms' frequencies
/// (an AND matches no more than its rarest part, an OR no more than all of
/// its parts); the date filters in @p skip count as no constraint.
Xapian::doccount match_bound(const Xapian::Query& q, const std::vector<DateFilter>& skip, const Xapian::Database& db,
                             TermFrequencies& termfreq) {
    using Q = Xapian::Query;
    const Xapian::doccount all = db.get_doccount();
    if (is_one_of(q, skip)) return all;
    const std::size_t n = q.get_num_subqueries();
    switch (q.get_type()) {
        case Q::LEAF_TERM: return termfreq(*q.get_terms_begin());
        case Q::LEAF_MATCH_NOTHING: return 0;
        case Q::OP_AND: case Q::OP_FILTER: case Q::OP_NEAR: case Q::OP_PHRASE: {
            Xapian::doccount bound = all;
            for (std::size_t i = 0; i < n; ++i)
                bound = std::min(bound, match_bound(q.get_subquery(i), skip, db, termfreq));
            return bound;
        }
        case Q::OP_AND_NOT: case Q::OP_AND_MAYBE: case Q::OP_SCALE_WEIGHT:
            return match_bound(q.get_subquery(0), skip, db, termfreq);
        case Q::OP_OR: case Q::OP_XOR: case Q::OP_SYNONYM: case Q::OP_MAX: case Q::OP_ELITE_SET: {
            Xapian::doccount bound = 0;
            for (std::size_t i = 0; i < n && bound < all; ++i)
                bound += match_bound(q.get_subquery(i), skip, db, termfreq);
            return std::min(bound, all);
        }
        default:  // match-all, wildcards, value ranges: no bound from terms
            return all;
    }
}

/// The factor of an OP_SCALE_WEIGHT query, which Xapian 1.4 tells only in
/// its description ("Query(0 * ...)"; the parser scales pure filters by 0).
double scale_factor(const Xapian::Query& q) {
    const std::string description = q.get_description();
    const std::size_t open = description.find('(');
    return open == std::string::npos ? 1.0 : std::strtod(description.c_str() + open + 1, nullptr);
}

/// @p q with each date filter of @p filters in it by its terms. A filter
/// under an operator that cannot be rebuilt from its subqueries stays as
/// it is (the same articles, found less cheaply).
Xapian::Query with_date_terms(const Xapian::Query& q, const std::vector<DateFilter>& filters) {
    for (const DateFilter& f : filters)
        if (f.by_value.internal.get() == q.internal.get()) return f.by_terms;
    const std::size_t n = q.get_num_subqueries();
    const auto type = q.get_type();
    if (n == 0 || !(rebuildable(type) || type == Xapian::Query::OP_SCALE_WEIGHT)) return q;
    std::vector<Xapian::Query> parts;
    bool changed = false;
    for (std::size_t i = 0; i < n; ++i) {
        parts.push_back(with_date_terms(q.get_subquery(i), filters));
        changed = changed || parts.back().internal.get() != q.get_subquery(i).internal.get();
    }
    if (!changed) return q;
    if (type == Xapian::Query::OP_SCALE_WEIGHT) return Xapian::Query(type, parts.front(), scale_factor(q));
    return Xapian::Query(type, parts.begin(), parts.end());
}

}  // namespace

bool names_date_filter(std::string_view query_text) {
    for (const FieldSpec& spec : kFields) {
        if (spec.field != Field::Date && spec.field != Field::Year) continue;
        const std::string field = std::string(spec.name) + ':';
        for (auto at = query_text.find(field); at != std::string_view::npos; at = query_text.find(field, at + 1)) {
            // A field starts a word (a non-ASCII byte before it may be a letter).
            const auto before = at == 0 ? ' ' : static_cast<unsigned char>(query_text[at - 1]);
            if (before < 0x80 && !kAsciiWords.word[before]) return true;
        }
    }
    return false;
}

std::optional<Xapian::Query> merge_readings(const std::vector<Xapian::Query>& readings) {
    if (readings.empty()) return std::nullopt;
    const Xapian::Query& first = readings.front();
    if (readings.size() == 1) return first;
    std::vector<std::string> descriptions;
    std::vector<Xapian::Query> distinct;
    for (const auto& reading : readings) {
        const std::string description = reading.get_description();
        if (std::find(descriptions.begin(), descriptions.end(), description) != descriptions.end()) continue;
        descriptions.push_back(description);
        distinct.push_back(reading);
    }
    if (distinct.size() == 1) return first;
    const auto type = first.get_type();
    const std::size_t n = first.get_num_subqueries();
    for (const auto& reading : distinct)
        if (reading.get_type() != type || reading.get_num_subqueries() != n) return std::nullopt;
    // The same word stemmed differently: either stem matches, weighted as
    // one term (so a word does not count twice where both stems occur).
    if (type == Xapian::Query::LEAF_TERM)
        return Xapian::Query(Xapian::Query::OP_SYNONYM, distinct.begin(), distinct.end());
    if (!rebuildable(type)) return std::nullopt;
    std::vector<Xapian::Query> merged;
    for (std::size_t i = 0; i < n; ++i) {
        std::vector<Xapian::Query> parts;
        for (const auto& reading : distinct) parts.push_back(reading.get_subquery(i));
        auto part = merge_readings(parts);
        if (!part) return std::nullopt;
        merged.push_back(*part);
    }
    return Xapian::Query(type, merged.begin(), merged.end());
}

struct QueryTranslator::Impl {
    /// Hands a `field:value` filter from the QueryParser to filter().
    class FilterField : public Xapian::FieldProcessor {
      public:
        FilterField(Impl& impl, const FieldSpec& spec) : impl_(impl), spec_(spec) {}
        Xapian::Query operator()(const std::string& value) override { return impl_.filter(spec_, value); }

      private:
        Impl& impl_;
        const FieldSpec& spec_;
    };

    /// What the filters of one parse produced. An exception thrown from a
    /// FieldProcessor would leak the QueryParser's half-reduced tokens, so
    /// filter() records the first error here and translate() reports it.
    struct ParseState {
        std::vector<std::string> resolved;
        std::optional<QueryError> error;  // position: offset within the value
        std::string error_field, error_value;
        std::size_t calls = 0;
    };

    Impl(const Xapian::Database& database, const Gazetteer& actor_names, const Gazetteer& place_names);
    Xapian::Query filter(const FieldSpec& spec, const std::string& value);
    std::optional<Xapian::Query> names(Field field, std::string_view value, std::string& error,
                                       std::size_t& offset, std::string& resolved) const;
    Xapian::Query dates(const DateSpan& span) {
        // Remote shards know no DateValueSource: the terms.
        if (!local) return tiled(span);
        DateFilter filter{span,
                          columns ? date_column_query(*columns, span.from, span.to, include_undated)
                                      : date_value_query(span.from, span.to, include_undated),
                          {}};
        date_filters.push_back(filter);
        return filter.by_value;
    }
    /// The terms tiling @p span (date_range_query()), those indexing no
    /// article left out.
    Xapian::Query tiled(const DateSpan& span) {
        // Only open-ended ranges need the collection's date span.
        if (!span.from || !span.to) load_date_span();
        return date_range_query(span.from, span.to, first, last, include_undated,
                                [&](const std::string& term) { return date_term_exists(term); });
    }
    /// The date filters of the query being translated (each parse adds its own).
    std::vector<DateFilter> date_filters;
    bool local = true;  ///< see QueryTranslator's constructor
    BatchColumns* columns = nullptr;  ///< ditto
    Xapian::Query plan_date_filters(const Xapian::Query& query);
    /// db.term_exists(@p term), remembered: each query is parsed twice (see
    /// fell_back()) and a batch's ranges share their months and days; a
    /// B-tree lookup per tile and parse was 9 % of a date-ranged batch.
    /// The translator is remade when the database is reopened.
    bool date_term_exists(const std::string& term) {
        if (date_terms.size() > kMaxRememberedDateTerms) date_terms.clear();
        auto [it, added] = date_terms.try_emplace(term, false);
        if (added) it->second = db.term_exists(term);
        return it->second;
    }
    std::unordered_map<std::string, bool> date_terms;
    void load_date_span();
    bool has_unknown_word(const std::vector<Xapian::Query>& readings);
    Xapian::Query with_title_only_articles(const Xapian::Query& query, const std::string& rewritten,
                                           unsigned flags);
    struct Attempt {
        Xapian::Query query;
        ParseState state;
        std::size_t callbacks = 0;
        std::string corrected;
    };
    Attempt parse(const std::string& text, unsigned flags);
    bool fell_back(const Attempt& attempt, const std::string& text);
    std::optional<Xapian::Query> translate_text(const std::string& text, TranslatedQuery& out,
                                                QueryError& error, bool spelling);
    bool option_filters(const FilterOptions& options, std::vector<Xapian::Query>& out,
                        std::vector<std::string>& resolved, QueryError& error);
    std::vector<std::string> query_languages(const SearchRequest& request) const;
    const Xapian::Stem& stem(const std::string& language);

    Xapian::Database db;
    TermFrequencies termfreq{db};  ///< of the query being translated
    const Gazetteer& actors;
    const Gazetteer& places;
    std::optional<Day> first, last;
    bool date_span_loaded = false;
    /// Language codes of the collection, most articles first.
    std::vector<std::string> languages;
    std::map<std::string, Xapian::Stem> stems;
    bool has_spelling = false;
    bool include_undated = false;
    ParseState state;
    Xapian::SimpleStopper stopper;
    /// The stop list of --match any, made by its first such query: its
    /// 173 words going into a std::set cost every other search 0.1 M
    /// instructions and a few page faults.
    std::optional<Xapian::SimpleStopper> natural_stopper;
    const Xapian::Stopper& stopper_for(MatchMode match) {
        if (match != MatchMode::Any) return stopper;
        if (!natural_stopper) {
            natural_stopper.emplace();
            for (const auto& word : natural_language_stopwords()) natural_stopper->add(word);
        }
        return *natural_stopper;
    }
    std::vector<std::unique_ptr<FilterField>> fields;  // outlive qp (declared before it)
    Xapian::QueryParser qp;
};

QueryTranslator::Impl::Impl(const Xapian::Database& database, const Gazetteer& actor_names,
                            const Gazetteer& place_names)
    : db(database), actors(actor_names), places(place_names) {
    std::vector<std::pair<Xapian::doccount, std::string>> by_size;
    const std::string lang_prefix = schema::kPrefixLang;
    for_each_term(db, lang_prefix, [&](const std::string& term, Xapian::doccount articles) {
        by_size.emplace_back(articles, term.substr(lang_prefix.size()));
    });
    std::stable_sort(by_size.begin(), by_size.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const Xapian::doccount articles = db.get_doccount();
    for (const auto& [count, code] : by_size)
        if (languages.empty() || std::uint64_t(count) * 100 >= std::uint64_t(articles) * kMinQueryLanguagePercent)
            languages.push_back(code);
    try {
        has_spelling = db.spellings_begin() != db.spellings_end();
    } catch (const Xapian::UnimplementedError&) {
        has_spelling = false;  // the in-memory backend keeps no spelling table
    }
    for (const auto& word : query_stopwords()) stopper.add(word);
    qp.set_stemmer(make_snowball_stem("en"));
    qp.set_stemming_strategy(QP::STEM_SOME);
    qp.set_stopper(&stopper);
    qp.set_database(db);
    qp.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT, QP::FLAG_WILDCARD);
    qp.add_prefix(kTitleField, schema::kPrefixTitle);
    for (const FieldSpec& spec : kFields) {
        fields.push_back(std::make_unique<FilterField>(*this, spec));
        const std::string grouping = spec.grouping;
        qp.add_boolean_prefix(spec.name, fields.back().get(), &grouping);
    }
}

void QueryTranslator::Impl::load_date_span() {
    if (date_span_loaded) return;
    // Read on first use: only open-ended ranges need it.
    const CollectionDays days = collection_days(db);
    first = days.first;
    last = days.last;
    date_span_loaded = true;
}

/// "Did you mean" is for queries with a word the collection lacks: Xapian
/// also proposes more frequent neighbours of words that exist, and asking
/// it costs a spelling-table scan per word. A query read in several
/// languages lacks a word only if every reading does (English stems are
/// missing from French articles).
bool QueryTranslator::Impl::has_unknown_word(const std::vector<Xapian::Query>& readings) {
    for (const auto& query : readings) {
        bool unknown = false;
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end() && !unknown; ++t) {
            const std::string& term = *t;
            unknown = schema::is_free_text_term(term) && termfreq(term) == 0;
        }
        if (!unknown) return false;
    }
    return !readings.empty();
}

std::optional<Xapian::Query> QueryTranslator::Impl::names(Field field, std::string_view value,
                                                          std::string& error, std::size_t& offset,
                                                          std::string& resolved) const {
    static const std::pair<std::string, const char*> kKinds[] = {  // indexed by Field
        {"actor", schema::kPrefixActor}, {"place", schema::kPrefixPlace},
        {"source", schema::kPrefixSource}, {"lang", schema::kPrefixLang}};
    const auto& [kind, prefix] = kKinds[static_cast<int>(field)];
    const Gazetteer* gazetteer = field == Field::Actor ? &actors : field == Field::Place ? &places : nullptr;
    std::vector<std::string> terms;
    resolved = kind + ": ";
    // "A|B" means either, as in --actor "A|B".
    for (std::size_t start = 0, bar = 0; bar != std::string_view::npos; start = bar + 1) {
        bar = value.find('|', start);
        const std::string typed(value.substr(start, bar == std::string_view::npos ? bar : bar - start));
        offset = start;
        if (schema::normalise_name(typed).empty()) {
            error = "empty " + kind + " name";
            return std::nullopt;
        }
        std::string name = typed, term_value = typed;
        if (gazetteer) {
            const auto canonical = gazetteer->resolve(typed);
            if (!canonical) {
                error = "unknown " + kind + " '" + typed + "'";
                const auto suggestions = gazetteer->suggest(typed, 3);
                for (std::size_t i = 0; i < suggestions.size(); ++i)
                    error += (i ? ", " : " (did you mean: ") + suggestions[i] + (i + 1 == suggestions.size() ? "?)" : "");
                if (gazetteer->empty()) error += " (no " + kind + " names are known)";
                return std::nullopt;
            }
            name = term_value = *canonical;
            if (schema::normalise_name(name) != schema::normalise_name(typed)) name += " (from '" + typed + "')";
        }
        terms.push_back(schema::boolean_term(prefix, term_value));
        resolved += (start ? " | " : "") + name;
    }
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query QueryTranslator::Impl::filter(const FieldSpec& spec, const std::string& value) {
    ++state.calls;
    if (state.error || spec.field == Field::Everything) return match_all();
    std::string error, resolved;
    std::size_t offset = 0;
    std::optional<Xapian::Query> query;
    if (spec.field == Field::Date || spec.field == Field::Year) {
        std::optional<DateSpan> span;
        if (spec.field == Field::Date) {
            span = parse_date_filter(value, error, offset);
        } else if (value.size() == 4 && value.find_first_not_of("0123456789") == std::string::npos &&
                   value != "0000") {
            span = DateSpan{parse_date_bound(value, false), parse_date_bound(value, true)};
        } else {
            error = "malformed year '" + value + "' (expected YYYY)";
        }
        if (span) {
            query = dates(*span);
            resolved = spec.field == Field::Year ? "year: " + value : "date: " + span_text(*span);
            if (include_undated) resolved += " (or undated)";
        }
    } else {
        query = names(spec.field, value, error, offset, resolved);
    }
    if (!query) {
        state.error = QueryError{error, static_cast<int>(offset)};
        state.error_field = spec.name;
        state.error_value = value;
        return match_all();
    }
    // A query parsed twice (see fell_back()) resolves its filters twice.
    if (std::find(state.resolved.begin(), state.resolved.end(), resolved) == state.resolved.end())
        state.resolved.push_back(resolved);
    return *query;
}

QueryTranslator::Impl::Attempt QueryTranslator::Impl::parse(const std::string& text, unsigned flags) {
    state = ParseState{};
    Attempt attempt;
    attempt.query = qp.parse_query(text, flags);
    attempt.state = state;
    attempt.corrected = qp.get_corrected_query_string();
    attempt.callbacks = state.calls;
    for (auto t = attempt.query.get_unique_terms_begin(); t != attempt.query.get_unique_terms_end(); ++t)
        attempt.callbacks += std::distance(qp.unstem_begin(*t), qp.unstem_end(*t));
    return attempt;
}

/// True when the QueryParser gave up on @p attempt's grammar and re-read
/// the text with no operators. That second reading is exactly what parsing
/// with no flags but FLAG_CJK_NGRAM gives; a successful parse can only equal it if
///  - the text has no operator word (read as a word, an operator shifts the
///    positions of the terms after it, which the description shows), and
///  - it resolved no more filters and made no more terms (which the parser
///    records for unstem_begin()) than the operator-less parse: a failed
///    first reading adds its own to those of the second.
/// A failure before the first term or filter, with no operator word, goes
/// unnoticed; Xapian's plain-words reading then stands.
bool QueryTranslator::Impl::fell_back(const Attempt& attempt, const std::string& text) {
    // The test below needs a field callback or an operator word: without
    // either (most queries) it is false whatever the plain parse gives, so
    // that second parse is skipped.
    if (attempt.callbacks == 0 && !has_operator(text)) return false;
    // Nor can plain words and filters have failed (most queries).
    if (only_words_and_filters(text)) return false;
    try {
        const Attempt plain = parse(text, QP::FLAG_CJK_NGRAM);
        // The cheap test first: describing a query (a date range's tens of
        // terms) is dearer than parsing it.
        return (attempt.callbacks > plain.callbacks || has_operator(text)) &&
               plain.query.get_description() == attempt.query.get_description();
    } catch (const Xapian::QueryParserError&) {
        return false;
    }
}

/// Articles without text have no title terms (schema.h, kTermTitleOnly):
/// for them a query with `title:` is read again without that field name,
/// their words being their title's. Each article answers one reading:
/// (@p query AND_NOT title-only) OR (the re-read query FILTER title-only);
/// negated title words stay right that way. Queries without `title:`, and
/// collections without such articles, are left as they are.
Xapian::Query QueryTranslator::Impl::with_title_only_articles(const Xapian::Query& query,
                                                             const std::string& rewritten, unsigned flags) {
    const std::string without_title = without_field_name(rewritten, kTitleField);
    if (without_title == rewritten || termfreq(schema::kTermTitleOnly) == 0) return query;
    const Xapian::Query title_only(schema::kTermTitleOnly);
    const Xapian::Query as_words = parse(without_title, flags).query;
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_AND_NOT, query, title_only),
                         Xapian::Query(Xapian::Query::OP_FILTER, as_words, title_only));
}

std::optional<Xapian::Query> QueryTranslator::Impl::translate_text(const std::string& text, TranslatedQuery& out,
                                                                  QueryError& error, bool spelling) {
    const std::string rewritten = hoist_top_level_filters(rewrite_query(text));
    unsigned flags = kFlags;
    if (spelling) flags |= QP::FLAG_SPELLING_CORRECTION;
    const std::string everything = std::string(kEverythingField) + ":all ";
    Attempt attempt;
    try {
        attempt = parse(rewritten, flags);
        if (!attempt.state.error && fell_back(attempt, rewritten)) {
            attempt = parse(everything + rewritten, flags);
            if (!attempt.state.error && fell_back(attempt, everything + rewritten)) {
                error = {"cannot parse the query: check that AND, OR, NOT, NEAR and ADJ have something on "
                         "both sides (NEAR and ADJ: single words) and that no bracket holds only -exclusions", 0};
                return std::nullopt;
            }
            if (attempt.corrected.starts_with(everything)) attempt.corrected.erase(0, everything.size());
        }
    } catch (const Xapian::QueryParserError& e) {
        // "Syntax: <expression> AND <expression>": name the operator and
        // point at it (Xapian tells no position).
        const std::string message = e.get_msg();
        const std::size_t gt = message.find("> "), lt = message.find(" <", gt);
        error = {"syntax error: " + message, 0};
        if (message.starts_with("Syntax: ") && gt != std::string::npos && lt != std::string::npos) {
            const std::string op = message.substr(gt + 2, lt - gt - 2);
            error = {"syntax error: " + op + " needs an expression on each side",
                     static_cast<int>(find_operator(text, op).value_or(0))};
        }
        return std::nullopt;
    }
    if (attempt.state.error) {
        error = *attempt.state.error;
        const auto at = find_filter_value(text, attempt.state.error_field, attempt.state.error_value);
        error.position = at ? static_cast<int>(*at) + error.position : 0;
        return std::nullopt;
    }
    if (attempt.query.empty()) {
        error = {"the query has nothing to search for", 0};
        return std::nullopt;
    }
    attempt.query = with_title_only_articles(attempt.query, rewritten, flags);
    out.has_free_text = has_weighted_part(attempt.query);
    out.resolved_filters = attempt.state.resolved;
    if (!attempt.corrected.empty()) out.corrected_query = unrewrite_exact_words(text, attempt.corrected);
    return attempt.query;
}

/// Date filters are parsed as DateValueSource, which reads each candidate's
/// date: when the rest of the query matches only a few articles that costs
/// less than opening the posting lists of the terms tiling the range (tens
/// of them for a range of days), and a date-ranged query with a rare word
/// costs what it costs without the range. Otherwise the terms take over
/// (the source would read the date of every candidate). Both select the
/// same articles and neither adds weight: results and scores are equal.
/// A batch's day columns (DateColumnSource) look a candidate's day up in
/// memory and list a range themselves, cheaper than the terms either way,
/// except when nothing else in the query narrows it: then the range lists
/// the matches, and Xapian's posting lists of a few whole months or years
/// do that best (and remote shards, which have no columns, read the same
/// query).
Xapian::Query QueryTranslator::Impl::plan_date_filters(const Xapian::Query& query) {
    if (date_filters.empty()) return query;
    const Xapian::doccount bound = match_bound(query, date_filters, db, termfreq);
    if (columns && bound < db.get_doccount()) return query;
    if (bound <= kValueRangeCandidatesPerTerm) return query;  // cheaper than any tiling
    std::vector<DateFilter> by_terms;
    for (DateFilter& f : date_filters) {
        f.by_terms = tiled(f.span);
        const Xapian::doccount terms = std::max<std::size_t>(f.by_terms.get_num_subqueries(), 1);
        if (bound > kValueRangeCandidatesPerTerm * terms) by_terms.push_back(f);
    }
    return by_terms.empty() ? query : with_date_terms(query, by_terms);
}

bool QueryTranslator::Impl::option_filters(const FilterOptions& options, std::vector<Xapian::Query>& out,
                                           std::vector<std::string>& resolved, QueryError& error) {
    const std::pair<Field, const std::vector<std::string>*> lists[] = {
        {Field::Actor, &options.actors}, {Field::Place, &options.places},
        {Field::Source, &options.sources}, {Field::Lang, &options.langs}};
    for (const auto& [field, entries] : lists) {
        for (const std::string& entry : *entries) {
            std::string message, text;
            std::size_t offset = 0;
            auto query = names(field, entry, message, offset, text);
            if (!query) {
                error = {message, -1};
                return false;
            }
            out.push_back(*query);
            resolved.push_back(text);
        }
    }
    if (options.from || options.to) {
        const DateSpan span{options.from, options.to};
        if (span.from && span.to && *span.from > *span.to) {
            error = {"date range " + span_text(span) + " is reversed", -1};
            return false;
        }
        out.push_back(dates(span));
        resolved.push_back("date: " + span_text(span) + (include_undated ? " (or undated)" : ""));
    }
    return true;
}

std::vector<std::string> QueryTranslator::Impl::query_languages(const SearchRequest& request) const {
    std::vector<std::string> out;
    auto add = [&](std::string_view code) {
        const std::string name = schema::normalise_name(code);
        if (!name.empty() && out.size() < kMaxQueryLanguages && std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(name);
    };
    for (const auto& code : request.query_languages) add(code);
    if (out.empty()) {
        // `--lang fr` (or "fr|en") both filters and says how to read the query.
        for (const auto& entry : request.filters.langs)
            for (std::size_t start = 0, bar = 0; bar != std::string::npos; start = bar + 1) {
                bar = entry.find('|', start);
                add(std::string_view(entry).substr(start, bar == std::string::npos ? bar : bar - start));
            }
    }
    if (out.empty())
        for (const auto& code : languages) add(code);
    if (out.empty()) out.emplace_back("en");  // an empty collection
    return out;
}

const Xapian::Stem& QueryTranslator::Impl::stem(const std::string& language) {
    auto it = stems.find(language);
    if (it == stems.end()) {
        // A language libstemmer lacks was indexed unstemmed: read it so too.
        const bool known = !snowball_language(language).empty();
        it = stems.emplace(language, known ? make_snowball_stem(language) : Xapian::Stem()).first;
    }
    return it->second;
}

QueryTranslator::QueryTranslator(const Xapian::Database& db, const Gazetteer& actors, const Gazetteer& places,
                                 bool local, BatchColumns* columns)
    : impl_(new Impl(db, actors, places)) {
    impl_->local = local;
    impl_->columns = local ? columns : nullptr;
}

QueryTranslator::~QueryTranslator() { delete impl_; }

std::optional<TranslatedQuery> QueryTranslator::translate(const SearchRequest& request, QueryError& error) {
    Impl& impl = *impl_;
    impl.include_undated = request.filters.include_undated;
    impl.date_filters.clear();
    impl.termfreq.forget();
    impl.qp.set_default_op(request.match == MatchMode::Any ? Xapian::Query::OP_OR : Xapian::Query::OP_AND);
    impl.qp.set_stopper(&impl.stopper_for(request.match));
    TranslatedQuery out;
    // An empty query lists everything (the filters decide).
    Xapian::Query query = match_all();
    if (count_words(request.query) > 0) {
        std::vector<std::string> descriptions;
        for (const std::string& language : impl.query_languages(request)) {
            impl.qp.set_stemmer(impl.stem(language));
            // The first reading reports errors, filters and spelling; the
            // others differ only in their stems.
            TranslatedQuery scratch;
            auto text = impl.translate_text(request.query, out.readings.empty() ? out : scratch, error,
                                            /*spelling=*/false);
            if (!text) return std::nullopt;
            out.languages.push_back(language);
            // Distinct readings only; a single one needs no description.
            if (!out.readings.empty()) {
                if (descriptions.empty()) descriptions.push_back(out.readings.front().get_description());
                const std::string description = text->get_description();
                if (std::find(descriptions.begin(), descriptions.end(), description) != descriptions.end()) continue;
                descriptions.push_back(description);
            }
            out.readings.push_back(*text);
        }
        query = merge_readings(out.readings).value_or(out.readings.front());
        // The suggestion comes from a second parse of the first reading,
        // only when a word is missing (see has_unknown_word()).
        if (impl.has_spelling && count_words(request.query) <= kMaxSpellingWords &&
            impl.has_unknown_word(out.readings)) {
            impl.qp.set_stemmer(impl.stem(out.languages.front()));
            TranslatedQuery corrected;
            QueryError ignored;
            if (impl.translate_text(request.query, corrected, ignored, /*spelling=*/true))
                out.corrected_query = corrected.corrected_query;
        }
    }
    std::vector<Xapian::Query> filters;
    if (!impl.option_filters(request.filters, filters, out.resolved_filters, error)) return std::nullopt;
    // OP_FILTER: filters select, they never change scores.
    if (!filters.empty())
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    out.query = impl.plan_date_filters(query);
    return out;
}

}  // namespace newsdex
