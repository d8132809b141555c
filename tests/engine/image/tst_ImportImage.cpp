// SPDX-License-Identifier: GPL-3.0-or-later
// `import` (engine/image/ImageImport, ImageChanges, DockerfileWords): every
// compression docker import takes, Docker's config and history, --change.

#include "engine/Error.h"
#include "engine/image/ImageChanges.h"
#include "engine/image/ImageImport.h"
#include "engine/util/Platform.h"
#include "tests/engine/image/ImageTestUtil.h"
#include "tests/support/ImageFixtures.h"
#include "tests/support/TestSupport.h"

#include <QObject>
#include <QTest>

using namespace strata::test;
using namespace strata::test::image;
using strata::engine::Digest;
using strata::engine::Error;
using strata::engine::ErrorCode;
namespace img = strata::engine::image;

namespace {

TarBuilder rootfs()
{
    TarBuilder b;
    b.dir("bin").file("bin/sh", "#!fake shell\n", 0755).dir("etc").file("etc/passwd", "root:x:0:0::/root:/bin/sh\n");
    return b;
}

img::Json configOf(TempStore &t, const Digest &id)
{
    return img::parseJson(t.store().get(id).configBytes, "config");
}

} // namespace

class TestImportImage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void compressions_data();
    void compressions();
    void configAndHistoryLikeDocker();
    void messageReplacesComment();
    void fromStdin();
    void changesApplied();
    void changeWordRules();
    void invalidChangeReadsNothing();
    void refusesOtherArchives();
};

void TestImportImage::compressions_data()
{
    QTest::addColumn<int>("filter");
    QTest::addColumn<bool>("storedAsPlainTar");
    QTest::newRow("tar") << int(TarBuilder::Filter::None) << true;
    QTest::newRow("tar.gz") << int(TarBuilder::Filter::Gzip) << false;
    QTest::newRow("tar.zst") << int(TarBuilder::Filter::Zstd) << false;
    QTest::newRow("tar.xz") << int(TarBuilder::Filter::Xz) << true;
    QTest::newRow("tar.bz2") << int(TarBuilder::Filter::Bzip2) << true;
}

void TestImportImage::compressions()
{
    QFETCH(int, filter);
    QFETCH(bool, storedAsPlainTar);
    TempStore t;
    const std::string tar = rootfs().tar();
    const fs::path input =
        writeBytes(t.scratch() / "rootfs", rootfs().build(TarBuilder::Format::Pax, TarBuilder::Filter(filter)));
    const img::ImportResult r = img::importTarball(t.store(), input, std::string("fixture/imported"), {});
    QCOMPARE(qstr(r.tag.value_or("")), QString("fixture/imported:latest"));
    const img::Image image = t.store().get(r.id);
    QCOMPARE(qlist(image.config.diffIds), qlist(std::vector<Digest>{Digest::ofBytes(tar)}));
    const auto layer = t.store().layerChain(image).at(0);
    QCOMPARE(layer.blob == layer.diffId, storedAsPlainTar); // bzip2/xz are decompressed into the store
    QCOMPARE(readBytes(t.store().layers().diffDir(layer.chainId) / "etc/passwd"), std::string("root:x:0:0::/root:/bin/sh\n"));
    QCOMPARE(t.store().resolve("fixture/imported"), r.id);
    QCOMPARE(t.count(strata::engine::events::EventKind::ImageImported), std::size_t(1));
    QVERIFY(fs::is_empty(t.root() / "tmp"));
}

void TestImportImage::configAndHistoryLikeDocker()
{
    TempStore t;
    const fs::path input = writeBytes(t.scratch() / "rootfs.tar", rootfs().tar());
    const img::ImportResult r = img::importTarball(t.store(), input, std::nullopt, {});
    QVERIFY(!r.tag);
    const img::Json config = configOf(t, r.id);
    QCOMPARE(qstr(config["architecture"].get<std::string>()), qstr(strata::engine::platform::hostArchitecture()));
    QCOMPARE(qstr(config["os"].get<std::string>()), QString("linux"));
    QCOMPARE(qstr(config["comment"].get<std::string>()), QString("Imported from -"));
    QCOMPARE(config["history"].size(), std::size_t(1));
    QCOMPARE(qstr(config["history"][0]["comment"].get<std::string>()), QString("Imported from -"));
    QVERIFY(!config["history"][0].contains("created_by"));
    QVERIFY(config["history"][0]["created"] == config["created"]);
    QVERIFY(strata::engine::timeutil::parseRfc3339(config["created"].get<std::string>()));
    QVERIFY(t.store().get(r.id).tags.empty());

    img::ImportOptions fromUrl;
    fromUrl.sourceLabel = "https://example.com/rootfs.tar";
    const auto second = img::importTarball(t.store(), input, std::nullopt, fromUrl);
    QCOMPARE(qstr(configOf(t, second.id)["history"][0]["comment"].get<std::string>()),
             QString("Imported from https://example.com/rootfs.tar"));
}

void TestImportImage::messageReplacesComment()
{
    TempStore t;
    img::ImportOptions options;
    options.message = "my base image";
    const auto r =
        img::importTarball(t.store(), writeBytes(t.scratch() / "r.tar", rootfs().tar()), std::nullopt, options);
    const img::Json config = configOf(t, r.id);
    QCOMPARE(qstr(config["history"][0]["comment"].get<std::string>()), QString("my base image"));
    QCOMPARE(qstr(config["comment"].get<std::string>()), QString("my base image"));
}

