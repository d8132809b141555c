// SPDX-License-Identifier: GPL-3.0-or-later
// docker-archive load and save (engine/image/DockerArchive*, ImageLoad,
// ImageSave): the three layouts in the wild, shared and repeated layers,
// whiteouts, tags, round trips and byte-for-byte determinism.

#include "engine/Error.h"
#include "engine/image/ImageLoad.h"
#include "engine/image/ImageSave.h"
#include "tests/engine/image/ImageTestUtil.h"
#include "tests/support/ImageFixtures.h"
#include "tests/support/TestSupport.h"

#include <QObject>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace strata::test;
using namespace strata::test::image;
using strata::engine::Digest;
using strata::engine::Error;
using strata::engine::ErrorCode;
namespace img = strata::engine::image;

namespace {

FixtureLayer baseLayer()
{
    TarBuilder b;
    b.dir("etc").file("etc/os-release", "ID=fixture\n").file("etc/motd", "hello\n");
    b.dir("bin").file("bin/tool", "#!/bin/sh\necho tool\n", 0755);
    return makeLayer(b);
}

FixtureLayer midLayer()
{
    TarBuilder b;
    b.dir("usr").file("usr/data.txt", "mid\n");
    return makeLayer(b);
}

FixtureLayer whiteoutLayer()
{
    TarBuilder b;
    b.dir("etc").file("etc/.wh.motd").file("etc/new.conf", "x=1\n");
    return makeLayer(b);
}

FixtureLayer varLayer()
{
    TarBuilder b;
    b.dir("var");
    return makeLayer(b);
}

FixtureLayer optLayer()
{
    TarBuilder b;
    b.dir("opt").file("opt/extra", "extra\n");
    return makeLayer(b);
}

// A: three layers, a whiteout on top. B: shares A's base; the same "var"
// layer twice, which Docker writes once and links the second time.
std::vector<FixtureImage> images()
{
    return {makeImage({baseLayer(), midLayer(), whiteoutLayer()}, {"fixture/a:1"}),
            makeImage({baseLayer(), varLayer(), optLayer(), varLayer()}, {"fixture/b:1", "fixture/b:latest"}, {}, "b")};
}

std::vector<TarListing> list(const fs::path &archive)
{
    return listArchive(readBytes(archive));
}

const TarListing *find(const std::vector<TarListing> &entries, const std::string &name)
{
    for (const auto &e : entries)
        if (e.name == name || e.name == name + "/")
            return &e;
    return nullptr;
}

} // namespace

class TestDockerArchive : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void loadsDockerLayout();
    void loadsOtherLayouts_data();
    void loadsOtherLayouts();
    void loadsGzipArchiveFromStdin();
    void loadingAgainReusesLayers();
    void tagMovesToTheLoadedImage();
    void untaggedImageLoadsById();
    void saveWritesDockerLayout();
    void saveLoadRoundTrip();
    void saveIsDeterministic();
    void saveDecompressesStoredLayers();
    void saveRepositoryNameMeansAllTags();
    void saveUnknownImageLeavesNoFile();
};

void TestDockerArchive::loadsDockerLayout()
{
    TempStore t;
    const auto fixtures = images();
    const ArchiveFiles files = dockerArchiveFiles(fixtures);
    QVERIFY(files.entries().end() !=
            std::find_if(files.entries().begin(), files.entries().end(), [](const auto &e) { return !e.symlink.empty(); }));
    const fs::path archive = writeBytes(t.scratch() / "images.tar", files.tar());

    const img::LoadResult r = img::loadArchive(t.store(), archive);
    QCOMPARE(r.images.size(), std::size_t(2));
    QCOMPARE(qstr(r.images[0].id.str()), qstr(fixtures[0].id().str()));
    QCOMPARE(qlist(r.images[0].tags), QStringList{"fixture/a:1"});
    QCOMPARE(qstr(r.images[1].id.str()), qstr(fixtures[1].id().str()));
    QCOMPARE(qlist(r.images[1].tags), (QStringList{"fixture/b:1", "fixture/b:latest"}));

    const img::Image a = t.store().get(fixtures[0].id());
    QCOMPARE(qlist(a.config.diffIds), qlist(fixtures[0].diffIds()));
    QCOMPARE(a.configBytes, fixtures[0].config);
    const auto chainA = t.store().layerChain(a);
    QCOMPARE(readBytes(t.store().layers().diffDir(chainA[0].chainId) / "etc/os-release"), std::string("ID=fixture\n"));
    QVERIFY(fs::exists(t.store().layers().diffDir(chainA[2].chainId) / "etc/.wh.motd")); // the whiteout, kept as a marker
    QVERIFY(fs::exists(t.store().layers().diffDir(chainA[2].chainId) / "etc/new.conf"));

    const auto chainB = t.store().layerChain(t.store().get(fixtures[1].id()));
    QCOMPARE(chainB.size(), std::size_t(4));
    QCOMPARE(chainB[0].chainId, chainA[0].chainId); // shared base, stored once
    QCOMPARE(chainB[3].diffId, chainB[1].diffId);   // the repeated layer, through the symlink
    QVERIFY(chainB[3].chainId != chainB[1].chainId);
    QVERIFY(fs::is_directory(t.store().layers().diffDir(chainB[3].chainId) / "var"));

    QCOMPARE(t.store().resolve("fixture/b:latest"), fixtures[1].id());
    QCOMPARE(t.count(strata::engine::events::EventKind::ImageLoaded), std::size_t(2));
    QVERIFY(fs::is_empty(t.root() / "tmp"));
}

