// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/RemoteHost.h"

#include "engine/Error.h"
#include "engine/util/JsonDepth.h"
#include "engine/image/LayerHistory.h"
#include "engine/remote/HostImageFiles.h"
#include "engine/remote/StreamDemux.h"
#include "engine/store/LayerStore.h"

#include <cctype>
#include <cstdint>
#include <set>

namespace strata::engine::remote {
namespace {

using nlohmann::json;

std::string str(const json &j, const char *key)
{
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::vector<std::string> strings(const json &j, const char *key)
{
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array())
        for (const auto &v : j[key])
            if (v.is_string())
                out.push_back(v.get<std::string>());
    return out;
}

std::map<std::string, std::string> labels(const json &j)
{
    std::map<std::string, std::string> out;
    if (j.contains("Labels") && j["Labels"].is_object())
        for (const auto &[k, v] : j["Labels"].items())
            if (v.is_string())
                out[k] = v.get<std::string>();
    return out;
}

Digest digestOr(const std::string &text)
{
    // Podman leaves ids bare in some places; Docker prefixes "sha256:".
    const std::string full = text.rfind("sha256:", 0) == 0 ? text : "sha256:" + text;
    return Digest::isValid(full) ? Digest::parse(full) : Digest();
}

} // namespace

std::string urlEscape(const std::string &text)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else
            out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

std::vector<ImageSummary> RemoteHost::images(bool all)
{
    const json list = m_api.getJson(std::string("/images/json") + (all ? "?all=1" : ""));
    std::vector<ImageSummary> out;
    std::set<Digest> parents; // podman leaves ParentId bare, Id prefixed
    for (const auto &i : list)
        parents.insert(digestOr(str(i, "ParentId")));
    for (const auto &i : list) {
        ImageSummary s;
        s.id = digestOr(str(i, "Id"));
        s.parent = digestOr(str(i, "ParentId"));
        for (auto &t : strings(i, "RepoTags"))
            if (t != "<none>:<none>")
                s.repoTags.push_back(std::move(t));
        for (auto &d : strings(i, "RepoDigests"))
            if (d.rfind("<none>@", 0) != 0)
                s.repoDigests.push_back(std::move(d));
        s.created = i.value("Created", std::int64_t{0});
        s.size = i.value("Size", std::uint64_t{0});
        s.labels = labels(i);
        s.containers = i.value("Containers", 0);
        const bool hasChild = parents.count(s.id) > 0;
        s.dangling = s.repoTags.empty() && !hasChild;
        s.intermediate = s.repoTags.empty() && hasChild;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<ContainerSummary> RemoteHost::containers(bool all)
{
    const json list = m_api.getJson(std::string("/containers/json") + (all ? "?all=1" : ""));
    std::vector<ContainerSummary> out;
    for (const auto &c : list) {
        ContainerSummary s;
        s.id = str(c, "Id");
        const auto names = strings(c, "Names");
        s.name = names.empty() ? "" : names.front();
        if (!s.name.empty() && s.name.front() == '/')
            s.name.erase(0, 1);
        s.image = str(c, "Image");
        s.imageId = digestOr(str(c, "ImageID"));
        s.command = str(c, "Command");
        s.created = c.value("Created", std::int64_t{0});
        s.state.status = container::statusFromString(str(c, "State"));
        s.statusText = str(c, "Status");
        s.labels = labels(c);
        if (c.contains("Mounts") && c["Mounts"].is_array())
            for (const auto &m : c["Mounts"]) {
                container::MountPoint mp;
                mp.type = str(m, "Type");
                mp.name = str(m, "Name");
                mp.source = str(m, "Source");
                mp.destination = str(m, "Destination");
                s.mounts.push_back(std::move(mp));
            }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<HistoryRow> RemoteHost::history(const std::string &ref)
{
    const json list = m_api.getJson("/images/" + urlEscape(ref) + "/history");
    std::vector<HistoryRow> out;
    for (const auto &h : list) {
        HistoryRow r;
        r.id = str(h, "Id");
        if (r.id == "<missing>")
            r.id.clear();
        else if (!r.id.empty() && r.id.rfind("sha256:", 0) != 0)
            r.id = "sha256:" + r.id;
        r.created = h.value("Created", std::int64_t{0});
        r.createdBy = str(h, "CreatedBy");
        r.size = h.value("Size", std::uint64_t{0});
        r.comment = str(h, "Comment");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<VolumeSummary> RemoteHost::volumes()
{
    const json answer = m_api.getJson("/volumes");
    std::vector<VolumeSummary> out;
    if (answer.contains("Volumes") && answer["Volumes"].is_array())
        for (const auto &v : answer["Volumes"]) {
            VolumeSummary s;
            s.name = str(v, "Name");
            s.driver = str(v, "Driver");
            s.mountpoint = str(v, "Mountpoint");
            s.labels = labels(v);
            out.push_back(std::move(s));
        }
    return out;
}

nlohmann::json RemoteHost::networks()
{
    return m_api.getJson("/networks");
}

image::Json RemoteHost::inspectImage(const std::string &ref)
{
    return m_api.parseAnswer(m_api.request("GET", "/images/" + urlEscape(ref) + "/json"), "/images/" + ref + "/json");
}

image::Json RemoteHost::inspectContainer(const std::string &ref)
{
    return m_api.parseAnswer(m_api.request("GET", "/containers/" + urlEscape(ref) + "/json"), "/containers/" + ref + "/json");
}

image::Json RemoteHost::inspectVolume(const std::string &name)
{
    return m_api.parseAnswer(m_api.request("GET", "/volumes/" + urlEscape(name)), "/volumes/" + name);
}

image::Json RemoteHost::inspectNetwork(const std::string &name)
{
    return m_api.parseAnswer(m_api.request("GET", "/networks/" + urlEscape(name)), "/networks/" + name);
}

void RemoteHost::events(const std::string &since, const std::string &until,
                        const std::function<bool(const nlohmann::json &)> &onEvent)
{
    std::string query;
    if (!since.empty())
        query += "since=" + urlEscape(since);
    if (!until.empty())
        query += std::string(query.empty() ? "" : "&") + "until=" + urlEscape(until);
    std::string buffer;
    m_api.stream("/events" + (query.empty() ? "" : "?" + query), [&](std::string_view chunk) {
        buffer.append(chunk);
        // One JSON object per line (Docker) or back to back (Podman): parse
        // whole objects off the front as they complete.
        for (;;) {
            const auto nl = buffer.find('\n');
            if (nl == std::string::npos)
                return true;
            const std::string line = buffer.substr(0, nl);
            buffer.erase(0, nl + 1);
            if (line.find_first_not_of(" \r\t") == std::string::npos)
                continue;
            const auto j = util::parseJsonOrDiscarded(line);
            if (j.is_discarded())
                throw Error(ErrorCode::Io, m_api.errorPrefix() + "the event stream sent something that is not JSON");
            if (!onEvent(j))
                return false;
        }
    });
}

std::vector<std::vector<std::string>> RemoteHost::top(const std::string &ref)
{
    const std::string path = "/containers/" + urlEscape(ref) + "/top";
    std::string body = m_api.request("GET", path);
    bool podmanColumns = false;
    if (body.empty() && m_api.engineName() == "Podman") {
        // Podman runs `ps -ef` inside the container, which an image without
        // ps cannot; its own descriptors give the same columns from outside.
        body = m_api.request("GET", path + "?stream=false&ps_args=user,pid,ppid,pcpu,stime,tty,time,args");
        podmanColumns = true;
    }
    const json t = json::parse(body, nullptr, false);
    if (!t.is_object())
        throw Error(ErrorCode::Io, m_api.errorPrefix() + path + " did not answer JSON");
    std::vector<std::vector<std::string>> rows{strings(t, "Titles")};
    if (podmanColumns)
        rows.front() = {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"}; // Docker's titles
    if (t.contains("Processes") && t["Processes"].is_array())
        for (const auto &p : t["Processes"]) {
            std::vector<std::string> row;
            for (const auto &cell : p)
                row.push_back(cell.is_string() ? cell.get<std::string>() : cell.dump());
            rows.push_back(std::move(row));
        }
    return rows;
}

HostImageFiles RemoteHost::imageFiles(const std::string &ref, bool contents)
{
    LayerCache cache(m_cacheRoot.empty() ? LayerCache::defaultRoot() : m_cacheRoot);
    HostImageFiles files = hostImageFiles(m_api, ref, cache);
    m_layerSource = files.source;
    if (contents)
        for (auto &l : files.layers)
            l = cache.unpack(l);
    return files;
}

namespace {

// A cached layer not unpacked is read from its tar's headers.
fs::UnionView unionOf(const HostImageFiles &files)
{
    std::vector<fs::LayerDir> dirs;
    for (const auto &l : files.layers)
        dirs.push_back({l.dir, l.whiteouts, l.unpacked() ? std::filesystem::path() : l.tar});
    return fs::UnionView::build(dirs);
}

} // namespace

fs::UnionView RemoteHost::imageTree(const std::string &ref, bool contents)
{
    return unionOf(imageFiles(ref, contents));
}

std::vector<LayerView> RemoteHost::imageLayers(const std::string &ref)
{
    const HostImageFiles files = imageFiles(ref, false);
    const fs::UnionView view = unionOf(files);
    const auto made = image::layerHistory(files.config);
    std::vector<LayerView> out;
    Digest chain;
    for (std::size_t i = 0; i < files.layers.size(); ++i) {
        const HostLayerDir &l = files.layers[i];
        chain = store::chainIdOf(chain, l.diffId);
        LayerView v;
        v.index = static_cast<int>(i);
        v.diffId = l.diffId;
        v.chainId = chain;
        v.blob = l.blob;
        v.size = l.contentBytes;
        if (i < made.size()) {
            v.createdBy = made[i].createdBy;
            v.comment = made[i].comment;
        }
        v.changes = view.changes()[i];
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<std::string> RemoteHost::changes(const std::string &ref)
{
    const json list = m_api.getJson("/containers/" + urlEscape(ref) + "/changes");
    std::vector<std::string> out;
    if (list.is_array())
        for (const auto &c : list) {
            const int kind = c.value("Kind", 0); // 0 modified, 1 added, 2 deleted
            out.push_back(std::string(kind == 1 ? "A " : kind == 2 ? "D " : "C ") + str(c, "Path"));
        }
    return out;
}

void RemoteHost::logs(const std::string &ref, bool follow, const std::string &tail, bool timestamps,
                      const std::function<bool(int, std::string_view)> &onChunk)
{
    streamLogs(m_api, ref, follow, tail, timestamps, onChunk);
}

void streamLogs(ApiClient &api, const std::string &ref, bool follow, const std::string &tail, bool timestamps,
                const std::function<bool(int, std::string_view)> &onChunk)
{
    const json c = api.getJson("/containers/" + urlEscape(ref) + "/json");
    const bool tty = c.contains("Config") && c["Config"].is_object() && c["Config"].value("Tty", false);
    std::string path = "/containers/" + urlEscape(ref) + "/logs?stdout=1&stderr=1";
    if (follow)
        path += "&follow=1";
    if (!tail.empty())
        path += "&tail=" + urlEscape(tail);
    if (timestamps)
        path += "&timestamps=1";
    StreamDemux demux(onChunk);
    api.stream(path, [&](std::string_view chunk) {
        // Without a TTY the stream is multiplexed (StreamDemux.h).
        return tty ? onChunk(1, chunk) : demux.feed(chunk);
    });
    if (!demux.clean())
        throw Error(ErrorCode::Io, api.errorPrefix() + "the log stream was cut before its end");
}

} // namespace strata::engine::remote
