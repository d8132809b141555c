// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/HostLifecycle.h"

#include "engine/Error.h"
#include "engine/image/Reference.h"
#include "engine/remote/RemoteHost.h"
#include "engine/remote/StreamDemux.h"
#include "engine/runtime/ResourceLimits.h"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace strata::engine::remote {
namespace {

using nlohmann::json;

std::string containerPath(const std::string &ref, const std::string &what)
{
    return "/containers/" + urlEscape(ref) + what;
}

// -e K (no '='): the value from this process's environment, as Docker's CLI
// does; unset: left out.
json environment(const std::vector<std::string> &env)
{
    json out = json::array();
    for (const auto &e : env) {
        if (e.find('=') != std::string::npos)
            out.push_back(e);
        else if (const char *v = std::getenv(e.c_str()))
            out.push_back(e + "=" + v);
    }
    return out;
}

// Env, WorkingDir, User: the same fields in a create and an exec body.
void setProcess(json &body, const std::vector<std::string> &env, const std::string &workdir, const std::string &user)
{
    if (!env.empty())
        body["Env"] = environment(env);
    if (!workdir.empty())
        body["WorkingDir"] = workdir;
    if (!user.empty())
        body["User"] = user;
}

// -p [IP:][HOST:]CTR[/proto] into ExposedPorts and PortBindings.
void addPublish(const std::string &spec, json &exposed, json &bindings)
{
    std::string rest = spec, proto = "tcp";
    if (auto slash = rest.rfind('/'); slash != std::string::npos) {
        proto = rest.substr(slash + 1);
        rest.resize(slash);
    }
    std::vector<std::string> parts;
    std::istringstream in(rest);
    for (std::string p; std::getline(in, p, ':');)
        parts.push_back(p);
    if (parts.empty() || parts.size() > 3 || parts.back().empty())
        throw Error(ErrorCode::InvalidArgument, "invalid publish spec \"" + spec + "\"");
    const std::string port = parts.back() + "/" + proto;
    exposed[port] = json::object();
    json binding = {{"HostIp", parts.size() == 3 ? parts[0] : ""},
                    {"HostPort", parts.size() >= 2 ? parts[parts.size() - 2] : ""}};
    bindings[port].push_back(binding);
}

// --mount type=…,source=…,target=…[,readonly]
json mountOf(const std::string &spec)
{
    json m = json::object();
    std::istringstream in(spec);
    for (std::string field; std::getline(in, field, ',');) {
        const auto eq = field.find('=');
        const std::string key = field.substr(0, eq), value = eq == std::string::npos ? "" : field.substr(eq + 1);
        if (key == "type")
            m["Type"] = value;
        else if (key == "source" || key == "src")
            m["Source"] = value;
        else if (key == "target" || key == "destination" || key == "dst")
            m["Target"] = value;
        else if (key == "readonly" || key == "ro")
            m["ReadOnly"] = value.empty() || value == "true" || value == "1";
        else
            throw Error(ErrorCode::InvalidArgument, "--mount " + spec + ": \"" + key + "\" is not supported with a host");
    }
    if (!m.contains("Type"))
        m["Type"] = "volume";
    return m;
}

json device(const std::string &spec)
{
    std::vector<std::string> parts;
    std::istringstream in(spec);
    for (std::string p; std::getline(in, p, ':');)
        parts.push_back(p);
    return {{"PathOnHost", parts.empty() ? spec : parts[0]},
            {"PathInContainer", parts.size() > 1 ? parts[1] : (parts.empty() ? spec : parts[0])},
            {"CgroupPermissions", parts.size() > 2 ? parts[2] : "rwm"}};
}

void addMounts(const volume::MountFlags &f, json &body, json &hostConfig)
{
    for (const auto &v : f.volumes) {
        if (v.find(':') == std::string::npos)
            body["Volumes"][v] = json::object(); // -v DST: an anonymous volume
        else
            hostConfig["Binds"].push_back(v);
    }
    for (const auto &m : f.mounts)
        hostConfig["Mounts"].push_back(mountOf(m));
    for (const auto &t : f.tmpfs) {
        const auto colon = t.find(':');
        hostConfig["Tmpfs"][t.substr(0, colon)] = colon == std::string::npos ? "" : t.substr(colon + 1);
    }
    for (const auto &c : f.volumesFrom)
        hostConfig["VolumesFrom"].push_back(c);
}

std::int64_t nanoCpus(const std::string &text)
{
    char *end = nullptr;
    const double cpus = std::strtod(text.c_str(), &end);
    if (text.empty() || *end || !(cpus > 0))
        throw Error(ErrorCode::InvalidArgument, "invalid argument \"" + text + "\" for \"--cpus\" flag");
    return static_cast<std::int64_t>(std::llround(cpus * 1e9));
}

} // namespace

