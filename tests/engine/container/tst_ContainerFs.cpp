// SPDX-License-Identifier: GPL-3.0-or-later
// The file-system verbs over a real union (built once per driver:
// STRATA_TEST_DRIVER): diff, commit, export and cp, checked against what
// Docker prints and stores.
#include "ContainerFsKit.h"

#include "engine/container/ContainerCommit.h"
#include "engine/container/ContainerCopy.h"
#include "engine/container/ContainerDiff.h"
#include "engine/container/ContainerExport.h"
#include "engine/image/BlobCopy.h"
#include "engine/layer/ByteStream.h"
#include "tests/support/TarBuilder.h"

#include <set>
#include <sys/stat.h>
#include <unistd.h>

#ifndef STRATA_TEST_DRIVER
#error "build with STRATA_TEST_DRIVER=\"overlay\" or \"userspace\""
#endif

using namespace strata::engine;
using namespace strata::test;
using namespace strata::test::containerfs;

namespace {

// Records the phases it is walked through; never waits.
class RecordingGate final : public events::StepGate {
public:
    void reach(const events::Phase &phase) override { names.push_back(phase.name); }
    std::vector<std::string> names;
};

std::string trimSlash(std::string s)
{
    if (!s.empty() && s.back() == '/')
        s.pop_back();
    return s;
}

std::set<std::string> tarNames(const std::string &bytes)
{
    std::set<std::string> out;
    for (const auto &e : listArchive(bytes))
        out.insert(trimSlash(e.name));
    return out;
}

std::string tarData(const std::string &bytes, const std::string &name)
{
    for (const auto &e : listArchive(bytes))
        if (trimSlash(e.name) == name)
            return e.data;
    return "<missing>";
}

QString joined(const std::vector<std::string> &lines)
{
    QStringList l;
    for (const auto &s : lines)
        l << QString::fromStdString(s);
    return l.join(QLatin1Char('\n'));
}

bool present(const stdfs::path &p)
{
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0;
}

} // namespace

class TestContainerFs : public QObject {
    Q_OBJECT

    std::unique_ptr<Kit> m_kit;

    // The changes the commit and export tests share: one added, one changed,
    // one deleted, plus an init-layer file that must not show.
    void changeThings(const container::ContainerFs &c)
    {
        writeFile(c.merged() / "happiness.txt", "happy\n");
        writeFile(c.merged() / "etc/web.conf", "port=9\n");
        QVERIFY(::unlink((c.merged() / "etc/passwd").c_str()) == 0);
        writeFile(c.merged() / "etc/hostname", "c1\n");
    }

    container::CommitSource source(const container::ContainerFs &c)
    {
        container::CommitSource s;
        s.fs = c;
        s.imageId = m_kit->store().resolve("strata/demo-web:1.0");
        s.config = {{"Env", {"PATH=/bin"}}, {"Cmd", {"sh", "-c", "touch /happiness.txt"}}, {"WorkingDir", "/srv/www"}};
        return s;
    }

    std::string newLayerTar(const Digest &imageId)
    {
        const auto layers = m_kit->store().layerChain(m_kit->store().get(imageId));
        // A file in blobs/ or rebuilt from the layer's tar-split, as save reads it.
        auto in = image::openBlob(m_kit->store(), layers.back().blob);
        std::string bytes;
        char buffer[65536];
        while (const std::size_t n = in->read(buffer, sizeof buffer))
            bytes.append(buffer, n);
        return bytes;
    }

private Q_SLOTS:
    void init()
    {
        try {
            m_kit = std::make_unique<Kit>(STRATA_TEST_DRIVER);
        } catch (const Error &e) {
            QSKIP(qPrintable(QStringLiteral("%1 driver unusable here: %2").arg(STRATA_TEST_DRIVER, e.what())));
        }
    }
    void cleanup() { m_kit.reset(); }

