// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/CheckEvaluator.h"

#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/image/TarArchiveView.h"
#include "engine/lesson/HttpProbe.h"


#include <fstream>
#include <functional>
#include <optional>
#include <random>
#include <regex>
#include <sstream>

namespace strata::engine::lesson {
namespace {

using nlohmann::json;

std::string readAll(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Both languages of one message, built from pieces that read the same in both.
Text both(std::string zh, std::string en)
{
    return Text{std::move(zh), std::move(en)};
}

std::string q(const std::string &s)
{
    return "\"" + s + "\"";
}

std::string relPath(const std::string &p)
{
    std::string r = p;
    while (!r.empty() && r.front() == '/')
        r.erase(r.begin());
    while (r.size() > 1 && r.back() == '/')
        r.pop_back();
    return r;
}

// The check's fields with ${vars} expanded.
class Fields {
public:
    Fields(const json &j, const Vars &vars) : m_j(j), m_vars(vars) {}
    [[nodiscard]] std::string str(const char *key, const std::string &fallback = {}) const
    {
        auto it = m_j.find(key);
        if (it == m_j.end() || !it->is_string())
            return fallback;
        return expandVars(it->get<std::string>(), m_vars);
    }
    [[nodiscard]] bool has(const char *key) const { return m_j.contains(key); }
    [[nodiscard]] int integer(const char *key, int fallback = 0) const { return m_j.value(key, fallback); }
    [[nodiscard]] bool boolean(const char *key, bool fallback) const { return m_j.value(key, fallback); }

private:
    const json &m_j;
    const Vars &m_vars;
};

struct Outcome {
    bool holds = false;
    Text summary;
    Text found; // what was there instead (for the why-not message)
};

// ---- images ----------------------------------------------------------------

bool imageResolves(Engine &engine, const std::string &ref)
{
    try {
        (void)engine.resolveImage(ref);
        return true;
    } catch (const Error &) {
        return false;
    }
}

// The verdict of every file check (in an image, a container, a volume, a
// layer): there or gone as wanted and, when asked, holding the text.
// `stillThere` and `missing` say what was found, in the place's own words.
void judgeFile(Outcome &o, bool exists, bool wantExists, bool wantText, const std::function<bool()> &holdsText,
               Text stillThere, Text missing)
{
    if (!wantExists) {
        o.holds = !exists;
        o.found = std::move(stillThere);
    } else if (!exists) {
        o.found = std::move(missing);
    } else if (!wantText) {
        o.holds = true;
    } else {
        o.holds = holdsText();
        o.found = both("文件内容里没有这段文字", "the file does not contain it");
    }
}

// Runs `look`, which reads an image through the engine; when the image is
// not there, that is what was found.
template <typename Look>
void lookAtImage(Outcome &o, Look look)
{
    try {
        look();
    } catch (const Error &) {
        o.found = both("找不到这个镜像", "no such image");
    }
}

Outcome imageExists(const Fields &f, Engine &engine, bool wantPresent)
{
    const std::string image = f.str("image");
    const bool present = imageResolves(engine, image);
    Outcome o;
    o.holds = present == wantPresent;
    o.summary = wantPresent ? both("镜像 " + image + " 存在", "image " + image + " exists")
                            : both("镜像 " + image + " 不存在", "image " + image + " does not exist");
    o.found = present ? both("它存在", "it exists") : both("找不到这个镜像", "no such image");
    return o;
}

Outcome imageLayers(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image");
    const int want = f.integer("count");
    Outcome o;
    o.summary = both("镜像 " + image + " 有 " + std::to_string(want) + " 层（RootFS.Layers）",
                     "image " + image + " has " + std::to_string(want) + " layers (RootFS.Layers)");
    lookAtImage(o, [&] {
        const json j = engine.inspectImage(image);
        const auto n = static_cast<int>(j.at("RootFS").at("Layers").size());
        o.holds = n == want;
        o.found = both("实际有 " + std::to_string(n) + " 层", "it has " + std::to_string(n));
    });
    return o;
}

// A RepoDigest ("repo@sha256:…") the image got from a pull or a push; with
// `repo`, one of that repository; with `digest`, exactly that manifest digest.
Outcome imageRepoDigest(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image"), repo = f.str("repo"), digest = f.str("digest");
    Outcome o;
    const std::string what = (repo.empty() ? std::string() : repo) + "@" + (digest.empty() ? "sha256:…" : digest);
    o.summary = both("镜像 " + image + " 的 RepoDigests 里有 " + what, "image " + image + "'s RepoDigests hold " + what);
    lookAtImage(o, [&] {
        const json j = engine.inspectImage(image);
        std::string all;
        for (const auto &d : j.value("RepoDigests", json::array())) {
            const std::string s = d.get<std::string>();
            all += (all.empty() ? "" : ", ") + s;
            const auto at = s.find('@');
            if (at != std::string::npos && (repo.empty() || s.substr(0, at) == repo) &&
                (digest.empty() || s.substr(at + 1) == digest))
                o.holds = true;
        }
        o.found = all.empty() ? both("它没有 RepoDigests（没有拉取或推送过）", "it has none (never pulled or pushed)")
                              : both("它的 RepoDigests 是 " + all, "its RepoDigests are " + all);
    });
    return o;
}

// Two names for one image: the same image id (config digest).
Outcome imageSame(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image"), other = f.str("other");
    Outcome o;
    o.summary = both(image + " 和 " + other + " 是同一个镜像（镜像 ID 相同）", image + " and " + other + " are one image (the same image id)");
    if (!imageResolves(engine, image) || !imageResolves(engine, other)) {
        o.found = both("其中一个不存在", "one of them does not exist");
        return o;
    }
    const Digest a = engine.resolveImage(image), b = engine.resolveImage(other);
    o.holds = a == b;
    o.found = both("ID 分别是 " + a.shortHex() + " 和 " + b.shortHex(), "their ids are " + a.shortHex() + " and " + b.shortHex());
    return o;
}

Outcome imageHistory(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image");
    const std::string text = f.str("contains");
    Outcome o;
    o.summary = both("镜像 " + image + " 的 history 中有一行包含 " + q(text),
                     "a history row of image " + image + " contains " + q(text));
    lookAtImage(o, [&] {
        const auto rows = engine.history(image);
        for (const auto &row : rows)
            if (row.createdBy.find(text) != std::string::npos || row.comment.find(text) != std::string::npos)
                o.holds = true;
        o.found = both("history 共 " + std::to_string(rows.size()) + " 行，没有一行包含它",
                       "none of its " + std::to_string(rows.size()) + " history rows does");
    });
    return o;
}

Outcome imageConfig(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image"), key = f.str("key"), text = f.str("contains");
    Outcome o;
    o.summary = both("镜像 " + image + " 的配置 Config." + key + " 包含 " + q(text),
                     "image " + image + "'s Config." + key + " contains " + q(text));
    lookAtImage(o, [&] {
        const json j = engine.inspectImage(image);
        const json *v = j.contains("Config") && j["Config"].contains(key) ? &j["Config"][key] : nullptr;
        const std::string shown = !v || v->is_null() ? std::string() : v->is_string() ? v->get<std::string>() : v->dump();
        o.holds = !shown.empty() && shown.find(text) != std::string::npos;
        o.found = both(shown.empty() ? "它没有设置" : "它是 " + shown, shown.empty() ? "it is not set" : "it is " + shown);
    });
    return o;
}

// `images`' SIZE: all the image's layers' bytes (inspect's Size).
Outcome imageSize(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image");
    const auto atMost = f.has("max_bytes") ? std::optional<std::int64_t>(f.integer("max_bytes")) : std::nullopt;
    const auto atLeast = f.has("min_bytes") ? std::optional<std::int64_t>(f.integer("min_bytes")) : std::nullopt;
    std::string zh = "镜像 " + image + " 的大小", en = "image " + image + "'s size is";
    if (atLeast) {
        zh += " 至少 " + std::to_string(*atLeast) + " 字节";
        en += " at least " + std::to_string(*atLeast) + " bytes";
    }
    if (atMost) {
        zh += " 至多 " + std::to_string(*atMost) + " 字节";
        en += std::string(atLeast ? " and" : "") + " at most " + std::to_string(*atMost) + " bytes";
    }
    Outcome o;
    o.summary = both(zh, en);
    lookAtImage(o, [&] {
        const std::int64_t size = engine.inspectImage(image).value("Size", std::int64_t{0});
        o.holds = (!atLeast || size >= *atLeast) && (!atMost || size <= *atMost);
        o.found = both("实际 " + std::to_string(size) + " 字节", "it is " + std::to_string(size) + " bytes");
    });
    return o;
}

Outcome imageFile(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image");
    const std::string path = f.str("path");
    const bool wantText = f.has("contains");
    const bool wantExists = f.boolean("exists", true);
    const std::string text = f.str("contains");
    Outcome o;
    o.summary = !wantExists ? both("镜像 " + image + " 里没有 " + path, "image " + image + " has no " + path)
                : wantText  ? both("镜像 " + image + " 的文件 " + path + " 含有 " + q(text),
                                   "file " + path + " of image " + image + " contains " + q(text))
                            : both("镜像 " + image + " 里有 " + path, "image " + image + " has " + path);
    lookAtImage(o, [&] {
        const auto view = engine.imageTree(image);
        auto it = view.merged().find(relPath(path));
        judgeFile(
            o, it != view.merged().end(), wantExists, wantText,
            [&] { return readAll(it->second.source).find(text) != std::string::npos; },
            both("镜像里有这个路径", "the image has that path"), both("镜像里没有这个路径", "the image has no such path"));
    });
    return o;
}

Outcome imagesDangling(const Fields &f, Engine &engine)
{
    const int want = f.integer("count");
    int n = 0;
    for (const auto &img : engine.images())
        n += img.dangling ? 1 : 0;
    Outcome o;
    o.holds = n == want;
    o.summary = both("虚悬镜像有 " + std::to_string(want) + " 个", std::to_string(want) + " dangling images");
    o.found = both("实际有 " + std::to_string(n) + " 个", "there are " + std::to_string(n));
    return o;
}

// ---- containers --------------------------------------------------------------

std::optional<container::Record> findContainer(Engine &engine, const std::string &ref)
{
    try {
        return engine.container(ref);
    } catch (const Error &e) {
        if (e.code() == ErrorCode::NotFound)
            return std::nullopt;
        throw;
    }
}

std::string stateName(const container::State &s)
{
    return container::toString(s.status);
}

Text noContainer(const std::string &name)
{
    return both("没有名为 " + name + " 的容器", "there is no container " + name);
}

Outcome containerState(const Fields &f, Engine &engine)
{
    const std::string name = f.str("container");
    const std::string want = f.str("state");
    Outcome o;
    o.summary = want == "removed" ? both("容器 " + name + " 已被删除", "container " + name + " is removed")
                                  : both("容器 " + name + " 的状态是 " + want, "container " + name + " is " + want);
    const auto r = findContainer(engine, name);
    if (!r) {
        o.holds = want == "removed";
        o.found = noContainer(name);
        return o;
    }
    const std::string state = stateName(r->state);
    o.holds = state == want;
    o.found = both("它现在是 " + state, "it is " + state);
    return o;
}

Outcome containerExitCode(const Fields &f, Engine &engine)
{
    const std::string name = f.str("container");
    const int want = f.integer("code");
    Outcome o;
    o.summary = both("容器 " + name + " 以退出码 " + std::to_string(want) + " 结束",
                     "container " + name + " exited with code " + std::to_string(want));
    const auto r = findContainer(engine, name);
    if (!r) {
        o.found = noContainer(name);
    } else if (r->state.status != container::Status::Exited) {
        o.found = both("它现在是 " + stateName(r->state) + "，还没有退出", "it is " + stateName(r->state) + ", not exited");
    } else {
        o.holds = r->state.exitCode == want;
        o.found = both("退出码是 " + std::to_string(r->state.exitCode), "its exit code is " + std::to_string(r->state.exitCode));
    }
    return o;
}

// A scratch directory removed when it goes out of scope.
struct ScratchDir {
    std::filesystem::path path;
    ScratchDir()
    {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("strata-check-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~ScratchDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

Outcome containerFile(const Fields &f, Engine &engine)
{
    const std::string name = f.str("container");
    const std::string path = f.str("path");
    const bool wantExists = f.boolean("exists", true);
    const bool wantText = f.has("contains");
    const std::string text = f.str("contains");
    Outcome o;
    if (!wantExists)
        o.summary = both("容器 " + name + " 里看不到 " + path, "container " + name + " does not show " + path);
    else if (wantText)
        o.summary = both("容器 " + name + " 里的 " + path + " 含有 " + q(text),
                         path + " in container " + name + " contains " + q(text));
    else
        o.summary = both("容器 " + name + " 里能看到 " + path, "container " + name + " shows " + path);
    if (!findContainer(engine, name)) {
        o.found = noContainer(name);
        return o;
    }
    // The merged view through `cp`'s path: it works for a stopped container
    // too, exactly as the student's `strata cp` would.
    ScratchDir scratch;
    const auto dest = scratch.path / "copy";
    bool exists = false;
    try {
        engine.copyFromContainer(name, path, dest, CopyOptions{});
        exists = true;
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound)
            throw;
    }
    judgeFile(
        o, exists, wantExists, wantText,
        [&] { return std::filesystem::is_regular_file(dest) && readAll(dest).find(text) != std::string::npos; },
        both("这个路径还在", "the path is still there"), both("容器里没有这个路径", "the container has no such path"));
    return o;
}

// What the container's own layer holds at `path`, as `diff` sees it (the
// engine hides the drivers' whiteout spellings and when they record):
// 'A'/'C' a file or directory there, 'D' a whiteout, 0 nothing.
char layerEntryOf(Engine &engine, const std::string &name, const std::string &path)
{
    const std::string wanted = "/" + relPath(path);
    for (const auto &line : engine.diffContainer(name))
        if (line.path == wanted)
            return line.kind;
    return 0;
}

Outcome containerLayer(const Fields &f, Engine &engine)
{
    const std::string name = f.str("container");
    const std::string path = f.str("path");
    const bool wantWhiteout = f.boolean("whiteout", false);
    Outcome o;
    o.summary = wantWhiteout
                    ? both("容器 " + name + " 的容器层里有 " + path + " 的白化文件（删除标记）",
                           "the container layer of " + name + " holds a whiteout for " + path)
                    : both("容器 " + name + " 的容器层（UpperDir）里有 " + path,
                           "the container layer (UpperDir) of " + name + " holds " + path);
    if (!findContainer(engine, name)) {
        o.found = noContainer(name);
        return o;
    }
    const char entry = layerEntryOf(engine, name, path);
    const bool whiteout = entry == 'D';
    const bool present = entry != 0;
    if (wantWhiteout) {
        o.holds = whiteout;
        o.found = present ? both("容器层里是一个普通文件，不是白化文件", "the container layer has a plain file there")
                          : both("容器层里什么都没有", "nothing is there in the container layer");
    } else {
        o.holds = present && !whiteout;
        o.found = whiteout ? both("容器层里是它的白化文件（已删除）", "the container layer has a whiteout for it")
                           : both("容器层里没有它（仍在只读的镜像层中）",
                                  "the container layer does not hold it (it is only in the read-only image layers)");
    }
    return o;
}

Outcome containerDiff(const Fields &f, Engine &engine)
{
    const std::string name = f.str("container");
    const std::string line = f.str("line");
    Outcome o;
    o.summary = both("strata diff " + name + " 有一行 " + q(line), "strata diff " + name + " has the line " + q(line));
    if (!findContainer(engine, name)) {
        o.found = noContainer(name);
        return o;
    }
    std::string lines;
    for (const auto &c : engine.diffContainer(name)) {
        if (c.line() == line)
            o.holds = true;
        if (lines.size() < 200)
            lines += (lines.empty() ? "" : ", ") + c.line();
    }
    o.found = lines.empty() ? both("diff 是空的", "the diff is empty")
                            : both("diff 是：" + lines, "the diff is: " + lines);
    return o;
}

Outcome containerCount(const Fields &f, Engine &engine)
{
    const int want = f.integer("count");
    const std::string image = f.str("image");
    const std::string state = f.str("state");
    std::optional<Digest> imageId;
    if (!image.empty() && imageResolves(engine, image))
        imageId = engine.resolveImage(image);
    int n = 0;
    for (const auto &c : engine.containers(true)) {
        if (!image.empty() && c.image != image && !(imageId && c.imageId == *imageId))
            continue;
        if (!state.empty() && stateName(c.state) != state)
            continue;
        ++n;
    }
    Outcome o;
    o.holds = n == want;
    std::string zhWhat = "容器", enWhat = "containers";
    if (!state.empty()) {
        zhWhat = "状态为 " + state + " 的" + zhWhat;
        enWhat = state + " " + enWhat;
    }
    if (!image.empty()) {
        zhWhat = "镜像 " + image + " 的" + zhWhat;
        enWhat += " of image " + image;
    }
    o.summary = both(zhWhat + "有 " + std::to_string(want) + " 个", std::to_string(want) + " " + enWhat);
    o.found = both("实际有 " + std::to_string(n) + " 个", "there are " + std::to_string(n));
    return o;
}

// ---- volumes and host --------------------------------------------------------

std::optional<std::filesystem::path> volumeMountpoint(Engine &engine, const std::string &name)
{
    for (const auto &v : engine.volumes())
        if (v.name == name)
            return std::filesystem::path(v.mountpoint);
    return std::nullopt;
}

Outcome volumeExists(const Fields &f, Engine &engine, bool wantPresent)
{
    const std::string name = f.str("volume");
    const bool present = volumeMountpoint(engine, name).has_value();
    Outcome o;
    o.holds = present == wantPresent;
    o.summary = wantPresent ? both("数据卷 " + name + " 存在", "volume " + name + " exists")
                            : both("数据卷 " + name + " 不存在", "volume " + name + " does not exist");
    o.found = present ? both("它存在", "it exists") : both("没有这个数据卷", "no such volume");
    return o;
}

Outcome fileCheck(const std::filesystem::path &file, bool wantExists, bool wantText, const std::string &text,
                  Outcome o)
{
    std::error_code ec;
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(file, ec));
    judgeFile(
        o, exists, wantExists, wantText,
        [&] { return std::filesystem::is_regular_file(file) && readAll(file).find(text) != std::string::npos; },
        both("文件还在", "the file is still there"), both("没有这个文件", "there is no such file"));
    return o;
}

Outcome volumeFile(const Fields &f, Engine &engine)
{
    const std::string name = f.str("volume");
    const std::string path = f.str("path");
    const bool wantText = f.has("contains");
    const std::string text = f.str("contains");
    Outcome o;
    o.summary = wantText ? both("数据卷 " + name + " 里的 " + path + " 含有 " + q(text),
                                path + " in volume " + name + " contains " + q(text))
                         : both("数据卷 " + name + " 里有 " + path, "volume " + name + " holds " + path);
    const auto mountpoint = volumeMountpoint(engine, name);
    if (!mountpoint) {
        o.found = both("没有这个数据卷", "no such volume");
        return o;
    }
    return fileCheck(*mountpoint / relPath(path), true, wantText, text, o);
}

Outcome hostFile(const Fields &f)
{
    const std::string path = f.str("path");
    const bool wantExists = f.boolean("exists", true);
    const bool wantText = f.has("contains");
    const std::string text = f.str("contains");
    Outcome o;
    if (!wantExists)
        o.summary = both("宿主机上没有 " + path, "the host has no " + path);
    else if (wantText)
        o.summary = both("宿主机上的 " + path + " 含有 " + q(text), path + " on the host contains " + q(text));
    else
        o.summary = both("宿主机上有 " + path, "the host has " + path);
    return fileCheck(path, wantExists, wantText, text, o);
}

// ---- networks --------------------------------------------------------------

// A network by name (Docker's `network inspect`), and with `container` one
// of its attached endpoints: what `network create`, `--network`, `network
// connect` and `disconnect` change. exists=false: the network is gone.
Outcome networkExists(const Fields &f, Engine &engine)
{
    const std::string name = f.str("network"), ctr = f.str("container");
    const bool wantExists = f.boolean("exists", true);
    Outcome o;
    std::optional<json> net;
    try {
        net = engine.inspectNetwork(name);
    } catch (const Error &) {
    }
    if (!wantExists) {
        o.summary = both("网络 " + name + " 不存在", "network " + name + " does not exist");
        o.holds = !net;
        o.found = both("它还在", "it is still there");
        return o;
    }
    o.summary = ctr.empty() ? both("网络 " + name + " 存在", "network " + name + " exists")
                            : both("容器 " + ctr + " 连在网络 " + name + " 上", "container " + ctr + " is attached to network " + name);
    if (!net) {
        o.found = both("没有这个网络", "there is no such network");
        return o;
    }
    if (ctr.empty()) {
        o.holds = true;
        return o;
    }
    std::string attached;
    const json containers = net->value("Containers", json::object()); // items() must not outlive it
    for (const auto &[id, c] : containers.items()) {
        const std::string n = c.value("Name", "");
        o.holds = o.holds || n == ctr || id.rfind(ctr, 0) == 0;
        attached += (attached.empty() ? "" : ", ") + n;
    }
    o.found = attached.empty() ? both("网络上没有容器", "no container is attached to it")
                               : both("连在上面的是 " + attached, "attached are " + attached);
    return o;
}

// A GET from the host, as a browser on the host would open a published port.
Outcome httpGetCheck(const Fields &f)
{
    const std::string url = f.str("url");
    const bool wantText = f.has("contains");
    const std::string text = f.str("contains");
    Outcome o;
    o.summary = wantText ? both("从宿主机访问 " + url + " 得到的页面含有 " + q(text),
                                "a GET of " + url + " from the host answers a page containing " + q(text))
                         : both("从宿主机访问 " + url + " 有应答", "a GET of " + url + " from the host is answered");
    const HttpAnswer a = httpGet(url);
    if (!a.answered) {
        o.found = both("没有应答（" + a.error + "）", "nothing answered (" + a.error + ")");
        return o;
    }
    std::string shown = a.body.substr(0, 60);
    while (!shown.empty() && (shown.back() == '\n' || shown.back() == '\r'))
        shown.pop_back();
    o.holds = a.status >= 200 && a.status < 300 && (!wantText || a.body.find(text) != std::string::npos);
    o.found = both("应答是 " + std::to_string(a.status) + "：" + q(shown), "the answer is " + std::to_string(a.status) + ": " + q(shown));
    return o;
}

// The container's image: the name it was created from, or that name's image.
Outcome containerImage(const Fields &f, Engine &engine)
{
    const std::string name = f.str("container");
    const std::string image = f.str("image");
    Outcome o;
    o.summary = both("容器 " + name + " 是从镜像 " + image + " 创建的", "container " + name + " was made from image " + image);
    const auto r = findContainer(engine, name);
    if (!r) {
        o.found = noContainer(name);
        return o;
    }
    // The record keeps the name as typed (config) and the image id it resolved to.
    o.holds = r->config.image == image || (imageResolves(engine, image) && r->image == engine.resolveImage(image).str());
    o.found = both("它的镜像是 " + r->config.image, "its image is " + r->config.image);
    return o;
}

// A member of a tar archive on the host (what `save`/`export` wrote).
Outcome archiveFile(const Fields &f)
{
    const std::string archive = f.str("archive");
    const std::string member = relPath(f.str("member"));
    const bool wantExists = f.boolean("exists", true);
    const bool wantText = f.has("contains");
    const std::string text = f.str("contains");
    Outcome o;
    o.summary = !wantExists ? both("归档 " + archive + " 里没有 " + member, "archive " + archive + " has no " + member)
                : wantText  ? both("归档 " + archive + " 里的 " + member + " 含有 " + q(text),
                                   member + " in archive " + archive + " contains " + q(text))
                            : both("归档 " + archive + " 里有 " + member, "archive " + archive + " has " + member);
    if (!std::filesystem::is_regular_file(archive)) {
        o.found = both("没有这个归档文件", "there is no such archive");
        return o;
    }
    image::TarArchiveView view(archive, archive);
    const auto entry = view.resolve(member);
    if (!wantExists) {
        o.holds = !entry && !view.entries().count(member);
        o.found = both("归档里有它", "the archive has it");
    } else if (!entry && !view.entries().count(member)) {
        o.found = both("归档里没有它（共 " + std::to_string(view.entries().size()) + " 项）",
                       "the archive does not have it (" + std::to_string(view.entries().size()) + " entries)");
    } else if (!wantText) {
        o.holds = true;
    } else {
        o.holds = entry && view.read(member).find(text) != std::string::npos;
        o.found = both("它的内容里没有这段文字", "its content does not contain it");
    }
    return o;
}

// The layer directories of an image, bottom (L1) first, from inspect's GraphDriver.
std::vector<std::string> layerDirs(Engine &engine, const std::string &image)
{
    const json data = engine.inspectImage(image).at("GraphDriver").at("Data");
    std::vector<std::string> dirs;
    std::string lower = data.value("LowerDir", "");
    for (std::size_t at = 0; !lower.empty();) {
        const auto colon = lower.find(':', at);
        dirs.insert(dirs.begin(), lower.substr(at, colon == std::string::npos ? std::string::npos : colon - at));
        if (colon == std::string::npos)
            break;
        at = colon + 1;
    }
    if (data.contains("UpperDir"))
        dirs.push_back(data.at("UpperDir").get<std::string>());
    return dirs;
}

// Two images use one directory on disk for their layer L (1 = bottom).
Outcome layerShared(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image");
    const std::string other = f.str("other");
    const int layer = f.integer("layer", 1);
    Outcome o;
    o.summary = both("镜像 " + image + " 和 " + other + " 的 L" + std::to_string(layer) + " 是磁盘上同一个目录",
                     "images " + image + " and " + other + " share L" + std::to_string(layer) + " on disk (one directory)");
    if (!imageResolves(engine, image) || !imageResolves(engine, other)) {
        o.found = both("有一个镜像不存在", "one of the images does not exist");
        return o;
    }
    const auto a = layerDirs(engine, image), b = layerDirs(engine, other);
    const auto at = static_cast<std::size_t>(layer - 1);
    if (layer < 1 || at >= a.size() || at >= b.size()) {
        o.found = both("有一个镜像没有这么多层", "one of them has fewer layers");
        return o;
    }
    o.holds = a[at] == b[at] && std::filesystem::is_directory(a[at]);
    o.found = both("它们是两个不同的目录", "they are two different directories");
    return o;
}

// ---- printed output ------------------------------------------------------------

const CommandResult *outputOf(const Fields &f, const CheckContext &ctx, Outcome &o)
{
    const int index = f.integer("command", -1);
    const int n = static_cast<int>(ctx.outputs.size());
    const int at = index < 0 ? n + index : index;
    if (at < 0 || at >= n) {
        o.found = both("这条命令还没有运行", "that command has not run yet");
        return nullptr;
    }
    return &ctx.outputs[static_cast<std::size_t>(at)];
}

// stdout, or stderr with "stream": "stderr" (an error message is evidence too).
const std::string &streamOf(const Fields &f, const CommandResult &r)
{
    return f.str("stream") == "stderr" ? r.err : r.out;
}

Outcome outputContains(const Fields &f, const CheckContext &ctx)
{
    const std::string text = f.str("text");
    const bool err = f.str("stream") == "stderr";
    Outcome o;
    o.summary = err ? both("命令的错误输出包含 " + q(text), "the command's error output contains " + q(text))
                    : both("命令的输出包含 " + q(text), "the command's output contains " + q(text));
    if (const CommandResult *r = outputOf(f, ctx, o)) {
        o.holds = streamOf(f, *r).find(text) != std::string::npos;
        o.found = both("输出里没有它", "the output does not");
    }
    return o;
}

Outcome outputMatches(const Fields &f, const CheckContext &ctx)
{
    const std::string regex = f.str("regex");
    Outcome o;
    o.summary = both("命令的输出匹配 /" + regex + "/", "the command's output matches /" + regex + "/");
    if (const CommandResult *r = outputOf(f, ctx, o)) {
        o.holds = std::regex_search(streamOf(f, *r), std::regex(regex, std::regex::ECMAScript));
        o.found = both("输出不匹配", "the output does not");
    }
    return o;
}

// Every check kind, once: its name in lesson files and what evaluates it
// (checkKinds(), the validator and the schema test read this table).
using Evaluate = Outcome (*)(const Fields &, CheckContext &);
const std::vector<std::pair<std::string, Evaluate>> &checkTable()
{
    static const std::vector<std::pair<std::string, Evaluate>> table = {
        {"image_exists", [](const Fields &f, CheckContext &c) { return imageExists(f, c.engine, true); }},
        {"image_absent", [](const Fields &f, CheckContext &c) { return imageExists(f, c.engine, false); }},
        {"image_layers", [](const Fields &f, CheckContext &c) { return imageLayers(f, c.engine); }},
        {"image_history", [](const Fields &f, CheckContext &c) { return imageHistory(f, c.engine); }},
        {"image_file", [](const Fields &f, CheckContext &c) { return imageFile(f, c.engine); }},
        {"images_dangling", [](const Fields &f, CheckContext &c) { return imagesDangling(f, c.engine); }},
        {"container_state", [](const Fields &f, CheckContext &c) { return containerState(f, c.engine); }},
        {"container_exit_code", [](const Fields &f, CheckContext &c) { return containerExitCode(f, c.engine); }},
        {"container_file", [](const Fields &f, CheckContext &c) { return containerFile(f, c.engine); }},
        {"container_layer", [](const Fields &f, CheckContext &c) { return containerLayer(f, c.engine); }},
        {"container_diff", [](const Fields &f, CheckContext &c) { return containerDiff(f, c.engine); }},
        {"container_count", [](const Fields &f, CheckContext &c) { return containerCount(f, c.engine); }},
        {"volume_exists", [](const Fields &f, CheckContext &c) { return volumeExists(f, c.engine, true); }},
        {"volume_absent", [](const Fields &f, CheckContext &c) { return volumeExists(f, c.engine, false); }},
        {"volume_file", [](const Fields &f, CheckContext &c) { return volumeFile(f, c.engine); }},
        {"host_file", [](const Fields &f, CheckContext &) { return hostFile(f); }},
        {"container_image", [](const Fields &f, CheckContext &c) { return containerImage(f, c.engine); }},
        {"archive_file", [](const Fields &f, CheckContext &) { return archiveFile(f); }},
        {"layer_shared", [](const Fields &f, CheckContext &c) { return layerShared(f, c.engine); }},
        {"image_repo_digest", [](const Fields &f, CheckContext &c) { return imageRepoDigest(f, c.engine); }},
        {"image_same", [](const Fields &f, CheckContext &c) { return imageSame(f, c.engine); }},
        {"image_config", [](const Fields &f, CheckContext &c) { return imageConfig(f, c.engine); }},
        {"image_size", [](const Fields &f, CheckContext &c) { return imageSize(f, c.engine); }},
        {"network_exists", [](const Fields &f, CheckContext &c) { return networkExists(f, c.engine); }},
        {"http_get", [](const Fields &f, CheckContext &) { return httpGetCheck(f); }},
        {"output_contains", [](const Fields &f, CheckContext &c) { return outputContains(f, c); }},
        {"output_matches", [](const Fields &f, CheckContext &c) { return outputMatches(f, c); }},
    };
    return table;
}

Outcome dispatch(const Check &check, const Fields &f, CheckContext &ctx)
{
    for (const auto &[kind, evaluate] : checkTable())
        if (kind == check.kind)
            return evaluate(f, ctx);
    throw Error(ErrorCode::InvalidArgument, "unknown check kind \"" + check.kind + "\"");
}

} // namespace

const std::vector<std::string> &checkKinds()
{
    static const std::vector<std::string> kinds = [] {
        std::vector<std::string> names;
        for (const auto &entry : checkTable())
            names.push_back(entry.first);
        return names;
    }();
    return kinds;
}

CheckResult evaluateCheck(const Check &check, CheckContext &ctx)
{
    CheckResult result;
    result.kind = check.kind;
    try {
        const Fields fields(check.fields, ctx.vars);
        const Outcome o = dispatch(check, fields, ctx);
        result.holds = o.holds;
        result.summary = o.summary;
        if (!o.holds) {
            if (check.whyNot)
                result.whyNot = *check.whyNot;
            else
                result.whyNot = both("应当：" + o.summary.zh + "；但" + o.found.zh,
                                     "expected: " + o.summary.en + "; but " + o.found.en);
        }
    } catch (const std::exception &e) {
        // A broken check or an engine failure is a failed check, named.
        result.holds = false;
        result.summary = both(check.kind, check.kind);
        result.whyNot = both("无法检查 " + check.kind + "：" + e.what(), "cannot check " + check.kind + ": " + e.what());
    }
    return result;
}

std::vector<CheckResult> evaluateChecks(const std::vector<Check> &checks, CheckContext &ctx)
{
    std::vector<CheckResult> results;
    for (const auto &c : checks)
        results.push_back(evaluateCheck(c, ctx));
    return results;
}

} // namespace strata::engine::lesson
