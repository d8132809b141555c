// SPDX-License-Identifier: GPL-3.0-or-later
// Docker's seccomp profile format read into data: the compiled-in default
// (resources/seccomp/default.json) and its conditional rules, bad profiles
// refused with the reason, --security-opt values checked.
#include "engine/Error.h"
#include "engine/security/SeccompProfile.h"
#include "engine/security/SecurityOpt.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <fstream>

using namespace strata::engine;
using security::SeccompProfile;

namespace {

bool allows(const SeccompProfile &p, const std::string &name)
{
    return std::any_of(p.rules.begin(), p.rules.end(), [&](const security::SeccompRule &r) {
        return r.action == "SCMP_ACT_ALLOW" && r.args.empty() && r.includeCaps.empty() && r.includeArches.empty() &&
               std::find(r.names.begin(), r.names.end(), name) != r.names.end();
    });
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e.what();
    }
    return "no error";
}

} // namespace

class TestSeccompProfile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultProfileIsDockers()
    {
        const auto p = SeccompProfile::fromJson(security::defaultSeccompProfile());
        QCOMPARE(p.defaultAction, std::string("SCMP_ACT_ERRNO"));
        QCOMPARE(p.defaultErrnoRet, std::int64_t(1));
        for (const char *open : {"read", "write", "openat", "execve", "clone" /* only with args */, "socketpair"})
            QVERIFY2(std::string(open) == "clone" ? !allows(p, open) : allows(p, open), open);
        for (const char *shut : {"keyctl", "add_key", "request_key", "unshare", "mount", "setns", "bpf", "ptrace",
                                 "reboot", "init_module", "kexec_load", "io_uring_setup", "userfaultfd",
                                 "open_by_handle_at", "name_to_handle_at", "clone3"})
            QVERIFY2(!allows(p, shut), shut);
    }

    // clone's namespace-flags rule applies without CAP_SYS_ADMIN; with it the
    // whole CAP_SYS_ADMIN group applies instead (and clone3's ENOSYS does not).
    void capabilitiesSelectTheRules()
    {
        const auto p = SeccompProfile::fromJson(security::defaultSeccompProfile());
        const std::vector<std::string> plain{"CAP_CHOWN", "CAP_KILL"};
        const std::vector<std::string> admin{"CAP_CHOWN", "CAP_KILL", "CAP_SYS_ADMIN"};
        const size_t withoutAdmin = security::applicableRuleCount(p, plain);
        const size_t withAdmin = security::applicableRuleCount(p, admin);
        QCOMPARE(withAdmin, withoutAdmin - 1); // +SYS_ADMIN group, -clone args, -clone3 ENOSYS
        const auto clone = std::find_if(p.rules.begin(), p.rules.end(), [](const security::SeccompRule &r) {
            return r.names == std::vector<std::string>{"clone"} && !r.args.empty() && r.args[0].index == 0;
        });
        QVERIFY(clone != p.rules.end());
        QCOMPARE(clone->args[0].value, std::uint64_t(0x7E020000)); // CLONE_NEW{NS,UTS,IPC,USER,PID,NET,CGROUP}
        QCOMPARE(clone->args[0].op, std::string("SCMP_CMP_MASKED_EQ"));
    }

    void badProfilesNameTheProblem()
    {
        QVERIFY(errorOf([] { (void)SeccompProfile::parse("{"); }).find("not valid JSON") != std::string::npos);
        QVERIFY(errorOf([] { (void)SeccompProfile::parse(R"({"defaultAction":"SCMP_ACT_NOPE"})"); })
                    .find("unknown defaultAction \"SCMP_ACT_NOPE\"") != std::string::npos);
        QVERIFY(errorOf([] {
                    (void)SeccompProfile::parse(
                        R"({"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["read"],"action":"SCMP_ACT_ERRNO","args":[{"index":9,"op":"SCMP_CMP_EQ"}]}]})");
                }).find("bad argument rule (index 9") != std::string::npos);
        QVERIFY(errorOf([] {
                    (void)SeccompProfile::parse(R"({"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_ERRNO"}]})");
                }).find("names no system call") != std::string::npos);
    }

    void securityOptSelectsTheProfile()
    {
        QVERIFY(security::seccompProfileFor({}) == security::defaultSeccompProfile());
        QVERIFY(security::seccompProfileFor({"seccomp=unconfined"}).is_null());
        QVERIFY(security::seccompProfileFor({R"(seccomp={"defaultAction":"SCMP_ACT_ALLOW"})"})["defaultAction"] ==
                "SCMP_ACT_ALLOW");
        QVERIFY(errorOf([] { (void)security::seccompProfileFor({"label=disable"}); })
                    .find("invalid --security-opt: \"label=disable\"") != std::string::npos);
        QVERIFY(errorOf([] { (void)security::seccompProfileFor({"seccomp={"}); }).find("not valid JSON") !=
                std::string::npos);
    }

    void theClientReadsProfileFiles()
    {
        QTemporaryDir dir;
        const std::string file = dir.filePath("p.json").toStdString();
        std::ofstream(file) << "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n";
        const auto opts = security::readSecurityOptFiles({"seccomp=" + file, "seccomp=unconfined"});
        QVERIFY(opts == (std::vector<std::string>{R"(seccomp={"defaultAction":"SCMP_ACT_ALLOW"})", "seccomp=unconfined"}));
        QVERIFY(errorOf([] { (void)security::readSecurityOptFiles({"seccomp=/no/such.json"}); })
                    .find("opening seccomp profile (/no/such.json) failed: open /no/such.json: No such file") !=
                std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestSeccompProfile)
#include "tst_SeccompProfile.moc"
