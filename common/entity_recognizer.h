/** @file
 * @brief Recognising actors and places in one pass over an article.
 *
 * Actors and places are matched together, through one gazetteer holding
 * both lists, so the longest name wins across them: "Katiba Macina" is the
 * armed group, not also the town of Macina.
 */
#ifndef NEWSDEX_ENTITY_RECOGNIZER_H
#define NEWSDEX_ENTITY_RECOGNIZER_H

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gazetteer.h"

namespace newsdex {

struct RecognizedEntities {
    std::vector<std::string> actors;  ///< canonical names, first mention first
    std::vector<std::string> places;
};

class EntityRecognizer {
  public:
    /// Loads the actor and place gazetteers from TSV text (@p actors_name and
    /// @p places_name are used in error messages). Throws GazetteerError
    /// ("file:line: message") for a malformed line, or when a name is both an
    /// actor and a place.
    void load(std::string_view actors_name, std::string_view actors_tsv, std::string_view places_name,
              std::string_view places_tsv);

    /// Thread-safe (const).
    RecognizedEntities find(std::string_view text) const;

    /// The separate lists, for resolving names users type (actor:, place:).
    const Gazetteer& actors() const { return actors_; }
    const Gazetteer& places() const { return places_; }

  private:
    Gazetteer actors_, places_;
    Gazetteer combined_;
    std::unordered_set<std::string> actor_names_;  // canonical names of actors_
};

}  // namespace newsdex

#endif  // NEWSDEX_ENTITY_RECOGNIZER_H
