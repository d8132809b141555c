// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/CheckEvaluator.h"

#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/image/TarArchiveView.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <fstream>
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
    try {
        const json j = engine.inspectImage(image);
        const auto n = static_cast<int>(j.at("RootFS").at("Layers").size());
        o.holds = n == want;
        o.found = both("实际有 " + std::to_string(n) + " 层", "it has " + std::to_string(n));
    } catch (const Error &) {
        o.found = both("找不到这个镜像", "no such image");
    }
    return o;
}

Outcome imageHistory(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image");
    const std::string text = f.str("contains");
    Outcome o;
    o.summary = both("镜像 " + image + " 的 history 中有一行包含 " + q(text),
                     "a history row of image " + image + " contains " + q(text));
    try {
        const auto rows = engine.history(image);
        for (const auto &row : rows)
            if (row.createdBy.find(text) != std::string::npos || row.comment.find(text) != std::string::npos)
                o.holds = true;
        o.found = both("history 共 " + std::to_string(rows.size()) + " 行，没有一行包含它",
                       "none of its " + std::to_string(rows.size()) + " history rows does");
    } catch (const Error &) {
        o.found = both("找不到这个镜像", "no such image");
    }
    return o;
}

// One field of the image's Config (what `commit -c`/`--change` sets): its
// JSON text contains the value, e.g. Labels contains "\"stage\":\"top\"".
Outcome imageConfig(const Fields &f, Engine &engine)
{
    const std::string image = f.str("image"), field = f.str("field"), text = f.str("contains");
    Outcome o;
    o.summary = both("镜像 " + image + " 的 Config." + field + " 包含 " + q(text),
                     "Config." + field + " of image " + image + " contains " + q(text));
    try {
        const json config = engine.inspectImage(image).value("Config", json::object());
        const std::string value = config.contains(field) ? config.at(field).dump() : std::string("null");
        o.holds = value.find(text) != std::string::npos;
        o.found = both("它是 " + value, "it is " + value);
    } catch (const Error &) {
        o.found = both("找不到这个镜像", "no such image");
    }
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
    try {
        const auto view = engine.imageTree(image);
        auto it = view.merged().find(relPath(path));
        if (!wantExists) {
            o.holds = it == view.merged().end();
            o.found = both("镜像里有这个路径", "the image has that path");
        } else if (it == view.merged().end()) {
            o.found = both("镜像里没有这个路径", "the image has no such path");
        } else if (!wantText) {
            o.holds = true;
        } else {
            o.holds = readAll(it->second.source).find(text) != std::string::npos;
            o.found = both("文件内容里没有这段文字", "the file does not contain it");
        }
    } catch (const Error &) {
        o.found = both("找不到这个镜像", "no such image");
    }
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
    if (!wantExists) {
        o.holds = !exists;
        o.found = both("这个路径还在", "the path is still there");
    } else if (!exists) {
        o.found = both("容器里没有这个路径", "the container has no such path");
    } else if (!wantText) {
        o.holds = true;
    } else {
        o.holds = std::filesystem::is_regular_file(dest) && readAll(dest).find(text) != std::string::npos;
        o.found = both("文件内容里没有这段文字", "the file does not contain it");
    }
    return o;
}

std::filesystem::path upperDirOf(Engine &engine, const std::string &name)
{
    json j = engine.inspectContainer(name);
    // The userspace driver records a running container's changes into its
    // upper directory when asked (as `diff` does), not at each write; overlay
    // writes there directly. Ask first so both drivers show the same layer.
    if (j.at("GraphDriver").value("Name", "") != "overlay" && j.at("State").value("Running", false))
        (void)engine.diffContainer(name);
    return j.at("GraphDriver").at("Data").at("UpperDir").get<std::string>();
}

// overlay marks a deleted path with a 0/0 character device; the userspace
// driver keeps OCI's ".wh.<name>" marker beside it.
bool isWhiteoutAt(const std::filesystem::path &upper, const std::string &rel)
{
    struct stat st {};
    const auto p = upper / rel;
    if (::lstat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 0 && minor(st.st_rdev) == 0)
        return true;
    const auto marker = p.parent_path() / (".wh." + p.filename().string());
    return ::lstat(marker.c_str(), &st) == 0;
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
    const auto upper = upperDirOf(engine, name);
    const std::string rel = relPath(path);
    const bool whiteout = isWhiteoutAt(upper, rel);
    struct stat st {};
    const bool present = ::lstat((upper / rel).c_str(), &st) == 0;
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
    if (!wantExists) {
        o.holds = !exists;
        o.found = both("文件还在", "the file is still there");
    } else if (!exists) {
        o.found = both("没有这个文件", "there is no such file");
    } else if (!wantText) {
        o.holds = true;
    } else {
        o.holds = std::filesystem::is_regular_file(file) && readAll(file).find(text) != std::string::npos;
        o.found = both("文件内容里没有这段文字", "the file does not contain it");
    }
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

Outcome dispatch(const Check &check, const Fields &f, CheckContext &ctx)
{
    Engine &e = ctx.engine;
    const std::string &k = check.kind;
    if (k == "image_exists")
        return imageExists(f, e, true);
    if (k == "image_absent")
        return imageExists(f, e, false);
    if (k == "image_layers")
        return imageLayers(f, e);
    if (k == "image_history")
        return imageHistory(f, e);
    if (k == "image_file")
        return imageFile(f, e);
    if (k == "image_config")
        return imageConfig(f, e);
    if (k == "images_dangling")
        return imagesDangling(f, e);
    if (k == "container_state")
        return containerState(f, e);
    if (k == "container_exit_code")
        return containerExitCode(f, e);
    if (k == "container_file")
        return containerFile(f, e);
    if (k == "container_layer")
        return containerLayer(f, e);
    if (k == "container_diff")
        return containerDiff(f, e);
    if (k == "container_count")
        return containerCount(f, e);
    if (k == "volume_exists")
        return volumeExists(f, e, true);
    if (k == "volume_absent")
        return volumeExists(f, e, false);
    if (k == "volume_file")
        return volumeFile(f, e);
    if (k == "host_file")
        return hostFile(f);
    if (k == "container_image")
        return containerImage(f, e);
    if (k == "archive_file")
        return archiveFile(f);
    if (k == "layer_shared")
        return layerShared(f, e);
    if (k == "output_contains")
        return outputContains(f, ctx);
    if (k == "output_matches")
        return outputMatches(f, ctx);
    throw Error(ErrorCode::InvalidArgument, "unknown check kind \"" + k + "\"");
}

} // namespace

const std::vector<std::string> &checkKinds()
{
    static const std::vector<std::string> kinds = {
        "image_exists",    "image_absent",        "image_layers",   "image_history",   "image_file",
        "images_dangling", "container_state",     "container_exit_code", "container_file", "container_layer",
        "container_diff",  "container_count",     "volume_exists",  "volume_absent",   "volume_file",
        "host_file",       "output_contains",     "output_matches", "container_image", "archive_file",
        "layer_shared",    "image_config"};
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
