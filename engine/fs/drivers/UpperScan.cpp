// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/drivers/UpperScan.h"

#include "engine/events/EventBus.h"
#include "engine/fs/UnionView.h"
#include "engine/fs/drivers/LowerLookup.h"
#include "engine/fs/drivers/UpperState.h"
#include "engine/fs/drivers/UpperWalk.h"

#include "engine/util/RootedOpen.h"

#include <fcntl.h>
#include <optional>
#include <sys/stat.h>

namespace strata::engine::fs::drivers {
namespace {

using events::EventKind;
using nlohmann::json;

constexpr std::size_t kSummaryPaths = 8;

const char *stateKind(const UpperEntry &e)
{
    switch (e.kind) {
    case UpperKind::Whiteout: return "whiteout";
    case UpperKind::OpaqueDir: return "opaque";
    case UpperKind::Dir: return "dir";
    case UpperKind::Other: return "file";
    }
    return "file";
}

std::uint64_t entryBytes(const struct stat &st)
{
    return S_ISREG(st.st_mode) || S_ISLNK(st.st_mode) ? static_cast<std::uint64_t>(st.st_size) : 0;
}

struct Finding {
    EventKind kind;
    const UpperEntry *entry;
    std::optional<LowerHit> lower;
};

// What a new upper entry means, or nullopt for a directory created only as
// the parent of a copy-up.
std::optional<Finding> classify(const UpperEntry &e, const LowerLookup &lookup)
{
    std::optional<LowerHit> lower;
    if (!e.underOpaque)
        lower = lookup.find(e.path);
    switch (e.kind) {
    case UpperKind::Whiteout: return Finding{EventKind::WhiteoutCreated, &e, lower};
    case UpperKind::OpaqueDir: return Finding{EventKind::OpaqueDirCreated, &e, lower};
    case UpperKind::Dir:
        if (lower && lower->type == EntryType::Dir)
            return std::nullopt;
        return Finding{EventKind::UpperPathAdded, &e, std::nullopt};
    case UpperKind::Other:
        return Finding{lower ? EventKind::CopiedUp : EventKind::UpperPathAdded, &e, lower};
    }
    return std::nullopt;
}

// The digest of a regular file of the upper dir, opened beneath it with any
// symlink refused (a live container may have planted one since the walk);
// "" when it is not (or no longer) a regular file there.
std::string upperFileSha256(const std::filesystem::path &upper, const std::string &rel)
{
    const util::UniqueFd dir(::open(upper.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    const util::UniqueFd file(dir ? util::openBeneath(dir.get(), rel, O_RDONLY | O_NONBLOCK) : -1);
    struct stat st {};
    if (!file || ::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode))
        return {};
    return fileSha256Hex(util::fdPath(file.get()));
}

json attrsFor(const Finding &f, const Lowers &lowers, const std::filesystem::path &upper)
{
    const UpperEntry &e = *f.entry;
    json a = {{"path", "/" + e.path}};
    if (f.lower) {
        a["from_layer"] = f.lower->layer;
        a["from_layer_id"] = lowers[static_cast<std::size_t>(f.lower->layer)].id;
    } else {
        a["from_layer"] = -1;
    }
    switch (f.kind) {
    case EventKind::WhiteoutCreated:
        a["type"] = toString(f.lower ? f.lower->type : EntryType::File);
        break;
    case EventKind::CopiedUp:
        a["type"] = toString(e.type);
        a["bytes"] = entryBytes(e.st);
        a["lower_bytes"] = entryBytes(f.lower->st);
        if (e.type == EntryType::File && f.lower->type == EntryType::File) {
            a["lower_sha256"] = fileSha256Hex(f.lower->source);
            a["sha256"] = upperFileSha256(upper, e.path);
        }
        break;
    case EventKind::UpperPathAdded:
        a.erase("from_layer");
        a["type"] = toString(e.type);
        a["bytes"] = entryBytes(e.st);
        if (e.type == EntryType::File)
            a["sha256"] = upperFileSha256(upper, e.path);
        break;
    default:
        break;
    }
    return a;
}

void count(SyncResult &r, const Finding &f)
{
    switch (f.kind) {
    case EventKind::CopiedUp: ++r.copiedUp; break;
    case EventKind::WhiteoutCreated: ++r.whiteouts; break;
    case EventKind::OpaqueDirCreated: ++r.opaque; break;
    default: ++r.added; break;
    }
    if (f.entry->type == EntryType::File && f.kind != EventKind::WhiteoutCreated)
        r.bytes += entryBytes(f.entry->st);
    r.paths.push_back(f.entry->path);
}

void publishSummary(events::EventBus &bus, const std::string &id, const SyncResult &r)
{
    json paths = json::array();
    for (std::size_t i = 0; i < r.paths.size() && i < kSummaryPaths; ++i)
        paths.push_back("/" + r.paths[i]);
    bus.publish(EventKind::UpperChangesSummarised, id,
                {{"copied_up", r.copiedUp}, {"whiteouts", r.whiteouts}, {"opaque", r.opaque},
                 {"added", r.added}, {"bytes", r.bytes}, {"total", r.paths.size()}, {"paths", paths}});
}

} // namespace

SyncResult scanUpperForNewChanges(const Lowers &lowers, const ContainerPaths &paths, layer::WhiteoutFormat format,
                                  const ExcludedPaths &excluded, events::EventBus &bus)
{
    const UpperState known = loadUpperState(paths.upperState);
    const std::vector<UpperEntry> entries = walkUpper(paths.diff, format, excluded);
    const LowerLookup lookup(lowers);
    UpperState now;
    std::vector<Finding> findings;
    for (const auto &e : entries) {
        const char *kind = stateKind(e);
        now.emplace(e.path, kind);
        const auto it = known.find(e.path);
        if (it != known.end() && it->second == kind)
            continue;
        if (auto f = classify(e, lookup))
            findings.push_back(*f);
    }
    SyncResult result;
    for (const auto &f : findings)
        count(result, f);
    if (findings.size() > kBulkEventThreshold) {
        result.summarised = true;
        publishSummary(bus, paths.id(), result);
    } else {
        for (const auto &f : findings)
            bus.publish(f.kind, paths.id(), attrsFor(f, lowers, paths.diff));
    }
    if (now != known)
        saveUpperState(paths.upperState, now);
    return result;
}

} // namespace strata::engine::fs::drivers
