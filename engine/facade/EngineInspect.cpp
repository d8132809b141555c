// SPDX-License-Identifier: GPL-3.0-or-later
// `image inspect`: the Docker Engine API's ImageInspect shape.
#include "engine/facade/EngineState.h"
#include "engine/fs/DriverProbe.h"
#include "engine/image/DockerConfigJson.h"

#include <numeric>
#include <set>

namespace strata::engine {
namespace {

using image::Json;

Json graphDriver(const image::ImageStore &store, const std::vector<store::LayerRecord> &chain, const std::string &driver)
{
    Json data = Json::object();
    if (!chain.empty()) {
        // Lower dirs are listed nearest first, as overlayfs takes them.
        std::string lower;
        for (auto it = chain.rbegin() + 1; it != chain.rend(); ++it)
            lower += (lower.empty() ? "" : ":") + store.layers().diffDir(it->chainId).string();
        const auto top = store.layers().diffDir(chain.back().chainId);
        if (!lower.empty())
            data["LowerDir"] = lower;
        data["MergedDir"] = (top.parent_path() / "merged").string();
        data["UpperDir"] = top.string();
        data["WorkDir"] = (top.parent_path() / "work").string();
    }
    return {{"Data", data}, {"Name", driver}};
}

std::string commentOf(const image::ImageConfig &c)
{
    if (auto it = c.extra.find("comment"); it != c.extra.end() && it->is_string())
        return it->get<std::string>();
    return {};
}

} // namespace

image::Json Engine::inspectImage(const std::string &ref) const
{
    const image::ImageStore &store = m_impl->images;
    const image::Image img = store.get(store.resolve(ref));
    const auto chain = store.layerChain(img);
    const std::uint64_t size = std::accumulate(chain.begin(), chain.end(), std::uint64_t{0},
                                               [](std::uint64_t s, const auto &l) { return s + l.contentBytes; });
    Json j = Json::object();
    j["Id"] = img.id.str();
    j["RepoTags"] = img.tags;
    j["RepoDigests"] = img.repoDigests; // only what a registry gave it
    j["Parent"] = img.parent.str();
    j["Comment"] = commentOf(img.config);
    j["Created"] = img.config.created.empty()
                       ? std::string("0001-01-01T00:00:00Z")
                       : timeutil::formatRfc3339Nano(timeutil::parseRfc3339(img.config.created).value_or(timeutil::TimePoint{}));
    j["Container"] = img.config.extra.value("container", "");
    j["ContainerConfig"] = image::dockerContainerConfig(img.config.extra.value("container_config", Json::object()));
    j["DockerVersion"] = img.config.extra.value("docker_version", "");
    j["Author"] = img.config.author;
    j["Config"] = image::dockerContainerConfig(img.config.config);
    j["Architecture"] = img.config.architecture;
    if (!img.config.variant.empty())
        j["Variant"] = img.config.variant;
    j["Os"] = img.config.os;
    j["Size"] = size;
    j["VirtualSize"] = size;
    j["GraphDriver"] = graphDriver(store, chain, fs::chooseDriver(m_impl->options.driver, m_impl->layout.tmpDir()).name);
    j["RootFS"] = {{"Type", "layers"}, {"Layers", Json::array()}};
    for (const auto &d : img.config.diffIds)
        j["RootFS"]["Layers"].push_back(d.str());
    j["Metadata"] = {{"LastTagTime", "0001-01-01T00:00:00Z"}};
    return j;
}

} // namespace strata::engine