json createBody(const ContainerCreateOptions &o)
{
    json body = {{"Image", o.image}, {"Tty", o.tty}, {"OpenStdin", o.openStdin}, {"StdinOnce", o.openStdin},
                 {"AttachStdin", o.openStdin}, {"AttachStdout", o.attachStdout}, {"AttachStderr", o.attachStdout}};
    if (!o.cmd.empty())
        body["Cmd"] = o.cmd;
    if (o.entrypoint)
        body["Entrypoint"] = json::array({*o.entrypoint}); // "" clears the image's, as in Docker
    setProcess(body, o.env, o.workdir, o.user);
    if (!o.hostname.empty())
        body["Hostname"] = o.hostname;
    if (!o.labels.empty())
        body["Labels"] = o.labels;

    json hc = json::object();
    if (o.network != "default")
        hc["NetworkMode"] = o.network;
    if (!o.networkAliases.empty() || !o.ip.empty()) {
        json endpoint = json::object();
        if (!o.networkAliases.empty())
            endpoint["Aliases"] = o.networkAliases;
        if (!o.ip.empty())
            endpoint["IPAMConfig"] = {{"IPv4Address", o.ip}};
        body["NetworkingConfig"]["EndpointsConfig"][o.network] = endpoint;
    }
    json exposed = json::object(), bindings = json::object();
    for (const auto &p : o.publish)
        addPublish(p, exposed, bindings);
    if (!exposed.empty()) {
        body["ExposedPorts"] = exposed;
        hc["PortBindings"] = bindings;
    }
    if (o.publishAll)
        hc["PublishAllPorts"] = true;
    if (!o.capAdd.empty())
        hc["CapAdd"] = o.capAdd;
    if (!o.capDrop.empty())
        hc["CapDrop"] = o.capDrop;
    for (const auto &d : o.devices)
        hc["Devices"].push_back(device(d));
    if (!o.securityOpt.empty())
        hc["SecurityOpt"] = o.securityOpt;
    if (!o.memory.empty())
        hc["Memory"] = runtime::parseMemoryBytes(o.memory);
    if (!o.cpus.empty())
        hc["NanoCpus"] = nanoCpus(o.cpus);
    if (o.pidsLimit != 0)
        hc["PidsLimit"] = o.pidsLimit;
    addMounts(o.mountFlags, body, hc);
    // --rm is the host's job (as with Docker's CLI) when the client may not
    // be there at the end: detached, or attached with stdin or a terminal
    // (the detach keys); that run asks for the exit code before the start
    // (HostExitWait.h). A plain attached run follows the logs to the end,
    // then removes the container itself once the code is read.
    if (o.autoRemove && (!o.attachStdout || o.tty || o.openStdin))
        hc["AutoRemove"] = true;
    body["HostConfig"] = hc;
    return body;
}

template <typename F>
decltype(auto) HostLifecycle::onContainer(const std::string &ref, F &&f)
{
    try {
        return f();
    } catch (const Error &e) {
        if (e.code() == ErrorCode::NotFound)
            throw Error(ErrorCode::NotFound, "No such container: " + ref);
        throw;
    }
}

void HostLifecycle::post(const std::string &path, const std::string &body)
{
    (void)m_api.request("POST", path, body);
}

std::string HostLifecycle::create(const ContainerCreateOptions &o)
{
    const std::string query = o.name.empty() ? "" : "?name=" + urlEscape(o.name);
    std::string answer;
    try {
        answer = m_api.request("POST", "/containers/create" + query, createBody(o).dump());
    } catch (const Error &e) {
        if (e.code() == ErrorCode::NotFound)
            throw Error(ErrorCode::NotFound, "No such image: " + o.image);
        throw;
    }
    const auto j = json::parse(answer, nullptr, false);
    if (!j.is_object() || !j.contains("Id") || !j["Id"].is_string())
        throw Error(ErrorCode::Io, m_api.errorPrefix() + "/containers/create did not answer an Id");
    return j["Id"].get<std::string>();
}

