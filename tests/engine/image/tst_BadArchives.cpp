// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken archives (engine/image/ImageLoad and everything under
// it): one named row per way an archive can be wrong. Each must fail with
// the right ErrorCode and a message naming the input and the problem, and
// leave the store - which already holds an image - byte-for-byte as it was.

#include "engine/Error.h"
#include "engine/image/ImageLoad.h"
#include "tests/engine/image/ImageTestUtil.h"
#include "tests/support/ImageFixtures.h"
#include "tests/support/TestSupport.h"

#include <QObject>
#include <QTest>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

using namespace strata::test;
using namespace strata::test::image;
using strata::engine::Digest;
using strata::engine::Error;
using strata::engine::ErrorCode;
namespace img = strata::engine::image;

Q_DECLARE_METATYPE(ErrorCode)

namespace {

FixtureLayer layerWith(const std::string &name, const std::string &content,
                       LayerCompression compression = LayerCompression::None)
{
    TarBuilder b;
    b.dir("data").file("data/" + name, content);
    return makeLayer(b, compression);
}

FixtureImage victim()
{
    return makeImage({layerWith("one", std::string(100000, '1')), layerWith("two", std::string(50000, '2')),
                      layerWith("three", "3")},
                     {"hostile/victim:1"});
}

FixtureLayer hostileLayer(const TarBuilder &b)
{
    return makeLayer(b);
}

// The archive for each row, written under `dir`; returns the path to load.
using Builder = std::function<fs::path(const fs::path &dir)>;

fs::path put(const fs::path &dir, const std::string &name, const std::string &bytes)
{
    return writeBytes(dir / name, bytes);
}

std::string manifestJson(ArchiveFiles &files)
{
    return files.at("manifest.json");
}

const std::map<std::string, Builder> &builders()
{
    static const std::map<std::string, Builder> table = {
        {"Truncated",
         [](const fs::path &d) {
             const std::string tar = dockerArchiveFiles({victim()}).tar();
             return put(d, "truncated.tar", TarBuilder::truncated(tar, tar.size() * 6 / 10));
         }},
        {"DigestMismatchConfig",
         [](const fs::path &d) {
             const FixtureImage v = victim();
             ArchiveFiles f = dockerArchiveFiles({v});
             f.at(v.id().hex() + ".json") += " ";
             return put(d, "config.tar", f.tar());
         }},
        {"DigestMismatchLayer",
         [](const fs::path &d) {
             const FixtureImage v = victim();
             ArchiveFiles f = dockerArchiveFiles({v});
             f.at(dockerLayerPath(f, 0, 1)) = layerWith("two", std::string(50000, 'X')).tar;
             return put(d, "layer.tar", f.tar());
         }},
        {"DigestMismatchOciBlob",
         [](const fs::path &d) {
             const FixtureImage v = victim();
             ArchiveFiles f = ociLayoutFiles({v});
             std::string &blob = f.at("blobs/sha256/" + v.layers[2].blobDigest().hex());
             blob[blob.rfind('3')] = '4'; // the file's one byte of data, not a header
             return put(d, "oci.tar", f.tar());
         }},
        {"DigestMismatchOciConfig",
         [](const fs::path &d) {
             const FixtureImage v = victim();
             ArchiveFiles f = ociLayoutFiles({v});
             std::string &config = f.at("blobs/sha256/" + v.id().hex());
             config[config.find("linux")] = 'L';
             return put(d, "oci.tar", f.tar());
         }},
        {"MissingBlob",
         [](const fs::path &d) {
             const FixtureImage v = victim();
             ArchiveFiles f = ociLayoutFiles({v});
             f.remove("blobs/sha256/" + v.layers[1].blobDigest().hex());
             f.writeTo(d / "layout");
             return d / "layout";
         }},
        {"MissingLayerEntry",
         [](const fs::path &d) {
             ArchiveFiles f = dockerArchiveFiles({victim()});
             f.remove(dockerLayerPath(f, 0, 2));
             return put(d, "missing.tar", f.tar());
         }},
        {"MalformedManifestJson",
         [](const fs::path &d) {
             ArchiveFiles f = dockerArchiveFiles({victim()});
             f.at("manifest.json") = R"([{"Config": "x.json", "Layers": [)";
             return put(d, "manifest.tar", f.tar());
         }},
        {"MalformedConfigJson",
         [](const fs::path &d) {
             const FixtureImage v = victim();
             ArchiveFiles f = dockerArchiveFiles({v});
             const std::string bad = "{\"architecture\": \"amd64\", oops}";
             f.remove(v.id().hex() + ".json").put(Digest::ofBytes(bad).hex() + ".json", bad);
             auto m = nlohmann::json::parse(manifestJson(f));
             m[0]["Config"] = Digest::ofBytes(bad).hex() + ".json";
             f.at("manifest.json") = m.dump();
             return put(d, "config.tar", f.tar());
         }},
        {"MalformedIndexJson",
         [](const fs::path &d) {
             ArchiveFiles f = ociLayoutFiles({victim()});
             f.at("index.json") = R"({"schemaVersion": 2, "manifests": [)";
             return put(d, "index.tar", f.tar());
         }},
        {"LayerCountMismatch",
         [](const fs::path &d) {
             ArchiveFiles f = dockerArchiveFiles({victim()});
             auto m = nlohmann::json::parse(manifestJson(f));
             m[0]["Layers"].erase(2);
             f.at("manifest.json") = m.dump();
             return put(d, "count.tar", f.tar());
         }},
        {"ManifestPathEscapes",
         [](const fs::path &d) {
             ArchiveFiles f = dockerArchiveFiles({victim()});
             auto m = nlohmann::json::parse(manifestJson(f));
             m[0]["Layers"][1] = "../../../../etc/passwd";
             f.at("manifest.json") = m.dump();
             return put(d, "escape.tar", f.tar());
         }},
        {"LayerLinkLeavesArchive",
         [](const fs::path &d) {
             ArchiveFiles f = dockerArchiveFiles({victim()});
             const std::string path = dockerLayerPath(f, 0, 1);
             f.remove(path).symlink(path, "../../../../etc/passwd");
             return put(d, "link.tar", f.tar());
         }},
        {"LayerTraversal",
         [](const fs::path &d) {
             TarBuilder b;
             b.dir("data").file("../evil", "owned\n");
             const FixtureImage v = makeImage({layerWith("one", "1"), hostileLayer(b)}, {"hostile/x:1"});
             return put(d, "traversal.tar", dockerArchiveFiles({v}).tar());
         }},
        {"LayerSymlinkEscape",
         [](const fs::path &d) {
             TarBuilder b;
             b.symlink("escape", "../../../../../../tmp").file("escape/pwned", "owned\n");
             const FixtureImage v = makeImage({layerWith("one", "1"), hostileLayer(b)}, {"hostile/x:1"});
             return put(d, "symlink.tar", dockerArchiveFiles({v}).tar());
         }},
        {"UnknownCompression",
         [](const fs::path &d) {
             const FixtureImage v = makeImage(
                 {layerWith("one", "1"), layerWith("bz", std::string(1000, 'b'), LayerCompression::Bzip2)}, {"hostile/x:1"});
             return put(d, "bzip2.tar", dockerArchiveFiles({v}).tar());
         }},
        {"SecondImageBad",
         [](const fs::path &d) {
             const FixtureImage good = makeImage({layerWith("good", std::string(20000, 'g'))}, {"hostile/good:1"});
             const FixtureImage bad = makeImage({layerWith("bad", "b")}, {"hostile/bad:1"});
             ArchiveFiles f = dockerArchiveFiles({good, bad});
             f.at(dockerLayerPath(f, 1, 0)) = layerWith("bad", "not what the config says").tar;
             return put(d, "second.tar", f.tar());
         }},
        {"CorruptGzipArchive",
         [](const fs::path &d) {
             std::string gz = dockerArchiveFiles({victim()}).gzip();
             gz[gz.size() - 8] = static_cast<char>(gz[gz.size() - 8] ^ 0x5a); // the CRC-32 in the trailer
             return put(d, "crc.tar.gz", gz);
         }},
        {"NotATar", [](const fs::path &d) { return put(d, "junk.tar", std::string(3000, 'j')); }},
        {"EmptyFile", [](const fs::path &d) { return put(d, "empty.tar", ""); }},
        {"NotAnImageArchive",
         [](const fs::path &d) {
             TarBuilder b;
             b.dir("etc").file("etc/passwd", "root:x:0:0\n");
             return put(d, "rootfs.tar", b.tar());
         }},
    };
    return table;
}

} // namespace

