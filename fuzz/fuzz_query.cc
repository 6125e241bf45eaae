/** @file
 * @brief libFuzzer target: query translation (QueryTranslator) on a small
 *        in-memory collection, then running the query. The first byte picks
 *        options (match any, include undated, a --from/--to filter); the
 *        rest is the query text.
 */
#include <cstdlib>
#include <memory>

#include "shared.h"
#include "query_translation.h"

namespace {

struct Collection {
    Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
    Collection() {
        using namespace newsdex;
        const auto& shared = fuzz::SharedResources::get();
        Analyzer analyzer(shared.analysis);
        const char* const texts[][3] = {
            {"Convoy ambushed near Gao", "2024-03-01", "Gunmen from JNIM attacked a FAMa convoy near Gao on Friday."},
            {"Drone strikes in Kidal", "2024-02-29", "Drone strikes hit the CSP near Kidal; Wagner Group fighters were seen."},
            {"Frappes de drones à Kidal", "2023-11-14", "Des frappes de drones ont visé Kidal, selon le CSP."},
            {"MINUSMA leaves Timbuktu", "", "Peacekeepers of MINUSMA withdrew from Timbuktu and Menaka."},
        };
        int n = 0;
        for (const auto& t : texts) {
            Article article;
            article.id = "doc-" + std::to_string(++n);
            article.title = t[0];
            article.date = t[1];
            article.text = t[2];
            AnalyzedArticle out = analyzer.analyse(std::move(article));
            if (out.ok) db.add_document(out.document);
        }
        db.commit();
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdex;
    if (size == 0) return 0;
    static Collection collection;
    const auto& shared = fuzz::SharedResources::get();
    static QueryTranslator translator(collection.db, shared.entities.actors(), shared.entities.places());

    SearchRequest request;
    const std::uint8_t flags = data[0];
    request.query = std::string(fuzz::as_text(data + 1, size - 1));
    request.match = flags & 1 ? MatchMode::Any : MatchMode::All;
    request.filters.include_undated = flags & 2;
    if (flags & 4) request.filters.from = Day{2024, 1, 1};
    if (flags & 8) request.filters.to = Day{2024, 3, 31};
    if (flags & 16) request.filters.actors = {"JNIM|CSP"};

    QueryError error;
    std::optional<TranslatedQuery> translated;
    try {
        translated = translator.translate(request, error);
    } catch (const Xapian::Error&) {
        // Xapian errors are reported by the tools, not crashes; only
        // QueryParserError is expected from translation, and it is caught
        // inside. Anything else is worth a look.
        std::abort();
    }
    if (!translated) {
        if (error.message.empty()) std::abort();
        if (error.position > static_cast<int>(request.query.size())) std::abort();
        return 0;
    }
    Xapian::Enquire enquire(collection.db);
    enquire.set_query(translated->query);
    Xapian::MSet mset = enquire.get_mset(0, 10, collection.db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) it.get_document().get_data();
    return 0;
}
