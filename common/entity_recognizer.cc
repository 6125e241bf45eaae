/** @file
 * @brief EntityRecognizer: one gazetteer pass, split into actors and places.
 */
#include "entity_recognizer.h"

namespace newsdex {

void EntityRecognizer::load(std::string_view actors_name, std::string_view actors_tsv,
                            std::string_view places_name, std::string_view places_tsv) {
    actors_.load_string(actors_name, actors_tsv);
    places_.load_string(places_name, places_tsv);
    // Loading both files into one gazetteer also catches an alias that is
    // claimed by an actor and by a place, with the place file's line.
    combined_.load_string(actors_name, actors_tsv);
    combined_.load_string(places_name, places_tsv);
    actor_names_.clear();
    for (const auto& entry : actors_.entries()) actor_names_.insert(entry.canonical);
}

RecognizedEntities EntityRecognizer::find(std::string_view text) const {
    RecognizedEntities found;
    for (auto& name : combined_.find(text)) {
        if (actor_names_.count(name))
            found.actors.push_back(std::move(name));
        else
            found.places.push_back(std::move(name));
    }
    return found;
}

}  // namespace newsdex
