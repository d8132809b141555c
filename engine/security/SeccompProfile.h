// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A seccomp profile in Docker's JSON format (the one `--security-opt
// seccomp=FILE` takes and resources/seccomp/default.json is written in),
// read into plain data, and turned into a kernel filter with libseccomp for
// one container: its capabilities and the machine's architecture decide
// which rules apply (a rule's includes/excludes).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace strata::engine::security {

struct SeccompArg {
    unsigned index = 0;
    std::uint64_t value = 0;
    std::uint64_t valueTwo = 0;
    std::string op; // SCMP_CMP_EQ, _NE, _LT, _LE, _GT, _GE, _MASKED_EQ
};

struct SeccompRule {
    std::vector<std::string> names;
    std::string action;          // SCMP_ACT_ALLOW, SCMP_ACT_ERRNO, ...
    std::int64_t errnoRet = -1;  // -1: the profile's defaultErrnoRet (EPERM)
    std::vector<SeccompArg> args;
    std::vector<std::string> includeCaps, excludeCaps;     // the rule applies with all / none of these
    std::vector<std::string> includeArches, excludeArches; // Go names: amd64, x86, arm64 ...
};

struct SeccompProfile {
    std::string defaultAction = "SCMP_ACT_ERRNO";
    std::int64_t defaultErrnoRet = 1; // EPERM
    std::vector<std::string> architectures; // SCMP_ARCH_* to add besides the native one
    std::vector<SeccompRule> rules;

    // Throws InvalidArgument naming what is wrong ("seccomp profile: ...").
    static SeccompProfile fromJson(const nlohmann::json &j);
    static SeccompProfile parse(const std::string &text);
};

// resources/seccomp/default.json, compiled in: Docker's default profile.
[[nodiscard]] const std::string &defaultSeccompProfileText();
[[nodiscard]] const nlohmann::json &defaultSeccompProfile();

// The machine's architecture as Docker's profiles name it ("amd64", ...).
[[nodiscard]] std::string nativeArchName();

// Builds the filter for a process with `capabilities` ("CAP_SYS_ADMIN", ...)
// and loads it into the calling thread (seccomp(2) with TSYNC off: one
// thread). Needs no_new_privs or CAP_SYS_ADMIN. Throws Unsupported/Io.
void loadSeccompFilter(const SeccompProfile &profile, const std::vector<std::string> &capabilities);

// The same filter compiled to the kernel's form (struct sock_filter[] as
// bytes), to be kept and loaded later with loadSeccompProgram: building it
// with libseccomp costs a few ms of CPU per container start. Throws Io.
[[nodiscard]] std::string compileSeccompProgram(const SeccompProfile &profile,
                                                const std::vector<std::string> &capabilities);
// Loads a program from compileSeccompProgram into the calling thread, as
// loadSeccompFilter would. Throws Io (also for bytes that are no program).
void loadSeccompProgram(const std::string &program);

// How many rules of the profile apply to `capabilities` on this machine.
[[nodiscard]] size_t applicableRuleCount(const SeccompProfile &profile, const std::vector<std::string> &capabilities);

} // namespace strata::engine::security
