/** @file
 * @brief Filling Article fields from named JSON keys or CSV columns, the
 *        part the JSON Lines and CSV readers share.
 */
#ifndef NEWSDEX_INPUT_FIELDS_H
#define NEWSDEX_INPUT_FIELDS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "readers.h"

namespace newsdex {

/// The article fields a FieldMap names, in FieldMap::field_names() order.
enum class ArticleField : std::uint8_t { Id, Title, Date, Text, Source, Url, Lang };
inline constexpr std::size_t kArticleFieldCount = 7;

inline std::size_t index_of(ArticleField field) { return static_cast<std::size_t>(field); }
std::string& field_in(Article& article, ArticleField field);

/// Answers "which article fields does this key/column feed?" in one hash
/// lookup, instead of comparing every key with every candidate name.
class FieldMatcher {
  public:
    struct Match {
        ArticleField field;
        std::size_t rank;  ///< 0 = the field's preferred name
    };

    explicit FieldMatcher(const FieldMap& map);

    /// The fields @p name feeds (compared case-insensitively), or null.
    /// Not thread-safe: reuses a buffer to lower-case @p name.
    const std::vector<Match>* find(std::string_view name);

    /// How many names the field is looked for under.
    std::size_t rank_count(ArticleField field) const {
        return names_[index_of(field)].size();
    }

    /// `"text", "body", "content"`: the names of @p field, for messages.
    std::string quoted_names(ArticleField field) const;

  private:
    std::unordered_map<std::string, std::vector<Match>> by_name_;
    std::vector<std::string> names_[kArticleFieldCount];
    std::string lowered_;
};

/// True for a date value that is a Unix time: nine or more ASCII digits
/// (seconds since 1973-03-03, or milliseconds). Eight digits are left alone
/// because that is a compact YYYYMMDD date (GDELT's SQLDATE, for one).
bool is_unix_time_text(std::string_view value);

/// Removes ASCII whitespace from both ends of @p text.
void trim_whitespace(std::string& text);

/// Stores @p value, without surrounding whitespace, in @p field; for the
/// date also sets date_is_timestamp.
void assign_field(Article& article, ArticleField field, std::string&& value);

/// The message for a record with neither text nor title.
std::string no_text_message(const FieldMatcher& matcher);

}  // namespace newsdex

#endif  // NEWSDEX_INPUT_FIELDS_H
