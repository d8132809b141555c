// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/security/SeccompProfile.h"

#include "engine/Error.h"
#include "engine/security/DefaultSeccompProfile.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace strata::engine::security {
namespace {

using nlohmann::json;

Error bad(const std::string &why)
{
    return Error(ErrorCode::InvalidArgument, "seccomp profile: " + why);
}

std::vector<std::string> stringList(const json &obj, const char *key)
{
    std::vector<std::string> out;
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return out;
    if (!it->is_array())
        throw bad(std::string("\"") + key + "\" must be a list of strings");
    for (const auto &e : *it) {
        if (!e.is_string())
            throw bad(std::string("\"") + key + "\" must be a list of strings");
        out.push_back(e.get<std::string>());
    }
    return out;
}

// SCMP_ACT_* -> libseccomp's action; false when unknown.
bool actionOf(const std::string &name, std::int64_t errnoRet, std::uint32_t &out)
{
    if (name == "SCMP_ACT_ALLOW")
        out = SCMP_ACT_ALLOW;
    else if (name == "SCMP_ACT_ERRNO")
        out = SCMP_ACT_ERRNO(static_cast<std::uint16_t>(errnoRet));
    else if (name == "SCMP_ACT_KILL" || name == "SCMP_ACT_KILL_THREAD")
        out = SCMP_ACT_KILL;
    else if (name == "SCMP_ACT_KILL_PROCESS")
        out = SCMP_ACT_KILL_PROCESS;
    else if (name == "SCMP_ACT_TRAP")
        out = SCMP_ACT_TRAP;
    else if (name == "SCMP_ACT_TRACE")
        out = SCMP_ACT_TRACE(static_cast<std::uint16_t>(errnoRet));
    else if (name == "SCMP_ACT_LOG")
        out = SCMP_ACT_LOG;
    else
        return false;
    return true;
}

bool compareOf(const std::string &op, scmp_compare &out)
{
    static const std::pair<const char *, scmp_compare> kOps[] = {
        {"SCMP_CMP_NE", SCMP_CMP_NE}, {"SCMP_CMP_LT", SCMP_CMP_LT}, {"SCMP_CMP_LE", SCMP_CMP_LE},
        {"SCMP_CMP_EQ", SCMP_CMP_EQ}, {"SCMP_CMP_GE", SCMP_CMP_GE}, {"SCMP_CMP_GT", SCMP_CMP_GT},
        {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
    };
    for (const auto &[name, cmp] : kOps)
        if (op == name) {
            out = cmp;
            return true;
        }
    return false;
}

SeccompRule ruleFromJson(const json &j)
{
    if (!j.is_object())
        throw bad("each entry of \"syscalls\" must be an object");
    SeccompRule r;
    r.names = stringList(j, "names");
    if (auto it = j.find("name"); it != j.end() && it->is_string())
        r.names.push_back(it->get<std::string>()); // the older single-name form
    if (r.names.empty())
        throw bad("a \"syscalls\" entry names no system call");
    r.action = j.value("action", "");
    if (auto it = j.find("errnoRet"); it != j.end() && it->is_number_integer())
        r.errnoRet = it->get<std::int64_t>();
    std::uint32_t action = 0;
    if (!actionOf(r.action, 1, action))
        throw bad("unknown action \"" + r.action + "\" for " + r.names.front());
    if (auto it = j.find("args"); it != j.end() && it->is_array()) {
        for (const auto &a : *it) {
            SeccompArg arg;
            arg.index = a.value("index", 0u);
            arg.value = a.value("value", std::uint64_t{0});
            arg.valueTwo = a.value("valueTwo", std::uint64_t{0});
            arg.op = a.value("op", "");
            scmp_compare cmp{};
            if (arg.index > 5 || !compareOf(arg.op, cmp))
                throw bad("bad argument rule (index " + std::to_string(arg.index) + ", op \"" + arg.op + "\") for " +
                          r.names.front());
            r.args.push_back(arg);
        }
    }
    if (auto it = j.find("includes"); it != j.end() && it->is_object()) {
        r.includeCaps = stringList(*it, "caps");
        r.includeArches = stringList(*it, "arches");
    }
    if (auto it = j.find("excludes"); it != j.end() && it->is_object()) {
        r.excludeCaps = stringList(*it, "caps");
        r.excludeArches = stringList(*it, "arches");
    }
    return r;
}

bool has(const std::vector<std::string> &v, const std::string &s)
{
    return std::find(v.begin(), v.end(), s) != v.end();
}

bool applies(const SeccompRule &r, const std::vector<std::string> &caps, const std::string &arch)
{
    if (!r.includeArches.empty() && !has(r.includeArches, arch))
        return false;
    if (has(r.excludeArches, arch))
        return false;
    for (const auto &c : r.includeCaps)
        if (!has(caps, c))
            return false;
    for (const auto &c : r.excludeCaps)
        if (has(caps, c))
            return false;
    return true;
}

std::string nativeSeccompArch()
{
    switch (seccomp_arch_native()) {
    case SCMP_ARCH_X86_64: return "SCMP_ARCH_X86_64";
    case SCMP_ARCH_AARCH64: return "SCMP_ARCH_AARCH64";
    case SCMP_ARCH_PPC64LE: return "SCMP_ARCH_PPC64LE";
    case SCMP_ARCH_S390X: return "SCMP_ARCH_S390X";
    case SCMP_ARCH_RISCV64: return "SCMP_ARCH_RISCV64";
    default: return "";
    }
}

// "SCMP_ARCH_X86" -> libseccomp's token for "x86"; 0 when unknown.
std::uint32_t archToken(const std::string &name)
{
    std::string s = name.rfind("SCMP_ARCH_", 0) == 0 ? name.substr(10) : name;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return seccomp_arch_resolve_name(s.c_str());
}

struct FilterContext {
    scmp_filter_ctx ctx = nullptr;
    ~FilterContext()
    {
        if (ctx)
            seccomp_release(ctx);
    }
};

} // namespace

SeccompProfile SeccompProfile::fromJson(const json &j)
{
    if (!j.is_object())
        throw bad("not a JSON object");
    SeccompProfile p;
    p.defaultAction = j.value("defaultAction", "");
    if (auto it = j.find("defaultErrnoRet"); it != j.end() && it->is_number_integer())
        p.defaultErrnoRet = it->get<std::int64_t>();
    std::uint32_t action = 0;
    if (!actionOf(p.defaultAction, 1, action))
        throw bad("unknown defaultAction \"" + p.defaultAction + "\"");
    const std::string native = nativeSeccompArch();
    if (auto it = j.find("archMap"); it != j.end() && it->is_array()) {
        for (const auto &m : *it)
            if (m.is_object() && m.value("architecture", "") == native)
                p.architectures = stringList(m, "subArchitectures");
    }
    for (const auto &a : stringList(j, "architectures"))
        if (a != native && !has(p.architectures, a))
            p.architectures.push_back(a);
    if (auto it = j.find("syscalls"); it != j.end() && !it->is_null()) {
        if (!it->is_array())
            throw bad("\"syscalls\" must be a list");
        for (const auto &r : *it)
            p.rules.push_back(ruleFromJson(r));
    }
    return p;
}

SeccompProfile SeccompProfile::parse(const std::string &text)
{
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded())
        throw bad("not valid JSON");
    return fromJson(j);
}

