// SPDX-License-Identifier: GPL-3.0-or-later
// `strata build` against `podman build` (Debian's podman, in a sandbox store,
// offline): the same Dockerfile and context on the same busybox base must
// give the same number of steps, the same history rows with and without a
// layer, the same config (Env, WorkingDir, User, Volumes, ExposedPorts,
// Entrypoint, Cmd, Labels, StopSignal) and the same file tree, path for path
// (type, mode, size, content). The Dockerfile avoids the one place the two
// builders differ by design: a WORKDIR that creates its directory is a layer
// of its own in Docker's classic builder (and strata), part of the next one
// in buildah.
#include "tests/interop/PodmanSandbox.h"
#include "tests/interop/TreeListing.h"
#include "tests/support/TestSupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <unistd.h>

namespace fs = std::filesystem;
using nlohmann::json;
using strata::test::PodmanSandbox;
using strata::test::RunResult;
using strata::test::TreeListing;

namespace {

const QString kBase = QStringLiteral("localhost/strata-build/base:1");
const QString kImage = QStringLiteral("localhost/strata-build/built:1");

const char *kDockerfile = R"(FROM localhost/strata-build/base:1
ARG V=1
ENV A=1 B="two words"
LABEL version=$V k="v w"
WORKDIR /tmp
COPY a.txt dir ./
ADD pack.tar /unpacked/
RUN mkdir -p /made && echo $V > /made/v && rm -f /etc/group && chmod 0700 /made
USER root
EXPOSE 80 443/udp
VOLUME /data
STOPSIGNAL SIGINT
ENTRYPOINT ["/bin/sh", "-c"]
CMD ["echo hi"]
)";

std::string what(const RunResult &r) { return "exit " + std::to_string(r.exitCode) + ": " + r.err + r.out; }
QString q(const fs::path &p) { return QString::fromStdString(p.string()); }

} // namespace

class TestBuildInterop : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman;
    json m_podmanImage;
    json m_strataConfig; // the image config blob strata wrote

    RunResult strata(QStringList args)
    {
        return strata::test::runStrata(QStringList{"--root", q(m_dir / "strata")} + args, {}, 300000);
    }

    // The config blob of `image` as `strata save` writes it.
    json savedConfig(const QString &image)
    {
        const fs::path archive = m_dir / "saved.tar";
        if (strata({"save", "-o", q(archive), image}).exitCode != 0)
            return {};
        const RunResult m = strata::test::runProgram("tar", {"-xOf", q(archive), "manifest.json"});
        const json manifest = json::parse(m.out, nullptr, false);
        if (!manifest.is_array() || manifest.empty())
            return {};
        const RunResult c = strata::test::runProgram(
            "tar", {"-xOf", q(archive), QString::fromStdString(manifest[0]["Config"].get<std::string>())});
        return json::parse(c.out, nullptr, false);
    }

    static std::vector<bool> emptyLayers(const json &history)
    {
        std::vector<bool> out;
        for (const auto &h : history)
            out.push_back(h.value("empty_layer", false));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("podman").isEmpty())
            QSKIP("podman is not installed (Debian package podman): this suite compares with it");
        if (::geteuid() != 0)
            QSKIP("needs root: podman's sandbox store and strata's RUN containers");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        m_podman = std::make_unique<PodmanSandbox>(m_dir / "podman");

        // One base for both: strata's busybox, loaded into podman's store.
        const fs::path base = m_dir / "base.tar";
        QVERIFY2(strata({"tag", "strata/busybox", kBase}).exitCode == 0, "tag");
        RunResult r = strata({"save", "-o", q(base), kBase});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        r = m_podman->run({"load", "-i", q(base)});
        QVERIFY2(r.exitCode == 0, ("podman load: " + what(r)).c_str());

        const fs::path ctx = m_dir / "context";
        strata::test::writeFile(ctx / "Dockerfile", kDockerfile);
        strata::test::writeFile(ctx / "a.txt", "a\n");
        strata::test::writeFile(ctx / "dir/sub/f.txt", "in a directory\n");
        strata::test::writeFile(ctx / "packed/inner.txt", "from the tar\n");
        r = strata::test::runProgram("tar", {"-C", q(ctx / "packed"), "-cf", q(ctx / "pack.tar"), "inner.txt"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        fs::remove_all(ctx / "packed");

        QString how;
        r = m_podman->build(ctx, kImage, &how);
        QVERIFY2(r.exitCode == 0, ("podman build (every runtime tried): " + what(r)).c_str());
        qInfo("podman build ran its RUN steps with: %s", qPrintable(how));
        m_podmanImage = m_podman->inspect(kImage);
        QVERIFY(!m_podmanImage.is_null());

        r = strata({"build", "--no-cache", "-t", kImage, q(ctx)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(QString::fromStdString(r.out).contains("Step 14/14 : CMD [\"echo hi\"]"), r.out.c_str());
        m_strataConfig = savedConfig(kImage);
        QVERIFY(m_strataConfig.is_object());
    }

    void sameStepsAndLayerRows()
    {
        const json &ph = m_podmanImage.at("History");
        const json &sh = m_strataConfig.at("history");
        QCOMPARE(sh.size(), ph.size()); // the base's row + one per instruction after FROM
        QCOMPARE(emptyLayers(sh), emptyLayers(ph));
        QCOMPARE(m_strataConfig.at("rootfs").at("diff_ids").size(), m_podmanImage.at("RootFS").at("Layers").size());
    }

    void sameConfig()
    {
        json pc = m_podmanImage.at("Config");
        json sc = m_strataConfig.at("config");
        pc["Labels"].erase("io.buildah.version");
        for (const char *key : {"Env", "WorkingDir", "User", "Volumes", "ExposedPorts", "Entrypoint", "Cmd", "Labels",
                                "StopSignal"})
            QVERIFY2(sc.value(key, json()) == pc.value(key, json()),
                     (std::string(key) + ": strata " + sc.value(key, json()).dump() + ", podman " +
                      pc.value(key, json()).dump()).c_str());
    }

    void sameFileTree()
    {
        const RunResult t = strata({"image", "tree", kImage, "--json"});
        QVERIFY2(t.exitCode == 0, what(t).c_str());
        const TreeListing mine = TreeListing::fromStrataTree(json::parse(t.out, nullptr, false));
        const RunResult m = m_podman->run({"image", "mount", kImage});
        QVERIFY2(m.exitCode == 0, what(m).c_str());
        const TreeListing theirs = TreeListing::fromDirectory(QString::fromStdString(m.out).trimmed().toStdString());
        m_podman->run({"image", "unmount", kImage});
        // buildah commits the empty files it bind-mounted over during RUN;
        // Docker's builder (and strata) keep them in the init layer, out of images.
        TreeListing cleaned = theirs;
        for (const char *p : {"etc/hostname", "etc/hosts", "etc/resolv.conf", "run/.containerenv", "run"})
            if (!mine.entries.count(p))
                cleaned.entries.erase(p);
        QVERIFY2(mine == cleaned, mine.diff(cleaned).c_str());
    }
};

QTEST_GUILESS_MAIN(TestBuildInterop)
#include "tst_BuildInterop.moc"
