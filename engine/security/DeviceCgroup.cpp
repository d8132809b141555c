// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/security/DeviceCgroup.h"

#include "engine/Error.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <linux/bpf.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace strata::engine::security {
namespace {

const char *const kDevicesV1 = "/sys/fs/cgroup/devices";

bool writeFile(const std::string &path, const std::string &text, std::string *why)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = "open " + path + ": " + std::strerror(errno);
        return false;
    }
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    if (!ok)
        *why = "write \"" + text + "\" to " + path + ": " + std::strerror(errno);
    ::close(fd);
    return ok;
}

// <devices>/<parent>/<id>, each component made as needed.
std::string makeV1Cgroup(const std::string &parent, const std::string &id, std::string *why)
{
    if (::access(kDevicesV1, W_OK) != 0) {
        *why = std::string("no writable cgroup v1 devices controller at ") + kDevicesV1;
        return {};
    }
    std::string path = kDevicesV1;
    for (const std::string &comp : {parent.empty() ? std::string("strata") : parent, id}) {
        if (comp.empty() || comp.find('/') != std::string::npos || comp == "." || comp == "..") {
            *why = "invalid cgroup name \"" + comp + "\"";
            return {};
        }
        path += "/" + comp;
        if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) {
            *why = "mkdir " + path + ": " + std::strerror(errno);
            return {};
        }
    }
    return path;
}

// ---- cgroup v2: a BPF_PROG_TYPE_CGROUP_DEVICE program ----------------------
// The context (struct bpf_cgroup_dev_ctx) is {u32 access_type; u32 major;
// u32 minor}, access_type = (access << 16) | type. The program returns 1 to
// allow, 0 to refuse; rules are tried in order, the first match allows.

bpf_insn insn(std::uint8_t code, std::uint8_t dst, std::uint8_t src, std::int16_t off, std::int32_t imm)
{
    bpf_insn i{};
    i.code = code;
    i.dst_reg = dst;
    i.src_reg = src;
    i.off = off;
    i.imm = imm;
    return i;
}

std::uint32_t accessBits(const std::string &access)
{
    std::uint32_t bits = 0;
    for (char c : access)
        bits |= c == 'm' ? BPF_DEVCG_ACC_MKNOD : c == 'r' ? BPF_DEVCG_ACC_READ : BPF_DEVCG_ACC_WRITE;
    return bits;
}

std::vector<bpf_insn> buildProgram(const std::vector<DeviceRule> &rules)
{
    std::vector<bpf_insn> p;
    // r2 = type, r3 = access, r4 = major, r5 = minor
    p.push_back(insn(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_2, BPF_REG_1, 0, 0));
    p.push_back(insn(BPF_ALU | BPF_AND | BPF_K, BPF_REG_2, 0, 0, 0xFFFF));
    p.push_back(insn(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_3, BPF_REG_1, 0, 0));
    p.push_back(insn(BPF_ALU | BPF_RSH | BPF_K, BPF_REG_3, 0, 0, 16));
    p.push_back(insn(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_4, BPF_REG_1, 4, 0));
    p.push_back(insn(BPF_LDX | BPF_W | BPF_MEM, BPF_REG_5, BPF_REG_1, 8, 0));
    for (const DeviceRule &r : rules) {
        std::vector<bpf_insn> block;
        // Each check jumps over the rest of this block (patched below) on mismatch.
        std::vector<size_t> skips;
        if (r.type != 'a') {
            skips.push_back(block.size());
            block.push_back(insn(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_2, 0, 0,
                                 r.type == 'c' ? BPF_DEVCG_DEV_CHAR : BPF_DEVCG_DEV_BLOCK));
        }
        // (access & ~allowed) != 0: asks for more than the rule gives.
        block.push_back(insn(BPF_ALU | BPF_MOV | BPF_X, BPF_REG_1, BPF_REG_3, 0, 0));
        block.push_back(insn(BPF_ALU | BPF_AND | BPF_K, BPF_REG_1, 0, 0, static_cast<std::int32_t>(~accessBits(r.access))));
        skips.push_back(block.size());
        block.push_back(insn(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_1, 0, 0, 0));
        if (r.major != kAnyNumber) {
            skips.push_back(block.size());
            block.push_back(insn(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_4, 0, 0, static_cast<std::int32_t>(r.major)));
        }
        if (r.minor != kAnyNumber) {
            skips.push_back(block.size());
            block.push_back(insn(BPF_JMP | BPF_JNE | BPF_K, BPF_REG_5, 0, 0, static_cast<std::int32_t>(r.minor)));
        }
        block.push_back(insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 1));
        block.push_back(insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
        for (size_t s : skips)
            block[s].off = static_cast<std::int16_t>(block.size() - s - 1);
        p.insert(p.end(), block.begin(), block.end());
    }
    p.push_back(insn(BPF_ALU64 | BPF_MOV | BPF_K, BPF_REG_0, 0, 0, 0));
    p.push_back(insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0));
    return p;
}