const std::string &defaultSeccompProfileText()
{
    static const std::string text = generated::kDefaultSeccompProfile;
    return text;
}

const nlohmann::json &defaultSeccompProfile()
{
    static const json j = json::parse(defaultSeccompProfileText());
    return j;
}

std::string nativeArchName()
{
    switch (seccomp_arch_native()) {
    case SCMP_ARCH_X86_64: return "amd64";
    case SCMP_ARCH_X86: return "x86";
    case SCMP_ARCH_X32: return "x32";
    case SCMP_ARCH_AARCH64: return "arm64";
    case SCMP_ARCH_ARM: return "arm";
    case SCMP_ARCH_PPC64LE: return "ppc64le";
    case SCMP_ARCH_S390X: return "s390x";
    case SCMP_ARCH_S390: return "s390";
    case SCMP_ARCH_RISCV64: return "riscv64";
    default: return "unknown";
    }
}

size_t applicableRuleCount(const SeccompProfile &profile, const std::vector<std::string> &capabilities)
{
    const std::string arch = nativeArchName();
    return static_cast<size_t>(std::count_if(profile.rules.begin(), profile.rules.end(),
                                             [&](const SeccompRule &r) { return applies(r, capabilities, arch); }));
}

namespace {

// The libseccomp filter of `profile` for a process with `capabilities`.
void buildFilter(FilterContext &f, const SeccompProfile &profile, const std::vector<std::string> &capabilities)
{
    std::uint32_t defaultAction = 0;
    (void)actionOf(profile.defaultAction, profile.defaultErrnoRet, defaultAction);
    f.ctx = seccomp_init(defaultAction);
    if (!f.ctx)
        throw Error(ErrorCode::Io, "seccomp_init failed");
    // A rule that repeats the default action is refused by libseccomp; Docker ignores it too.
    (void)seccomp_attr_set(f.ctx, SCMP_FLTATR_CTL_NNP, 0); // no_new_privs is the runtime's business
    for (const auto &a : profile.architectures) {
        const std::uint32_t token = archToken(a);
        if (token != 0) {
            const int rc = seccomp_arch_add(f.ctx, token);
            if (rc != 0 && rc != -EEXIST)
                throw Error(ErrorCode::Io, "seccomp: add architecture " + a + ": " + std::strerror(-rc));
        }
    }
    const std::string arch = nativeArchName();
    for (const auto &r : profile.rules) {
        if (!applies(r, capabilities, arch))
            continue;
        std::uint32_t action = 0;
        (void)actionOf(r.action, r.errnoRet >= 0 ? r.errnoRet : profile.defaultErrnoRet, action);
        if (action == defaultAction)
            continue;
        std::vector<scmp_arg_cmp> cmps;
        for (const auto &a : r.args) {
            scmp_compare op{};
            (void)compareOf(a.op, op);
            cmps.push_back(scmp_arg_cmp{a.index, op, a.value, a.valueTwo});
        }
        for (const auto &name : r.names) {
            const int nr = seccomp_syscall_resolve_name(name.c_str());
            if (nr == __NR_SCMP_ERROR)
                continue; // not a system call of this architecture (or newer than libseccomp): as Docker does
            const int rc = seccomp_rule_add_array(f.ctx, action, nr, static_cast<unsigned>(cmps.size()),
                                                  cmps.empty() ? nullptr : cmps.data());
            if (rc != 0 && rc != -EEXIST)
                throw Error(ErrorCode::Io, "seccomp: rule for " + name + ": " + std::strerror(-rc));
        }
    }
}

} // namespace

