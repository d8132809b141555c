// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/builtin/BuiltinImages.h"

#include "engine/Error.h"
#include "engine/builtin/Recipes.h"
#include "engine/layer/LayerWriter.h"
#include "engine/util/Fs.h"
#include "engine/util/Platform.h"

#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::builtin {
namespace {

using Json = nlohmann::ordered_json;
namespace fsys = std::filesystem;

// Every recipe layer and config is dated here so the built-in images have
// the same ids on every machine with the same busybox.
constexpr std::int64_t kRecipeEpoch = 1717200000; // 2024-06-01T00:00:00Z

void writeText(const fsys::path &p, const std::string &content, unsigned mode)
{
    fsutil::makeDirs(p.parent_path());
    int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0)
        throwErrno("create " + p.string());
    const bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    ::fchmod(fd, mode);
    ::close(fd);
    if (!ok)
        throwErrno("write " + p.string());
}

unsigned parseMode(const std::string &text, unsigned fallback)
{
    return text.empty() ? fallback : static_cast<unsigned>(std::stoul(text, nullptr, 8));
}

// The applets busybox offers, as paths relative to / ("bin/ls", "usr/bin/wc").
std::vector<std::string> busyboxApplets(const fsys::path &busybox)
{
    std::vector<std::string> applets;
    const std::string cmd = "'" + busybox.string() + "' --list-full 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE *)> pipe(::popen(cmd.c_str(), "r"), ::pclose);
    if (!pipe)
        return applets;
    char line[512];
    while (std::fgets(line, sizeof line, pipe.get())) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
            s.pop_back();
        if (!s.empty() && s.find("..") == std::string::npos && s != "bin/busybox")
            applets.push_back(s);
    }
    return applets;
}

void addBusybox(const fsys::path &root, const fsys::path &busybox)
{
    if (!fsys::exists(busybox))
        throw Error(ErrorCode::NotFound, busybox.string() + " is missing: install Debian's busybox-static "
                                                            "(apt-get install busybox-static) to build strata/busybox");
    fsutil::makeDirs(root / "bin");
    fsys::copy_file(busybox, root / "bin" / "busybox", fsys::copy_options::overwrite_existing);
    ::chmod((root / "bin" / "busybox").c_str(), 0755);
    for (const auto &applet : busyboxApplets(busybox)) {
        const fsys::path link = root / applet;
        fsutil::makeDirs(link.parent_path());
        std::error_code ec;
        fsys::create_symlink("/bin/busybox", link, ec);
    }
}

// Lays out one recipe layer in `root` and lists it as a change set.
layer::ChangeSet stageLayer(const Json &spec, const fsys::path &root)
{
    if (spec.contains("busybox"))
        addBusybox(root, spec["busybox"].get<std::string>());
    for (const auto &d : spec.value("dirs", Json::array())) {
        const std::string s = d.get<std::string>();
        const auto colon = s.find(':');
        const fsys::path dir = root / s.substr(0, colon);
        fsutil::makeDirs(dir);
        ::chmod(dir.c_str(), parseMode(colon == std::string::npos ? "" : s.substr(colon + 1), 0755));
    }
    for (const auto &f : spec.value("files", Json::array()))
        writeText(root / f.at("path").get<std::string>(), f.at("content").get<std::string>(),
                  parseMode(f.value("mode", ""), 0644));
    layer::ChangeSet changes = layer::allPathsAsAdded(root);
    for (const auto &d : spec.value("delete", Json::array())) {
        const std::string path = d.get<std::string>();
        const auto parent = fsys::path(path).parent_path();
        if (!parent.empty() && !fsys::exists(root / parent)) {
            fsutil::makeDirs(root / parent);
            changes.push_back({parent.string(), layer::ChangeKind::Modified, false});
        }
        changes.push_back({path, layer::ChangeKind::Deleted, false});
    }
    return changes;
}

store::LayerRecord buildLayer(image::ImageStore &store, const Json &spec, const Digest &parentChain, int index,
                              int count)
{
    fsutil::TempDir work(store.layout().tmpDir(), "recipe-");
    const fsys::path root = work.path() / "rootfs";
    fsutil::makeDirs(root);
    const layer::ChangeSet changes = stageLayer(spec, root);

    const fsys::path tarPath = work.path() / "layer.tar";
    int fd = ::open(tarPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throwErrno("create " + tarPath.string());
    layer::WriteResult written;
    try {
        auto sink = layer::makeFdSink(fd, tarPath.string());
        layer::WriteOptions options;
        options.clampMtime = kRecipeEpoch;
        written = layer::writeLayer(changes, root, *sink, options);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    auto source = layer::openFileSource(tarPath);
    image::LayerIngest what;
    what.expectedDiffId = written.diffId;
    what.parentChain = parentChain;
    what.index = index;
    what.count = count;
    return store.ingestLayer(*source, what);
}

} // namespace

Digest buildFromRecipe(image::ImageStore &store, const std::string &recipeJson)
{
    const Json recipe = Json::parse(recipeJson);
    auto held = store.lock();
    std::vector<store::LayerRecord> layers;
    image::ImageConfig config;
    if (recipe.contains("base")) {
        const image::Image base = store.get(store.resolve(recipe["base"].get<std::string>()));
        layers = store.layerChain(base);
        config.history = base.config.history;
    }
    const std::string created = timeutil::formatRfc3339Nano(timeutil::fromUnixSeconds(kRecipeEpoch));
    const auto &specs = recipe.at("layers");
    const int count = static_cast<int>(layers.size() + specs.size());
    for (const auto &spec : specs) {
        const Digest parent = layers.empty() ? Digest() : layers.back().chainId;
        layers.push_back(buildLayer(store, spec, parent, static_cast<int>(layers.size()), count));
        image::HistoryEntry h;
        h.created = created;
        h.createdBy = spec.value("created_by", "");
        h.comment = spec.value("comment", "");
        config.history.push_back(h);
    }
    config.created = created;
    config.architecture = platform::hostArchitecture();
    config.os = platform::hostOs();
    config.config = recipe.value("config", Json::object());
    for (const auto &l : layers)
        config.diffIds.push_back(l.diffId);
    config.extra["comment"] = recipe.value("comment", "");
    return store.registerImage(config.serialize(), layers, {recipe.at("name").get<std::string>()});
}

void ensureBuiltinImages(image::ImageStore &store, Seeding seeding)
{
    const auto marker = store.layout().builtinSeededMarker();
    if (seeding == Seeding::FirstUse && std::filesystem::exists(marker))
        return;
    for (const auto *recipe : {kBusyboxRecipe, kDemoWebRecipe}) {
        const std::string name = Json::parse(recipe).at("name").get<std::string>();
        if (!store.index().resolveTag(name))
            buildFromRecipe(store, recipe);
    }
    fsutil::writeFileAtomic(marker, "");
}

} // namespace strata::engine::builtin