void TestImportImage::fromStdin()
{
    TempStore t;
    const fs::path input = writeBytes(t.scratch() / "r.tar.gz", rootfs().gzip());
    const auto r = withStdinFrom(input, [&] {
        return img::importTarball(t.store(), "-", std::string("fixture/stdin:1"), {});
    });
    QCOMPARE(t.store().resolve("fixture/stdin:1"), r.id);
    QCOMPARE(qlist(t.store().get(r.id).config.diffIds), qlist(std::vector<Digest>{Digest::ofBytes(rootfs().tar())}));
}

void TestImportImage::changesApplied()
{
    TempStore t;
    img::ImportOptions options;
    options.changes = {"ENV A=1 B=\"two words\"",
                       "ENV LEGACY some value",
                       "ENV PATH=/usr/bin:$A",
                       "CMD [\"/bin/sh\", \"-c\", \"echo hi\"]",
                       "entrypoint /entry.sh",
                       "WORKDIR /srv",
                       "WORKDIR app",
                       "USER nobody",
                       "LABEL org.example.name=\"fixture image\" version=1",
                       "EXPOSE 80 53/udp 8000-8001",
                       "VOLUME [\"/data\"]",
                       "ONBUILD RUN make"};
    const auto r =
        img::importTarball(t.store(), writeBytes(t.scratch() / "r.tar", rootfs().tar()), std::nullopt, options);
    const img::Json c = configOf(t, r.id)["config"];
    QVERIFY(c["Env"] == img::Json::parse(R"(["A=1","B=two words","LEGACY=some value","PATH=/usr/bin:1"])"));
    QCOMPARE_JSON(c["Cmd"], img::Json::parse(R"(["/bin/sh","-c","echo hi"])")); // CMD came first: ENTRYPOINT keeps it
    QCOMPARE_JSON(c["Entrypoint"], img::Json::parse(R"(["/bin/sh","-c","/entry.sh"])"));
    QCOMPARE(qstr(c["WorkingDir"].get<std::string>()), QString("/srv/app"));
    QCOMPARE(qstr(c["User"].get<std::string>()), QString("nobody"));
    QCOMPARE(qstr(c["Labels"]["org.example.name"].get<std::string>()), QString("fixture image"));
    QCOMPARE(qstr(c["Labels"]["version"].get<std::string>()), QString("1"));
    QCOMPARE_JSON(c["ExposedPorts"],
             img::Json::parse(R"({"80/tcp":{},"53/udp":{},"8000/tcp":{},"8001/tcp":{}})"));
    QCOMPARE_JSON(c["Volumes"], img::Json::parse(R"({"/data":{}})"));
    QCOMPARE_JSON(c["OnBuild"], img::Json::parse(R"(["RUN make"])"));
}

void TestImportImage::changeWordRules()
{
    img::Json c = img::Json::object();
    img::applyChanges(c, {"ENV HOME=/root", "ENV D='$HOME' E=\\$HOME F=${HOME}/x G=${NOPE:-dflt} H=${HOME:+set}",
                          "ENTRYPOINT [\"/bin/app\"]"});
    QCOMPARE_JSON(c["Env"],
             img::Json::parse(R"(["HOME=/root","D=$HOME","E=$HOME","F=/root/x","G=dflt","H=set"])"));
    QVERIFY(c["Cmd"].is_null()); // a later ENTRYPOINT clears an inherited CMD
    img::applyChanges(c, {"HEALTHCHECK CMD curl -f http://localhost/", "HEALTHCHECK NONE", "CMD echo"});
    QCOMPARE_JSON(c["Healthcheck"], img::Json::parse(R"({"Test":["NONE"]})"));
    QCOMPARE_JSON(c["Cmd"], img::Json::parse(R"(["/bin/sh","-c","echo"])"));
}

void TestImportImage::invalidChangeReadsNothing()
{
    TempStore t;
    const fs::path input = writeBytes(t.scratch() / "r.tar", rootfs().tar());
    const std::string before = snapshotTree(t.root());
    for (const char *change : {"RUN make", "EXPOSE 99999", "ENV", "LABEL =x"}) {
        img::ImportOptions options;
        options.changes = {change};
        try {
            img::importTarball(t.store(), input, std::nullopt, options);
            QFAIL(change);
        } catch (const Error &e) {
            QCOMPARE(e.code(), ErrorCode::InvalidArgument);
            QVERIFY2(std::string(e.what()).find(change) != std::string::npos, e.what());
        }
    }
    try {
        img::importTarball(t.store(), input, std::string("Bad:Tag:x"), {});
        QFAIL("accepted a malformed tag");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArgument);
    }
    QCOMPARE(snapshotTree(t.root()), before);
}

void TestImportImage::refusesOtherArchives()
{
    TempStore t;
    const std::string before = snapshotTree(t.root());
    const fs::path zip = writeBytes(t.scratch() / "r.zip", rootfs().build(TarBuilder::Format::Zip, TarBuilder::Filter::None));
    try {
        img::importTarball(t.store(), zip, std::nullopt, {});
        QFAIL("imported a zip file");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::Unsupported);
        QVERIFY2(std::string(e.what()).find("r.zip") != std::string::npos, e.what());
    }
    const fs::path junk = writeBytes(t.scratch() / "junk", std::string(4096, 'j'));
    try {
        img::importTarball(t.store(), junk, std::nullopt, {});
        QFAIL("imported junk");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::InvalidArchive);
    }
    QCOMPARE(QString::fromStdString(snapshotTree(t.root())), QString::fromStdString(before));
}

QTEST_GUILESS_MAIN(TestImportImage)
#include "tst_ImportImage.moc"
