/** @file
 * @brief "More like this": a query from the most informative terms of
 *        given articles (Xapian relevance feedback), and the lookups behind
 *        --like and --expand.
 */
#ifndef NEWSDEX_MORE_LIKE_THIS_H
#define NEWSDEX_MORE_LIKE_THIS_H

#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "search_request.h"

namespace newsdex {

/// Terms taken from the liked articles: enough to describe an event
/// (places, actors, what happened) without drifting into generic words.
inline constexpr Xapian::termcount kLikeTerms = 30;

/// The document IDs of the articles with these IDs, in order. On an
/// unknown ID returns std::nullopt and sets @p error to
/// "no article with ID 'X'" (position -1: it is an option).
std::optional<std::vector<Xapian::docid>> find_articles(const Xapian::Database& db,
                                                        const std::vector<std::string>& ids,
                                                        QueryError& error);

/// The kLikeTerms terms of the articles @p liked (Xapian::Enquire::get_eset
/// with them as the relevance set) as an OR query, ANDed with NOT the liked
/// articles themselves. Only stemmed free-text terms (Z prefix) are used:
/// boolean terms (dates, actors, IDs, duplicate bands) would find articles
/// that merely share a date or a source, and unstemmed terms repeat the
/// stems. Terms of one letter and numbers are left out too.
Xapian::Query more_like_this_query(const Xapian::Database& db, const std::vector<Xapian::docid>& liked);

/// The filter selecting the near-duplicate group of the article with
/// @p id (itself included). On an unknown ID returns std::nullopt and sets
/// @p error as find_articles() does.
std::optional<Xapian::Query> duplicate_group_filter(const Xapian::Database& db, const std::string& id,
                                                    QueryError& error);

}  // namespace newsdex

#endif  // NEWSDEX_MORE_LIKE_THIS_H
