// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/security/SecurityOpt.h"

#include "engine/Error.h"
#include "engine/security/SeccompProfile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace strata::engine::security {
namespace {

constexpr std::string_view kSeccomp = "seccomp=";
constexpr std::size_t kMaxProfileBytes = 1 << 20; // a profile is a few tens of KiB

bool isSeccomp(const std::string &opt)
{
    return opt.rfind(kSeccomp, 0) == 0 || opt.rfind("seccomp:", 0) == 0;
}

std::string valueOf(const std::string &opt)
{
    return opt.substr(kSeccomp.size());
}

} // namespace

std::vector<std::string> readSecurityOptFiles(const std::vector<std::string> &opts)
{
    std::vector<std::string> out;
    for (const auto &opt : opts) {
        if (!isSeccomp(opt) || valueOf(opt) == "unconfined") {
            out.push_back(opt);
            continue;
        }
        const std::string file = valueOf(opt);
        std::ifstream in(file, std::ios::binary);
        if (!in)
            throw Error(ErrorCode::InvalidArgument, "opening seccomp profile (" + file + ") failed: open " + file +
                                                        ": " + std::strerror(errno));
        std::ostringstream text;
        text << in.rdbuf();
        if (text.str().size() > kMaxProfileBytes)
            throw Error(ErrorCode::InvalidArgument, "seccomp profile (" + file + ") is larger than 1 MiB");
        const auto j = nlohmann::json::parse(text.str(), nullptr, false);
        if (j.is_discarded())
            throw Error(ErrorCode::InvalidArgument, "seccomp profile (" + file + ") is not valid JSON");
        out.push_back(std::string(kSeccomp) + j.dump());
    }
    return out;
}

nlohmann::json seccompProfileFor(const std::vector<std::string> &opts)
{
    nlohmann::json profile = defaultSeccompProfile();
    for (const auto &opt : opts) {
        if (!isSeccomp(opt))
            throw Error(ErrorCode::InvalidArgument,
                        "invalid --security-opt: \"" + opt + "\" (Strata supports seccomp=unconfined|PROFILE.json)");
        const std::string value = valueOf(opt);
        if (value == "unconfined") {
            profile = nullptr;
            continue;
        }
        profile = nlohmann::json::parse(value, nullptr, false);
        if (profile.is_discarded())
            throw Error(ErrorCode::InvalidArgument, "invalid --security-opt: seccomp profile is not valid JSON");
        (void)SeccompProfile::fromJson(profile); // throws naming what is wrong
    }
    return profile;
}

} // namespace strata::engine::security
