// SPDX-License-Identifier: GPL-3.0-or-later
// OCI image layouts (engine/image/OciLayout*, ImageLoad, ImageSave): as a
// directory and as a tar, nested indexes, gzip and zstd layers, the naming
// annotations, round trips that keep the manifest digest, determinism.

#include "engine/Error.h"
#include "engine/image/ImageLoad.h"
#include "engine/image/ImageSave.h"
#include "engine/image/MediaTypes.h"
#include "tests/engine/image/ImageTestUtil.h"
#include "tests/support/ImageFixtures.h"

#include <QObject>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace strata::test;
using namespace strata::test::image;
using strata::engine::Digest;
using strata::engine::Error;
using strata::engine::ErrorCode;
namespace img = strata::engine::image;
namespace media = strata::engine::image::media;

namespace {

FixtureImage mixedImage(std::vector<std::string> tags = {"fixture/o:1"})
{
    TarBuilder base;
    base.dir("etc").file("etc/hostname", "oci\n").file("etc/old", "old\n");
    TarBuilder mid;
    mid.dir("srv").file("srv/big.bin", std::string(300 << 10, 'b'));
    TarBuilder top;
    top.dir("etc").file("etc/.wh.old");
    return makeImage({makeLayer(base, LayerCompression::Gzip), makeLayer(mid, LayerCompression::Zstd), makeLayer(top)},
                     std::move(tags));
}

Digest manifestDigestOf(const FixtureImage &image, const ArchiveFiles &files)
{
    // The only manifest blob that names this config.
    for (const auto &e : files.entries())
        if (e.path.rfind("blobs/sha256/", 0) == 0 && e.data.find(image.id().str()) != std::string::npos &&
            e.data.find("\"layers\"") != std::string::npos)
            return Digest::ofBytes(e.data);
    return {};
}

nlohmann::json indexOf(const fs::path &layout)
{
    return nlohmann::json::parse(readBytes(layout / "index.json"));
}

} // namespace

class TestOciLayout : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loadsDirectory();
    void loadsArchive_data();
    void loadsArchive();
    void nestedIndexPicksHostPlatform();
    void names_data();
    void names();
    void noImageForThisPlatform();
    void roundTripKeepsManifestDigest_data();
    void roundTripKeepsManifestDigest();
    void saveAnnotatesEachName();
    void saveIsDeterministic();
    void saveDirectoryReplacesOnlyLayouts();
};

void TestOciLayout::loadsDirectory()
{
    TempStore t;
    const FixtureImage image = mixedImage();
    const ArchiveFiles files = ociLayoutFiles({image});
    files.writeTo(t.scratch() / "layout");
    const img::LoadResult r = img::loadArchive(t.store(), t.scratch() / "layout");
    QCOMPARE(r.images.size(), std::size_t(1));
    QCOMPARE(r.images[0].id, image.id());
    QCOMPARE(qlist(r.images[0].tags), QStringList{"fixture/o:1"});

    const img::Image stored = t.store().get(image.id());
    QCOMPARE(stored.manifestDigest, manifestDigestOf(image, files));
    const auto chain = t.store().layerChain(stored);
    QCOMPARE(chain.size(), std::size_t(3));
    QCOMPARE(qstr(chain[0].mediaType), qstr(std::string(media::kOciLayerGzip)));
    QCOMPARE(qstr(chain[1].mediaType), qstr(std::string(media::kOciLayerZstd)));
    QCOMPARE(chain[0].blob, image.layers[0].blobDigest());
    QCOMPARE(chain[1].diffId, image.layers[1].diffId());
    QVERIFY(t.store().blobs().has(image.layers[1].blobDigest())); // stored compressed, as it came
    QCOMPARE(readBytes(t.store().layers().diffDir(chain[0].chainId) / "etc/hostname"), std::string("oci\n"));
    QVERIFY(fs::exists(t.store().layers().diffDir(chain[2].chainId) / "etc/.wh.old"));
}

void TestOciLayout::loadsArchive_data()
{
    QTest::addColumn<bool>("gzipped");
    QTest::newRow("oci-archive") << false;
    QTest::newRow("oci-archive.gz") << true;
}

void TestOciLayout::loadsArchive()
{
    QFETCH(bool, gzipped);
    TempStore t;
    const FixtureImage image = mixedImage();
    const ArchiveFiles files = ociLayoutFiles({image, makeImage(image.layers, {}, {}, "other")});
    const fs::path archive = writeBytes(t.scratch() / "oci.tar", gzipped ? files.gzip() : files.tar());
    const img::LoadResult r = img::loadArchive(t.store(), archive);
    QCOMPARE(r.images.size(), std::size_t(2));
    QCOMPARE(r.images[0].id, image.id());
    QVERIFY(r.images[1].tags.empty());
    QCOMPARE(qlist(t.store().get(image.id()).config.diffIds), qlist(image.diffIds()));
}

