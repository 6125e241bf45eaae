/** @file
 * @brief The fuzz targets' shared resources (see shared.h).
 */
#include "shared.h"

#include <fstream>
#include <sstream>

namespace newsdex::fuzz {

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

SharedResources::SharedResources() {
    entities.load("actors.tsv", slurp(data_file("actors.tsv")), "places.tsv", slurp(data_file("places.tsv")));
    boilerplate.load_file(data_file("boilerplate.txt"));
    analysis.entities = &entities;
    analysis.boilerplate = &boilerplate;
}

const SharedResources& SharedResources::get() {
    static const SharedResources resources;
    return resources;
}

}  // namespace newsdex::fuzz
