// SPDX-License-Identifier: GPL-3.0-or-later
// Deferred durability of loaded layers (store/PendingSync.h): a load
// publishes its layer with a durable pending-sync entry that a detached
// syncer clears; after a reboot (an entry of another boot id) the next
// exclusive start drops the layer, what is built on it and the images and
// containers using it; an entry of this boot whose syncer died is synced
// again; a failed load leaves no entry.
#ifndef Q_MOC_RUN // moc cannot parse what the engine headers pull in (<concepts>)
#include "engine/store/LayerStore.h"
#include "engine/store/PendingSync.h"
#endif
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

using strata::test::RunResult;
using strata::test::runStrataOn;

namespace stdfs = std::filesystem;

class TestCliPendingSync : public QObject {
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_root;

    RunResult strata(const QStringList &args) { return runStrataOn(m_root->path(), "userspace", args); }
    stdfs::path root() const { return m_root->path().toStdString(); }
    stdfs::path pendingDir() const { return strata::engine::store::PendingSync::dirOf(root()); }

    std::vector<std::string> entries() const
    {
        std::vector<std::string> out;
        std::error_code ec;
        for (const auto &e : stdfs::directory_iterator(pendingDir(), ec))
            out.push_back(e.path().filename().string());
        return out;
    }

    // The syncer runs detached: wait (bounded) until it has cleared every entry.
    bool entriesClearedWithin(int ms) const
    {
        QDeadlineTimer deadline(ms);
        while (!entries().empty()) {
            if (deadline.hasExpired())
                return false;
            QTest::qWait(20);
        }
        return true;
    }

    // What a load killed after publishing leaves: an entry for `chainHex`
    // nobody holds, made by a process that believed it ran in boot `bootIdFile`
    // (empty: this boot).
    void leaveEntry(const std::string &chainHex, const std::string &bootIdFile)
    {
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            if (!bootIdFile.empty())
                ::setenv("STRATA_TEST_BOOT_ID_FILE", bootIdFile.c_str(), 1);
            try {
                strata::engine::store::PendingSync pending(root());
                pending.add(strata::engine::Digest::fromHex(chainHex));
                ::_exit(0); // no detach(): as if killed
            } catch (...) {
                ::_exit(1);
            }
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }

    // The image's layers, bottom first, as chain ids (hex).
    std::vector<std::string> chainOf(const QString &image)
    {
        const RunResult r = strata({"image", "inspect", "--format", "{{range .RootFS.Layers}}{{.}} {{end}}", image});
        std::vector<std::string> out;
        if (r.exitCode != 0)
            return out;
        strata::engine::Digest parent;
        std::istringstream in(r.out);
        for (std::string diffId; in >> diffId;) {
            parent = strata::engine::store::chainIdOf(parent, strata::engine::Digest::parse(diffId));
            out.push_back(parent.hex());
        }
        return out;
    }

    void expectClean(const char *when)
    {
        const RunResult r = strata({"system", "check"});
        if (r.exitCode != 0)
            qWarning("after %s:\n%s%s", when, r.out.c_str(), r.err.c_str());
        QCOMPARE(r.exitCode, 0);
    }

    QString saveBusybox()
    {
        const QString archive = m_root->path() + "/busybox.tar";
        if (strata({"save", "-o", archive, "strata/busybox"}).exitCode != 0)
            return {};
        return archive;
    }

private Q_SLOTS:
    void init()
    {
        m_root = std::make_unique<QTemporaryDir>();
        QCOMPARE(strata({"images", "-q"}).exitCode, 0); // seeds the built-in images
    }

    void loadLeavesAnEntryTheSyncerClears()
    {
        const QString archive = saveBusybox();
        QVERIFY(!archive.isEmpty());
        // strata/demo-web shares busybox's layer: with both gone the load makes it anew.
        QCOMPARE(strata({"rmi", "strata/busybox", "strata/demo-web:1.0"}).exitCode, 0);
        QVERIFY(entries().empty());
        QCOMPARE(strata({"load", "-i", archive}).exitCode, 0);
        // The directory is made by the first entry; the syncer leaves it empty.
        QVERIFY(stdfs::is_directory(pendingDir()));
        QVERIFY(entriesClearedWithin(60000));
        QVERIFY(strata({"images"}).out.find("strata/busybox") != std::string::npos);
        expectClean("load");
    }

