// SPDX-License-Identifier: GPL-3.0-or-later
// The app on a real host: podman's API service on a temporary socket (over a
// podman store of the suite's own), the window pointed at it. The host's
// images and containers fill the lists, a `podman start` typed elsewhere
// moves the lifecycle scene, the console runs against the host, and when
// the service dies the banner says so and the app reconnects once it is
// back — without ever writing Strata's store.

#include "app/Language.h"
#include "core/EngineHost.h"
#include "models/EventLogModel.h"
#include "models/ImageListModel.h"
#include "models/RowTableModel.h"
#include "scene/LayerStackScene.h"
#include "widgets/LayerExplorer.h"
#include "scene/EventScene.h"
#include "scene/NetworkScene.h"
#include "tests/interop/PodmanService.h"
#include "widgets/HostBanner.h"
#include "widgets/MainWindow.h"
#include "widgets/ScenePanel.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;
using namespace strata::gui;
using strata::test::PodmanSandbox;
using strata::test::PodmanService;
using strata::test::RunResult;

namespace {

const QString kImage = QStringLiteral("localhost/strata-gui-host:1");
const QString kContainer = QStringLiteral("strata-gui-c1");

int rowOfContainer(RowTableModel *m, const QString &name)
{
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->rowAt(r).value(0) == name)
            return r;
    return -1;
}

} // namespace

