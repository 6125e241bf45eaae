/** @file
 * @brief libFuzzer target: gazetteer loading and matching. The input up to
 *        its first NUL byte is a gazetteer file; the rest is text matched
 *        against it and against the shipped gazetteers, and a name resolved.
 */
#include <cstdlib>
#include <cstring>

#include "shared.h"
#include "gazetteer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdex;
    const std::string_view input = fuzz::as_text(data, size);
    const std::size_t nul = input.find('\0');
    const std::string_view tsv = input.substr(0, nul);
    const std::string_view text = nul == std::string_view::npos ? input : input.substr(nul + 1);

    Gazetteer own;
    try {
        own.load_string("fuzz.tsv", tsv);
    } catch (const GazetteerError& e) {
        // "file:line: message"
        if (std::strncmp(e.what(), "fuzz.tsv:", 9) != 0) std::abort();
    }
    for (const auto& name : own.find(text)) {
        if (name.empty()) std::abort();
    }
    own.resolve(text.substr(0, 512));
    own.suggest(text.substr(0, 24), 3);
    // suggest() over the shipped lists costs milliseconds (edit distances to
    // every name): only for short texts, as users type names.
    const bool short_text = text.size() <= 12;

    const auto& shared = fuzz::SharedResources::get();
    RecognizedEntities found = shared.entities.find(text);
    for (const auto& actor : found.actors)
        if (!shared.entities.actors().resolve(actor)) std::abort();  // canonical names resolve
    for (const auto& place : found.places)
        if (!shared.entities.places().resolve(place)) std::abort();
    shared.entities.actors().resolve(text.substr(0, 512));
    if (short_text) shared.entities.places().suggest(text, 3);
    return 0;
}