void HostLifecycle::start(const std::string &ref)
{
    onContainer(ref, [&] { post(containerPath(ref, "/start")); });
}

void HostLifecycle::stop(const std::string &ref, std::optional<int> timeout)
{
    onContainer(ref, [&] { post(containerPath(ref, "/stop") + (timeout ? "?t=" + std::to_string(*timeout) : "")); });
}

void HostLifecycle::kill(const std::string &ref, const std::string &signal)
{
    onContainer(ref, [&] { post(containerPath(ref, "/kill?signal=" + urlEscape(signal))); });
}

void HostLifecycle::restart(const std::string &ref, std::optional<int> timeout)
{
    onContainer(ref,
                [&] { post(containerPath(ref, "/restart") + (timeout ? "?t=" + std::to_string(*timeout) : "")); });
}

void HostLifecycle::pause(const std::string &ref)
{
    onContainer(ref, [&] { post(containerPath(ref, "/pause")); });
}

void HostLifecycle::unpause(const std::string &ref)
{
    onContainer(ref, [&] { post(containerPath(ref, "/unpause")); });
}

void HostLifecycle::remove(const std::string &ref, bool force, bool volumes)
{
    onContainer(ref, [&] {
        (void)m_api.request("DELETE", containerPath(ref, std::string("?force=") + (force ? "1" : "0") +
                                                             "&v=" + (volumes ? "1" : "0")));
    });
}

int HostLifecycle::wait(const std::string &ref)
{
    const std::string answer = onContainer(ref, [&] { return m_api.request("POST", containerPath(ref, "/wait")); });
    const auto j = json::parse(answer, nullptr, false);
    if (!j.is_object() || !j.contains("StatusCode") || !j["StatusCode"].is_number())
        throw Error(ErrorCode::Io, m_api.errorPrefix() + "/wait did not answer a StatusCode");
    return j["StatusCode"].get<int>();
}

void HostLifecycle::follow(const std::string &ref, const OutputSink &sink)
{
    streamLogs(m_api, ref, true, "", false, sink);
}

Digest HostLifecycle::commit(const std::string &ref, const CommitOptions &o)
{
    std::string query = "?container=" + urlEscape(ref) + "&pause=" + (o.pause ? "1" : "0");
    if (o.repoTag) {
        const image::Reference r = image::Reference::parse(*o.repoTag);
        query += "&repo=" + urlEscape(r.name) + "&tag=" + urlEscape(r.tag);
    }
    if (!o.message.empty())
        query += "&comment=" + urlEscape(o.message);
    if (!o.author.empty())
        query += "&author=" + urlEscape(o.author);
    for (const auto &c : o.changes)
        query += "&changes=" + urlEscape(c);
    const std::string answer = onContainer(ref, [&] { return m_api.request("POST", "/commit" + query, "{}"); });
    const auto j = json::parse(answer, nullptr, false);
    const std::string id = j.is_object() ? j.value("Id", "") : "";
    const std::string full = id.rfind("sha256:", 0) == 0 ? id : "sha256:" + id;
    if (!Digest::isValid(full))
        throw Error(ErrorCode::Io, m_api.errorPrefix() + "/commit did not answer an image Id");
    return Digest::parse(full);
}

std::string HostLifecycle::createExec(const std::string &ref, const HostExec &e)
{
    json body = {{"AttachStdin", e.interactive && !e.detach}, {"AttachStdout", !e.detach},
                 {"AttachStderr", !e.detach}, {"Tty", e.tty}, {"Cmd", e.args}};
    setProcess(body, e.env, e.workdir, e.user);
    const std::string answer =
            onContainer(ref, [&] { return m_api.request("POST", containerPath(ref, "/exec"), body.dump()); });
    const auto made = json::parse(answer, nullptr, false);
    if (!made.is_object() || !made.contains("Id") || !made["Id"].is_string())
        throw Error(ErrorCode::Io, m_api.errorPrefix() + "/exec did not answer an Id");
    return made["Id"].get<std::string>();
}

