/** @file
 * @brief Relevance-feedback queries for --like, group filters for --expand.
 */
#include "more_like_this.h"

#include "schema.h"

namespace newsdex {

namespace {

/// Accepts stems of text and title words ("Zdrone"), of two or more
/// letters, that are not numbers (years and figures match every article of
/// a period). Title stems ("ZSdrone") repeat the text's.
class FreeTextTerms : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        if (term.size() < 3 || term[0] != 'Z') return false;
        const unsigned char first = static_cast<unsigned char>(term[1]);
        return !(first >= '0' && first <= '9') && !(first >= 'A' && first <= 'Z');
    }
};

}  // namespace

std::optional<std::vector<Xapian::docid>> find_articles(const Xapian::Database& db,
                                                        const std::vector<std::string>& ids,
                                                        QueryError& error) {
    std::vector<Xapian::docid> out;
    for (const auto& id : ids) {
        const std::string term = schema::id_term(id);
        Xapian::PostingIterator p = db.postlist_begin(term);
        if (p == db.postlist_end(term)) {
            error = {"no article with ID '" + id + "'", -1};
            return std::nullopt;
        }
        out.push_back(*p);
    }
    return out;
}

Xapian::Query more_like_this_query(const Xapian::Database& db, const std::vector<Xapian::docid>& liked) {
    Xapian::RSet rset;
    for (Xapian::docid docid : liked) rset.add_document(docid);
    Xapian::Enquire enquire(db);
    const FreeTextTerms decider;
    // Exact term frequencies: Xapian otherwise approximates them from the
    // liked articles' own shard, and a sharded collection would pick other
    // terms than the same collection in one database.
    const Xapian::ESet eset = enquire.get_eset(kLikeTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
    std::vector<std::string> terms(eset.begin(), eset.end());
    Xapian::Query similar(Xapian::Query::OP_OR, terms.begin(), terms.end());
    std::vector<std::string> own_terms;
    for (Xapian::docid docid : liked)
        own_terms.push_back(schema::id_term(db.get_document(docid).get_value(schema::kSlotId)));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, similar,
                         Xapian::Query(Xapian::Query::OP_OR, own_terms.begin(), own_terms.end()));
}

std::optional<Xapian::Query> duplicate_group_filter(const Xapian::Database& db, const std::string& id,
                                                    QueryError& error) {
    auto found = find_articles(db, {id}, error);
    if (!found) return std::nullopt;
    const std::string group = db.get_document(found->front()).get_value(schema::kSlotDupGroup);
    // Articles indexed before groups existed have no key: the group is the article.
    return Xapian::Query(group.empty() ? schema::id_term(id) : schema::dup_group_term(group));
}

}  // namespace newsdex