    void diffPrintsDockerLines()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        changeThings(c);
        writeFile(c.merged() / "data/inside-volume", "v");
        c.mounts = {"/data"};
        std::vector<std::string> lines;
        for (const auto &change : container::diffContainer(c))
            lines.push_back(container::formatChange(change));
        QCOMPARE(joined(lines), joined({"A /data", "C /etc", "C /etc/web.conf", "D /etc/passwd", "A /happiness.txt"}));
    }

    void diffOfAnUntouchedContainerIsEmpty()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        QVERIFY(container::diffContainer(c).empty());
    }

    void commitStoresExactlyTheChange()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        changeThings(c);
        container::CommitOptions options;
        options.message = "my change";
        options.author = "Ann <ann@example.org>";
        options.changes = {R"(CMD ["cat", "/happiness.txt"])", "ENV MOOD=happy"};
        options.repoTag = "mine:v1";
        events::OpenGate gate;
        const auto parent = m_kit->store().get(m_kit->store().resolve("strata/demo-web:1.0"));
        const auto result = container::commitContainer(m_kit->store(), source(c), options, gate);

        QCOMPARE(m_kit->store().resolve("mine:v1"), result.id);
        QCOMPARE(result.tag.value_or(""), std::string("mine:v1"));
        const auto image = m_kit->store().get(result.id);
        QCOMPARE(image.config.diffIds.size(), parent.config.diffIds.size() + 1);
        QCOMPARE(image.config.diffIds.back(), result.diffId);
        QCOMPARE(image.parent, parent.id);

        const auto &h = image.config.history.back();
        QCOMPARE(h.comment, std::string("my change"));
        QCOMPARE(h.author, std::string("Ann <ann@example.org>"));
        QCOMPARE(h.createdBy, std::string("sh -c touch /happiness.txt"));
        QVERIFY(!h.emptyLayer);
        QCOMPARE(image.config.history.size(), parent.config.history.size() + 1);
        QCOMPARE(image.config.author, std::string("Ann <ann@example.org>"));
        QCOMPARE(image.config.config["Cmd"].dump(), std::string(R"(["cat","/happiness.txt"])"));
        QCOMPARE(image.config.config["Env"].dump(), std::string(R"(["PATH=/bin","MOOD=happy"])"));
        QCOMPARE(image.config.extra.value("container", ""), std::string("c1"));

        // The layer: exactly the change, whiteout included, no init file.
        const std::string tar = newLayerTar(result.id);
        QCOMPARE(tarNames(tar), (std::set<std::string>{"etc", "etc/.wh.passwd", "etc/web.conf", "happiness.txt"}));
        QCOMPARE(tarData(tar, "happiness.txt"), std::string("happy\n"));
        QCOMPARE(result.added, 1u);
        QCOMPARE(result.deleted, 1u);

        // A new container from the new image sees the change.
        auto c2 = m_kit->makeContainer("c2", "mine:v1");
        QCOMPARE(readFile(c2.merged() / "happiness.txt"), std::string("happy\n"));
        QCOMPARE(readFile(c2.merged() / "etc/web.conf"), std::string("port=9\n"));
        QVERIFY(!present(c2.merged() / "etc/passwd"));
        QVERIFY(!present(c2.merged() / "etc/hostname"));
        QVERIFY(container::diffContainer(c2).empty());
    }

    void commitLeavesVolumesOutAndKeepsOpaqueDirectories()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        writeFile(c.merged() / "data/inside-volume", "v");
        c.mounts = {"/data"};
        // rm -rf /srv/www; mkdir /srv/www: the lower contents are hidden by an opaque dir.
        stdfs::remove_all(c.merged() / "srv/www");
        stdfs::create_directories(c.merged() / "srv/www");
        writeFile(c.merged() / "srv/www/new.html", "new");
        events::OpenGate gate;
        const auto result = container::commitContainer(m_kit->store(), source(c), {}, gate);
        const auto names = tarNames(newLayerTar(result.id));
        QVERIFY(names.count("data"));
        QVERIFY(!names.count("data/inside-volume"));
        QVERIFY(names.count("srv/www/.wh..wh..opq"));
        QVERIFY(names.count("srv/www/new.html"));
        auto c2 = m_kit->makeContainer("c2", result.id.str());
        QVERIFY(!present(c2.merged() / "srv/www/index.html"));
        QCOMPARE(readFile(c2.merged() / "srv/www/new.html"), std::string("new"));
    }

    void commitWithoutChangesAddsAnEmptyLayerEntry()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        events::OpenGate gate;
        const auto parent = m_kit->store().get(m_kit->store().resolve("strata/demo-web:1.0"));
        const auto result = container::commitContainer(m_kit->store(), source(c), {}, gate);
        const auto image = m_kit->store().get(result.id);
        QVERIFY(result.id != parent.id);
        QVERIFY(result.diffId.empty());
        QCOMPARE(image.config.diffIds, parent.config.diffIds);
        QVERIFY(image.config.history.back().emptyLayer);
        QVERIFY(!result.tag.has_value());
    }

    void commitWalksThePhasesAndPausesTheContainer()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        writeFile(c.merged() / "x", "x");
        auto s = source(c);
        int frozen = 0, thawed = 0;
        bool frozenDuringDiff = false;
        s.freeze = [&] { ++frozen; };
        s.thaw = [&] { ++thawed; };
        RecordingGate gate;
        std::vector<std::string> committed;
        m_kit->engine().events().subscribe([&](const events::Event &e) {
            if (e.kind == events::EventKind::StepReached && e.attrs.value("phase", "") == "diff")
                frozenDuringDiff = frozen == 1 && thawed == 0;
            if (e.kind == events::EventKind::ContainerCommitted)
                committed.push_back(e.attrs.value("image", ""));
        });
        container::CommitOptions options;
        options.repoTag = "stepped";
        const auto result = container::commitContainer(m_kit->store(), s, options, gate);
        QCOMPARE(joined(gate.names), joined({"freeze", "diff", "write-layer", "write-config", "tag"}));
        QCOMPARE(frozen, 1);
        QCOMPARE(thawed, 1);
        QVERIFY(frozenDuringDiff);
        QCOMPARE(committed, std::vector<std::string>{result.id.str()});
        QCOMPARE(result.tag.value_or(""), std::string("stepped:latest"));

        options.pause = false;
        (void)container::commitContainer(m_kit->store(), s, options, gate);
        QCOMPARE(frozen, 1); // --pause=false leaves it running
    }

    void commitRefusesABadChangeBeforeTouchingAnything()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        writeFile(c.merged() / "x", "x");
        auto s = source(c);
        int frozen = 0;
        s.freeze = [&] { ++frozen; };
        s.thaw = [] {};
        const auto before = m_kit->store().list().size();
        container::CommitOptions options;
        options.changes = {"RUN rm -rf /"};
        events::OpenGate gate;
        try {
            (void)container::commitContainer(m_kit->store(), s, options, gate);
            QFAIL("a RUN change was accepted");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
        }
        QCOMPARE(frozen, 0);
        QCOMPARE(m_kit->store().list().size(), before);
    }

    void exportIsTheMergedViewWithoutWhiteouts()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        changeThings(c);
        writeFile(c.merged() / "data/inside-volume", "v");
        c.mounts = {"/data"};
        std::string tar;
        auto sink = layer::makeStringSink(tar);
        const auto result = container::exportContainer(c, *sink, m_kit->engine().events());
        const auto names = tarNames(tar);
        QVERIFY(names.count("happiness.txt"));
        QVERIFY(names.count("bin/busybox"));
        QVERIFY(names.count("srv/www/index.html"));
        QVERIFY(names.count("data"));
        QVERIFY(!names.count("data/inside-volume"));
        QVERIFY(!names.count("etc/passwd"));
        QVERIFY(!names.count("etc/motd")); // deleted by an image layer
        for (const auto &n : names)
            QVERIFY2(n.find(".wh.") == std::string::npos, n.c_str());
        QCOMPARE(tarData(tar, "etc/web.conf"), std::string("port=9\n"));
        QCOMPARE(result.bytes, tar.size());
    }

    void exportOfAStoppedContainerToAFile()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        writeFile(c.merged() / "happiness.txt", "happy\n");
        m_kit->driver().unmount(c.dir);
        const stdfs::path out = m_kit->root() / "out" / "c1.tar";
        stdfs::create_directories(out.parent_path());
        (void)container::exportContainerToFile(c, out, m_kit->engine().events());
        QVERIFY(!m_kit->driver().isMounted(c.dir)); // mounted for the export only
        QCOMPARE(tarData(readFile(out), "happiness.txt"), std::string("happy\n"));
        QCOMPARE(stdfs::status(out).permissions() & stdfs::perms::all, stdfs::perms::owner_read | stdfs::perms::owner_write);
        QCOMPARE(std::distance(stdfs::directory_iterator(out.parent_path()), stdfs::directory_iterator()), 1);
    }

    void copyOutFollowsDockersRules()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        writeFile(c.merged() / "srv/www/sub/deep.txt", "deep");
        const stdfs::path host = m_kit->root() / "host";
        stdfs::create_directories(host / "dir");
        auto &bus = m_kit->engine().events();
        const container::CopyOptions o;

        // file -> new file; file -> existing dir
        auto r = container::copyFromContainer(c, "/etc/web.conf", host / "new.conf", o, bus);
        QCOMPARE(readFile(host / "new.conf"), readFile(c.merged() / "etc/web.conf"));
        QCOMPARE(r.tarBytes, 2048u); // one small file: header + a block + the trailer, Docker's "2.05kB"
        (void)container::copyFromContainer(c, "/etc/web.conf", host / "dir", o, bus);
        QVERIFY(present(host / "dir/web.conf"));
        // dir -> new dir (its contents); dir -> existing dir (inside it); dir/. -> its contents
        (void)container::copyFromContainer(c, "/srv/www", host / "www", o, bus);
        QCOMPARE(readFile(host / "www/sub/deep.txt"), std::string("deep"));
        (void)container::copyFromContainer(c, "/srv/www", host / "dir", o, bus);
        QVERIFY(present(host / "dir/www/index.html"));
        stdfs::create_directories(host / "dir2");
        (void)container::copyFromContainer(c, "/srv/www/.", host / "dir2", o, bus);
        QVERIFY(present(host / "dir2/index.html"));
        QVERIFY(!present(host / "dir2/www"));

        auto refused = [&](const std::string &src, const stdfs::path &dst, ErrorCode code) {
            try {
                (void)container::copyFromContainer(c, src, dst, o, bus);
            } catch (const Error &e) {
                return e.code() == code ? QString() : QString::fromUtf8(e.what());
            }
            return QStringLiteral("copied %1").arg(QString::fromStdString(src));
        };
        QCOMPARE(refused("/srv/www", host / "new.conf", ErrorCode::InvalidArgument), QString()); // dir onto a file
        QCOMPARE(refused("/etc/web.conf/", host / "x", ErrorCode::InvalidArgument), QString());   // "not a directory"
        QCOMPARE(refused("/etc/web.conf", stdfs::path(host / "nodir") / "", ErrorCode::InvalidArgument), QString());
        try {
            (void)container::copyFromContainer(c, "/nope", host / "x", o, bus);
            QFAIL("copied a missing file");
        } catch (const Error &e) {
            QCOMPARE(std::string(e.message()), std::string("Could not find the file /nope in container c1"));
        }
    }

    void copyInLandsInTheContainerLayer()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        const stdfs::path host = m_kit->root() / "host";
        writeFile(host / "notes.txt", "hello");
        writeFile(host / "tree/a/b.txt", "b");
        auto &bus = m_kit->engine().events();
        const auto r1 = container::copyToContainer(c, host / "notes.txt", "/tmp/", {}, bus);
        QCOMPARE(r1.destination, std::string("c1:/tmp/"));
        (void)container::copyToContainer(c, host / "tree", "/srv/tree", {}, bus);
        QCOMPARE(readFile(c.merged() / "tmp/notes.txt"), std::string("hello"));
        QCOMPARE(readFile(c.merged() / "srv/tree/a/b.txt"), std::string("b"));
        std::vector<std::string> lines;
        for (const auto &change : container::diffContainer(c))
            lines.push_back(container::formatChange(change));
        QCOMPARE(joined(lines), joined({"C /srv", "A /srv/tree", "A /srv/tree/a", "A /srv/tree/a/b.txt", "C /tmp",
                                        "A /tmp/notes.txt"}));
        struct stat st {};
        QVERIFY(::lstat((c.merged() / "tmp/notes.txt").c_str(), &st) == 0);
        if (::geteuid() == 0)
            QCOMPARE(st.st_uid, 0u);
        // Into a missing directory: Docker's message names the parent.
        try {
            (void)container::copyToContainer(c, host / "notes.txt", "/no/such/place", {}, bus);
            QFAIL("copied into a missing directory");
        } catch (const Error &e) {
            QCOMPARE(std::string(e.message()), std::string("Could not find the file /no/such in container c1"));
        }
    }

    void copyIntoAStoppedContainer()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        m_kit->driver().unmount(c.dir);
        const stdfs::path host = m_kit->root() / "host";
        writeFile(host / "notes.txt", "hello");
        (void)container::copyToContainer(c, host / "notes.txt", "/notes.txt", {}, m_kit->engine().events());
        QVERIFY(!m_kit->driver().isMounted(c.dir));
        QVERIFY(present(c.upper() / "notes.txt"));
        std::vector<std::string> lines;
        for (const auto &change : container::diffContainer(c))
            lines.push_back(container::formatChange(change));
        QCOMPARE(joined(lines), joined({"A /notes.txt"}));
    }

    void copyRefusesASymlinkEscapingTheContainer()
    {
        auto c = m_kit->makeContainer("c1", "strata/demo-web:1.0");
        const stdfs::path host = m_kit->root() / "host";
        stdfs::create_directories(host);
        writeFile(host / "payload", "owned");
        // Relative: climbs out of the root when resolved on the host.
        stdfs::create_symlink("../../../../../../../../tmp", c.merged() / "evil");
        auto &bus = m_kit->engine().events();
        for (const std::string &path : {"/evil/payload", "/evil"}) {
            try {
                (void)container::copyToContainer(c, host / "payload", path + "", {}, bus);
                QFAIL(qPrintable(QStringLiteral("copied through %1").arg(QString::fromStdString(path))));
            } catch (const Error &e) {
                QCOMPARE(e.code(), ErrorCode::UnsafePath);
                QVERIFY2(std::string(e.what()).find("escapes the container") != std::string::npos, e.what());
            }
        }
        QVERIFY(!present("/tmp/payload"));
        try {
            (void)container::copyFromContainer(c, "/evil/passwd", host / "stolen", {}, bus);
            QFAIL("copied out through an escaping link");
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::UnsafePath);
        }
        QVERIFY(!present(host / "stolen"));

        // Absolute: means the container's own /etc, followed inside the root.
        stdfs::create_symlink("/etc", c.merged() / "abs");
        (void)container::copyFromContainer(c, "/abs/passwd", host / "passwd", {}, bus);
        QCOMPARE(readFile(host / "passwd"), readFile(c.merged() / "etc/passwd"));
        (void)container::copyToContainer(c, host / "payload", "/abs/payload", {}, bus);
        QCOMPARE(readFile(c.merged() / "etc/payload"), std::string("owned"));
        QVERIFY(!present("/etc/payload"));
        // The link itself is copied, not followed, without -L.
        (void)container::copyFromContainer(c, "/abs", host / "abs-link", {}, bus);
        QVERIFY(stdfs::is_symlink(host / "abs-link"));
    }
};

QTEST_GUILESS_MAIN(TestContainerFs)
#include "tst_ContainerFs.moc"
