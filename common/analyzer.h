/** @file
 * @brief Analysis: one raw Article in, one ready-to-write Xapian document out.
 *
 * This is the CPU-heavy stage of indexing (cleaning, date parsing, actor and
 * place recognition, tokenising and stemming), so the pipeline runs one
 * Analyzer per core. An Analyzer is not thread-safe; the AnalysisConfig it
 * points to is shared read-only by all of them.
 */
#ifndef NEWSDEX_ANALYZER_H
#define NEWSDEX_ANALYZER_H

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "article.h"
#include "dates.h"
#include "readers.h"

namespace newsdex {

class BoilerplateFilter;
class EntityRecognizer;

/// AnalysisConfig::default_language value asking for detection.
inline constexpr const char* kDetectLanguage = "auto";
/// The language of an article whose language cannot be detected.
inline constexpr const char* kFallbackLanguage = "en";

/// Read-only resources shared by every Analyzer. Pointers may be null (no
/// recognition / no boilerplate removal).
struct AnalysisConfig {
    const EntityRecognizer* entities = nullptr;
    const BoilerplateFilter* boilerplate = nullptr;
    /// Language of articles that name none (ISO 639-1 code), or
    /// kDetectLanguage: detect it from the text (language_detect.h), and
    /// use kFallbackLanguage when the text is too short to tell.
    std::string default_language = kDetectLanguage;
};

/// The result of analysing one article.
struct AnalyzedArticle {
    bool ok = false;            ///< false: rejected, see error
    ReadError error;            ///< why it was rejected (when !ok)
    std::vector<ReadError> warnings;  ///< e.g. an unparseable date

    std::string id;             ///< the article's stable ID
    std::string id_term;        ///< schema::id_term(id)
    std::string content_hash;   ///< normalised_text_hash of title + text
    std::optional<Day> date;
    std::string language;       ///< as recorded (field, detected or default)
    /// Near-duplicate signature (near_duplicates.h, encoded), already in
    /// the document; "" when the article is too short. The group key is set
    /// at write time (duplicate_groups.h), when earlier articles are known.
    std::string dup_signature;
    std::size_t text_bytes = 0; ///< size of the raw text, for MB/s
    Xapian::Document document;
    SourceLocation where;
};

class Analyzer {
  public:
    explicit Analyzer(const AnalysisConfig& config);

    /// Analyses @p article. Never throws for bad content: an article with
    /// neither title nor text comes back with ok == false.
    AnalyzedArticle analyse(Article&& article);

  private:
    Xapian::Stem& stemmer_for(const std::string& language);

    const AnalysisConfig& config_;
    Xapian::TermGenerator term_generator_;
    std::map<std::string, Xapian::Stem> stemmers_;  // one per language, this thread's own
};

/// The article's stable ID: its id field, else its url, else (for formats
/// with one article per file) its absolute path, else "sha:" + content hash.
std::string derive_article_id(const Article& article, const std::string& content_hash);

}  // namespace newsdex

#endif  // NEWSDEX_ANALYZER_H
