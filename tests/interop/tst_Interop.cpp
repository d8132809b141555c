// SPDX-License-Identifier: GPL-3.0-or-later
// Interoperability with the real tools from Debian's packages: archives podman
// writes load into strata with the same image id (config digest), layer
// diff_ids and tags; archives strata writes load into podman with the same
// ids; skopeo and umoci accept the OCI layout strata writes. Where the file
// trees can be seen (podman image mount, umoci unpack), they must equal
// `strata image tree` path for path.
//
// The images are made here, offline: a rootfs around the host's static
// busybox, `podman import`ed, then `podman build` adds layers with RUN and
// COPY steps that leave a whiteout, a hardlink, a symlink, a fifo, setuid and
// sticky bits. podman runs in a sandbox store (PodmanSandbox), never the host's.
#include "tests/interop/PodmanSandbox.h"
#include "tests/interop/TreeListing.h"
#include "tests/support/TestSupport.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <set>

namespace fs = std::filesystem;
using nlohmann::json;
using strata::test::PodmanSandbox;
using strata::test::RunResult;
using strata::test::TreeListing;

namespace {

const QString kBase = QStringLiteral("localhost/strata-interop/base:1");
const QString kImage = QStringLiteral("localhost/strata-interop/layers:1");
const QString kExtraTag = QStringLiteral("localhost/strata-interop/layers:extra");
// Built by strata itself (its own layer writer, whiteout included).
const QString kDemo = QStringLiteral("strata/demo-web:1.0");
// How podman names it after loading a docker-archive: RepoTags hold Docker's
// familiar name "strata/demo-web:1.0", and podman puts short names under
// localhost/. An OCI archive carries the full name Docker writes in the
// io.containerd.image.name annotation, docker.io/strata/demo-web:1.0.
const QString kDemoInPodman = QStringLiteral("localhost/strata/demo-web:1.0");
const QString kDemoInPodmanFromOci = QStringLiteral("docker.io/strata/demo-web:1.0");

const char *kContainerfile = R"(FROM localhost/strata-interop/base:1
RUN mkdir -p /data/sub && echo one > /data/one && echo keep > /data/gone
COPY hello.txt /data/hello.txt
RUN rm /data/one /data/gone && echo two > /data/two && ln /data/two /data/two.link \
 && ln -s ../data/two /data/two.sym && chmod 4755 /data/two && chmod 1777 /data/sub && mkfifo /data/fifo
)";

QString q(const fs::path &p) { return QString::fromStdString(p.string()); }

std::string what(const RunResult &r) { return "exit " + std::to_string(r.exitCode) + ": " + r.err + r.out; }

std::set<std::string> asSet(const json &a)
{
    std::set<std::string> s;
    if (a.is_array())
        for (const auto &v : a)
            s.insert(v.get<std::string>());
    return s;
}

} // namespace

// QCOMPARE cannot take nlohmann::json (its conversions make Qt's overloads
// ambiguous); compare and print both sides instead.
#define COMPARE_JSON(actual, expected)                                                                            \
    QVERIFY2((actual) == (expected), ("got " + (actual).dump() + "\nwant " + (expected).dump()).c_str())