int attachV2Program(const std::vector<DeviceRule> &rules, const std::string &cgroupDir, std::string *why)
{
    const std::vector<bpf_insn> prog = buildProgram(rules);
    union bpf_attr load{};
    static const char license[] = "GPL";
    load.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
    load.insns = reinterpret_cast<std::uint64_t>(prog.data());
    load.insn_cnt = static_cast<std::uint32_t>(prog.size());
    load.license = reinterpret_cast<std::uint64_t>(license);
    const int progFd = static_cast<int>(::syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof(load)));
    if (progFd < 0) {
        *why = std::string("load the cgroup v2 BPF device program: ") + std::strerror(errno);
        return -1;
    }
    ::fcntl(progFd, F_SETFD, FD_CLOEXEC);
    const int dirFd = ::open(cgroupDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        *why = "open " + cgroupDir + ": " + std::strerror(errno);
        ::close(progFd);
        return -1;
    }
    union bpf_attr attach{};
    attach.target_fd = static_cast<std::uint32_t>(dirFd);
    attach.attach_bpf_fd = static_cast<std::uint32_t>(progFd);
    attach.attach_type = BPF_CGROUP_DEVICE;
    attach.attach_flags = BPF_F_ALLOW_MULTI;
    const bool ok = ::syscall(SYS_bpf, BPF_PROG_ATTACH, &attach, sizeof(attach)) == 0;
    if (!ok)
        *why = "attach the BPF device program to " + cgroupDir + ": " + std::strerror(errno);
    ::close(dirFd);
    if (!ok) {
        ::close(progFd);
        return -1;
    }
    return progFd;
}

} // namespace

DeviceCgroup attachDeviceProgram(const std::vector<DeviceRule> &rules, const std::string &cgroup2Dir)
{
    std::string why;
    const int fd = attachV2Program(rules, cgroup2Dir, &why);
    if (fd < 0)
        throw Error(ErrorCode::Unsupported, why);
    return {cgroup2Dir, 2, fd};
}

size_t deviceProgramLength(const std::vector<DeviceRule> &rules)
{
    return buildProgram(rules).size();
}

DeviceCgroup enforceDeviceRules(const std::vector<DeviceRule> &rules, const std::string &parent,
                                const std::string &id, const std::string &cgroup2Dir)
{
    std::string whyV1, whyV2 = "the container has no cgroup2 directory";
    const std::string v1 = makeV1Cgroup(parent, id, &whyV1);
    if (!v1.empty()) {
        bool ok = writeFile(v1 + "/devices.deny", "a", &whyV1);
        for (size_t i = 0; ok && i < rules.size(); ++i)
            ok = writeFile(v1 + "/devices.allow", rules[i].text(), &whyV1);
        if (ok)
            return {v1, 1, -1};
        ::rmdir(v1.c_str());
    }
    if (!cgroup2Dir.empty()) {
        const int fd = attachV2Program(rules, cgroup2Dir, &whyV2);
        if (fd >= 0)
            return {cgroup2Dir, 2, fd};
    }
    throw Error(ErrorCode::Unsupported, "cannot enforce the container's device policy (" + whyV1 + "; " + whyV2 +
                                            "): a root container would reach every host device; refusing to start");
}

void releaseDeviceCgroup(DeviceCgroup &cg)
{
    if (cg.version == 1) {
        for (int attempt = 0; attempt < 50; ++attempt) {
            if (::rmdir(cg.path.c_str()) == 0 || errno != EBUSY)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    if (cg.programFd >= 0)
        ::close(cg.programFd);
    cg = {};
}

} // namespace strata::engine::security