void HostLifecycle::execDetached(const std::string &ref, const HostExec &e)
{
    HostExec detached = e;
    detached.detach = true;
    const std::string id = createExec(ref, detached);
    // The start answers at once (no stream): the command goes on in the container.
    post("/exec/" + urlEscape(id) + "/start", json{{"Detach", true}, {"Tty", e.tty}}.dump());
}

std::unique_ptr<HijackedConnection> HostLifecycle::startExec(const std::string &execId, bool tty)
{
    return m_api.hijack("/exec/" + urlEscape(execId) + "/start", json{{"Detach", false}, {"Tty", tty}}.dump());
}

std::optional<int> HostLifecycle::execExitCode(const std::string &execId)
{
    const json state = m_api.getJson("/exec/" + urlEscape(execId) + "/json");
    if (state.is_object() && state.value("Running", false))
        return std::nullopt;
    return state.is_object() && state.contains("ExitCode") && state["ExitCode"].is_number()
                   ? state["ExitCode"].get<int>()
                   : 0;
}

std::unique_ptr<HijackedConnection> HostLifecycle::attach(const std::string &ref, bool stdinToo,
                                                          const std::string &detachKeys)
{
    std::string query = std::string("/attach?stream=1&stdout=1&stderr=1&stdin=") + (stdinToo ? "1" : "0");
    if (!detachKeys.empty())
        query += "&detachKeys=" + urlEscape(detachKeys);
    return onContainer(ref, [&] { return m_api.hijack(containerPath(ref, query), {}); });
}

bool HostLifecycle::resize(const std::string &ref, std::uint16_t rows, std::uint16_t cols)
{
    try {
        post(containerPath(ref, "/resize?h=" + std::to_string(rows) + "&w=" + std::to_string(cols)));
        return true;
    } catch (const Error &) {
        return false;
    }
}

bool HostLifecycle::resizeExec(const std::string &execId, std::uint16_t rows, std::uint16_t cols)
{
    try {
        post("/exec/" + urlEscape(execId) + "/resize?h=" + std::to_string(rows) + "&w=" + std::to_string(cols));
        return true;
    } catch (const Error &) {
        return false;
    }
}

int HostLifecycle::exec(const std::string &ref, const HostExec &e, const OutputSink &sink)
{
    const std::string id = createExec(ref, e);
    StreamDemux demux(sink);
    m_api.stream("POST", "/exec/" + id + "/start", json{{"Detach", false}, {"Tty", false}}.dump(),
                 [&](std::string_view chunk) { return demux.feed(chunk); });
    if (!demux.clean())
        throw Error(ErrorCode::Io, m_api.errorPrefix() + "the exec stream was cut before its end");
    return execExitCode(id).value_or(0);
}

registry::PullResult HostLifecycle::pull(const std::string &reference, const registry::ProgressSink &progress)
{
    const image::Reference r = image::Reference::parse(reference);
    std::string query = "?fromImage=" + urlEscape(r.normalisedName());
    query += r.hasDigest() ? "&tag=" + urlEscape(r.digest) : "&tag=" + urlEscape(r.tag);
    std::string buffer, failure, digest;
    bool updated = false;
    m_api.stream("POST", "/images/create" + query, {}, [&](std::string_view chunk) {
        buffer.append(chunk);
        for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos;) {
            const auto m = json::parse(buffer.substr(0, nl), nullptr, false);
            buffer.erase(0, nl + 1);
            if (!m.is_object())
                continue;
            if (m.contains("error") && m["error"].is_string()) {
                failure = m["error"].get<std::string>();
                continue;
            }
            registry::ProgressMessage p;
            p.id = m.value("id", "");
            p.status = m.value("status", "");
            if (m.contains("progressDetail") && m["progressDetail"].is_object()) {
                p.current = m["progressDetail"].value("current", std::uint64_t{0});
                p.total = m["progressDetail"].value("total", std::uint64_t{0});
                p.progress = p.total > 0;
            }
            if (p.status.rfind("Digest: ", 0) == 0)
                digest = p.status.substr(8);
            if (p.status.rfind("Status: Downloaded newer image", 0) == 0)
                updated = true;
            if (!p.status.empty() && progress)
                progress(p);
        }
        return true;
    });
    if (!failure.empty())
        throw Error(ErrorCode::Io, failure);
    return {r.normalisedStr(), digest, updated};
}

} // namespace strata::engine::remote