class TestBadArchives : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusedAndStoreUnchanged_data();
    void refusedAndStoreUnchanged();
    void everyRowHasABuilder();
};

void TestBadArchives::refusedAndStoreUnchanged_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("problem");
    QTest::newRow("Truncated") << ErrorCode::InvalidArchive << "truncated";
    QTest::newRow("DigestMismatchConfig") << ErrorCode::DigestMismatch << ".json: content hashes to sha256:";
    QTest::newRow("DigestMismatchLayer") << ErrorCode::DigestMismatch << "layer 2: content hashes to diff_id sha256:";
    QTest::newRow("DigestMismatchOciBlob") << ErrorCode::DigestMismatch << "layer 3: ";
    QTest::newRow("DigestMismatchOciConfig") << ErrorCode::DigestMismatch << "config: blob sha256:";
    QTest::newRow("MissingBlob") << ErrorCode::InvalidArchive << "layer 2: blob sha256:";
    QTest::newRow("MissingLayerEntry") << ErrorCode::InvalidArchive << "layer 3: ";
    QTest::newRow("MalformedManifestJson") << ErrorCode::InvalidArchive << "manifest.json: malformed JSON";
    QTest::newRow("MalformedConfigJson") << ErrorCode::InvalidArchive << ".json: malformed JSON";
    QTest::newRow("MalformedIndexJson") << ErrorCode::InvalidArchive << "index.json: malformed JSON";
    QTest::newRow("LayerCountMismatch") << ErrorCode::InvalidArchive << "the config lists 3 layers";
    QTest::newRow("ManifestPathEscapes") << ErrorCode::UnsafePath << "etc/passwd";
    QTest::newRow("LayerLinkLeavesArchive") << ErrorCode::UnsafePath << "outside the archive";
    QTest::newRow("LayerTraversal") << ErrorCode::UnsafePath << "evil";
    QTest::newRow("LayerSymlinkEscape") << ErrorCode::UnsafePath << "escape";
    QTest::newRow("UnknownCompression") << ErrorCode::Unsupported << "bzip2";
    QTest::newRow("SecondImageBad") << ErrorCode::DigestMismatch << "image 2: layer 1: content hashes to diff_id";
    QTest::newRow("CorruptGzipArchive") << ErrorCode::InvalidArchive << "gzip";
    QTest::newRow("NotATar") << ErrorCode::InvalidArchive << "not a tar archive";
    QTest::newRow("EmptyFile") << ErrorCode::InvalidArchive << "empty";
    QTest::newRow("NotAnImageArchive") << ErrorCode::InvalidArchive << "neither manifest.json";
}

