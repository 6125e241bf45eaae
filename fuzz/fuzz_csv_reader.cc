/** @file
 * @brief libFuzzer target: the CSV/TSV reader and analysis. The first byte
 *        picks the input's name: "x.csv", "x.tsv", or "x" (format sniffed).
 */
#include <cstdlib>

#include "shared.h"
#include "readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdex;
    if (size == 0) return 0;
    static const char* const kNames[] = {"x.csv", "x.tsv", "x"};
    const char* name = kNames[data[0] % 3];
    const auto& shared = fuzz::SharedResources::get();
    static Analyzer analyzer(shared.analysis);
    ReadOptions options;
    read_buffer(
        name, fuzz::as_text(data + 1, size - 1), options,
        [&](Article&& article) {
            AnalyzedArticle out = analyzer.analyse(std::move(article));
            if (out.ok && (out.id_term.empty() || out.id_term.size() > 245)) std::abort();
        },
        [](const ReadError& error) {
            if (error.message.empty()) std::abort();
        });
    return 0;
}
