// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/LayerStore.h"

#include "engine/Error.h"
#include "engine/store/PendingSync.h"
#include "engine/store/StoreLayout.h"

#include <nlohmann/json.hpp>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::store {
namespace {

nlohmann::json toJson(const LayerRecord &r)
{
    return {{"chain_id", r.chainId.str()},
            {"diff_id", r.diffId.str()},
            {"parent", r.parent.str()},
            {"blob", r.blob.str()},
            {"media_type", r.mediaType},
            {"blob_size", r.blobSize},
            {"tar_size", r.tarSize},
            {"content_bytes", r.contentBytes},
            {"entries", r.entries},
            {"whiteouts", r.whiteouts == layer::WhiteoutFormat::OverlayDevices ? "overlay" : "oci"}};
}

Digest optionalDigest(const nlohmann::json &j, const char *key)
{
    const std::string s = j.value(key, "");
    return s.empty() ? Digest() : Digest::parse(s);
}

LayerRecord fromJson(const nlohmann::json &j)
{
    LayerRecord r;
    r.chainId = Digest::parse(j.at("chain_id").get<std::string>());
    r.diffId = Digest::parse(j.at("diff_id").get<std::string>());
    r.parent = optionalDigest(j, "parent");
    r.blob = optionalDigest(j, "blob");
    r.mediaType = j.value("media_type", "");
    r.blobSize = j.value("blob_size", std::uint64_t{0});
    r.tarSize = j.value("tar_size", std::uint64_t{0});
    r.contentBytes = j.value("content_bytes", std::uint64_t{0});
    r.entries = j.value("entries", std::uint64_t{0});
    r.whiteouts = j.value("whiteouts", "oci") == "overlay" ? layer::WhiteoutFormat::OverlayDevices
                                                          : layer::WhiteoutFormat::OciMarkers;
    return r;
}

} // namespace

Digest chainIdOf(const Digest &parentChain, const Digest &diffId)
{
    if (parentChain.empty())
        return diffId;
    return Digest::ofBytes(parentChain.str() + " " + diffId.str());
}

LayerStore::LayerStore(const StoreLayout &layout) : m_dir(layout.layersDir()), m_tmp(layout.tmpDir()) {}

std::filesystem::path LayerStore::diffDir(const Digest &chainId) const
{
    return m_dir / chainId.hex() / "diff";
}

std::filesystem::path LayerStore::layerDir(const Digest &chainId) const
{
    return m_dir / chainId.hex();
}

bool LayerStore::has(const Digest &chainId) const
{
    struct stat st {};
    return ::stat((m_dir / chainId.hex() / "layer.json").c_str(), &st) == 0;
}

LayerRecord LayerStore::get(const Digest &chainId) const
{
    if (!has(chainId))
        throw Error(ErrorCode::NotFound, "layer " + chainId.str() + " is missing from the store");
    try {
        return fromJson(nlohmann::json::parse(fsutil::readFile(m_dir / chainId.hex() / "layer.json")));
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArchive, "layer " + chainId.str() + ": corrupt layer.json: " + e.what());
    }
}

std::vector<LayerRecord> LayerStore::list() const
{
    std::vector<LayerRecord> out;
    std::error_code ec;
    for (const auto &e : std::filesystem::directory_iterator(m_dir, ec)) {
        const std::string name = e.path().filename().string();
        if (!Digest::isValid("sha256:" + name) || !has(Digest::fromHex(name)))
            continue;
        try {
            out.push_back(get(Digest::fromHex(name)));
        } catch (const Error &) {
            // A damaged layer.json: skipped here, reported by `system check`.
        }
    }
    return out;
}

void LayerStore::remove(const Digest &chainId)
{
    // Rename first so a crash mid-delete never leaves a half layer that looks whole.
    const auto dir = m_dir / chainId.hex();
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec))
        return;
    const auto doomed = m_tmp / fsutil::uniqueName("gone-");
    fsutil::renamePath(dir, doomed);
    fsutil::removeTree(doomed);
}

LayerStore::Staging LayerStore::stage() const
{
    fsutil::TempDir dir(m_tmp, "layer-");
    fsutil::makeDirs(dir.path() / "diff");
    return Staging(*this, std::move(dir));
}

LayerStore::Staging::Staging(const LayerStore &store, fsutil::TempDir dir)
    : m_store(&store), m_dir(std::move(dir)),
      m_syncFd(::open(m_dir.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC))
{
    if (!m_syncFd.valid())
        throwErrno("open " + m_dir.path().string());
}

bool LayerStore::Staging::commit(const LayerRecord &record, PendingSync *deferred)
{
    if (m_store->has(record.chainId))
        return false;
    // The extracted files reach the disk before the layer is published: after
    // a crash, a layer.json never stands over empty or short files. One
    // syncfs is far cheaper than an fsync per extracted file, and it makes
    // layer.json (written first, without fsyncs of its own) durable with them.
    // Deferred: the durable pending entry comes first instead, and after a
    // reboot the layer goes (with the rename, which then needs no fsync).
    fsutil::writeFileReplace(m_dir.path() / "layer.json", toJson(record).dump(2));
    if (deferred)
        deferred->add(record.chainId);
    else if (::syncfs(m_syncFd.get()) != 0)
        throwErrno("sync " + m_dir.path().string());
    m_syncFd.reset();
    const auto target = m_store->m_dir / record.chainId.hex();
    if (std::filesystem::exists(target)) // left half-made by a crash: layer.json is written last
        fsutil::removeTree(target);
    fsutil::renamePath(m_dir.path(), target);
    m_dir.release();
    if (!deferred)
        fsutil::fsyncDir(m_store->m_dir);
    return true;
}

} // namespace strata::engine::store