void TestOciLayout::nestedIndexPicksHostPlatform()
{
    TempStore t;
    const FixtureImage image = mixedImage();
    OciOptions options;
    options.nestedIndex = true;
    ociLayoutFiles({image}, options).writeTo(t.scratch() / "layout");
    const img::LoadResult r = img::loadArchive(t.store(), t.scratch() / "layout");
    QCOMPARE(r.images.size(), std::size_t(1));
    QCOMPARE(r.images[0].id, image.id()); // not the other architecture's config
    QCOMPARE(qlist(r.images[0].tags), QStringList{"fixture/o:1"});
    QCOMPARE(t.store().list().size(), std::size_t(1));
}

void TestOciLayout::names_data()
{
    QTest::addColumn<QString>("annotations");
    QTest::addColumn<QStringList>("tags");
    QTest::newRow("ContainerdName") << R"({"io.containerd.image.name":"docker.io/library/busybox:1.36",
                                         "org.opencontainers.image.ref.name":"1.36"})"
                                    << QStringList{"busybox:1.36"};
    QTest::newRow("PodmanFullRefName") << R"({"org.opencontainers.image.ref.name":"localhost/bb:v1"})"
                                       << QStringList{"localhost/bb:v1"};
    QTest::newRow("BareTagOnly") << R"({"org.opencontainers.image.ref.name":"latest"})" << QStringList{};
    QTest::newRow("None") << "{}" << QStringList{};
}

void TestOciLayout::names()
{
    QFETCH(QString, annotations);
    QFETCH(QStringList, tags);
    TempStore t;
    const FixtureImage image = mixedImage({});
    ArchiveFiles files = ociLayoutFiles({image});
    auto index = nlohmann::json::parse(files.at("index.json"));
    index["manifests"][0]["annotations"] = nlohmann::json::parse(annotations.toStdString());
    files.at("index.json") = index.dump();
    files.writeTo(t.scratch() / "layout");
    const img::LoadResult r = img::loadArchive(t.store(), t.scratch() / "layout");
    QCOMPARE(qlist(r.images[0].tags), tags);
}

void TestOciLayout::noImageForThisPlatform()
{
    TempStore t;
    const FixtureImage image = mixedImage();
    OciOptions options;
    options.nestedIndex = true;
    ArchiveFiles files = ociLayoutFiles({image}, options);
    // Re-point the nested index's host entry at a third platform.
    for (auto &e : files.entries()) {
        if (e.data.find("\"unknown\"") == std::string::npos)
            continue;
        auto nested = nlohmann::json::parse(e.data);
        nested["manifests"][1]["platform"]["architecture"] = "s390x";
        const std::string bytes = nested.dump();
        const std::string oldPath = e.path;
        files.remove(oldPath).put("blobs/sha256/" + Digest::ofBytes(bytes).hex(), bytes);
        auto index = nlohmann::json::parse(files.at("index.json"));
        index["manifests"][0]["digest"] = Digest::ofBytes(bytes).str();
        index["manifests"][0]["size"] = bytes.size();
        files.at("index.json") = index.dump();
        break;
    }
    files.writeTo(t.scratch() / "layout");
    try {
        img::loadArchive(t.store(), t.scratch() / "layout");
        QFAIL("loaded an image for another platform");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::NotFound);
        QVERIFY2(std::string(e.what()).find("no image for linux/") != std::string::npos, e.what());
    }
    QVERIFY(t.store().list().empty());
}

void TestOciLayout::roundTripKeepsManifestDigest_data()
{
    QTest::addColumn<int>("format");
    QTest::newRow("oci-dir") << int(img::SaveFormat::OciDirectory);
    QTest::newRow("oci-archive") << int(img::SaveFormat::OciArchive);
}

void TestOciLayout::roundTripKeepsManifestDigest()
{
    QFETCH(int, format);
    TempStore t;
    const FixtureImage image = mixedImage();
    const ArchiveFiles files = ociLayoutFiles({image});
    files.writeTo(t.scratch() / "layout");
    img::loadArchive(t.store(), t.scratch() / "layout");
    const fs::path out = t.scratch() / "saved";
    img::saveImages(t.store(), {"fixture/o:1"}, out, img::SaveFormat(format));

    TempStore u;
    const img::LoadResult r = img::loadArchive(u.store(), out);
    QCOMPARE(r.images.size(), std::size_t(1));
    QCOMPARE(r.images[0].id, image.id());
    QCOMPARE(qlist(r.images[0].tags), QStringList{"fixture/o:1"});
    QCOMPARE(u.store().get(image.id()).manifestDigest, manifestDigestOf(image, files));
    QCOMPARE(u.store().layerChain(u.store().get(image.id()))[1].blob, image.layers[1].blobDigest());
}

