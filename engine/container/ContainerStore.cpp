// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/ContainerStore.h"

#include "engine/Error.h"
#include "engine/container/NameGenerator.h"
#include "engine/util/DetachedRemoval.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cctype>
#include <mutex>
#include <sys/random.h>

namespace strata::engine::container {

namespace fs = std::filesystem;

namespace {

bool isHexId(const std::string &s)
{
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(c) && !std::isupper(c); });
}

std::string stripSlash(const std::string &name)
{
    return !name.empty() && name[0] == '/' ? name.substr(1) : name;
}

Record parseRecord(const std::string &id, const std::string &text)
{
    try {
        return Record::fromJson(nlohmann::json::parse(text));
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArchive, "container " + id + ": config.v2.json: " + e.what());
    }
}

} // namespace

// `run` loads its container's record four times (start, Running, the
// attach's wait, the exit) and writes it twice: the last record parsed is
// kept with the bytes it was parsed from. Reading a small file is cheap,
// parsing it is not; equal bytes are the same record, whatever rewrote it.
struct ContainerStore::LoadCache {
    std::mutex mutex;
    std::string id;
    std::string text;
    std::optional<Record> record;
};

ContainerStore::ContainerStore(fs::path containersDir, fs::path tmpDir, fs::path stagingLock)
    : m_dir(std::move(containersDir)), m_tmp(std::move(tmpDir)), m_stagingLock(std::move(stagingLock)),
      m_loaded(std::make_shared<LoadCache>())
{
}

bool ContainerStore::exists(const std::string &id) const
{
    return isHexId(id) && fs::exists(configFile(id));
}

Record ContainerStore::load(const std::string &id) const
{
    std::optional<std::string> text;
    if (isHexId(id))
        text = fsutil::readFileIfExists(configFile(id));
    if (!text)
        throw Error(ErrorCode::NotFound, "No such container: " + id);
    {
        const std::lock_guard lock(m_loaded->mutex);
        if (m_loaded->record && m_loaded->id == id && m_loaded->text == *text)
            return *m_loaded->record;
    }
    Record r = parseRecord(id, *text);
    const std::lock_guard lock(m_loaded->mutex);
    m_loaded->id = id;
    m_loaded->text = std::move(*text);
    m_loaded->record = r;
    return r;
}

void ContainerStore::save(const Record &record) const
{
    if (!isHexId(record.id))
        throw Error(ErrorCode::Internal, "container id \"" + record.id + "\" is not 64 hex digits");
    fsutil::makeDirs(dir(record.id), 0710);
    // An --rm container does not outlive a reboot (Docker's daemon removes
    // AutoRemove containers it finds stopped when it starts): its record
    // must survive a crash of the CLI, which the page cache does, not a
    // power loss. Temp + rename still, so no reader sees half of it; the
    // four fsyncs of a `run --rm` (created, running) are a fifth of its time.
    if (record.hostConfig.autoRemove)
        fsutil::writeFileReplace(configFile(record.id), record.toJson().dump(), m_tmp);
    else
        fsutil::writeFileAtomic(configFile(record.id), record.toJson().dump(), m_tmp);
}

std::vector<Record> ContainerStore::list() const
{
    std::vector<Record> out;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_dir, ec)) {
        const std::string id = entry.path().filename().string();
        if (!isHexId(id))
            continue; // not a container
        try {
            // Read without a stat first: no record yet (half-created) is a
            // NotFound like a record removed between listing and reading.
            out.push_back(parseRecord(id, fsutil::readFile(configFile(id))));
        } catch (const Error &) {
            // half-created, removed meanwhile, or unreadable: not listed
        }
    }
    // Newest first. Sorting positions and moving each record once is cheaper
    // than letting the sort swap 1,000 whole records around.
    std::vector<std::size_t> order(out.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const int byTime = out[a].created.compare(out[b].created);
        return byTime != 0 ? byTime > 0 : out[a].id < out[b].id;
    });
    std::vector<Record> sorted;
    sorted.reserve(out.size());
    for (const std::size_t i : order)
        sorted.push_back(std::move(out[i]));
    return sorted;
}

