/** @file
 * @brief Turning an Article into a Xapian document laid out per schema.h.
 */
#include "analyzer.h"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "article_text.h"
#include "boilerplate.h"
#include "content_hash.h"
#include "entity_recognizer.h"
#include "language_detect.h"
#include "near_duplicates.h"
#include "schema.h"
#include "snowball_stemmer.h"
#include "stored_article.h"

namespace newsdex {

namespace {

std::string host_of_url(std::string_view url) {
    std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return "";
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#:"));
    if (rest.substr(0, 4) == "www.") rest.remove_prefix(4);
    return std::string(rest);
}

void add_date_terms(Xapian::Document& doc, const std::optional<Day>& date) {
    using namespace schema;
    if (!date) {
        doc.add_boolean_term(kTermUndated);
        return;
    }
    doc.add_boolean_term(year_term(*date));
    doc.add_boolean_term(month_term(*date));
    doc.add_boolean_term(day_term(*date));
    doc.add_value(kSlotDate, date->compact());
}

}  // namespace

std::string derive_article_id(const Article& article, const std::string& content_hash) {
    if (!article.id.empty()) return article.id;
    if (!article.url.empty()) return article.url;
    if (article.one_per_file && !article.path.empty() && article.path != "-") {
        std::error_code ec;
        auto absolute = std::filesystem::weakly_canonical(article.path, ec);
        return ec ? article.path : absolute.string();
    }
    return "sha:" + content_hash;
}

Analyzer::Analyzer(const AnalysisConfig& config) : config_(config) {
    term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    term_generator_.set_max_word_length(schema::kMaxWordBytes);
    // Chinese and Japanese write no spaces between words: spans of CJK
    // characters (Hangul too) are indexed as their unigrams and bigrams, which the
    // QueryParser makes of a query with the same flag (query_translation.cc).
    // Text in other scripts is split into words as before.
    term_generator_.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

Xapian::Stem& Analyzer::stemmer_for(const std::string& language) {
    auto it = stemmers_.find(language);
    if (it != stemmers_.end()) return it->second;
    std::string snowball = snowball_language(language);
    Xapian::Stem stem = snowball.empty() ? Xapian::Stem() : make_snowball_stem(snowball);
    return stemmers_.emplace(language, stem).first->second;
}

AnalyzedArticle Analyzer::analyse(Article&& article) {
    using namespace schema;
    AnalyzedArticle out;
    out.where = article.where;
    out.text_bytes = article.text.size() + article.title.size();

    static const BoilerplateFilter no_boilerplate;
    std::string text = clean_text(article.text, config_.boilerplate ? *config_.boilerplate : no_boilerplate);
    std::string title = single_line(article.title);
    if (title.empty()) title = take_derived_title(text);
    if (title.empty() && text.empty()) {
        out.error = {article.where, "article has neither title nor text"};
        return out;
    }

    if (!article.date.empty()) {
        out.date = parse_date(article.date, article.date_is_timestamp);
        if (!out.date)
            out.warnings.push_back({article.where, "unparseable date '" + single_line(article.date).substr(0, 80) +
                                                       "', indexed as undated", true});
    }

    out.content_hash = normalised_text_hash(title + "\n" + text);
    out.id = derive_article_id(article, out.content_hash);
    out.id_term = id_term(out.id);

    std::string source = single_line(article.source);
    if (source.empty()) source = host_of_url(article.url);
    // The article's own field wins; then an explicit --lang; detection
    // only when neither says (see AnalysisConfig::default_language).
    std::string language = normalise_name(article.lang);
    if (language.empty()) language = config_.default_language;
    if (language == kDetectLanguage) {
        language = detect_language(title + "\n" + text).code;
        if (language.empty()) language = kFallbackLanguage;
    }
    out.language = language;

    RecognizedEntities entities;
    if (config_.entities) entities = config_.entities->find(title + "\n" + text);
    const std::vector<std::string>& actors = entities.actors;
    const std::vector<std::string>& places = entities.places;

    Xapian::Document& doc = out.document;
    term_generator_.set_document(doc);
    term_generator_.set_stemmer(stemmer_for(language));
    // Title words go in twice: under S for `title:` queries, and unprefixed
    // with a higher wdf so plain queries rank title matches above text ones.
    // Without text the unprefixed words are the title's: no S terms then,
    // but a mark that says so (schema.h, kTermTitleOnly).
    if (text.empty() && !title.empty())
        doc.add_boolean_term(kTermTitleOnly);
    else
        term_generator_.index_text(title, 1, kPrefixTitle);
    term_generator_.increase_termpos();
    term_generator_.index_text(title, kTitleWeight);
    term_generator_.increase_termpos();
    term_generator_.index_text(text);

    doc.add_boolean_term(out.id_term);
    if (auto signature = compute_signature(title, text)) {
        out.dup_signature = encode_signature(*signature);
        doc.add_value(kSlotDupSignature, out.dup_signature);
    }
    add_date_terms(doc, out.date);
    if (!language.empty()) {
        doc.add_boolean_term(boolean_term(kPrefixLang, language));
        doc.add_value(kSlotLang, language);
    }
    if (!source.empty()) {
        doc.add_boolean_term(boolean_term(kPrefixSource, source));
        doc.add_value(kSlotSource, source);
    }
    for (const auto& actor : actors) doc.add_boolean_term(boolean_term(kPrefixActor, actor));
    for (const auto& place : places) doc.add_boolean_term(boolean_term(kPrefixPlace, place));
    if (!actors.empty()) doc.add_value(kSlotActors, encode_list(actors));
    if (!places.empty()) doc.add_value(kSlotPlaces, encode_list(places));
    doc.add_value(kSlotId, out.id);
    doc.add_value(kSlotContentHash, out.content_hash);

    nlohmann::json data = {
        {data::kId, out.id},
        {data::kTitle, title},
        {data::kDate, out.date ? nlohmann::json(out.date->iso()) : nlohmann::json(nullptr)},
        {data::kSource, source},
        {data::kUrl, article.url},
        {data::kPath, article.path},
        {data::kLang, language},
        {data::kActors, actors},
        {data::kPlaces, places},
    };
    // Invalid UTF-8 never reaches here (readers reject it), but replace
    // rather than throw if it ever does.
    doc.set_data(stored_article_data(data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), text));
    out.ok = true;
    return out;
}

}  // namespace newsdex
