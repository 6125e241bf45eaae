/** @file
 * @brief open_database_set(): local databases, stub files and remote shards
 *        combined into one Xapian::Database.
 */
#include "database_set.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema.h"

namespace newsdex {

namespace {

constexpr std::string_view kTcpScheme = "tcp://";
// Milliseconds a remote shard may take to answer a request, and to accept
// the connection: Xapian's defaults, spelled out because users ask.
constexpr unsigned kRemoteTimeoutMs = 10000;
// Stub files may name other stub files; deeper than this is a loop.
constexpr int kMaxStubDepth = 8;

struct TcpAddress {
    std::string host;
    unsigned port = 0;
};

/// Splits "tcp://HOST:PORT" ("[::1]:PORT" for IPv6); "" or the reason.
std::string parse_tcp(const std::string& spec, TcpAddress& out) {
    std::string rest = spec.substr(kTcpScheme.size());
    std::size_t colon = rest.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size())
        return "--db " + spec + ": expected tcp://HOST:PORT";
    out.host = rest.substr(0, colon);
    if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']')
        out.host = out.host.substr(1, out.host.size() - 2);
    const std::string port = rest.substr(colon + 1);
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
        return "--db " + spec + ": the port must be a number from 1 to 65535";
    out.port = static_cast<unsigned>(std::stoul(port));
    if (out.port == 0 || out.port > 65535) return "--db " + spec + ": the port must be a number from 1 to 65535";
    return "";
}

/// Whether the stub file @p path (or a stub it names) lists a remote shard.
/// Xapian itself reads the stub; this only tells the searcher which
/// features it must provide without Xapian's help (see has_remote).
bool stub_has_remote(const std::filesystem::path& path, int depth) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string type, target;
        words >> type;
        if (type == "remote") return true;
        if ((type == "auto" || type == "glass" || type == "chert" || type == "honey") && (words >> target)) {
            std::filesystem::path shard = std::filesystem::path(target).is_absolute()
                                              ? std::filesystem::path(target)
                                              : path.parent_path() / target;
            std::error_code ec;
            if (depth < kMaxStubDepth && std::filesystem::is_regular_file(shard, ec) &&
                stub_has_remote(shard, depth + 1))
                return true;
        }
    }
    return false;
}

Xapian::Database open_one(const std::string& spec, bool& remote) {
    try {
        if (spec.rfind(kTcpScheme, 0) == 0) {
            TcpAddress address;
            if (std::string problem = parse_tcp(spec, address); !problem.empty()) throw DatabaseOpenError(problem);
            remote = true;
            return Xapian::Remote::open(address.host, address.port, kRemoteTimeoutMs, kRemoteTimeoutMs);
        }
        std::error_code ec;
        remote = std::filesystem::is_regular_file(spec, ec) && stub_has_remote(spec, 0);
        return Xapian::Database(spec);
    } catch (const Xapian::DatabaseNotFoundError&) {
        throw DatabaseOpenError("no database at " + spec + " (index one with newsdex-index --db " + spec + ")");
    } catch (const Xapian::DatabaseOpeningError& e) {
        throw DatabaseOpenError("cannot open database " + spec + ": " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        throw DatabaseOpenError("cannot reach the shard server of " + spec + ": " + e.get_msg() +
                                " (is xapian-tcpsrv running there?)");
    }
}

}  // namespace

std::string check_database_spec(const std::string& spec) {
    if (spec.empty()) return "--db needs a database directory, a stub file or tcp://HOST:PORT";
    if (spec.rfind(kTcpScheme, 0) != 0) return "";
    TcpAddress address;
    return parse_tcp(spec, address);
}

DatabaseSet open_database_set(const std::vector<std::string>& specs) {
    DatabaseSet set;
    std::string actors, places, first;
    for (const auto& spec : specs) {
        bool remote = false;
        Xapian::Database part = open_one(spec, remote);
        set.has_remote |= remote;
        try {
            // Of a stub's shards, Xapian reads metadata from the first.
            std::string version = part.get_metadata(schema::kMetaSchemaVersion);
            if (!schema::is_supported_version(version))
                throw DatabaseOpenError(spec + " is not a newsdex database of this version (schema " +
                                        (version.empty() ? std::string("none") : version) +
                                        "); index it with this newsdex-index");
            // The gazetteers are compared between databases only: one (most
            // searches) need not read them (~20 kB of metadata).
            std::string part_actors, part_places;
            if (specs.size() > 1) {
                part_actors = part.get_metadata(schema::kMetaActorsGazetteer);
                part_places = part.get_metadata(schema::kMetaPlacesGazetteer);
            }
            if (first.empty()) {
                first = spec;
                actors = std::move(part_actors);
                places = std::move(part_places);
            } else if (part_actors != actors || part_places != places) {
                throw DatabaseOpenError(spec + " was indexed with other gazetteers than " + first +
                                        ": index every shard with the same --actors/--places files");
            }
        } catch (const Xapian::NetworkError& e) {
            throw DatabaseOpenError("shard server of " + spec + " stopped answering: " + e.get_msg());
        }
        set.db.add_database(part);
    }
    return set;
}

}  // namespace newsdex
