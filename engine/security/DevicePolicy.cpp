// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/security/DevicePolicy.h"

#include "engine/Error.h"

#include <charconv>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace strata::engine::security {
namespace {

std::string number(std::int64_t n)
{
    return n == kAnyNumber ? std::string("*") : std::to_string(n);
}

bool parseNumber(std::string_view s, std::int64_t &out)
{
    if (s == "*") {
        out = kAnyNumber;
        return true;
    }
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && out >= 0 && out <= 0xFFFFFFFFLL;
}

bool isAccessSet(const std::string &s)
{
    if (s.empty() || s.size() > 3)
        return false;
    for (char c : s)
        if ((c != 'r' && c != 'w' && c != 'm') || s.find(c) != s.rfind(c))
            return false;
    return true;
}

} // namespace

std::string DeviceRule::text() const
{
    return std::string(1, type) + " " + number(major) + ":" + number(minor) + " " + access;
}

DeviceRule DeviceRule::parse(const std::string &text)
{
    auto bad = [&] { return Error(ErrorCode::InvalidArgument, "invalid device rule \"" + text + "\""); };
    DeviceRule r;
    const auto sp1 = text.find(' ');
    const auto colon = text.find(':');
    const auto sp2 = text.rfind(' ');
    if (sp1 != 1 || colon == std::string::npos || sp2 <= colon || colon < sp1)
        throw bad();
    r.type = text[0];
    if (r.type != 'a' && r.type != 'c' && r.type != 'b')
        throw bad();
    const std::string_view sv(text);
    if (!parseNumber(sv.substr(sp1 + 1, colon - sp1 - 1), r.major) ||
        !parseNumber(sv.substr(colon + 1, sp2 - colon - 1), r.minor))
        throw bad();
    r.access = text.substr(sp2 + 1);
    if (!isAccessSet(r.access))
        throw bad();
    return r;
}

std::vector<DeviceRule> dockerDefaultDeviceRules()
{
    return {
        {'c', kAnyNumber, kAnyNumber, "m"}, // mknod of any node; opening is what is limited
        {'b', kAnyNumber, kAnyNumber, "m"},
        {'c', 1, 3, "rwm"},                 // null
        {'c', 1, 5, "rwm"},                 // zero
        {'c', 1, 7, "rwm"},                 // full
        {'c', 1, 8, "rwm"},                 // random
        {'c', 1, 9, "rwm"},                 // urandom
        {'c', 5, 0, "rwm"},                 // tty
        {'c', 5, 1, "rwm"},                 // console
        {'c', 5, 2, "rwm"},                 // ptmx
        {'c', 136, kAnyNumber, "rwm"},      // pts slaves
    };
}

DeviceMapping parseDeviceFlag(const std::string &value)
{
    auto bad = [&](const std::string &why) {
        return Error(ErrorCode::InvalidArgument, "invalid --device \"" + value + "\": " + why);
    };
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const auto colon = value.find(':', start);
        parts.push_back(value.substr(start, colon == std::string::npos ? std::string::npos : colon - start));
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    if (parts.size() > 3)
        throw bad("expected HOST[:CONTAINER[:PERMISSIONS]]");
    DeviceMapping m;
    m.pathOnHost = parts[0];
    if (m.pathOnHost.empty() || m.pathOnHost[0] != '/')
        throw bad("the host path must be absolute");
    m.pathInContainer = m.pathOnHost;
    if (parts.size() == 2 && isAccessSet(parts[1])) {
        m.cgroupPermissions = parts[1]; // Docker reads "HOST:rw" as permissions
    } else if (parts.size() >= 2) {
        m.pathInContainer = parts[1];
        if (parts.size() == 3)
            m.cgroupPermissions = parts[2];
    }
    if (m.pathInContainer.empty() || m.pathInContainer[0] != '/')
        throw bad("the container path must be absolute");
    if (!isAccessSet(m.cgroupPermissions))
        throw bad("permissions must be a combination of r, w and m");
    return m;
}

DeviceNode resolveDevice(const DeviceMapping &mapping)
{
    struct stat st{};
    if (::stat(mapping.pathOnHost.c_str(), &st) != 0)
        throw Error(ErrorCode::InvalidArgument,
                    "error gathering device information while adding custom device \"" + mapping.pathOnHost +
                        "\": no such file or directory");
    if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode))
        throw Error(ErrorCode::InvalidArgument, "error gathering device information while adding custom device \"" +
                                                    mapping.pathOnHost + "\": not a device node");
    DeviceNode n;
    n.path = mapping.pathInContainer;
    n.hostPath = mapping.pathOnHost;
    n.type = S_ISCHR(st.st_mode) ? 'c' : 'b';
    n.major = ::major(st.st_rdev);
    n.minor = ::minor(st.st_rdev);
    n.fileMode = st.st_mode & 07777;
    n.uid = st.st_uid;
    n.gid = st.st_gid;
    n.access = mapping.cgroupPermissions;
    return n;
}

} // namespace strata::engine::security