void TestOciLayout::saveAnnotatesEachName()
{
    TempStore t;
    const FixtureImage image = mixedImage({"fixture/o:1", "fixture/o:2"});
    ociLayoutFiles({image}).writeTo(t.scratch() / "layout");
    img::loadArchive(t.store(), t.scratch() / "layout");
    const fs::path out = t.scratch() / "saved";
    img::saveImages(t.store(), {"fixture/o:1", "fixture/o:2", image.id().str()}, out, img::SaveFormat::OciDirectory);
    const auto index = indexOf(out);
    QCOMPARE(index["manifests"].size(), std::size_t(2)); // the id names an image already listed
    QCOMPARE(index["manifests"][0]["annotations"]["io.containerd.image.name"].get<std::string>(),
             std::string("docker.io/fixture/o:1"));
    QCOMPARE(index["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"].get<std::string>(),
             std::string("1"));
    QCOMPARE(index["manifests"][1]["annotations"]["org.opencontainers.image.ref.name"].get<std::string>(),
             std::string("2"));
    QCOMPARE(index["manifests"][0]["platform"]["os"].get<std::string>(), std::string("linux"));
    QCOMPARE(readBytes(out / "oci-layout"), std::string(R"({"imageLayoutVersion":"1.0.0"})"));
    for (const auto &e : fs::recursive_directory_iterator(out / "blobs" / "sha256"))
        QCOMPARE(Digest::ofBytes(readBytes(e.path())).hex(), e.path().filename().string());

    img::saveImages(t.store(), {image.id().str()}, t.scratch() / "byid", img::SaveFormat::OciDirectory);
    QVERIFY(!indexOf(t.scratch() / "byid")["manifests"][0].contains("annotations"));
}

void TestOciLayout::saveIsDeterministic()
{
    TempStore t;
    ociLayoutFiles({mixedImage()}).writeTo(t.scratch() / "layout");
    img::loadArchive(t.store(), t.scratch() / "layout");
    img::saveImages(t.store(), {"fixture/o:1"}, t.scratch() / "1.tar", img::SaveFormat::OciArchive);
    img::saveImages(t.store(), {"fixture/o:1"}, t.scratch() / "2.tar", img::SaveFormat::OciArchive);
    QCOMPARE(Digest::ofBytes(readBytes(t.scratch() / "1.tar")), Digest::ofBytes(readBytes(t.scratch() / "2.tar")));
    const auto entries = listArchive(readBytes(t.scratch() / "1.tar"));
    QVERIFY(std::is_sorted(entries.begin(), entries.end(), [](const auto &a, const auto &b) { return a.name < b.name; }));
    for (const auto &e : entries)
        QCOMPARE(e.mtime, std::int64_t(0));
}

void TestOciLayout::saveDirectoryReplacesOnlyLayouts()
{
    TempStore t;
    ociLayoutFiles({mixedImage()}).writeTo(t.scratch() / "layout");
    img::loadArchive(t.store(), t.scratch() / "layout");
    const fs::path out = t.scratch() / "out";
    fs::create_directories(out);
    img::saveImages(t.store(), {"fixture/o:1"}, out, img::SaveFormat::OciDirectory); // empty dir: fine
    writeBytes(out / "stale-file", "x");
    img::saveImages(t.store(), {"fixture/o:1"}, out, img::SaveFormat::OciDirectory); // an older layout: replaced
    QVERIFY(!fs::exists(out / "stale-file"));
    QVERIFY(fs::exists(out / "index.json"));

    const fs::path other = t.scratch() / "other";
    writeBytes(other / "precious.txt", "keep me");
    try {
        img::saveImages(t.store(), {"fixture/o:1"}, other, img::SaveFormat::OciDirectory);
        QFAIL("replaced a directory that is not an OCI layout");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::Conflict);
    }
    QCOMPARE(readBytes(other / "precious.txt"), std::string("keep me"));
    for (const auto &e : fs::directory_iterator(t.scratch()))
        QVERIFY2(e.path().filename().string().find(".tmp-") == std::string::npos, e.path().c_str());
}

QTEST_GUILESS_MAIN(TestOciLayout)
#include "tst_OciLayout.moc"
