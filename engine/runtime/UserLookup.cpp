// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/UserLookup.h"

#include "engine/Error.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <grp.h>
#include <optional>
#include <sstream>
#include <sys/prctl.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

namespace fs = std::filesystem;

struct PasswdEntry {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string home;
};

struct GroupEntry {
    std::string name;
    gid_t gid = 0;
    std::vector<std::string> members;
};

// runc's range for user and group ids (libcontainer/user: minID..maxID).
constexpr unsigned long kMaxId = (1UL << 31) - 1;
// The image's /etc/passwd and /etc/group are the image author's: read at
// most this much, and only from a regular file (never a FIFO or /dev/zero).
constexpr std::size_t kMaxEtcFile = 8 << 20;

std::optional<unsigned long> parseId(const std::string &s)
{
    unsigned long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size())
        return std::nullopt;
    return v;
}

// A user or group given by number: in runc's range or refused.
std::optional<unsigned long> parseCheckedId(const std::string &s)
{
    const auto v = parseId(s);
    if (v && *v > kMaxId)
        throw Error(ErrorCode::InvalidArgument,
                    "uids and gids must be in range 0-" + std::to_string(kMaxId) + ": " + s);
    return v;
}

// The file's text, bounded; empty when missing or not a regular file.
std::string readEtcFile(const fs::path &file)
{
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return {};
    std::ifstream in(file, std::ios::binary);
    // Read in pieces: a buffer of the bound itself would be 8 MiB zeroed
    // (and faulted in) twice per start for files of a few hundred bytes.
    std::string text;
    char piece[16384];
    while (text.size() < kMaxEtcFile && in.read(piece, sizeof piece).gcount() > 0)
        text.append(piece, std::min(static_cast<std::size_t>(in.gcount()), kMaxEtcFile - text.size()));
    return text;
}

std::vector<std::string> splitColons(const std::string &line, char sep = ':')
{
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(line);
    while (std::getline(in, field, sep))
        out.push_back(field);
    if (!line.empty() && line.back() == sep)
        out.emplace_back();
    return out;
}

std::vector<PasswdEntry> readPasswd(const fs::path &file)
{
    std::vector<PasswdEntry> out;
    std::istringstream in(readEtcFile(file));
    for (std::string line; std::getline(in, line);) {
        auto f = splitColons(line);
        if (f.size() < 6 || line.empty() || line[0] == '#')
            continue;
        auto uid = parseId(f[2]), gid = parseId(f[3]);
        if (uid && gid && *uid <= kMaxId && *gid <= kMaxId)
            out.push_back({f[0], static_cast<uid_t>(*uid), static_cast<gid_t>(*gid), f[5]});
    }
    return out;
}

std::vector<GroupEntry> readGroups(const fs::path &file)
{
    std::vector<GroupEntry> out;
    std::istringstream in(readEtcFile(file));
    for (std::string line; std::getline(in, line);) {
        auto f = splitColons(line);
        if (f.size() < 3 || line.empty() || line[0] == '#')
            continue;
        auto gid = parseId(f[2]);
        if (gid && *gid <= kMaxId)
            out.push_back({f[0], static_cast<gid_t>(*gid), f.size() > 3 ? splitColons(f[3], ',') : std::vector<std::string>{}});
    }
    return out;
}

void resolveUserPart(const std::string &userPart, const fs::path &etcDir, ResolvedUser &out)
{
    const auto passwd = readPasswd(etcDir / "passwd");
    const auto numeric = parseCheckedId(userPart);
    const uid_t wanted = numeric ? static_cast<uid_t>(*numeric) : 0;
    auto it = std::find_if(passwd.begin(), passwd.end(), [&](const PasswdEntry &e) {
        return numeric ? e.uid == wanted : e.name == userPart;
    });
    if (it == passwd.end()) {
        if (!numeric)
            throw Error(ErrorCode::NotFound,
                        "unable to find user " + userPart + ": no matching entries in passwd file");
        out.uid = wanted;
        return;
    }
    out.uid = it->uid;
    out.gid = it->gid;
    out.name = it->name;
    if (!it->home.empty())
        out.home = it->home;
}

void resolveGroupPart(const std::string &groupPart, const std::vector<GroupEntry> &groups, ResolvedUser &out)
{
    if (auto numeric = parseCheckedId(groupPart)) {
        out.gid = static_cast<gid_t>(*numeric);
        return;
    }
    auto it = std::find_if(groups.begin(), groups.end(), [&](const GroupEntry &g) { return g.name == groupPart; });
    if (it == groups.end())
        throw Error(ErrorCode::NotFound, "unable to find group " + groupPart + ": no matching entries in group file");
    out.gid = it->gid;
}

} // namespace

ResolvedUser resolveUser(const std::string &spec, const fs::path &etcDir)
{
    const auto colon = spec.find(':');
    const std::string userPart = spec.empty() ? "0" : spec.substr(0, colon);
    ResolvedUser out;
    resolveUserPart(userPart.empty() ? "0" : userPart, etcDir, out);
    const auto groups = readGroups(etcDir / "group");
    // As runc: an explicit group replaces the primary one and brings no
    // supplementary groups; otherwise every group listing the user is one.
    if (colon != std::string::npos) {
        resolveGroupPart(spec.substr(colon + 1), groups, out);
    } else if (!out.name.empty()) {
        for (const auto &g : groups)
            if (std::find(g.members.begin(), g.members.end(), out.name) != g.members.end())
                out.supplementaryGroups.push_back(g.gid);
    }
    return out;
}

void switchUser(const ResolvedUser &user, bool keepCapabilities)
{
    if (keepCapabilities && ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0)
        throwErrno("prctl(PR_SET_KEEPCAPS)");
    // Denied (EPERM) in a user namespace whose setgroups file says "deny":
    // rootless containers keep just their primary group, as with runc.
    if (::setgroups(user.supplementaryGroups.size(), user.supplementaryGroups.data()) != 0 && errno != EPERM)
        throwErrno("setgroups");
    if (::setresgid(user.gid, user.gid, user.gid) != 0)
        throwErrno("setgid " + std::to_string(user.gid));
    if (::setresuid(user.uid, user.uid, user.uid) != 0)
        throwErrno("setuid " + std::to_string(user.uid));
    if (keepCapabilities && ::prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0)
        throwErrno("prctl(PR_SET_KEEPCAPS)");
}

} // namespace strata::engine::runtime