void TestBadArchives::refusedAndStoreUnchanged()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, problem);
    TempStore t;
    const FixtureImage resident = makeImage({layerWith("resident", "r")}, {"resident/image:1"});
    img::loadArchive(t.store(), writeBytes(t.scratch() / "resident.tar", dockerArchiveFiles({resident}).tar()));
    const std::string before = settledSnapshot(t.root());

    const fs::path input = builders().at(QTest::currentDataTag())(t.scratch() / "hostile");
    try {
        img::loadArchive(t.store(), input);
        QFAIL("the archive was accepted");
    } catch (const Error &e) {
        const std::string what = e.what();
        QVERIFY2(e.code() == code, (std::string(strata::engine::toString(e.code())) + ": " + what).c_str());
        QVERIFY2(what.rfind(input.string() + ": ", 0) == 0, what.c_str()); // names the input first
        QVERIFY2(what.find(problem.toStdString()) != std::string::npos, what.c_str());
        QVERIFY2(what.find('\n') == std::string::npos, what.c_str());
    }
    QCOMPARE(settledSnapshot(t.root()), before);
    QCOMPARE(t.store().resolve("resident/image:1"), resident.id());
}

void TestBadArchives::everyRowHasABuilder()
{
    QCOMPARE(builders().size(), std::size_t(21));
}

QTEST_GUILESS_MAIN(TestBadArchives)
#include "tst_BadArchives.moc"
