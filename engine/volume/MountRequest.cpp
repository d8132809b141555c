// SPDX-License-Identifier: GPL-3.0-or-later
// The rules follow moby's volume/mounts/linux_parser.go (ParseMountRaw,
// validateMountConfigImpl, ConvertTmpfsOptions) and docker/cli's
// opts/mount.go; the messages are theirs, so a student sees what Docker says.
#include "engine/volume/MountRequest.h"

#include "engine/Error.h"
#include "engine/volume/MountPoint.h"

#include <cctype>
#include <cmath>
#include <set>
#include <sstream>
#include <sys/stat.h>

namespace strata::engine::volume {
namespace {

const std::set<std::string> kRwModes{"rw", "ro"};
const std::set<std::string> kLabelModes{"z", "Z"};
const std::set<std::string> kPropagationModes{"private", "rprivate", "slave", "rslave", "shared", "rshared"};
const std::set<std::string> kCopyModes{"nocopy"};
const std::set<std::string> kConsistencyModes{"consistent", "cached", "delegated"};

std::vector<std::string> split(const std::string &s, char sep)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == sep) {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

// linuxValidMountMode: known words, at most one of each kind.
bool validMountMode(const std::string &mode)
{
    if (mode.empty())
        return true;
    int rw = 0, label = 0, propagation = 0, copy = 0, consistency = 0;
    for (const auto &o : split(mode, ',')) {
        if (kRwModes.count(o))
            ++rw;
        else if (kLabelModes.count(o))
            ++label;
        else if (kPropagationModes.count(o))
            ++propagation;
        else if (kCopyModes.count(o))
            ++copy;
        else if (kConsistencyModes.count(o))
            ++consistency;
        else
            return false;
    }
    return rw <= 1 && label <= 1 && propagation <= 1 && copy <= 1 && consistency <= 1;
}

bool hasWord(const std::string &mode, const std::set<std::string> &words, std::string *found = nullptr)
{
    for (const auto &o : split(mode, ','))
        if (words.count(o)) {
            if (found)
                *found = o;
            return true;
        }
    return false;
}

bool isAbsolute(const std::string &p)
{
    return !p.empty() && p[0] == '/';
}

// What the request set beyond type/source/target: Docker refuses options
// that do not belong to the type ("field BindOptions must not be specified").
struct OptionGroups {
    bool volume = false;
    bool bind = false;
    bool tmpfs = false;
};

// validateMountConfigImpl: "" when valid, else the reason.
std::string configProblem(const MountRequest &m, const OptionGroups &groups, bool checkBindSourceExists)
{
    if (m.destination.empty())
        return "field Target must not be empty";
    if (cleanPath(m.destination) == "/" && isAbsolute(m.destination))
        return "invalid specification: destination can't be '/'";
    if (!isAbsolute(m.destination))
        return "invalid mount path: '" + m.destination + "' mount path must be absolute";
    if (m.type == "bind") {
        if (m.source.empty())
            return "field Source must not be empty";
        if (!m.propagation.empty() && !kPropagationModes.count(m.propagation))
            return "invalid propagation mode: " + m.propagation;
        if (groups.volume)
            return "field VolumeOptions must not be specified";
        if (!isAbsolute(m.source))
            return "invalid mount path: '" + m.source + "' mount path must be absolute";
        struct stat st{};
        if (checkBindSourceExists && ::stat(m.source.c_str(), &st) != 0)
            return "bind source path does not exist: " + m.source;
    } else if (m.type == "volume") {
        if (groups.bind)
            return "field BindOptions must not be specified";
        if (m.readOnly && m.source.empty())
            return "must not set ReadOnly mode when using anonymous volumes";
    } else if (m.type == "tmpfs") {
        if (groups.bind)
            return "field BindOptions must not be specified";
        if (!m.source.empty())
            return "field Source must not be specified";
    } else {
        return "mount type unknown";
    }
    return {};
}

std::string mountConfigError(const MountRequest &m, const std::string &problem)
{
    return "invalid mount config for type \"" + m.type + "\": " + problem;
}

[[noreturn]] void invalid(const std::string &message)
{
    throw Error(ErrorCode::InvalidArgument, message);
}

// encoding/csv for one record: fields split on ',', double quotes group.
std::vector<std::string> csvFields(const std::string &text)
{
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"' && cur.empty()) {
            quoted = true;
        } else if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (quoted)
        invalid("parse error on line 1, column " + std::to_string(text.size()) + ": extraneous or missing \" in quoted-field");
    out.push_back(cur);
    return out;
}

std::optional<bool> parseBool(const std::string &v)
{
    // Go's strconv.ParseBool.
    if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True")
        return true;
    if (v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False")
        return false;
    return std::nullopt;
}

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// ConvertTmpfsOptions: mode in octal, size with the largest unit dividing it.
std::string tmpfsData(unsigned mode, long long size)
{
    std::string data;
    auto add = [&](const std::string &s) { data += (data.empty() ? "" : ",") + s; };
    if (mode != 0) {
        std::ostringstream o;
        o << std::oct << mode;
        add("mode=" + o.str());
    }
    if (size != 0) {
        std::string suffix;
        for (auto [s, d] : {std::pair{"g", 1LL << 30}, std::pair{"m", 1LL << 20}, std::pair{"k", 1LL << 10}}) {
            if (size % d == 0) {
                size /= d;
                suffix = s;
                break;
            }
        }
        add("size=" + std::to_string(size) + suffix);
    }
    return data;
}

} // namespace

std::optional<long long> ramInBytes(const std::string &text)
{
    // ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$
    std::size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'))
        ++i;
    if (i == 0 || text[0] == '.')
        return std::nullopt;
    double value = 0;
    try {
        value = std::stod(text.substr(0, i));
    } catch (...) {
        return std::nullopt;
    }
    std::string rest = text.substr(i);
    if (!rest.empty() && rest[0] == ' ')
        rest.erase(0, 1);
    long long mult = 1;
    if (!rest.empty()) {
        const std::string units = "kmgtp";
        const auto pos = units.find(static_cast<char>(std::tolower(static_cast<unsigned char>(rest[0]))));
        if (pos != std::string::npos) {
            mult = 1LL << (10 * (pos + 1));
            rest.erase(0, 1);
        }
    }
    if (!rest.empty() && (rest[0] == 'i' || rest[0] == 'I'))
        rest.erase(0, 1);
    if (!rest.empty() && (rest[0] == 'b' || rest[0] == 'B'))
        rest.erase(0, 1);
    if (!rest.empty())
        return std::nullopt;
    return static_cast<long long>(std::llround(value * static_cast<double>(mult)));
}

MountRequest parseVolumeFlag(const std::string &raw)
{
    const auto specError = [&raw] { return "invalid volume specification: '" + raw + "'"; };
    std::vector<std::string> arr = split(raw, ':');
    if (arr.size() > 4) // strings.SplitN(raw, ":", 4)
        arr.resize(4);
    if (arr[0].empty())
        invalid(specError());

    MountRequest m;
    m.origin = MountOrigin::VolumeFlag;
    m.raw = raw;
    switch (arr.size()) {
    case 1:
        m.destination = arr[0];
        break;
    case 2:
        // "/foo:rw" is a destination with a mode, which a volume cannot have.
        if (validMountMode(arr[1]))
            invalid(specError());
        m.source = arr[0];
        m.destination = arr[1];
        break;
    case 3:
        m.source = arr[0];
        m.destination = arr[1];
        m.mode = arr[2];
        break;
    default:
        invalid(specError());
    }
    if (!validMountMode(m.mode))
        invalid("invalid mode: " + m.mode);

    m.type = isAbsolute(m.source) ? "bind" : "volume";
    m.readOnly = hasWord(m.mode, {"ro"});
    OptionGroups groups;
    if (hasWord(m.mode, kCopyModes)) {
        m.copyData = false;
        groups.volume = true;
    }
    if (hasWord(m.mode, kPropagationModes, &m.propagation))
        groups.bind = true;

    // -v makes a missing bind source (at start), so existence is not checked.
    if (const std::string problem = configProblem(m, groups, false); !problem.empty())
        invalid(specError() + ": " + mountConfigError(m, problem));
    m.destination = cleanPath(m.destination);
    if (m.type == "bind") {
        m.source = cleanPath(m.source);
        if (m.propagation.empty())
            m.propagation = "rprivate";
    }
    return m;
}

MountRequest parseMountFlag(const std::string &csv)
{
    const auto flagError = [&csv](const std::string &why) {
        invalid("invalid argument \"" + csv + "\" for \"--mount\" flag: " + why);
    };
    MountRequest m;
    m.origin = MountOrigin::MountFlag;
    m.raw = csv;
    m.type = "volume"; // docker/cli's default
    OptionGroups groups;
    unsigned tmpfsMode = 0;
    long long tmpfsSize = 0;
    auto volumeOpts = [&] {
        groups.volume = true;
        if (!m.labels)
            m.labels.emplace();
    };
    for (const auto &field : csvFields(csv)) {
        const auto eq = field.find('=');
        const std::string key = field.substr(0, eq);
        const std::string val = eq == std::string::npos ? "" : field.substr(eq + 1);
        if (eq == std::string::npos) {
            if (key == "readonly" || key == "ro")
                m.readOnly = true;
            else if (key == "volume-nocopy") {
                volumeOpts();
                m.copyData = false;
            } else if (key == "bind-nonrecursive")
                groups.bind = true;
            else
                flagError("invalid field '" + field + "' must be a key=value pair");
            continue;
        }
        if (key == "type") {
            m.type = lower(val);
        } else if (key == "source" || key == "src") {
            m.source = val;
        } else if (key == "target" || key == "dst" || key == "destination") {
            m.destination = val;
        } else if (key == "readonly" || key == "ro") {
            const auto b = parseBool(val);
            if (!b)
                flagError("invalid value for " + key + ": " + val);
            m.readOnly = *b;
        } else if (key == "consistency") {
            // Accepted and ignored, as on Linux Docker.
        } else if (key == "bind-propagation") {
            groups.bind = true;
            m.propagation = lower(val);
        } else if (key == "bind-nonrecursive") {
            groups.bind = true;
            if (!parseBool(val))
                flagError("invalid value for " + key + ": " + val);
        } else if (key == "volume-nocopy") {
            volumeOpts();
            const auto b = parseBool(val);
            if (!b)
                flagError("invalid value for volume-nocopy: " + val);
            m.copyData = !*b;
        } else if (key == "volume-label" || key == "volume-opt") {
            volumeOpts();
            auto &target = key == "volume-label" ? m.labels : m.driverOptions;
            if (!target)
                target.emplace();
            const auto kv = val.find('=');
            if (kv != 0)
                (*target)[val.substr(0, kv)] = kv == std::string::npos ? "" : val.substr(kv + 1);
        } else if (key == "volume-driver") {
            volumeOpts();
            m.driver = val;
        } else if (key == "tmpfs-size") {
            groups.tmpfs = true;
            const auto bytes = ramInBytes(val);
            if (!bytes)
                flagError("invalid value for " + key + ": " + val);
            tmpfsSize = *bytes;
        } else if (key == "tmpfs-mode") {
            groups.tmpfs = true;
            try {
                std::size_t used = 0;
                const unsigned long v = std::stoul(val, &used, 8);
                if (used != val.size() || v > 0xffffffffUL)
                    throw std::invalid_argument(val);
                tmpfsMode = static_cast<unsigned>(v);
            } catch (const std::exception &) {
                flagError("invalid value for " + key + ": " + val);
            }
        } else {
            flagError("unexpected key '" + key + "' in '" + field + "'");
        }
    }
    if (m.type.empty())
        flagError("type is required");
    if (m.destination.empty())
        flagError("target is required");
    if (groups.volume && m.type != "volume")
        flagError("cannot mix 'volume-*' options with mount type '" + m.type + "'");
    if (groups.bind && m.type != "bind")
        flagError("cannot mix 'bind-*' options with mount type '" + m.type + "'");
    if (groups.tmpfs && m.type != "tmpfs")
        flagError("cannot mix 'tmpfs-*' options with mount type '" + m.type + "'");

    // The daemon's checks; --mount refuses a missing bind source.
    if (const std::string problem = configProblem(m, groups, true); !problem.empty())
        invalid(mountConfigError(m, problem));
    m.destination = cleanPath(m.destination);
    if (m.type == "bind") {
        m.source = cleanPath(m.source);
        if (m.propagation.empty())
            m.propagation = "rprivate";
    }
    if (m.type == "tmpfs")
        m.tmpfsOptions = tmpfsData(tmpfsMode, tmpfsSize);
    return m;
}

MountRequest parseTmpfsFlag(const std::string &raw)
{
    MountRequest m;
    m.origin = MountOrigin::TmpfsFlag;
    m.raw = raw;
    m.type = "tmpfs";
    const auto colon = raw.find(':');
    m.destination = raw.substr(0, colon);
    if (colon != std::string::npos)
        m.tmpfsOptions = raw.substr(colon + 1);
    if (isAbsolute(m.destination) && cleanPath(m.destination) == "/")
        invalid("invalid specification: destination can't be '/'");
    if (!isAbsolute(m.destination))
        invalid("invalid mount path: '" + m.destination + "' mount path must be absolute");
    for (const auto &o : split(m.tmpfsOptions, ',')) {
        if (o == "ro")
            m.readOnly = true;
    }
    m.destination = cleanPath(m.destination);
    return m;
}

VolumesFromRequest parseVolumesFrom(const std::string &spec)
{
    if (spec.empty())
        invalid("volumes-from specification cannot be an empty string");
    VolumesFromRequest r;
    const auto colon = spec.find(':');
    r.container = spec.substr(0, colon);
    r.mode = colon == std::string::npos ? "" : spec.substr(colon + 1);
    if (r.mode.empty()) {
        r.mode = "rw";
        return r;
    }
    if (!validMountMode(r.mode) || hasWord(r.mode, kPropagationModes) || hasWord(r.mode, kCopyModes))
        invalid("invalid mode: " + r.mode);
    return r;
}

} // namespace strata::engine::volume
