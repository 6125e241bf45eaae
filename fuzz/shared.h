/** @file
 * @brief Shared set-up of the libFuzzer targets: the shipped gazetteers and
 *        boilerplate patterns, loaded once, and an Analyzer configuration.
 */
#ifndef NEWSDEX_FUZZ_SHARED_H
#define NEWSDEX_FUZZ_SHARED_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer.h"
#include "boilerplate.h"
#include "entity_recognizer.h"
#include "paths.h"

namespace newsdex::fuzz {

/// The shipped gazetteers and boilerplate, as the indexer loads them.
struct SharedResources {
    EntityRecognizer entities;
    BoilerplateFilter boilerplate;
    AnalysisConfig analysis;

    SharedResources();
    static const SharedResources& get();
};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace newsdex::fuzz

#endif  // NEWSDEX_FUZZ_SHARED_H
