// SPDX-License-Identifier: GPL-3.0-or-later
// pull, push, login, logout and search against the real registry server
// (Debian's docker-registry, distribution 2.8) started on free loopback
// ports: images made offline here and pushed by skopeo pull into Strata with
// the config's diff_ids; Strata's pushes are pulled by podman; bad input of
// every kind fails in one line and leaves the store as it was.
#include "tests/interop/PodmanSandbox.h"
#include "tests/engine/registry/LocalServers.h"
#include "tests/engine/registry/TokenService.h"
#include "tests/support/ImageFixtures.h"
#include "tests/support/TestSupport.h"

#include "engine/registry/DockerCredentials.h"
#include "engine/registry/RegistryHost.h"
#include "engine/util/Platform.h"

#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <memory>
#include <random>
#include <sstream>
#include <sys/resource.h>

using namespace strata::test;
using Json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

QString q(const fs::path &p) { return QString::fromStdString(p.string()); }
QString q(const std::string &s) { return QString::fromStdString(s); }
std::string what(const RunResult &r) { return "exit " + std::to_string(r.exitCode) + ": " + r.out + r.err; }

// The store as files, without the event journal (a failed pull's events
// are history too, and stay).
std::string storeState(const QString &root)
{
    std::string out;
    std::istringstream in(snapshotTree(root.toStdString()));
    for (std::string line; std::getline(in, line);)
        if (line.rfind("journal", 0) != 0)
            out += line + "\n";
    return out;
}

FixtureLayer layerOf(const std::string &file, const std::string &content, LayerCompression c)
{
    return makeLayer(TarBuilder().dir("data").file("data/" + file, content), c);
}

} // namespace