class tst_GuiHost : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_dir;
    std::unique_ptr<PodmanSandbox> m_podman;
    std::unique_ptr<PodmanService> m_service;
    std::unique_ptr<MainWindow> m_w;

    fs::path storeRoot() const { return m_dir / "strata-store"; }

    int runAndWait(const QString &line, QString *out, QString *err)
    {
        QSignalSpy done(m_w->host(), &EngineHost::commandFinished);
        const int id = m_w->host()->run(line);
        for (int i = 0; i < 600; ++i) {
            for (const auto &args : done)
                if (args.at(0).toInt() == id) {
                    *out = args.at(2).toString();
                    *err = args.at(3).toString();
                    return args.at(1).toInt();
                }
            done.wait(200);
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (strata::test::runProgram("podman", {"--version"}).exitCode != 0)
            QSKIP("podman is not installed (Debian package podman): no real host to show");
        QVERIFY(m_tmp.isValid());
        m_dir = m_tmp.path().toStdString();
        m_podman = std::make_unique<PodmanSandbox>(m_dir / "podman");
        const QString why = strata::test::importBusyboxImage(*m_podman, m_dir, kImage);
        if (why.contains(QLatin1String("busybox is missing")))
            QSKIP(qPrintable(why));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const RunResult r = m_podman->run(strata::test::startableRuntimeFlags() + QStringList{"create", "--name", kContainer} +
                                          strata::test::startableContainerFlags() + QStringList{kImage});
        QVERIFY2(r.exitCode == 0, ("podman create: " + r.err).c_str());
        m_service = std::make_unique<PodmanService>(*m_podman, m_dir / "podman.sock");
        QString failed;
        QVERIFY2(m_service->start(&failed), qPrintable(failed));

        // The host's layers are cached under $XDG_CACHE_HOME: this suite's own.
        qputenv("XDG_CACHE_HOME", QByteArray::fromStdString((m_dir / "cache").string()));
        QCoreApplication::setOrganizationName(QStringLiteral("StrataTest"));
        setLanguage(QStringLiteral("en"));
        StartOptions o;
        o.engine.root = storeRoot();
        o.host = m_service->url();
        o.ensureBuiltins = false; // Strata's own store, shown last, stays empty
        m_w = std::make_unique<MainWindow>(o);
        m_w->resize(1600, 1000);
        m_w->show();
        QTRY_VERIFY_WITH_TIMEOUT(m_w->settled(), 120000);
    }

    void cleanupTestCase()
    {
        m_w.reset();
        if (m_service)
            m_service->stop();
        if (m_podman) { // no container left running, no read-only vfs layers left behind
            m_podman->run({"rm", "-f", "-t", "0", "-a"});
            m_podman->run({"system", "reset", "-f"});
        }
    }

    void bannerNamesTheHost()
    {
        const HostState &s = m_w->hostBanner()->state();
        QCOMPARE(s.phase, HostState::Phase::Connected);
        QCOMPARE(s.engine, QStringLiteral("Podman"));
        QVERIFY(m_w->hostBanner()->isVisible());
        const QString text = m_w->hostBanner()->text();
        QVERIFY2(text.contains(QStringLiteral("Podman at ") + m_service->url() + QStringLiteral(" — engine ")), qPrintable(text));
        QVERIFY2(!s.version.isEmpty(), qPrintable(text));
    }

    void listsShowTheHost()
    {
        QVERIFY(m_w->imageModel()->rowOf(kImage) >= 0);
        QCOMPARE(m_w->imageModel()->rowCount(), 1); // the host's one image, none of Strata's
        const int row = rowOfContainer(m_w->containerModel(), kContainer);
        QVERIFY(row >= 0);
        QVERIFY2(m_w->containerModel()->rowAt(row).value(1).contains(QStringLiteral("created")),
                 qPrintable(m_w->containerModel()->rowAt(row).join('|')));
        // The inspector's JSON for a container is the host's own.
        const auto snapshot = m_w->host()->lastSnapshot();
        const std::string id = m_w->containerModel()->rowAt(row).value(3).toStdString();
        QVERIFY(snapshot->containerInspect.count(id) == 1);
        QVERIFY(snapshot->containerInspect.at(id).find("\"/" + kContainer.toStdString() + "\"") != std::string::npos ||
                snapshot->containerInspect.at(id).find("\"" + kContainer.toStdString() + "\"") != std::string::npos);
        QCOMPARE(m_w->selectedImage(), kImage);
        QVERIFY(!fs::exists(storeRoot()));
    }

    void layerStackAndExplorerShowTheHostsImage()
    {
        // The imported busybox root file system is the image's one layer.
        QTRY_COMPARE_WITH_TIMEOUT(m_w->scene()->itemsOfKind(QStringLiteral("layer")).size(), 1, 60000);
        QVERIFY(m_w->explorer()->selectPath(QStringLiteral("/bin/busybox")));
        QVERIFY2(m_w->explorer()->detailsText().contains(QStringLiteral("Provided by layer 1")),
                 qPrintable(m_w->explorer()->detailsText()));
        QVERIFY(!fs::exists(storeRoot()));
    }

    void podmanStartMovesTheLifecycleScene()
    {
        QVERIFY(m_w->showScene(QStringLiteral("lifecycle")));
        EventScene *scene = m_w->scenes()->scene(QStringLiteral("lifecycle"));
        QVERIFY(scene);
        const int eventsBefore = m_w->eventModel()->rowCount();
        // As if typed in another terminal: podman's own CLI, not the API.
        const RunResult r = m_podman->run(strata::test::startableRuntimeFlags() + QStringList{"start", kContainer});
        QVERIFY2(r.exitCode == 0, ("podman start: " + r.err).c_str());
        QTRY_COMPARE_WITH_TIMEOUT(scene->stateOf(QStringLiteral("state"), QStringLiteral("running")), QStringLiteral("lit"), 60000);
        QVERIFY(m_w->eventModel()->rowCount() > eventsBefore);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->containerModel()->rowAt(rowOfContainer(m_w->containerModel(), kContainer))
                                     .value(1)
                                     .contains(QStringLiteral("running")),
                                 30000);
    }

    void podmanCommitReachesTheCommitScene()
    {
        QVERIFY(m_w->showScene(QStringLiteral("commit")));
        EventScene *scene = m_w->scenes()->scene(QStringLiteral("commit"));
        QVERIFY(scene);
        const RunResult r = m_podman->run({"commit", kContainer, QStringLiteral("localhost/strata-gui-host:committed")});
        QVERIFY2(r.exitCode == 0, ("podman commit: " + r.err).c_str());
        QTRY_VERIFY_WITH_TIMEOUT(scene->caption().contains(QStringLiteral("hardens")) ||
                                     scene->caption().contains(QStringLiteral("slides onto a new image")),
                                 60000);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->imageModel()->rowOf(QStringLiteral("localhost/strata-gui-host:committed")) >= 0, 30000);
    }

    void consoleRunsAgainstTheHost()
    {
        QString out, err;
        QCOMPARE(runAndWait(QStringLiteral("ps -a"), &out, &err), 0);
        QVERIFY2(out.contains(kContainer), qPrintable(out + err));
        // Lifecycle verbs go to the host, and the host's events move the scene.
        EventScene *lifecycle = m_w->scenes()->scene(QStringLiteral("lifecycle"));
        QCOMPARE(runAndWait(QStringLiteral("stop -t 0 ") + kContainer, &out, &err), 0);
        QTRY_COMPARE_WITH_TIMEOUT(lifecycle->stateOf(QStringLiteral("state"), QStringLiteral("exited")), QStringLiteral("lit"), 60000);
        QCOMPARE(m_podman->run({"inspect", "--format", "{{.State.Status}}", kContainer}).out, std::string("exited\n"));
        // A verb with no host side says so, and does not fall back to the store.
        const int rc = runAndWait(QStringLiteral("volume prune -f"), &out, &err);
        if (rc != 0)
            QVERIFY2(err.contains(m_service->url()), qPrintable(err));
        QVERIFY(!fs::exists(storeRoot()));
    }

    // The network scene draws the host's networks: podman's own bridge from
    // the first read, and one made by `podman network create` elsewhere
    // (Podman 4 sends no event for it: the worker notices the list change).
    void hostNetworksReachTheNetworkScene()
    {
        QVERIFY(m_w->showScene(QStringLiteral("network")));
        auto *scene = qobject_cast<NetworkScene *>(m_w->scenes()->scene(QStringLiteral("network")));
        QVERIFY(scene);
        const RunResult r = m_podman->run({"network", "create", "--subnet", "10.213.7.0/24", "strata-gui-net"});
        QVERIFY2(r.exitCode == 0, ("podman network create: " + r.err).c_str());
        QTRY_VERIFY_WITH_TIMEOUT(scene->model().net(QStringLiteral("strata-gui-net")) != nullptr, 30000);
        const NetModel::Net *n = scene->model().net(QStringLiteral("strata-gui-net"));
        QCOMPARE(n->subnet, QStringLiteral("10.213.7.0/24"));
        QCOMPARE(n->gateway, QStringLiteral("10.213.7.1"));
        QVERIFY(!n->bridge.isEmpty());
        QVERIFY(!scene->stateOf(QStringLiteral("bridge"), QStringLiteral("strata-gui-net")).isEmpty());
        const auto snapshot = m_w->host()->lastSnapshot();
        QVERIFY(std::any_of(snapshot->networks.begin(), snapshot->networks.end(),
                            [](const auto &j) { return j.value("Name", "") == "strata-gui-net"; }));
        // The Networks panel lists it too, with its subnet.
        QTRY_VERIFY_WITH_TIMEOUT(m_w->networkModel()->rowOf(QStringLiteral("strata-gui-net")) >= 0, 30000);
        QCOMPARE(m_w->networkModel()->rowAt(m_w->networkModel()->rowOf(QStringLiteral("strata-gui-net"))).value(2),
                 QStringLiteral("10.213.7.0/24"));
        // A `podman network rm` elsewhere (no event either) takes it out of both.
        QVERIFY(m_podman->run({"network", "rm", "strata-gui-net"}).exitCode == 0);
        QTRY_VERIFY_WITH_TIMEOUT(scene->model().net(QStringLiteral("strata-gui-net")) == nullptr, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_w->networkModel()->rowOf(QStringLiteral("strata-gui-net")), -1, 30000);
        QVERIFY(!fs::exists(storeRoot()));
    }

    void losingTheHostShowsAndReconnects()
    {
        m_service->stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_w->hostBanner()->state().phase, HostState::Phase::Lost, 60000);
        const QString text = m_w->hostBanner()->text();
        QVERIFY2(text.contains(QStringLiteral("No connection to ") + m_service->url()), qPrintable(text));
        QVERIFY(m_w->hostBanner()->isVisible());
        QVERIFY(m_w->imageModel()->rowOf(kImage) >= 0); // the last lists stay readable
        QString why;
        QVERIFY2(m_service->start(&why), qPrintable(why));
        QTRY_COMPARE_WITH_TIMEOUT(m_w->hostBanner()->state().phase, HostState::Phase::Connected, 90000);
        QVERIFY(m_w->imageModel()->rowOf(kImage) >= 0);
        QVERIFY(!fs::exists(storeRoot()));
    }

    void badHostsShowInTheBanner()
    {
        // Not a URL at all: said once, nothing to retry.
        m_w->showHost(QStringLiteral("bogus://nowhere"));
        QTRY_COMPARE_WITH_TIMEOUT(m_w->hostBanner()->state().phase, HostState::Phase::Invalid, 10000);
        QVERIFY2(m_w->hostBanner()->text().contains(QStringLiteral("bogus://nowhere")), qPrintable(m_w->hostBanner()->text()));
        // A socket that does not exist: the host and the problem, then retries.
        const QString missing = QStringLiteral("unix://") + QString::fromStdString((m_dir / "missing.sock").string());
        m_w->showHost(missing);
        QTRY_COMPARE_WITH_TIMEOUT(m_w->hostBanner()->state().phase, HostState::Phase::Lost, 10000);
        QVERIFY2(m_w->hostBanner()->text().contains(missing), qPrintable(m_w->hostBanner()->text()));
        QVERIFY(!fs::exists(storeRoot()));
        m_w->showHost(m_service->url());
        QTRY_COMPARE_WITH_TIMEOUT(m_w->hostBanner()->state().phase, HostState::Phase::Connected, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->imageModel()->rowOf(kImage) >= 0, 30000);
    }

    void switchingBackToStrataLeavesTheHost()
    {
        // Strata's own engine (a scratch store here): the banner goes.
        m_w->showHost(QString());
        QTRY_VERIFY_WITH_TIMEOUT(!m_w->hostBanner()->isVisible(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(m_w->imageModel()->rowOf(kImage) < 0, 120000);
        QCOMPARE(rowOfContainer(m_w->containerModel(), kContainer), -1);
    }
};

QTEST_MAIN(tst_GuiHost)
#include "tst_GuiHost.moc"