void TestDockerArchive::loadsOtherLayouts_data()
{
    QTest::addColumn<int>("layout");
    QTest::newRow("Podman") << int(DockerLayout::Podman);
    QTest::newRow("Docker25") << int(DockerLayout::Docker25);
}

void TestDockerArchive::loadsOtherLayouts()
{
    QFETCH(int, layout);
    TempStore t;
    const auto fixtures = images();
    const fs::path archive =
        writeBytes(t.scratch() / "images.tar", dockerArchiveFiles(fixtures, DockerLayout(layout)).tar());
    const img::LoadResult r = img::loadArchive(t.store(), archive);
    QCOMPARE(r.images.size(), std::size_t(2));
    for (std::size_t i = 0; i < fixtures.size(); ++i) {
        QCOMPARE(r.images[i].id, fixtures[i].id());
        QCOMPARE(qlist(t.store().get(r.images[i].id).config.diffIds), qlist(fixtures[i].diffIds()));
        QCOMPARE(t.store().layerChain(t.store().get(r.images[i].id)).size(), fixtures[i].layers.size());
    }
    QCOMPARE(qlist(r.images[1].tags), (QStringList{"fixture/b:1", "fixture/b:latest"}));
}

void TestDockerArchive::loadsGzipArchiveFromStdin()
{
    TempStore t;
    const auto fixtures = images();
    const fs::path archive = writeBytes(t.scratch() / "images.tar.gz", dockerArchiveFiles(fixtures).gzip());
    const img::LoadResult r = withStdinFrom(archive, [&] { return img::loadArchive(t.store(), "-"); });
    QCOMPARE(r.images.size(), std::size_t(2));
    QCOMPARE(r.images[0].id, fixtures[0].id());
    QVERIFY(fs::is_empty(t.root() / "tmp")); // the spooled copy is gone

    TempStore u; // the same archive by name: decompressed to a temporary file
    QCOMPARE(img::loadArchive(u.store(), archive).images[1].id, fixtures[1].id());
    QVERIFY(fs::is_empty(u.root() / "tmp"));
}

void TestDockerArchive::loadingAgainReusesLayers()
{
    TempStore t;
    const fs::path archive = writeBytes(t.scratch() / "images.tar", dockerArchiveFiles(images()).tar());
    img::loadArchive(t.store(), archive);
    const std::string before = snapshotTree(t.root() / "layers") + snapshotTree(t.root() / "blobs");
    const auto extracted = t.count(strata::engine::events::EventKind::LayerExtracted);
    const img::LoadResult again = img::loadArchive(t.store(), archive);
    QCOMPARE(again.images.size(), std::size_t(2));
    QCOMPARE(t.count(strata::engine::events::EventKind::LayerExtracted), extracted);
    QCOMPARE(snapshotTree(t.root() / "layers") + snapshotTree(t.root() / "blobs"), before);
}

void TestDockerArchive::tagMovesToTheLoadedImage()
{
    TempStore t;
    const FixtureImage first = makeImage({baseLayer()}, {"fixture/x:1"});
    const FixtureImage second = makeImage({baseLayer(), midLayer()}, {"fixture/x:1"});
    img::loadArchive(t.store(), writeBytes(t.scratch() / "1.tar", dockerArchiveFiles({first}).tar()));
    img::loadArchive(t.store(), writeBytes(t.scratch() / "2.tar", dockerArchiveFiles({second}).tar()));
    QCOMPARE(t.store().resolve("fixture/x:1"), second.id());
    QVERIFY(t.store().get(first.id()).tags.empty()); // dangling now, as with docker load
}