class TestRegistry : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    std::unique_ptr<RegistryProcess> m_registry;
    int m_store = 0;

    fs::path tmp() const { return fs::path(m_tmp.path().toStdString()); }

    // A fresh store root.
    QString newRoot()
    {
        const fs::path root = tmp() / ("store" + std::to_string(++m_store));
        fs::create_directories(root);
        return q(root);
    }

    RunResult strata(const QString &root, QStringList args, const std::string &in = {})
    {
        args.prepend(root);
        args.prepend(QStringLiteral("--root"));
        return runStrata(args, in, 180000);
    }

    Json inspect(const QString &root, const QString &ref)
    {
        const RunResult r = strata(root, {"image", "inspect", ref});
        if (r.exitCode != 0)
            return {};
        return Json::parse(r.out).at(0);
    }

    static std::vector<std::string> diffIdsOf(const FixtureImage &img)
    {
        std::vector<std::string> out;
        for (const auto &d : img.diffIds())
            out.push_back(d.str());
        return out;
    }

    // Writes `images` as an OCI layout and copies the one tagged `tag` to
    // docker://host/repo:tag with skopeo.
    RunResult skopeoPush(const std::vector<FixtureImage> &images, const std::string &tag, const QString &dest,
                         const QStringList &extra = {})
    {
        const fs::path layout = tmp() / ("layout" + std::to_string(++m_store));
        ociLayoutFiles(images).writeTo(layout);
        return runProgram("skopeo", QStringList{"copy", "--dest-tls-verify=false"} + extra +
                                        QStringList{"oci:" + q(layout) + ":" + q(tag), "docker://" + dest});
    }

    // The lines of `text`.
    static QStringList lines(const std::string &text) { return q(text).split('\n', Qt::SkipEmptyParts); }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char *tool : {"docker-registry", "skopeo", "htpasswd"})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(QString("%1 is not installed (scripts/deps.sh installs it)").arg(tool)));
        // Credentials and Strata's config live in the suite's own directory.
        qputenv("DOCKER_CONFIG", (m_tmp.path() + "/docker-config").toUtf8());
        writeFile(tmp() / "docker-config" / "config.json", "{}\n"); // podman insists the file exists
        qputenv("XDG_CONFIG_HOME", (m_tmp.path() + "/xdg-config").toUtf8());
        m_registry = std::make_unique<RegistryProcess>(tmp() / "registry");
        QVERIFY2(m_registry->started(), qPrintable("docker-registry did not start: " + m_registry->log()));
    }

    // Anonymous pull of an OCI image (a gzip and a zstd layer) that skopeo
    // pushed: Docker's transcript, the config's diff_ids, the repo digest.
    void pullOciImageWithDockersTranscript()
    {
        const FixtureImage img = makeImage({layerOf("base", "base layer", LayerCompression::Gzip),
                                            layerOf("top", "top layer", LayerCompression::Zstd)},
                                           {"oci/two:1.0"});
        const QString ref = m_registry->host() + "/oci/two:1.0";
        RunResult r = skopeoPush({img}, "1.0", ref);
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        const QString root = newRoot();
        r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const QStringList out = lines(r.out);
        QCOMPARE(out.first(), QString("1.0: Pulling from oci/two"));
        QVERIFY2(out.size() >= 2, r.out.c_str());
        for (const auto &l : img.layers) {
            const QString id = q(l.blobDigest().shortHex());
            QVERIFY2(out.contains(id + ": Pulling fs layer"), r.out.c_str());
            QVERIFY2(out.contains(id + ": Verifying Checksum"), r.out.c_str());
            QVERIFY2(out.contains(id + ": Download complete"), r.out.c_str());
            QVERIFY2(out.contains(id + ": Pull complete"), r.out.c_str());
            QVERIFY2(out.indexOf(id + ": Pulling fs layer") < out.indexOf(id + ": Pull complete"), r.out.c_str());
        }
        QVERIFY2(!r.out.empty() && r.out.find("Downloading") == std::string::npos, "no progress off a terminal");
        const QString digestLine = out.at(out.size() - 3);
        QVERIFY2(QRegularExpression("^Digest: sha256:[0-9a-f]{64}$").match(digestLine).hasMatch(), r.out.c_str());
        QCOMPARE(out.at(out.size() - 2), "Status: Downloaded newer image for " + ref);
        QCOMPARE(out.last(), ref);

        const Json j = inspect(root, ref);
        QCOMPARE(j["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIdsOf(img));
        QCOMPARE(j["Id"].get<std::string>(), img.id().str());
        const std::string digest = digestLine.mid(8).toStdString();
        QCOMPARE(j["RepoDigests"].dump(), Json::array({m_registry->host().toStdString() + "/oci/two@" + digest}).dump());
        r = strata(root, {"images", "--digests", "--format", "{{.Repository}} {{.Tag}} {{.Digest}}"});
        QVERIFY2(q(r.out).contains(m_registry->host() + "/oci/two 1.0 " + q(digest)), r.out.c_str());

        // Again: nothing to download.
        r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(lines(r.out), QStringList({"1.0: Pulling from oci/two", "Digest: " + q(digest),
                                            "Status: Image is up to date for " + ref, ref}));

        // An image sharing the base layer: that one "Already exists".
        const FixtureImage next = makeImage({img.layers[0], layerOf("other", "another top", LayerCompression::Gzip)},
                                            {"oci/three:1.0"});
        QVERIFY(skopeoPush({next}, "1.0", m_registry->host() + "/oci/three:1.0").exitCode == 0);
        r = strata(root, {"pull", m_registry->host() + "/oci/three:1.0"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(lines(r.out).contains(q(img.layers[0].blobDigest().shortHex()) + ": Already exists"), r.out.c_str());
        QVERIFY2(lines(r.out).contains(q(next.layers[1].blobDigest().shortHex()) + ": Pull complete"), r.out.c_str());

        // rmi NAME@DIGEST removes that reference only.
        r = strata(root, {"rmi", m_registry->host() + "/oci/two@" + q(digest)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(lines(r.out), QStringList({"Untagged: " + m_registry->host() + "/oci/two@" + q(digest)}));
        const Json after = inspect(root, ref);
        QCOMPARE(after["RepoDigests"].dump(), std::string("[]"));
        QCOMPARE(after["RepoTags"].dump(), Json::array({ref.toStdString()}).dump());

        // -q: only the name.
        r = strata(newRoot(), {"pull", "-q", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(lines(r.out), QStringList({ref}));
    }

    // Docker schema 2 (skopeo from a docker-archive recompresses with gzip).
    void pullDockerSchema2Image()
    {
        const FixtureImage img =
            makeImage({layerOf("a", "from a docker archive", LayerCompression::None)}, {"docker/img:2"});
        const fs::path archive = tmp() / "docker-img.tar";
        writeFile(archive, dockerArchiveFiles({img}).tar());
        const QString ref = m_registry->host() + "/docker/img:2";
        RunResult r = runProgram("skopeo", {"copy", "--dest-tls-verify=false", "docker-archive:" + q(archive),
                                            "docker://" + ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const QString root = newRoot();
        r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(inspect(root, ref)["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIdsOf(img));
        // A tagless name means latest, announced as Docker does.
        QVERIFY(skopeoPush({makeImage({layerOf("l", "latest", LayerCompression::Gzip)}, {"docker/img:latest"})},
                           "latest", m_registry->host() + "/docker/img:latest")
                    .exitCode == 0);
        r = strata(root, {"pull", m_registry->host() + "/docker/img"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(lines(r.out).first(), QString("Using default tag: latest"));
        QCOMPARE(lines(r.out).at(1), QString("latest: Pulling from docker/img"));
        QCOMPARE(lines(r.out).last(), m_registry->host() + "/docker/img:latest");
        // -a: every tag of the repository.
        const QString all = newRoot();
        r = strata(all, {"pull", "-a", m_registry->host() + "/docker/img"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY(inspect(all, m_registry->host() + "/docker/img:2").is_object());
        QVERIFY(inspect(all, m_registry->host() + "/docker/img:latest").is_object());
        QCOMPARE(lines(r.out).last(), m_registry->host() + "/docker/img");
    }

    // An index with two platforms: the host's by default, --platform picks.
    void pullPicksThePlatformFromAnIndex()
    {
        const std::string host = strata::engine::platform::hostArchitecture();
        const std::string other = host == "arm64" ? "amd64" : "arm64";
        const FixtureImage mine = makeImage({layerOf("arch", host, LayerCompression::Gzip)}, {}, host);
        const FixtureImage theirs = makeImage({layerOf("arch", other, LayerCompression::Gzip)}, {}, other);
        // The layout: both images' blobs, an index naming them by platform.
        ArchiveFiles files = ociLayoutFiles({mine, theirs});
        Json top = Json::parse(files.at("index.json"));
        Json nested = {{"schemaVersion", 2}, {"mediaType", "application/vnd.oci.image.index.v1+json"}};
        nested["manifests"] = top["manifests"];
        nested["manifests"][0]["platform"] = {{"architecture", host}, {"os", "linux"}};
        nested["manifests"][1]["platform"] = {{"architecture", other}, {"os", "linux"}};
        const std::string nestedBytes = nested.dump();
        const auto nestedDigest = strata::engine::Digest::ofBytes(nestedBytes);
        files.put("blobs/sha256/" + nestedDigest.hex(), nestedBytes);
        top["manifests"] = Json::array({{{"mediaType", "application/vnd.oci.image.index.v1+json"},
                                         {"digest", nestedDigest.str()},
                                         {"size", nestedBytes.size()},
                                         {"annotations", {{"org.opencontainers.image.ref.name", "multi"}}}}});
        files.at("index.json") = top.dump();
        const fs::path layout = tmp() / "multi-layout";
        files.writeTo(layout);
        const QString ref = m_registry->host() + "/multi/arch:1";
        RunResult r = runProgram("skopeo", {"copy", "--all", "--dest-tls-verify=false", "oci:" + q(layout) + ":multi",
                                            "docker://" + ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        QString root = newRoot();
        r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        Json j = inspect(root, ref);
        QCOMPARE(j["Architecture"].get<std::string>(), host);
        QCOMPARE(j["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIdsOf(mine));
        // The repo digest is the index's, as Docker records it.
        QVERIFY2(q(j["RepoDigests"].dump()).contains(q(nestedDigest.str())), j.dump().c_str());

        root = newRoot();
        r = strata(root, {"pull", "--platform", q("linux/" + other), ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        j = inspect(root, ref);
        QCOMPARE(j["Architecture"].get<std::string>(), other);
        QCOMPARE(j["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIdsOf(theirs));

        root = newRoot();
        QVERIFY(strata(root, {"images", "-q"}).exitCode == 0);
        const std::string before = storeState(root);
        r = strata(root, {"pull", "--platform", "linux/s390x", ref});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.find("no matching manifest for linux/s390x in the manifest list entries") != std::string::npos,
                 r.err.c_str());
        QCOMPARE(storeState(root), before);
    }

    // Unknown host, refused connection, 404, unsupported media type, digest
    // mismatch, a truncated blob: one line naming the registry, the
    // reference and the problem; exit 1; the store as it was.
    void badInputFailsInOneLineAndLeavesTheStore()
    {
        const FixtureImage img = makeImage({layerOf("x", "bad input", LayerCompression::Gzip)}, {});
        const std::string layerBlob = img.layers[0].blob;
        const std::string manifest = Json({{"schemaVersion", 2},
                                           {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                                           {"config",
                                            {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                                             {"digest", img.id().str()},
                                             {"size", img.config.size()}}},
                                           {"layers",
                                            Json::array({{{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
                                                          {"digest", img.layers[0].blobDigest().str()},
                                                          {"size", layerBlob.size()}}})}})
                                         .dump();
        // A registry that serves what each repository name asks for.
        HttpFixture broken([&](const HttpRequestSeen &req) {
            HttpAnswer a;
            const std::string &t = req.target;
            if (t == "/v2/") {
                a.body = "{}";
            } else if (t.find("/schema1/manifests/") != std::string::npos) {
                a.headers["Content-Type"] = "application/vnd.docker.distribution.manifest.v1+prettyjws";
                a.body = R"({"schemaVersion": 1, "name": "schema1", "tag": "latest", "fsLayers": []})";
            } else if (t.find("/manifests/") != std::string::npos) {
                a.headers["Content-Type"] = "application/vnd.oci.image.manifest.v1+json";
                a.body = manifest;
            } else if (t.find("/blobs/" + img.id().str()) != std::string::npos) {
                a.body = img.config;
            } else if (t.find("/blobs/") != std::string::npos) {
                a.body = layerBlob;
                if (t.find("/mismatch/") != std::string::npos)
                    a.body.back() ^= 1;
                if (t.find("/truncated/") != std::string::npos)
                    a.cutAfter = layerBlob.size() / 2;
            } else {
                a.status = 404;
                a.body = R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]})";
            }
            return a;
        });
        const QString refused = QStringLiteral("127.0.0.1:%1").arg(freeLoopbackPort());
        const struct {
            QString ref;
            QStringList mentions;
        } cases[] = {
            {"nosuch.invalid/some/image:1", {"nosuch.invalid", "some/image:1", "resolve"}},
            {refused + "/refused:1", {refused, "refused:1", "onnect"}},
            {m_registry->host() + "/never/pushed:1", {m_registry->host(), "never/pushed:1", "manifest unknown"}},
            {broken.host() + "/schema1:latest", {broken.host(), "schema1:latest", "unsupported media type"}},
            {broken.host() + "/mismatch/img:1", {broken.host(), "mismatch/img:1", "hashes to"}},
            {broken.host() + "/truncated/img:1", {broken.host(), "truncated/img:1", img.layers[0].blobDigest().str().c_str()}},
        };
        const QString root = newRoot();
        QVERIFY(strata(root, {"images", "-q"}).exitCode == 0); // the built-in images exist first
        const std::string before = storeState(root);
        for (const auto &c : cases) {
            const RunResult r = strata(root, {"pull", c.ref});
            QVERIFY2(r.exitCode == 1, (c.ref.toStdString() + ": " + what(r)).c_str());
            const QStringList err = lines(r.err);
            QVERIFY2(err.size() == 1, (c.ref.toStdString() + ": " + r.err).c_str());
            for (const auto &m : c.mentions)
                QVERIFY2(err.first().contains(m), (c.ref.toStdString() + " should mention " + m.toStdString() + ": " + r.err).c_str());
            QCOMPARE(storeState(root), before);
        }
        // A good image from the fixture pulls (the cases above failed for their own reason).
        const RunResult ok = strata(root, {"pull", broken.host() + "/good/img:1"});
        QVERIFY2(ok.exitCode == 0, what(ok).c_str());
    }

    // A connection dropped mid-blob: retried and resumed; when it keeps
    // dropping, the pull fails with the store unchanged, and a later pull
    // completes.
    void droppedConnectionIsRetriedAndLeavesTheStore()
    {
        std::string big(3 << 20, '\0');
        std::mt19937 random(15);
        for (auto &c : big)
            c = static_cast<char>(random()); // incompressible: the blob stays 3 MiB
        const FixtureImage img = makeImage({layerOf("big", big, LayerCompression::Gzip)}, {});
        QVERIFY(skopeoPush({makeImage(img.layers, {"drop/img:1"})}, "1", m_registry->host() + "/drop/img:1").exitCode == 0);
        CuttingProxy proxy(m_registry->port(), 256 * 1024);
        const QString ref = proxy.host() + "/drop/img:1";

        proxy.cuts = 1;
        QString root = newRoot();
        RunResult r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(proxy.cuts.load(), 0);
        QCOMPARE(inspect(root, ref)["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIdsOf(img));

        proxy.cuts = 1000;
        root = newRoot();
        QVERIFY(strata(root, {"images", "-q"}).exitCode == 0);
        const std::string before = storeState(root);
        r = strata(root, {"pull", ref});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(lines(r.err).size(), 1);
        QVERIFY2(q(r.err).contains(proxy.host()) && q(r.err).contains("drop/img:1"), r.err.c_str());
        QCOMPARE(storeState(root), before);
        proxy.cuts = 0;
        r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
    }

    // htpasswd basic auth: refused without credentials; login stores them
    // where the Docker CLI does; pull and push work; logout removes them.
    void basicAuthLoginPullLogout()
    {
        const fs::path dir = tmp() / "auth-registry";
        fs::create_directories(dir);
        RunResult r = runProgram("htpasswd", {"-Bbn", "student", "s3cret"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        writeFile(dir / "htpasswd", r.out);
        RegistryProcess secured(dir, "auth:\n  htpasswd:\n    realm: strata-test\n    path: " +
                                         (dir / "htpasswd").string() + "\n");
        QVERIFY2(secured.started(), qPrintable(secured.log()));
        const QString ref = secured.host() + "/private/img:1";
        const FixtureImage img = makeImage({layerOf("secret", "behind basic auth", LayerCompression::Gzip)}, {});
        r = skopeoPush({makeImage(img.layers, {"private/img:1"})}, "1", ref, {"--dest-creds", "student:s3cret"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        const QString root = newRoot();
        QVERIFY(strata(root, {"images", "-q"}).exitCode == 0);
        const std::string before = storeState(root);
        r = strata(root, {"pull", ref});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains(secured.host()) && q(r.err).contains("no basic auth credentials"), r.err.c_str());
        QCOMPARE(storeState(root), before);

        r = strata(root, {"login", "-u", "student", "-p", "wrong", secured.host()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains("incorrect username or password"), r.err.c_str());
        r = strata(root, {"login", "-u", "student", "--password-stdin", secured.host()}, "s3cret\n");
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(lines(r.out).contains("Login Succeeded"), r.out.c_str());
        const Json config = Json::parse(readFile(tmp() / "docker-config" / "config.json"));
        QCOMPARE(config["auths"][secured.host().toStdString()]["auth"].get<std::string>(),
                 std::string("c3R1ZGVudDpzM2NyZXQ=")); // base64("student:s3cret")

        r = strata(root, {"pull", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(inspect(root, ref)["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIdsOf(img));
        r = strata(root, {"tag", ref, secured.host() + "/private/copy:1"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        r = strata(root, {"push", secured.host() + "/private/copy:1"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        r = strata(root, {"logout", secured.host()});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(lines(r.out), QStringList({"Removing login credentials for " + secured.host()}));
        const Json after = Json::parse(readFile(tmp() / "docker-config" / "config.json"));
        QVERIFY(!after["auths"].contains(secured.host().toStdString()));
        r = strata(root, {"logout", secured.host()});
        QCOMPARE(lines(r.out), QStringList({"Not logged in to " + secured.host()}));
    }

    // Token authentication (Docker's token protocol, our own token
    // service): anonymous pulls get a pull token; a private repository needs
    // the login's credentials, sent to the token service.
    void tokenAuthAnonymousAndWithCredentials()
    {
        TokenService tokens(tmp() / "token-service", "tokenuser", "t0ken");
        QVERIFY2(tokens.ready(), "openssl could not make the token service's key");
        const fs::path dir = tmp() / "token-registry";
        RegistryProcess secured(dir, tokens.registryConfig());
        QVERIFY2(secured.started(), qPrintable(secured.log()));
        const FixtureImage open = makeImage({layerOf("open", "anyone may pull", LayerCompression::Gzip)}, {});
        const FixtureImage closed = makeImage({layerOf("closed", "members only", LayerCompression::Gzip)}, {});
        RunResult r = skopeoPush({makeImage(open.layers, {"public/img:1"})}, "1", secured.host() + "/public/img:1",
                                 {"--dest-creds", "tokenuser:t0ken"});
        QVERIFY2(r.exitCode == 0, (what(r) + secured.log().toStdString()).c_str());
        r = skopeoPush({makeImage(closed.layers, {"private/img:1"})}, "1", secured.host() + "/private/img:1",
                       {"--dest-creds", "tokenuser:t0ken"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());

        const QString root = newRoot();
        const int before = tokens.requests();
        r = strata(root, {"pull", secured.host() + "/public/img:1"});
        QVERIFY2(r.exitCode == 0, (what(r) + secured.log().toStdString()).c_str());
        QVERIFY(tokens.requests() > before);
        QCOMPARE(inspect(root, secured.host() + "/public/img:1")["RootFS"]["Layers"].get<std::vector<std::string>>(),
                 diffIdsOf(open));

        const std::string snapshot = storeState(root);
        r = strata(root, {"pull", secured.host() + "/private/img:1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains(secured.host()) && q(r.err).contains("private/img:1") &&
                     q(r.err).contains("unauthorized"), r.err.c_str());
        QCOMPARE(storeState(root), snapshot);

        r = strata(root, {"login", "-u", "tokenuser", "-p", "nope", secured.host()});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains("incorrect username or password"), r.err.c_str());
        r = strata(root, {"login", "-u", "tokenuser", "--password-stdin", secured.host()}, "t0ken");
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        r = strata(root, {"pull", secured.host() + "/private/img:1"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(inspect(root, secured.host() + "/private/img:1")["RootFS"]["Layers"].get<std::vector<std::string>>(),
                 diffIdsOf(closed));
        // And push with the same token dance.
        QVERIFY(strata(root, {"tag", "strata/busybox", secured.host() + "/private/busybox:1"}).exitCode == 0);
        r = strata(root, {"push", secured.host() + "/private/busybox:1"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY(strata(root, {"logout", secured.host()}).exitCode == 0);
    }

    // A configured credential helper that is not installed: a clear message.
    void missingCredentialHelperIsNamed()
    {
        const fs::path dir = tmp() / "helper-config";
        fs::create_directories(dir);
        writeFile(dir / "config.json", R"({"credsStore": "nosuchhelper"})");
        const QByteArray saved = qgetenv("DOCKER_CONFIG");
        qputenv("DOCKER_CONFIG", q(dir).toUtf8());
        const RunResult r = strata(newRoot(), {"login", "-u", "a", "-p", "b", m_registry->host()});
        qputenv("DOCKER_CONFIG", saved);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains("docker-credential-nosuchhelper"), r.err.c_str());
    }

    // Strata pushes with Docker's transcript; podman pulls the image back
    // with the same layers (and runs it where this host lets podman run).
    void pushWithDockersTranscriptPodmanPullsIt()
    {
        const QString root = newRoot();
        const QString ref = m_registry->host() + "/pushed/busybox:1";
        RunResult r = strata(root, {"tag", "strata/busybox", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        r = strata(root, {"push", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QStringList out = lines(r.out);
        QCOMPARE(out.first(), "The push refers to repository [" + m_registry->host() + "/pushed/busybox]");
        const Json j = inspect(root, ref);
        const auto diffIds = j["RootFS"]["Layers"].get<std::vector<std::string>>();
        for (const auto &d : diffIds) {
            const QString id = q(d.substr(7, 12));
            QVERIFY2(out.contains(id + ": Preparing"), r.out.c_str());
            QVERIFY2(out.contains(id + ": Pushed"), r.out.c_str());
        }
        QVERIFY2(QRegularExpression("^1: digest: sha256:[0-9a-f]{64} size: [0-9]+$").match(out.last()).hasMatch(),
                 r.out.c_str());
        const QString digest = out.last().section(' ', 2, 2);
        QCOMPARE(inspect(root, ref)["RepoDigests"].dump(),
                 Json::array({(m_registry->host() + "/pushed/busybox@" + digest).toStdString()}).dump());

        r = strata(root, {"push", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(lines(r.out).contains(q(diffIds[0].substr(7, 12)) + ": Layer already exists"), r.out.c_str());
        QCOMPARE(lines(r.out).last(), lines(r.out.c_str()).last()); // same digest line
        QVERIFY2(lines(r.out).last().contains(digest), r.out.c_str());

        // Another repository of the same registry: the blob is mounted.
        const QString other = m_registry->host() + "/pushed/other:1";
        QVERIFY(strata(root, {"tag", ref, other}).exitCode == 0);
        r = strata(root, {"push", other});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(lines(r.out).contains(q(diffIds[0].substr(7, 12)) + ": Mounted from pushed/busybox"), r.out.c_str());

        // skopeo and podman read what Strata pushed.
        r = runProgram("skopeo", {"inspect", "--tls-verify=false", "docker://" + ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(Json::parse(r.out)["Digest"].get<std::string>(), digest.toStdString());
        if (::geteuid() != 0)
            QSKIP("podman's part needs root (its vfs store)");
        // The sandbox lacks CAP_SYS_RESOURCE: pin podman's rlimits to the hard ones.
        rlimit files{}, procs{};
        ::getrlimit(RLIMIT_NOFILE, &files);
        ::getrlimit(RLIMIT_NPROC, &procs);
        const auto nproc = std::min<rlim_t>(procs.rlim_max, 32768);
        writeFile(tmp() / "containers.conf", "[containers]\ndefault_ulimits = [\"nofile=" + std::to_string(files.rlim_max) +
                                                 ":" + std::to_string(files.rlim_max) + "\", \"nproc=" +
                                                 std::to_string(nproc) + ":" + std::to_string(nproc) + "\"]\n");
        qputenv("CONTAINERS_CONF", q(tmp() / "containers.conf").toUtf8());
        PodmanSandbox podman(tmp() / "podman");
        r = podman.run({"pull", "--tls-verify=false", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(podman.inspect(ref)["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIds);
        // podman pushes it back under another name; Strata pulls that with the same diff_ids.
        const QString back = m_registry->host() + "/podman/pushed:1";
        r = podman.run({"push", "--tls-verify=false", ref, back});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const QString fresh = newRoot();
        r = strata(fresh, {"pull", back});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(inspect(fresh, back)["RootFS"]["Layers"].get<std::vector<std::string>>(), diffIds);
        // crun refuses hybrid cgroup hierarchies; runc takes them.
        r = podman.run({"run", "--rm", "--network", "none", ref, "echo", "pulled by podman"});
        if (r.exitCode != 0)
            r = podman.run({"--runtime", "runc", "run", "--rm", "--network", "none", ref, "echo", "pulled by podman"});
        if (r.exitCode != 0)
            QSKIP(qPrintable("podman cannot run containers on this host: " + q(r.err).trimmed()));
        QCOMPARE(q(r.out).trimmed(), QString("pulled by podman"));
    }

    // `run` of an image the store lacks: Docker's line, the pull's
    // transcript on stderr, then the container's output alone on stdout.
    void runPullsAMissingImage()
    {
        const QString ref = m_registry->host() + "/run/busybox:1";
        const QString pusher = newRoot();
        QVERIFY(strata(pusher, {"tag", "strata/busybox", ref}).exitCode == 0);
        RunResult r = strata(pusher, {"push", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        if (::geteuid() != 0)
            QSKIP("running a container here needs root (namespaces and mounts)");
        const QString root = newRoot();
        r = strata(root, {"run", "--rm", "--network", "none", ref, "echo", "pulled by run"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(q(r.out), QString("pulled by run\n"));
        const QStringList err = lines(r.err);
        QCOMPARE(err.first(), "Unable to find image '" + ref + "' locally");
        QVERIFY2(err.contains("Status: Downloaded newer image for " + ref), r.err.c_str());
        QVERIFY2(!err.contains(ref), r.err.c_str()); // `pull` alone ends with the full name
        r = strata(root, {"create", ref});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QVERIFY2(!q(r.err).contains("Unable to find image"), r.err.c_str()); // pulled once, found now
    }

    // Issue 16: `build` pulls a FROM image missing from the store, with the
    // pull's lines in the transcript where Docker 20.10 prints them
    // (tests/cli/data/docker/build-from-pulls.txt); a repository the
    // registry lacks fails the step, exit 1, nothing tagged.
    void buildPullsAMissingBase()
    {
        const FixtureImage img = makeImage({layerOf("base", "base layer", LayerCompression::Gzip)}, {"lib/base:1"});
        const QString ref = m_registry->host() + "/lib/base:1";
        RunResult r = skopeoPush({img}, "1", ref);
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const fs::path ctx = tmp() / "build-ctx";
        fs::create_directories(ctx);
        writeFile(ctx / "hello.txt", "hello\n");
        const QString root = newRoot();
        writeFile(ctx / "Dockerfile", "FROM " + m_registry->host().toStdString() + "/lib/nosuch:1\n");
        r = strata(root, {"build", "-t", "never:1", q(ctx)});
        QVERIFY2(r.exitCode == 1, what(r).c_str());
        QVERIFY2(!r.err.empty() && lines(r.err).size() == 1, r.err.c_str());
        QVERIFY(strata(root, {"image", "inspect", "never:1"}).exitCode != 0);
        if (::geteuid() != 0)
            QSKIP("COPY mounts a read-write layer: that needs root here");

        writeFile(ctx / "Dockerfile", "FROM " + ref.toStdString() + "\nCOPY hello.txt /hello.txt\n");
        r = strata(root, {"build", "-t", "built:1", q(ctx)});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        const QStringList out = lines(r.out);
        const int from = static_cast<int>(out.indexOf("Step 1/2 : FROM " + ref));
        QVERIFY2(from > 0, r.out.c_str());
        QCOMPARE(out.at(from + 1), QString("1: Pulling from lib/base"));
        const QString layer = q(img.layers[0].blobDigest().shortHex());
        QVERIFY2(out.indexOf(layer + ": Pulling fs layer") > from, r.out.c_str());
        QVERIFY2(out.indexOf(layer + ": Pull complete") > from, r.out.c_str());
        const int status = static_cast<int>(out.indexOf("Status: Downloaded newer image for " + ref));
        QVERIFY2(status > from && out.at(status - 1).startsWith("Digest: sha256:"), r.out.c_str());
        QCOMPARE(out.at(status + 1), " ---> " + q(img.id().shortHex()));
        QCOMPARE(out.at(status + 2), QString("Step 2/2 : COPY hello.txt /hello.txt"));
        QVERIFY(!out.contains(ref)); // `pull` alone ends with the full name; build does not
        QCOMPARE(out.last(), QString("Successfully tagged built:1"));
        const Json j = inspect(root, "built:1");
        QCOMPARE(j["RootFS"]["Layers"].size(), std::size_t{2});
        QCOMPARE(j["RootFS"]["Layers"][0].get<std::string>(), diffIdsOf(img).front());

        // Built again: the base is in the store now, nothing is pulled.
        r = strata(root, {"build", "-t", "built:2", q(ctx)});
        QVERIFY2(r.exitCode == 0 && r.out.find("Pulling from") == std::string::npos, what(r).c_str());

    }

    // Plain HTTP: loopback registries always, others only when Strata's
    // config lists them; Docker Hub's API host and credential key.
    void plainHttpOnlyForLoopbackAndInsecureRegistries()
    {
        using namespace strata::engine::registry;
        QVERIFY(isLoopbackDomain("localhost:5000") && isLoopbackDomain("127.0.0.1:5000") && isLoopbackDomain("[::1]:5000"));
        QVERIFY(!isLoopbackDomain("registry.lan:5000") && !isLoopbackDomain("docker.io"));
        QVERIFY(allowsPlainHttp("127.0.0.2:80"));
        QVERIFY(!allowsPlainHttp("registry.lan:5000"));
        writeFile(strataConfigFile(), R"({"insecure-registries": ["registry.lan:5000"]})");
        QVERIFY(allowsPlainHttp("registry.lan:5000"));
        QVERIFY(!allowsPlainHttp("registry.lan"));
        fs::remove(strataConfigFile());
        QCOMPARE(apiHost("docker.io"), std::string("registry-1.docker.io"));
        QCOMPARE(credentialKey("docker.io"), std::string("https://index.docker.io/v1/"));
        QCOMPARE(credentialKey("127.0.0.1:5000"), std::string("127.0.0.1:5000"));
        // A registry that is not loopback and not listed is spoken to over HTTPS only.
        const RunResult r = strata(newRoot(), {"pull", "registry.invalid:5000/x:1"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains("registry.invalid:5000"), r.err.c_str());
    }

    // search against a fixture serving the Docker Hub search API's shape.
    void searchPrintsDockersColumns()
    {
        std::string lastQuery;
        HttpFixture hub([&](const HttpRequestSeen &req) {
            HttpAnswer a;
            lastQuery = req.target;
            a.headers["Content-Type"] = "application/json";
            a.body = R"({"num_results": 3, "query": "busy", "page": 1, "num_pages": 1, "page_size": 25, "results": [
                {"name": "busybox", "description": "Busybox base image, with a description longer than forty-five characters", "star_count": 2900, "is_official": true, "is_automated": false},
                {"name": "someone/busy", "description": "busy\nthings", "star_count": 3, "is_official": false, "is_automated": true},
                {"name": "other/busy", "description": "", "star_count": 12, "is_official": false, "is_automated": false}]})";
            return a;
        });
        const QString root = newRoot();
        RunResult r = strata(root, {"search", hub.host() + "/busy"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(q(lastQuery), QString("/v1/search?q=busy&n=25"));
        const QStringList out = lines(r.out);
        QCOMPARE(out.size(), 4);
        QVERIFY2(QRegularExpression("^NAME +DESCRIPTION +STARS +OFFICIAL +AUTOMATED$").match(out[0]).hasMatch(), r.out.c_str());
        QVERIFY2(QRegularExpression("^busybox +Busybox base image, with a description longe… +2900 +\\[OK\\] *$")
                     .match(out[1]).hasMatch(), r.out.c_str());
        QVERIFY2(QRegularExpression("^someone/busy +busy things +3 +\\[OK\\]$").match(out[2]).hasMatch(), r.out.c_str());

        r = strata(root, {"search", "--limit", "2", "-f", "stars=10", "-f", "is-official=false", "--format",
                          "{{.Name}}: {{.StarCount}}", hub.host() + "/busy"});
        QVERIFY2(r.exitCode == 0, what(r).c_str());
        QCOMPARE(q(lastQuery), QString("/v1/search?q=busy&n=2"));
        QCOMPARE(lines(r.out), QStringList({"other/busy: 12"}));
        r = strata(root, {"search", "--no-trunc", "--format", "{{.Description}}", "-f", "is-official=true", hub.host() + "/busy"});
        QCOMPARE(lines(r.out), QStringList({"Busybox base image, with a description longer than forty-five characters"}));
        r = strata(root, {"search", "--limit", "101", hub.host() + "/busy"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(q(r.err).contains("Limit 101 is outside the range of [1, 100]"), r.err.c_str());
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_Registry.moc"
