// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/volume/VolumeStore.h"

#include "engine/Error.h"
#include "engine/store/StoreLock.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <sys/stat.h>

namespace strata::engine::volume {
namespace {

namespace fs = std::filesystem;
using events::EventKind;

constexpr const char *kRecordFile = "volume.json";
constexpr const char *kDataDir = "_data";
constexpr const char *kValidName = "[a-zA-Z0-9][a-zA-Z0-9_.-]";

bool isNameStart(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool isNameChar(char c)
{
    return isNameStart(c) || c == '_' || c == '.' || c == '-';
}

std::string joinIds(const std::vector<std::string> &ids)
{
    std::string s;
    for (const auto &id : ids)
        s += (s.empty() ? "" : ", ") + id;
    return s;
}

} // namespace

std::string randomVolumeName()
{
    std::random_device rd;
    std::string s;
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < 64; ++i)
        s += kHex[rd() & 0xf];
    return s;
}

bool naturalLess(const std::string &a, const std::string &b)
{
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
        const bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
        if (da && db) {
            std::size_t ei = i, ej = j;
            while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei])))
                ++ei;
            while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej])))
                ++ej;
            std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
            na.erase(0, std::min(na.find_first_not_of('0'), na.size()));
            nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size()));
            if (na.size() != nb.size())
                return na.size() < nb.size();
            if (na != nb)
                return na < nb;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

VolumeStore::VolumeStore(const store::StoreLayout &layout, events::EventBus &bus) : m_layout(layout), m_bus(bus) {}

void VolumeStore::validateName(const std::string &name)
{
    const bool ok = name.size() >= 2 && isNameStart(name[0]) &&
                    std::all_of(name.begin() + 1, name.end(), isNameChar);
    if (!ok)
        throw Error(ErrorCode::InvalidArgument,
                    "create " + name + ": \"" + name + "\" includes invalid characters for a local volume name, only \"" +
                        kValidName + "\" are allowed. If you intended to pass a host directory, use absolute path");
}

void VolumeStore::validateDriver(const std::string &driver)
{
    if (!driver.empty() && driver != kLocalDriver)
        throw Error(ErrorCode::NotFound,
                    "error looking up volume plugin " + driver + ": plugin \"" + driver + "\" not found");
}

fs::path VolumeStore::dirOf(const std::string &name) const
{
    return m_layout.volumesDir() / name;
}

Volume VolumeStore::create(const CreateVolumeRequest &request)
{
    validateDriver(request.driver);
    const bool anonymous = request.name.empty();
    if (!anonymous)
        validateName(request.name);
    store::StoreLock lock(m_layout.lockFile());
    if (!anonymous)
        if (auto existing = find(request.name))
            return *existing;

    Volume v;
    v.name = anonymous ? randomVolumeName() : request.name;
    v.labels = request.labels;
    v.options = request.options;
    v.createdAt = timeutil::now();
    v.anonymous = anonymous;

    fsutil::makeDirs(m_layout.volumesDir());
    fsutil::TempDir staging(m_layout.tmpDir(), "volume-");
    // _data is 0755 root-owned like Docker's; a copy-up later takes the
    // image directory's owner and mode.
    fsutil::makeDirs(staging.path() / kDataDir, 0755);
    ::chmod((staging.path() / kDataDir).c_str(), 0755);
    fsutil::writeFileAtomic(staging.path() / kRecordFile, v.toRecord().dump(2) + "\n");
    fsutil::renamePath(staging.path(), dirOf(v.name));
    staging.release();
    fsutil::fsyncDir(m_layout.volumesDir());

    v.mountpoint = dirOf(v.name) / kDataDir;
    m_bus.publish(EventKind::VolumeCreated, v.name,
                  {{"driver", v.driver},
                   {"mountpoint", v.mountpoint.string()},
                   {"anonymous", v.anonymous},
                   {"labels", v.labels ? nlohmann::json(*v.labels) : nlohmann::json::object()}});
    return v;
}

std::optional<Volume> VolumeStore::find(const std::string &name) const
{
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
        return std::nullopt;
    const fs::path record = dirOf(name) / kRecordFile;
    std::error_code ec;
    if (!fs::exists(record, ec))
        return std::nullopt;
    Volume v = withErrorContext("volume " + name, [&] {
        return Volume::fromRecord(nlohmann::json::parse(fsutil::readFile(record)));
    });
    v.mountpoint = dirOf(name) / kDataDir;
    return v;
}

Volume VolumeStore::get(const std::string &name) const
{
    if (auto v = find(name))
        return *v;
    throw Error(ErrorCode::NotFound, "No such volume: " + name);
}

std::vector<Volume> VolumeStore::list() const
{
    std::vector<Volume> out;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_layout.volumesDir(), ec))
        if (auto v = find(entry.path().filename().string()))
            out.push_back(std::move(*v));
    std::sort(out.begin(), out.end(), [](const Volume &a, const Volume &b) { return naturalLess(a.name, b.name); });
    return out;
}

std::vector<std::string> VolumeStore::users(const std::string &name) const
{
    return m_users ? m_users(name) : std::vector<std::string>{};
}

std::uint64_t VolumeStore::size(const std::string &name) const
{
    return fsutil::treeBytes(dirOf(name) / kDataDir);
}

void VolumeStore::removeLocked(const std::string &name)
{
    const Volume v = get(name);
    const auto inUse = users(name);
    if (!inUse.empty())
        throw Error(ErrorCode::Conflict, "remove " + name + ": volume is in use - [" + joinIds(inUse) + "]");
    // Rename first: the volume disappears at once, and a crash during the
    // slow delete leaves only debris in tmp/.
    const fs::path doomed = m_layout.tmpDir() / fsutil::uniqueName("volume-rm-");
    fsutil::renamePath(dirOf(name), doomed);
    fsutil::fsyncDir(m_layout.volumesDir());
    fsutil::removeTree(doomed);
    m_bus.publish(EventKind::VolumeRemoved, name, {{"driver", v.driver}});
}

void VolumeStore::remove(const std::string &name, bool force)
{
    store::StoreLock lock(m_layout.lockFile());
    if (force && !find(name))
        return;
    removeLocked(name);
}

PruneResult VolumeStore::prune()
{
    store::StoreLock lock(m_layout.lockFile());
    PruneResult result;
    for (const auto &v : list()) {
        if (!users(v.name).empty())
            continue;
        const std::uint64_t bytes = size(v.name);
        removeLocked(v.name);
        result.removed.push_back(v.name);
        result.reclaimedBytes += bytes;
    }
    return result;
}

} // namespace strata::engine::volume