void loadSeccompFilter(const SeccompProfile &profile, const std::vector<std::string> &capabilities)
{
    FilterContext f;
    buildFilter(f, profile, capabilities);
    const int rc = seccomp_load(f.ctx);
    if (rc != 0)
        throw Error(ErrorCode::Io, std::string("seccomp: load the filter: ") + std::strerror(-rc));
}

std::string compileSeccompProgram(const SeccompProfile &profile, const std::vector<std::string> &capabilities)
{
    FilterContext f;
    buildFilter(f, profile, capabilities);
    // libseccomp 2.5 exports to a descriptor only: a memfd, read back.
    const int fd = ::memfd_create("strata-seccomp", MFD_CLOEXEC);
    if (fd < 0)
        throw Error(ErrorCode::Io, std::string("seccomp: memfd_create: ") + std::strerror(errno));
    std::string program;
    int rc = seccomp_export_bpf(f.ctx, fd);
    if (rc == 0 && ::lseek(fd, 0, SEEK_SET) == 0) {
        char buf[8192];
        ssize_t n = 0;
        while ((n = ::read(fd, buf, sizeof buf)) > 0)
            program.append(buf, static_cast<std::size_t>(n));
        if (n < 0)
            rc = -errno;
    }
    ::close(fd);
    if (rc != 0 || program.empty() || program.size() % sizeof(sock_filter) != 0)
        throw Error(ErrorCode::Io, std::string("seccomp: export the filter: ") + std::strerror(rc ? -rc : EINVAL));
    return program;
}

void loadSeccompProgram(const std::string &program)
{
    if (program.empty() || program.size() % sizeof(sock_filter) != 0 ||
        program.size() / sizeof(sock_filter) > BPF_MAXINSNS)
        throw Error(ErrorCode::Io, "seccomp: load the filter: not a BPF program");
    sock_fprog prog{};
    prog.len = static_cast<unsigned short>(program.size() / sizeof(sock_filter));
    prog.filter = reinterpret_cast<sock_filter *>(const_cast<char *>(program.data()));
    // What seccomp_load does with the attributes loadSeccompFilter sets: no
    // flags (no TSYNC, no logging), no_new_privs left to the runtime.
    if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0)
        return;
    if (errno == ENOSYS && ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == 0)
        return;
    throw Error(ErrorCode::Io, std::string("seccomp: load the filter: ") + std::strerror(errno));
}

} // namespace strata::engine::security