void TestDockerArchive::untaggedImageLoadsById()
{
    TempStore t;
    const FixtureImage untagged = makeImage({midLayer()}, {});
    const fs::path archive = writeBytes(t.scratch() / "u.tar", dockerArchiveFiles({untagged}).tar());
    QVERIFY(readBytes(archive).find("\"RepoTags\":null") != std::string::npos);
    const img::LoadResult r = img::loadArchive(t.store(), archive);
    QCOMPARE(r.images.size(), std::size_t(1));
    QVERIFY(r.images[0].tags.empty());
    QCOMPARE(r.images[0].id, untagged.id());
}

void TestDockerArchive::saveWritesDockerLayout()
{
    TempStore t;
    const auto fixtures = images();
    img::loadArchive(t.store(), writeBytes(t.scratch() / "in.tar", dockerArchiveFiles(fixtures).tar()));
    const fs::path out = t.scratch() / "out.tar";
    img::saveImages(t.store(), {"fixture/a:1", "fixture/b:1"}, out, img::SaveFormat::DockerArchive);
    const auto entries = list(out);

    const TarListing *manifestEntry = find(entries, "manifest.json");
    QVERIFY(manifestEntry);
    const auto manifest = nlohmann::json::parse(manifestEntry->data);
    QCOMPARE(manifest.size(), std::size_t(2));
    QCOMPARE(manifest[0]["Config"].get<std::string>(), fixtures[0].id().hex() + ".json");
    QCOMPARE(manifest[0]["RepoTags"][0].get<std::string>(), std::string("fixture/a:1"));
    QCOMPARE(find(entries, fixtures[0].id().hex() + ".json")->data, fixtures[0].config);
    const auto repositories = nlohmann::json::parse(find(entries, "repositories")->data);
    QCOMPARE(repositories["fixture/b"]["1"].get<std::string>() + "/layer.tar",
             manifest[1]["Layers"][3].get<std::string>());

    // Every layer path is "<id>/layer.tar" beside VERSION and json; its data
    // hashes to the diff_id, or it links to an earlier copy of the same layer.
    int symlinks = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        for (std::size_t k = 0; k < fixtures[i].layers.size(); ++k) {
            const std::string path = manifest[i]["Layers"][k].get<std::string>();
            const std::string dir = path.substr(0, path.find('/'));
            QCOMPARE(find(entries, dir + "/VERSION")->data, std::string("1.0"));
            QVERIFY(find(entries, dir + "/json"));
            const TarListing *layer = find(entries, path);
            QVERIFY(layer);
            if (layer->type == 'l') {
                ++symlinks;
                layer = find(entries, fs::path(dir + "/" + layer->link).lexically_normal().string());
            }
            QCOMPARE(qstr(Digest::ofBytes(layer->data).str()), qstr(fixtures[i].layers[k].diffId().str()));
        }
    }
    QCOMPARE(symlinks, 1);
    QVERIFY(manifest[0]["Layers"][0] == manifest[1]["Layers"][0]); // shared base: one directory
    for (const auto &e : entries) {
        QCOMPARE(e.uid, std::int64_t(0));
        QVERIFY(e.name.find("tmp") == std::string::npos);
    }
    QVERIFY(fs::is_regular_file(out));
    QCOMPARE(std::distance(fs::directory_iterator(t.scratch()), fs::directory_iterator()), std::ptrdiff_t(3));
}

void TestDockerArchive::saveLoadRoundTrip()
{
    TempStore t;
    const auto fixtures = images();
    img::loadArchive(t.store(), writeBytes(t.scratch() / "in.tar", dockerArchiveFiles(fixtures).tar()));
    const fs::path out = t.scratch() / "out.tar";
    img::saveImages(t.store(), {"fixture/a:1", "fixture/b:1", "fixture/b:latest"}, out, img::SaveFormat::DockerArchive);

    TempStore u;
    const img::LoadResult r = img::loadArchive(u.store(), out);
    QCOMPARE(r.images.size(), std::size_t(2));
    for (std::size_t i = 0; i < 2; ++i) {
        QCOMPARE(r.images[i].id, fixtures[i].id());
        QCOMPARE(qlist(u.store().get(r.images[i].id).config.diffIds), qlist(fixtures[i].diffIds()));
    }
    QCOMPARE(qlist(r.images[1].tags), (QStringList{"fixture/b:1", "fixture/b:latest"}));
    QCOMPARE(readBytes(u.store().layers().diffDir(u.store().layerChain(u.store().get(fixtures[0].id()))[0].chainId) /
                       "bin/tool"),
             std::string("#!/bin/sh\necho tool\n"));
}