class TestInterop : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp{QDir::tempPath() + QStringLiteral("/strata-interop-XXXXXX")};
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman; // the store images are built in
    json m_podmanImage;                      // podman image inspect kImage
    TreeListing m_podmanTree;                // kImage as podman mounts it
    fs::path m_seedRoot;                     // a strata store holding kImage and the built-ins

    static bool have(const char *tool) { return !QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(); }

    static RunResult strata(const fs::path &root, QStringList args, int timeoutMs = 300000)
    {
        args.prepend(q(root));
        args.prepend(QStringLiteral("--root"));
        return strata::test::runStrata(args, {}, timeoutMs);
    }

    static json strataInspect(const fs::path &root, const QString &image)
    {
        const RunResult r = strata(root, {"image", "inspect", image});
        if (r.exitCode != 0)
            return {};
        const auto all = json::parse(r.out, nullptr, false);
        return all.is_array() && !all.empty() ? all.front() : json();
    }

    static TreeListing strataTree(const fs::path &root, const QString &image)
    {
        const RunResult r = strata(root, {"image", "tree", image, "--json"});
        if (r.exitCode != 0)
            qWarning("strata image tree %s: %s", qPrintable(image), what(r).c_str());
        return TreeListing::fromStrataTree(json::parse(r.out, nullptr, false));
    }

    // The tree podman sees for `image` (image mount; vfs gives a plain dir).
    static TreeListing podmanTree(const PodmanSandbox &podman, const QString &image)
    {
        const RunResult m = podman.run({"image", "mount", image});
        if (m.exitCode != 0) {
            qWarning("podman image mount %s: %s", qPrintable(image), what(m).c_str());
            return {};
        }
        const TreeListing t = TreeListing::fromDirectory(QString::fromStdString(m.out).trimmed().toStdString());
        podman.run({"image", "unmount", image});
        return t;
    }

    // Builds the busybox rootfs tarball that `podman import` turns into kBase.
    bool makeBaseRootfs(const fs::path &tarball)
    {
        const fs::path rootfs = m_dir / "rootfs";
        fs::create_directories(rootfs / "bin");
        fs::create_directories(rootfs / "etc");
        fs::copy_file("/bin/busybox", rootfs / "bin/busybox");
        for (const char *applet : {"sh", "ls", "cat", "mkdir", "rm", "ln", "chmod", "mkfifo"})
            fs::create_symlink("busybox", rootfs / "bin" / applet);
        strata::test::writeFile(rootfs / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
        strata::test::writeFile(rootfs / "etc/group", "root:x:0:\n");
        const RunResult r = strata::test::runProgram("tar", {"-C", q(rootfs), "-cf", q(tarball), "."});
        return r.exitCode == 0;
    }

    void checkSameImage(const json &inStrata, const json &inPodman, const std::set<std::string> &tags)
    {
        QVERIFY2(!inStrata.is_null(), "strata image inspect failed");
        QVERIFY2(!inPodman.is_null(), "podman image inspect failed");
        // Image id = digest of the config blob, in both.
        QCOMPARE(QString::fromStdString(inStrata.at("Id").get<std::string>()),
                 QStringLiteral("sha256:") + QString::fromStdString(inPodman.at("Id").get<std::string>()));
        COMPARE_JSON(inStrata.at("RootFS").at("Layers"), inPodman.at("RootFS").at("Layers"));
        for (const auto &t : tags) {
            QVERIFY2(asSet(inStrata.at("RepoTags")).count(t), ("strata lacks tag " + t).c_str());
            QVERIFY2(asSet(inPodman.at("RepoTags")).count(t), ("podman lacks tag " + t).c_str());
        }
    }

    fs::path seedRoot()
    {
        if (m_seedRoot.empty()) {
            const fs::path root = m_dir / "strata-seed";
            const fs::path archive = m_dir / "seed.tar";
            RunResult r = m_podman->run({"save", "--format", "docker-archive", "-o", q(archive), kImage});
            if (r.exitCode == 0)
                r = strata(root, {"load", "-q", "-i", q(archive)});
            if (r.exitCode != 0) {
                qWarning("cannot seed a strata store with podman's image: %s", what(r).c_str());
                return {};
            }
            m_seedRoot = root;
        }
        return m_seedRoot;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!have("podman"))
            QSKIP("podman is not installed (Debian package podman): the interop suite needs it");
        if (!fs::exists("/bin/busybox"))
            QSKIP("/bin/busybox is missing (Debian package busybox-static): no rootfs to build images from");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        m_podman = std::make_unique<PodmanSandbox>(m_dir / "podman");

        const fs::path rootfsTar = m_dir / "rootfs.tar";
        QVERIFY(makeBaseRootfs(rootfsTar));
        RunResult r = m_podman->run({"import", q(rootfsTar), kBase});
        QVERIFY2(r.exitCode == 0, ("podman import: " + what(r)).c_str());

        const fs::path context = m_dir / "context";
        strata::test::writeFile(context / "Containerfile", kContainerfile);
        strata::test::writeFile(context / "hello.txt", "hello from the build context\n");
        QString how;
        r = m_podman->build(context, kImage, &how);
        QVERIFY2(r.exitCode == 0, ("podman build (every runtime tried): " + what(r)).c_str());
        qInfo("podman build ran its RUN steps with: %s", qPrintable(how));
        r = m_podman->run({"tag", kImage, kExtraTag});
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        m_podmanImage = m_podman->inspect(kImage);
        QVERIFY(!m_podmanImage.is_null());
        // base + RUN + COPY + RUN
        QCOMPARE(m_podmanImage.at("RootFS").at("Layers").size(), std::size_t{4});
        m_podmanTree = podmanTree(*m_podman, kImage);
        QVERIFY(m_podmanTree.entries.count("data/two.link"));
        QVERIFY(!m_podmanTree.entries.count("data/one")); // the whiteout worked in podman
    }

    // podman save (each format) ⇒ strata load: same image id, diff_ids, tags
    // and merged tree.
    void podmanArchiveLoadsIntoStrata_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QStringList>("tags");
        QTest::newRow("docker-archive") << "docker-archive" << QStringList{kImage, kExtraTag};
        QTest::newRow("oci-archive") << "oci-archive" << QStringList{kImage};
        QTest::newRow("oci-dir") << "oci-dir" << QStringList{kImage};
    }
    void podmanArchiveLoadsIntoStrata()
    {
        QFETCH(QString, format);
        QFETCH(QStringList, tags);
        const fs::path archive = m_dir / ("from-podman." + format.toStdString());
        const fs::path root = m_dir / ("strata-" + format.toStdString());
        RunResult r = m_podman->run(QStringList{"save", "--format", format, "-o", q(archive)} + tags);
        QVERIFY2(r.exitCode == 0, ("podman save: " + what(r)).c_str());

        r = strata(root, {"load", "-i", q(archive)});
        QVERIFY2(r.exitCode == 0, ("strata load: " + what(r)).c_str());
        for (const auto &t : tags)
            QVERIFY2(r.out.find("Loaded image: " + t.toStdString() + "\n") != std::string::npos, r.out.c_str());

        std::set<std::string> expected;
        for (const auto &t : tags)
            expected.insert(t.toStdString());
        checkSameImage(strataInspect(root, kImage), m_podmanImage, expected);
        if (QTest::currentTestFailed())
            return;
        // The store lists it (and a full listing walks every image record).
        r = strata(root, {"images", "-q", "--no-trunc", kImage});
        QCOMPARE(QString::fromStdString(r.out).trimmed(),
                 QStringLiteral("sha256:") + QString::fromStdString(m_podmanImage.at("Id").get<std::string>()));
        r = strata(root, {"images"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        const TreeListing ours = strataTree(root, kImage);
        QVERIFY2(ours == m_podmanTree, ("strata tree vs podman mount:\n" + ours.diff(m_podmanTree)).c_str());
    }

    // Several images in one docker-archive (podman save -m), and an image
    // saved by id alone (no RepoTags): strata reports "Loaded image ID:".
    void podmanMultiImageAndUntaggedArchives()
    {
        const fs::path multi = m_dir / "multi.tar";
        RunResult r = m_podman->run({"save", "-m", "--format", "docker-archive", "-o", q(multi), kImage, kBase});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const fs::path root = m_dir / "strata-multi";
        r = strata(root, {"load", "-i", q(multi)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        checkSameImage(strataInspect(root, kImage), m_podmanImage, {kImage.toStdString()});
        checkSameImage(strataInspect(root, kBase), m_podman->inspect(kBase), {kBase.toStdString()});

        const std::string id = m_podmanImage.at("Id");
        const fs::path byId = m_dir / "by-id.tar";
        r = m_podman->run({"save", "--format", "docker-archive", "-o", q(byId), QString::fromStdString(id)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const fs::path root2 = m_dir / "strata-by-id";
        r = strata(root2, {"load", "-i", q(byId)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(QString::fromStdString(r.out), QString::fromStdString("Loaded image ID: sha256:" + id + "\n"));
        const json loaded = strataInspect(root2, QString::fromStdString(id));
        QVERIFY(!loaded.is_null());
        QVERIFY(loaded.at("RepoTags").empty());
        COMPARE_JSON(loaded.at("RootFS").at("Layers"), m_podmanImage.at("RootFS").at("Layers"));
    }

    // strata save ⇒ podman load into a fresh podman store: same ids and
    // diff_ids; for strata's own demo image (layers written by strata's layer
    // writer, a whiteout among them) podman's tree equals strata's.
    void strataArchiveLoadsIntoPodman_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("podmanName");
        QTest::newRow("docker-archive podman-built") << "docker-archive" << kImage << kImage;
        QTest::newRow("docker-archive strata-built") << "docker-archive" << kDemo << kDemoInPodman;
        // podman 4 loads one image per oci-archive, so one archive each.
        QTest::newRow("oci-archive podman-built") << "oci-archive" << kImage << kImage;
        QTest::newRow("oci-archive strata-built") << "oci-archive" << kDemo << kDemoInPodmanFromOci;
    }
    void strataArchiveLoadsIntoPodman()
    {
        QFETCH(QString, format);
        QFETCH(QString, image);
        QFETCH(QString, podmanName);
        const fs::path seed = seedRoot();
        QVERIFY(!seed.empty());
        const QString slug = QString(QTest::currentDataTag()).replace(' ', '-');
        const fs::path archive = m_dir / ("from-strata-" + slug.toStdString() + ".tar");
        RunResult r = strata(seed, {"save", "--format", format, "-o", q(archive), image});
        QVERIFY2(r.exitCode == 0, ("strata save: " + what(r)).c_str());

        const PodmanSandbox fresh(m_dir / ("podman-" + slug.toStdString()));
        r = fresh.run({"load", "-i", q(archive)});
        QVERIFY2(r.exitCode == 0, ("podman load: " + what(r)).c_str());
        const json inStrata = strataInspect(seed, image);
        checkSameImage(inStrata, fresh.inspect(podmanName), {});
        QVERIFY2(asSet(fresh.inspect(podmanName).at("RepoTags")).count(podmanName.toStdString()),
                 "podman does not know the image by the name strata saved");

        const TreeListing theirs = podmanTree(fresh, podmanName);
        const TreeListing ours = strataTree(seed, image);
        QVERIFY2(ours == theirs, ("strata tree vs podman mount:\n" + ours.diff(theirs)).c_str());
    }

    // A docker-archive with two images: podman loads both.
    void strataMultiImageArchiveLoadsIntoPodman()
    {
        const fs::path seed = seedRoot();
        QVERIFY(!seed.empty());
        const fs::path archive = m_dir / "from-strata-two.tar";
        RunResult r = strata(seed, {"save", "-o", q(archive), kImage, kDemo});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const PodmanSandbox fresh(m_dir / "podman-two");
        r = fresh.run({"load", "-i", q(archive)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        checkSameImage(strataInspect(seed, kImage), fresh.inspect(kImage), {kImage.toStdString()});
        checkSameImage(strataInspect(seed, kDemo), fresh.inspect(kDemoInPodman), {});
    }

    // skopeo reads the OCI layout strata writes: the manifest digest in
    // index.json, the layer digests and the config's diff_ids.
    void skopeoInspectsStrataOciLayout()
    {
        if (!have("skopeo"))
            QSKIP("skopeo is not installed (Debian package skopeo)");
        const fs::path seed = seedRoot();
        QVERIFY(!seed.empty());
        const fs::path layout = m_dir / "strata-layout-skopeo";
        RunResult r = strata(seed, {"save", "--format", "oci-dir", "-o", q(layout), kImage, kDemo});
        QVERIFY2(r.exitCode == 0, ("strata save: " + what(r)).c_str());
        const json index = json::parse(strata::test::readFile(layout / "index.json"));
        QCOMPARE(index.at("manifests").size(), std::size_t{2});

        for (const auto &[image, ref] : {std::pair{kImage, QStringLiteral("1")}, std::pair{kDemo, QStringLiteral("1.0")}}) {
            const QString where = "oci:" + q(layout) + ":" + ref;
            r = strata::test::runProgram("skopeo", {"inspect", where});
            QVERIFY2(r.exitCode == 0, ("skopeo inspect " + where.toStdString() + ": " + what(r)).c_str());
            const json seen = json::parse(r.out);
            const json inStrata = strataInspect(seed, image);
            std::string manifestDigest;
            for (const auto &m : index.at("manifests"))
                if (m.at("annotations").value("org.opencontainers.image.ref.name", "") == ref.toStdString())
                    manifestDigest = m.at("digest");
            QCOMPARE(QString::fromStdString(seen.at("Digest")), QString::fromStdString(manifestDigest));
            QCOMPARE(seen.at("Layers").size(), inStrata.at("RootFS").at("Layers").size());

            r = strata::test::runProgram("skopeo", {"inspect", "--config", where});
            QVERIFY2(r.exitCode == 0, what(r).c_str());
            const json config = json::parse(r.out);
            COMPARE_JSON(config.at("rootfs").at("diff_ids"), inStrata.at("RootFS").at("Layers"));
        }
    }

    // umoci lists, stats and unpacks the OCI layout strata writes; the
    // unpacked rootfs equals strata's merged tree.
    void umociAcceptsStrataOciLayout()
    {
        if (!have("umoci"))
            QSKIP("umoci is not installed (Debian package umoci)");
        const fs::path seed = seedRoot();
        QVERIFY(!seed.empty());
        const fs::path layout = m_dir / "strata-layout-umoci";
        RunResult r = strata(seed, {"save", "--format", "oci-dir", "-o", q(layout), kImage, kDemo});
        QVERIFY2(r.exitCode == 0, ("strata save: " + what(r)).c_str());

        r = strata::test::runProgram("umoci", {"ls", "--layout", q(layout)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(QString::fromStdString(r.out).split('\n', Qt::SkipEmptyParts).size(), 2);

        for (const auto &[image, ref] : {std::pair{kImage, QStringLiteral("1")}, std::pair{kDemo, QStringLiteral("1.0")}}) {
            const QString where = q(layout) + ":" + ref;
            r = strata::test::runProgram("umoci", {"stat", "--image", where, "--json"});
            QVERIFY2(r.exitCode == 0, ("umoci stat " + where.toStdString() + ": " + what(r)).c_str());
            const json stat = json::parse(r.out);
            const json inStrata = strataInspect(seed, image);
            std::size_t layersInHistory = 0;
            for (const auto &h : stat.at("history"))
                if (!h.value("empty_layer", false))
                    ++layersInHistory;
            QCOMPARE(layersInHistory, inStrata.at("RootFS").at("Layers").size());

            const fs::path bundle = m_dir / ("umoci-bundle-" + ref.toStdString());
            QStringList unpack{"unpack", "--image", where, q(bundle)};
            if (::geteuid() != 0)
                unpack.insert(1, "--rootless");
            r = strata::test::runProgram("umoci", unpack);
            QVERIFY2(r.exitCode == 0, ("umoci unpack " + where.toStdString() + ": " + what(r)).c_str());
            const TreeListing theirs = TreeListing::fromDirectory(bundle / "rootfs");
            const TreeListing ours = strataTree(seed, image);
            QVERIFY2(ours == theirs, ("strata tree vs umoci unpack:\n" + ours.diff(theirs)).c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_Interop.moc"