void ContainerStore::removeDir(const std::string &id, const fs::path &mountedUnion) const
{
    if (!isHexId(id))
        throw Error(ErrorCode::Internal, "refusing to remove \"" + id + "\": not a container id");
    std::vector<fs::path> mounts;
    if (!mountedUnion.empty()) {
        const fs::path rel = mountedUnion.lexically_relative(dir(id));
        if (rel.empty() || *rel.begin() == "..")
            fsutil::unmountAll({mountedUnion}); // not inside: it cannot move along
        else
            mounts.push_back(mountedUnion);
    }
    // Renamed out first, so a crash mid-delete leaves no half container
    // (config gone, files left) but staging the next command sweeps (a union
    // still mounted moves along; the sweep unmounts it before deleting).
    const fs::path doomed = m_tmp / fsutil::uniqueName("container-rm-");
    if (::rename(dir(id).c_str(), doomed.c_str()) != 0) {
        fsutil::unmountAll(mounts);
        fsutil::removeTree(dir(id));
        return;
    }
    for (auto &m : mounts)
        m = doomed / m.lexically_relative(dir(id));
    // Gone for every reader now: the deleting need not hold up the command.
    if (m_stagingLock.empty() || !fsutil::removeTreeDetached(doomed, m_stagingLock, mounts)) {
        fsutil::unmountAll(mounts);
        fsutil::removeTree(doomed);
    }
}

std::optional<std::string> ContainerStore::idByName(const std::string &name, const std::string &skipId) const
{
    const std::string wanted = "/" + stripSlash(name);
    // Every create asks (a new name, then the check under the lock): only a
    // record whose text holds the quoted name can carry it (a valid name has
    // nothing JSON escapes), so only those are parsed. 1,000 containers
    // cost 1,000 small reads here, not 1,000 parses and a sort.
    const std::string quoted = "\"" + wanted + "\"";
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_dir, ec)) {
        const std::string id = entry.path().filename().string();
        if (!isHexId(id) || id == skipId)
            continue;
        try {
            const std::string text = fsutil::readFile(configFile(id));
            if (text.find(quoted) != std::string::npos && parseRecord(id, text).name == wanted)
                return id;
        } catch (const Error &) {
            // half-created, removed meanwhile, or unreadable: as list() skips it
        }
    }
    return std::nullopt;
}

std::string ContainerStore::resolve(const std::string &ref) const
{
    if (ref.empty())
        throw Error(ErrorCode::NotFound, "No such container: " + ref);
    if (exists(ref))
        return ref;
    if (auto byName = idByName(ref))
        return *byName;
    // A prefix of the id: the directory names say it, without reading a record.
    std::vector<std::string> matches;
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(m_dir, ec)) {
        const std::string id = entry.path().filename().string();
        if (isHexId(id) && id.rfind(ref, 0) == 0 && exists(id))
            matches.push_back(id);
    }
    if (matches.size() == 1)
        return matches.front();
    if (matches.size() > 1)
        throw Error(ErrorCode::InvalidArgument, "multiple IDs found with provided prefix: " + ref);
    throw Error(ErrorCode::NotFound, "No such container: " + ref);
}

bool ContainerStore::validName(const std::string &name)
{
    const std::string n = stripSlash(name);
    if (n.size() < 2 || !std::isalnum(static_cast<unsigned char>(n[0])))
        return false;
    return std::all_of(n.begin() + 1, n.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
    });
}

void ContainerStore::checkName(const std::string &name, const std::string &exceptId) const
{
    if (!validName(name))
        throw Error(ErrorCode::InvalidArgument,
                    "Invalid container name (" + stripSlash(name) + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
    if (auto owner = idByName(name, exceptId))
        throw Error(ErrorCode::Conflict, "Conflict. The container name \"/" + stripSlash(name) +
                                             "\" is already in use by container \"" + *owner +
                                             "\". You have to remove (or rename) that container to be able to "
                                             "reuse that name.");
}

std::string ContainerStore::newId() const
{
    static const char *hex = "0123456789abcdef";
    for (;;) {
        unsigned char bytes[32];
        if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes))
            throwErrno("getrandom");
        std::string id;
        for (unsigned char b : bytes) {
            id += hex[b >> 4];
            id += hex[b & 15];
        }
        // Docker avoids short ids that read as numbers (they would parse as such).
        const std::string shortId = id.substr(0, 12);
        if (std::all_of(shortId.begin(), shortId.end(), ::isdigit))
            continue;
        if (!fs::exists(dir(id)))
            return id;
    }
}

std::string ContainerStore::newName() const
{
    for (int retry = 0;; ++retry) {
        const std::string name = randomName(retry > 5 ? retry : 0);
        if (!idByName(name))
            return name;
    }
}

} // namespace strata::engine::container