void TestDockerArchive::saveIsDeterministic()
{
    TempStore t;
    const auto fixtures = images();
    const fs::path in = writeBytes(t.scratch() / "in.tar", dockerArchiveFiles(fixtures).tar());
    img::loadArchive(t.store(), in);
    img::saveImages(t.store(), {"fixture/a:1", "fixture/b:1"}, t.scratch() / "1.tar", img::SaveFormat::DockerArchive);
    img::saveImages(t.store(), {"fixture/a:1", "fixture/b:1"}, t.scratch() / "2.tar", img::SaveFormat::DockerArchive);
    QCOMPARE(Digest::ofBytes(readBytes(t.scratch() / "1.tar")), Digest::ofBytes(readBytes(t.scratch() / "2.tar")));

    TempStore u; // another store that loaded the saved archive saves the same bytes again
    img::loadArchive(u.store(), t.scratch() / "1.tar");
    img::saveImages(u.store(), {"fixture/a:1", "fixture/b:1"}, u.scratch() / "3.tar", img::SaveFormat::DockerArchive);
    QCOMPARE(Digest::ofBytes(readBytes(u.scratch() / "3.tar")), Digest::ofBytes(readBytes(t.scratch() / "1.tar")));
}

void TestDockerArchive::saveDecompressesStoredLayers()
{
    TempStore t;
    TarBuilder big;
    big.dir("data").file("data/blob", std::string(1 << 20, 'q'));
    const FixtureImage image =
        makeImage({makeLayer(big, LayerCompression::Gzip), makeLayer(TarBuilder().file("z", "zz"), LayerCompression::Zstd)},
                  {"fixture/z:1"});
    ociLayoutFiles({image}).writeTo(t.scratch() / "layout");
    img::loadArchive(t.store(), t.scratch() / "layout");
    const fs::path out = t.scratch() / "z.tar";
    img::saveImages(t.store(), {"fixture/z:1"}, out, img::SaveFormat::DockerArchive);
    const auto entries = list(out);
    const auto manifest = nlohmann::json::parse(find(entries, "manifest.json")->data);
    for (std::size_t k = 0; k < 2; ++k)
        QCOMPARE(Digest::ofBytes(find(entries, manifest[0]["Layers"][k].get<std::string>())->data),
                 image.layers[k].diffId());

    TempStore u;
    QCOMPARE(img::loadArchive(u.store(), out).images[0].id, image.id());
}

void TestDockerArchive::saveRepositoryNameMeansAllTags()
{
    TempStore t;
    img::loadArchive(t.store(), writeBytes(t.scratch() / "in.tar", dockerArchiveFiles(images()).tar()));
    img::saveImages(t.store(), {"fixture/b"}, t.scratch() / "b.tar", img::SaveFormat::DockerArchive);
    const auto manifest = nlohmann::json::parse(find(list(t.scratch() / "b.tar"), "manifest.json")->data);
    QCOMPARE(manifest.size(), std::size_t(1));
    QCOMPARE(manifest[0]["RepoTags"].size(), std::size_t(2));
}

void TestDockerArchive::saveUnknownImageLeavesNoFile()
{
    TempStore t;
    img::loadArchive(t.store(), writeBytes(t.scratch() / "in.tar", dockerArchiveFiles(images()).tar()));
    const fs::path out = t.scratch() / "nope.tar";
    try {
        img::saveImages(t.store(), {"fixture/a:1", "nosuch:1"}, out, img::SaveFormat::DockerArchive);
        QFAIL("saving an unknown image succeeded");
    } catch (const Error &e) {
        QCOMPARE(e.code(), ErrorCode::NotFound);
        QVERIFY2(std::string(e.what()).find("nosuch") != std::string::npos, e.what());
    }
    QVERIFY(!fs::exists(out));
    QCOMPARE(std::distance(fs::directory_iterator(t.scratch()), fs::directory_iterator()), std::ptrdiff_t(2));
}

QTEST_GUILESS_MAIN(TestDockerArchive)
#include "tst_DockerArchive.moc"