    void anotherBootsEntryDropsTheLayerAndItsUsers()
    {
        const std::vector<std::string> chain = chainOf("strata/busybox");
        QVERIFY(!chain.empty());
        QCOMPARE(strata({"tag", "strata/busybox", "mine/box:1"}).exitCode, 0);
        const RunResult created = strata({"create", "--name", "onbox", "mine/box:1", "true"});
        QCOMPARE(created.exitCode, 0);
        const stdfs::path otherBoot = root() / "other-boot-id";
        strata::test::writeFile(otherBoot, "00000000-1111-2222-3333-444444444444\n");
        leaveEntry(chain.front(), otherBoot.string());
        QCOMPARE(entries().size(), std::size_t{1});

        // The next start as the store's only user drops the image, its tags and the container.
        const RunResult r = strata({"images"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.find("strata/busybox") == std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("mine/box") == std::string::npos, r.out.c_str());
        QVERIFY2(r.err.find("image mine/box:1, strata/busybox:latest (sha256:") != std::string::npos ||
                     r.err.find("image strata/busybox:latest, mine/box:1 (sha256:") != std::string::npos,
                 r.err.c_str());
        QVERIFY2(r.err.find("container " ) != std::string::npos && r.err.find("(onbox) removed") != std::string::npos,
                 r.err.c_str());
        for (const auto &hex : chain)
            QVERIFY2(!stdfs::exists(root() / "layers" / hex), hex.c_str());
        QVERIFY(entries().empty());
        QCOMPARE(strata({"ps", "-a", "-q"}).out, std::string());
        expectClean("dropping a lost layer");
        // Nothing more to say at the next start.
        QCOMPARE(strata({"images", "-q"}).err, std::string());
    }

    void thisBootsStaleEntryIsSyncedAndCleared()
    {
        const std::vector<std::string> chain = chainOf("strata/busybox");
        QVERIFY(!chain.empty());
        leaveEntry(chain.back(), {});
        QCOMPARE(entries().size(), std::size_t{1});
        const RunResult r = strata({"images"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err, std::string());
        QVERIFY(r.out.find("strata/busybox") != std::string::npos);
        QVERIFY(entriesClearedWithin(60000));
        QVERIFY(stdfs::exists(root() / "layers" / chain.back()));
        expectClean("a stale entry synced");
    }

    void failedLoadLeavesNoEntry()
    {
        const QString archive = saveBusybox();
        QVERIFY(!archive.isEmpty());
        QCOMPARE(strata({"rmi", "strata/busybox", "strata/demo-web:1.0"}).exitCode, 0);
        // The layer unpacks and is published, then the image's config is
        // found not to match it: the load fails and rolls the layer back.
        const QString bad = m_root->path() + "/bad.tar";
        const RunResult made = strata::test::runProgram(
            "bash", {"-c", "set -e; d=$(mktemp -d); cd $d; tar -xf \"$1\"; "
                           "python3 - <<'PY'\n"
                           "import json,hashlib,os\n"
                           "m=json.load(open('manifest.json'))\n"
                           "cfg=m[0]['Config']\n"
                           "c=json.load(open(cfg))\n"
                           "c['rootfs']['diff_ids'].append('sha256:'+'0'*64)\n"
                           "b=json.dumps(c).encode()\n"
                           "h=hashlib.sha256(b).hexdigest()\n"
                           "os.makedirs('blobs/sha256',exist_ok=True)\n"
                           "name='blobs/sha256/'+h if cfg.startswith('blobs/') else h+'.json'\n"
                           "open(name,'wb').write(b)\n"
                           "m[0]['Config']=name\n"
                           "m[0]['Layers'].append(m[0]['Layers'][-1])\n"
                           "json.dump(m,open('manifest.json','w'))\n"
                           "PY\n"
                           "rm -f index.json oci-layout; tar -cf \"$2\" *; rm -rf $d",
                     "mk", archive, bad});
        QVERIFY2(made.exitCode == 0, made.err.c_str());
        const RunResult r = strata({"load", "-i", bad});
        QVERIFY2(r.exitCode != 0, r.out.c_str());
        QVERIFY(entriesClearedWithin(60000));
        QVERIFY(strata({"images"}).out.find("strata/busybox") == std::string::npos);
        expectClean("a failed load");
    }
};

QTEST_GUILESS_MAIN(TestCliPendingSync)
#include "tst_CliPendingSync.moc"
