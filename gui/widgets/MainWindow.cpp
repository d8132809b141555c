// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/MainWindow.h"

#include "app/Language.h"
#include "charts/ChartsPanel.h"

#include "classroom/ViewExport.h"
#include "diagram/DiagramPanel.h"
#include "core/EngineHost.h"
#include "core/EventPump.h"
#include "core/EventText.h"
#include "core/GuiStepGate.h"
#include "core/Palette.h"
#include "engine/lesson/LessonLibrary.h"
#include "lesson/LessonPanel.h"
#include "lesson/LessonSession.h"
#include "lesson/NoteView.h"
#include "models/EventLogModel.h"
#include "models/ImageListModel.h"
#include "models/NetworkRows.h"
#include "models/RowTableModel.h"
#include "scene/EventScene.h"
#include "scene/LayerStackScene.h"
#include "scene/SceneView.h"
#include "timeline/SessionTimeline.h"
#include "timeline/TimelineDock.h"
#include "timeline/TimelinePlayer.h"
#include "widgets/BuildDialog.h"
#include "widgets/CaptionLabel.h"
#include "widgets/ConsoleWidget.h"
#include "widgets/EventLogWidget.h"
#include "widgets/HostBanner.h"
#include "widgets/HostSwitcher.h"
#include "widgets/InspectorWidget.h"
#include "widgets/LayerExplorer.h"
#include "widgets/ScenePanel.h"

#include <QAction>
#include <QChartView>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace strata::gui {

using engine::events::EventKind;

namespace {

QTableView *makeListView(QAbstractItemModel *model, QWidget *parent, const QString &name)
{
    auto *v = new QTableView(parent);
    v->setModel(model);
    v->setObjectName(name);
    v->setSelectionBehavior(QAbstractItemView::SelectRows);
    v->setSelectionMode(QAbstractItemView::SingleSelection);
    v->verticalHeader()->hide();
    v->verticalHeader()->setDefaultSectionSize(22);
    v->horizontalHeader()->setStretchLastSection(true);
    v->setShowGrid(false);
    return v;
}

} // namespace

MainWindow::MainWindow(StartOptions options, QWidget *parent)
    : QMainWindow(parent), m_options(std::move(options)), m_startQueue(m_options.run)
{
    setObjectName(QStringLiteral("MainWindow"));
    m_host = new EngineHost(m_options.engine, this);
    m_images = new ImageListModel(this);
    m_containers = new RowTableModel([] { return QStringList{tr("Name"), tr("Status"), tr("Image")}; }, this);
    m_volumes = new RowTableModel([] { return QStringList{tr("Volume"), tr("Driver"), tr("Mountpoint")}; }, this);
    m_networks = new RowTableModel([] { return QStringList{tr("Network"), tr("Driver"), tr("Subnet")}; }, this);
    m_events = new EventLogModel(this);

    m_scene = new LayerStackScene(this);
    m_sceneView = new SceneView(m_scene, this);
    m_sceneView->setObjectName(QStringLiteral("sceneView"));
    m_caption = new CaptionLabel(this);
    QFont cf = m_caption->font();
    cf.setPointSizeF(cf.pointSizeF() * 1.35);
    m_caption->setFont(cf);
    m_scenes = new ScenePanel(m_host, m_scene, m_sceneView, m_caption, this);
    m_explorer = new LayerExplorer(this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_scenes, QString());
    m_tabs->addTab(m_explorer, QString());
    m_charts = new ChartsPanel(m_host, this);
    m_tabs->addTab(m_charts, QString());
    m_diagrams = new DiagramPanel(this);
    m_tabs->addTab(m_diagrams, QString());
    // The host banner sits above the tabs: whatever is shown, it says whose it is.
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    m_hostBanner = new HostBanner(centre);
    centreLayout->addWidget(m_hostBanner);
    centreLayout->addWidget(m_tabs, 1);
    setCentralWidget(centre);

    buildActions();
    buildDocks();
    buildMenus();
    buildStatusBar();

    connect(m_scenes, &ScenePanel::commandWanted, m_console, &ConsoleWidget::runLine);
    connect(m_scene, &LayerStackScene::captionChanged, this, [this](const QString &text) {
        // While rewound, the caption is the replay's; another scene keeps its own.
        if (m_timelineDock->player()->isLive() && !m_scenes->scene(m_scenes->currentScene()))
            m_caption->setText(text);
    });
    m_timelineDock->attach(m_scene, m_sceneView, m_caption);
    m_scene->setFollowSubject(true);
    connect(m_scene, &LayerStackScene::imageWanted, this, &MainWindow::selectImage);
    connect(m_scene, &LayerStackScene::pathClicked, this, [this](const QString &p) { m_explorer->selectPath(p); });
    connect(m_explorer, &LayerExplorer::pathSelected, m_scene, &LayerStackScene::selectPath);
    connect(m_host, &EngineHost::opened, this, [this](bool ok, const QString &error) {
        if (!ok) {
            m_engineError = error;
            m_caption->setText(tr("The engine could not open its store: %1").arg(error));
            m_startQueue.clear();
            m_startupDone = true;
            emit startupFinished();
        }
    });
    connect(m_host, &EngineHost::snapshot, this, &MainWindow::onSnapshot);
    connect(m_host, &EngineHost::detail, this, &MainWindow::onDetail);
    connect(m_host, &EngineHost::detailFailed, this, [this](const QString &ref, const QString &error) {
        m_detailPending = false;
        statusBar()->showMessage(tr("Cannot show %1: %2").arg(ref, error), 8000);
    });
    connect(m_host, &EngineHost::eventsArrived, this, &MainWindow::onEvents);
    connect(m_host, &EngineHost::commandFinished, this, [this](int id, int, const QString &, const QString &) {
        // A command may have changed the selected image (tag, rmi, load): redraw it.
        if (!m_selected.isEmpty()) {
            m_detailPending = true;
            m_host->requestDetail(m_selected);
        }
        if (id == m_waitingFor)
            QTimer::singleShot(0, this, &MainWindow::runNextStartCommand);
    });
    connect(m_host, &EngineHost::busyChanged, this, [this](bool busy) {
        if (!busy) {
            m_phase.clear();
            m_scenes->setPhaseLine(QString());
        }
        if (!busy)
            m_progress->hide();
    });
    connect(m_eventLog, &EventLogWidget::eventSelected, this, [this](const QString &json) {
        m_inspector->setJson(tr("Event"), json);
    });
    connect(m_containerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &i) {
                if (!i.isValid() || !m_snapshot)
                    return;
                const QStringList row = m_containers->rowAt(i.row());
                followSubject(row.value(0)); // its own image's stack, its layer lit
                const auto it = m_snapshot->containerInspect.find(row.value(3).toStdString());
                if (it != m_snapshot->containerInspect.end())
                    m_inspector->setJson(tr("container inspect %1").arg(row.value(0)), QString::fromStdString(it->second));
            });
    connect(m_volumeView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &i) {
                if (!i.isValid() || !m_snapshot)
                    return;
                const QStringList row = m_volumes->rowAt(i.row());
                const auto it = m_snapshot->volumeInspect.find(row.value(3).toStdString());
                if (it != m_snapshot->volumeInspect.end())
                    m_inspector->setJson(tr("volume inspect %1").arg(row.value(0)), QString::fromStdString(it->second));
            });
    connect(m_networkView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &i) {
                if (!i.isValid() || !m_snapshot)
                    return;
                const QStringList row = m_networks->rowAt(i.row());
                for (const auto &n : m_snapshot->networks)
                    if (n.is_object() && n.value("Id", "") == row.value(3).toStdString())
                        m_inspector->setJson(tr("network inspect %1").arg(row.value(0)), QString::fromStdString(n.dump(2)));
            });
    connect(m_imageView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        if (i.isValid())
            selectImage(m_images->refAt(i.row()));
    });
    connect(m_host, &EngineHost::stepModeRequested, this, [this] { m_stepModeAct->setChecked(true); });
    GuiStepGate *gate = m_host->gate();
    connect(gate, &GuiStepGate::phaseReached, this,
            [this](const QString &op, const QString &, const QString &description, int index, int count) {
                // On its own line: the scene keeps its caption.
                m_phase = tr("%1 — phase %2 of %3: %4").arg(op).arg(index + 1).arg(count).arg(description);
                m_scenes->setPhaseLine(m_phase);
            }, Qt::QueuedConnection);
    connect(gate, &GuiStepGate::waitingChanged, this, [this](bool waiting) { m_stepAct->setEnabled(waiting); },
            Qt::QueuedConnection);
    connect(m_host, &EngineHost::waitingChanged, this, [this](const QString &what) {
        m_stepLabel->setText(what.isEmpty() ? QString() : tr("Waiting: %1").arg(what));
        m_stepLabel->setToolTip(what);
        // Presentation hides the status bar: the phase line says the wait too.
        const QString wait = what.isEmpty() ? QString() : tr("Waiting: %1").arg(what);
        m_scenes->setPhaseLine(m_phase.isEmpty() ? wait : (wait.isEmpty() ? m_phase : m_phase + QStringLiteral(" · ") + wait));
    });

    QSettings s;
    const QRect avail = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First launch: most of the screen, centred, the docks at readable sizes
        // (a 1280x720 projector leaves the scene at least half the width).
        const QSize size(std::min(1600, avail.width() * 95 / 100), std::min(1000, avail.height() * 92 / 100));
        resize(size);
        move(avail.center() - QPoint(size.width() / 2, size.height() / 2));
        // Once shown at that size: before, the docks would be sized for the default window.
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_imagesDock, m_inspectorDock}, {std::clamp(width() / 5, 220, 320), std::clamp(width() / 6, 200, 300)},
                        Qt::Horizontal);
            resizeDocks({m_consoleDock}, {std::clamp(height() / 5, 140, 220)}, Qt::Vertical);
        });
    } else if (!avail.contains(geometry())) {
        // Saved on a larger screen: clamp to this one, so nothing is off-screen.
        const QSize size = geometry().size().boundedTo(avail.size());
        resize(size);
        move(avail.center() - QPoint(size.width() / 2, size.height() / 2));
    }
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_speed->setValue(s.value(QStringLiteral("scene/speed"), 4).toInt());
    m_reducedMotionAct->setChecked(s.value(QStringLiteral("scene/reducedMotion"), false).toBool());
    m_contrastAct->setChecked(s.value(QStringLiteral("scene/highContrast"), false).toBool());
    if (m_options.select.isEmpty())
        m_options.select = s.value(QStringLiteral("selection/image"), QStringLiteral("strata/demo-web:1.0")).toString();
    retranslate();

    connect(m_host, &EngineHost::hostStateChanged, this, &MainWindow::onHostState);
    connect(m_hostSwitcher, &HostSwitcher::hostChosen, this, &MainWindow::showHost);
    m_hostSwitcher->setCurrent(m_options.host);
    m_host->setHost(m_options.host);
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, &MainWindow::checkSettled);
    poll->start(150);
    m_host->start(m_options.ensureBuiltins);
    if (m_options.lesson > 0)
        openLesson(QString::number(m_options.lesson));
}

MainWindow::~MainWindow()
{
    // The lesson worker lives on the engine thread: close it while that runs.
    m_host->gate()->continueAll();
    // Closing the window hides the lesson dock, whose toggle would close the
    // session being deleted here.
    if (m_lessonDock)
        m_lessonDock->toggleViewAction()->disconnect(this);
    delete m_lessonSession;
    m_lessonSession = nullptr;
}

void MainWindow::openLesson(const QString &numberOrId)
{
    if (m_host->onHost()) { // a lesson drives a store of its own, which a host is not
        statusBar()->showMessage(tr("Lessons run on Strata's own engine: switch to it (Engine: in the toolbar) to open lesson %1.").arg(numberOrId), 10000);
        return;
    }
    if (!m_lessonSession) {
        m_lessonSession = new LessonSession(m_host, this);
        m_lessonPanel = new LessonPanel(m_lessonSession, this);
        m_lessonPanel->setStepModeAction(m_stepModeAct);
        m_lessonDock = new QDockWidget(this);
        m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
        m_lessonDock->setWidget(m_lessonPanel);
        addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
        tabifyDockWidget(m_inspectorDock, m_lessonDock);
        m_viewMenu->addAction(m_lessonDock->toggleViewAction());
        connect(m_lessonSession, &LessonSession::stateChanged, this, &MainWindow::onLessonState);
        m_lessonSession->setStoreRoot(QString::fromStdString(m_options.engine.root.string()));
        // Closing the lesson (its button or the dock's ×) leaves the lesson's store.
        connect(m_lessonPanel, &LessonPanel::closeRequested, m_lessonDock, &QDockWidget::close);
        connect(m_lessonDock->toggleViewAction(), &QAction::toggled, this, [this](bool shown) {
            if (!shown)
                m_lessonSession->close();
        });
        connect(m_lessonPanel, &LessonPanel::noteRequested, this, &MainWindow::openNote);
        connect(m_lessonPanel, &LessonPanel::presentationChanged, this, [this](bool on) {
            resizeDocks({m_lessonDock}, {on ? width() / 2 : 520}, Qt::Horizontal);
        });
        retranslate();
    }
    m_lessonDock->show();
    m_lessonDock->raise();
    resizeDocks({m_imagesDock, m_lessonDock}, {260, 520}, Qt::Horizontal); // the lists stay readable beside it
    m_lessonStepPlayed = m_options.lessonStep <= 0;
    m_lessonSession->open(numberOrId, m_options.lessonRoot);
}

void MainWindow::openNote(const QString &file, const QString &heading)
{
    if (!m_noteView) {
        m_noteView = new NoteView(this);
        m_noteDock = new QDockWidget(this);
        m_noteDock->setObjectName(QStringLiteral("noteDock"));
        m_noteDock->setWidget(m_noteView);
        m_noteDock->setWindowTitle(tr("Study note"));
        // A column of its own in the right area, beside the lesson (which shares
        // its column with the inspector): both stay in view.
        addDockWidget(Qt::RightDockWidgetArea, m_noteDock, Qt::Horizontal);
        m_viewMenu->addAction(m_noteDock->toggleViewAction());
        resizeDocks({m_noteDock}, {420}, Qt::Horizontal);
    }
    m_noteDock->show();
    m_noteDock->raise();
    m_noteView->showNote(file, heading);
}

void MainWindow::onLessonState(const LessonStatePtr &state)
{
    if (!m_lessonStepPlayed) {
        m_lessonStepPlayed = true;
        m_lessonSession->playTo(m_options.lessonStep);
    }
    // The step's scene: the scene switcher shows it, following its subject.
    if (const auto &scene = state->step().scene) {
        QStringList highlights;
        for (const auto &h : scene->highlight)
            highlights << QString::fromStdString(h);
        const QString subject = QString::fromStdString(state->sceneSubject);
        showScene(QString::fromStdString(scene->id), subject, highlights);
        // An image subject is also selected (its layer stack); a container
        // subject keeps the stack shown, which draws the container's slab.
        if (!subject.isEmpty() && m_images->rowOf(subject) >= 0)
            selectImage(subject);
    }
    m_storeLabel->setText(tr("lesson store %1").arg(QString::fromStdString(state->root)));
    if (!m_selected.isEmpty()) {
        m_detailPending = true;
        m_host->requestDetail(m_selected);
    }
}

void MainWindow::showHost(const QString &url)
{
    // Another engine, other images: the first snapshot picks the image to show.
    m_selected.clear();
    m_detail.reset();
    m_snapshot.reset();
    if (!url.isEmpty() && m_lessonDock) // the lesson's store is not the host's
        m_lessonDock->close();
    m_hostSwitcher->setCurrent(url);
    m_host->setHost(url);
}

void MainWindow::onHostState(const HostState &state)
{
    m_hostBanner->setState(state);
    applyHostLimits();
    const bool unreachable = state.phase == HostState::Phase::Lost || state.phase == HostState::Phase::Invalid;
    if (unreachable && !m_startupDone) { // --run lines have no engine to go to; --screenshot shows the banner
        m_startQueue.clear();
        m_startupDone = true;
        emit startupFinished();
    }
    statusBar()->setToolTip(HostBanner::describe(state));
    if (state.connected() && !m_selected.isEmpty()) { // back after a loss: draw the selection again
        m_detailPending = true;
        m_host->requestDetail(m_selected);
    }
}

void MainWindow::applyHostLimits()
{
    // What a host cannot do is disabled, and says why.
    const bool onHost = m_host->onHost();
    const QString why = tr("Not on a real host: this works on Strata's own engine only (Engine: in the toolbar switches)");
    for (QAction *a : {m_loadAct, m_saveAct, m_buildAct, m_stepModeAct}) {
        a->setEnabled(!onHost);
        a->setStatusTip(onHost ? why : QString());
    }
    m_lessonMenu->setEnabled(!onHost);
    m_lessonMenu->setToolTip(onHost ? tr("Lessons run on Strata's own engine, in a store of their own") : QString());
    m_lessonMenu->menuAction()->setToolTip(m_lessonMenu->toolTip());
    m_stepModeAct->setToolTip(onHost ? tr("A real host runs its own steps: it cannot wait for Step") : tr("The engine waits at each phase until you press Step (F9)"));
    m_buildAct->setToolTip(onHost ? why : QString());
    m_loadAct->setToolTip(onHost ? why : QString());
    m_saveAct->setToolTip(onHost ? why : QString());
    if (onHost && m_stepModeAct->isChecked())
        m_stepModeAct->setChecked(false);
}

void MainWindow::buildLessonMenu()
{
    m_lessonMenu->clear();
    const bool zh = currentLanguage() == QLatin1String("zh_CN");
    try {
        for (const auto &l : engine::lesson::loadLessons(engine::lesson::lessonsDir())) {
            const QString title = QString::fromStdString(zh ? l.title.zh : l.title.en);
            QAction *a = m_lessonMenu->addAction(tr("Lesson %1 · %2").arg(l.number).arg(title));
            connect(a, &QAction::triggered, this, [this, n = l.number] { openLesson(QString::number(n)); });
        }
    } catch (const std::exception &e) {
        QAction *a = m_lessonMenu->addAction(tr("No lessons: %1").arg(QString::fromStdString(e.what())));
        a->setEnabled(false);
    }
}

void MainWindow::buildActions()
{
    m_loadAct = new QAction(this);
    m_loadAct->setShortcut(QKeySequence::Open);
    connect(m_loadAct, &QAction::triggered, this, &MainWindow::loadArchive);
    m_saveAct = new QAction(this);
    m_saveAct->setShortcut(QKeySequence::Save);
    connect(m_saveAct, &QAction::triggered, this, &MainWindow::saveArchive);
    m_quitAct = new QAction(this);
    m_quitAct->setShortcut(QKeySequence::Quit);
    connect(m_quitAct, &QAction::triggered, this, &QWidget::close);
    m_refreshAct = new QAction(this);
    m_refreshAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R)); // F5 is presentation mode (UX.md)
    connect(m_refreshAct, &QAction::triggered, this, [this] {
        m_host->refresh();
        if (!m_selected.isEmpty())
            m_host->requestDetail(m_selected);
    });
    m_infoAct = new QAction(this);
    connect(m_infoAct, &QAction::triggered, this, [this] { m_host->run(QStringLiteral("info")); });
    m_buildAct = new QAction(this);
    connect(m_buildAct, &QAction::triggered, this, [this] {
        BuildDialog d(this);
        if (d.exec() == QDialog::Accepted) {
            showScene(QStringLiteral("build"));
            m_console->runLine(d.commandLine());
        }
    });
    m_stepModeAct = new QAction(this);
    m_stepModeAct->setCheckable(true);
    m_stepModeAct->setShortcut(Qt::Key_F9);
    connect(m_stepModeAct, &QAction::toggled, this, [this](bool on) {
        m_host->gate()->setStepMode(on);
        m_stepLabel->setText(on ? tr("step mode") : QString());
    });
    m_stepAct = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_stepAct->setShortcut(Qt::Key_F10);
    m_stepAct->setEnabled(false);
    connect(m_stepAct, &QAction::triggered, this, [this] { m_host->gate()->step(); });
    m_continueAct = new QAction(style()->standardIcon(QStyle::SP_MediaSeekForward), QString(), this);
    m_continueAct->setShortcut(Qt::Key_F8);
    connect(m_continueAct, &QAction::triggered, this, [this] {
        m_stepModeAct->setChecked(false);
        m_host->gate()->continueAll();
    });
    m_reducedMotionAct = new QAction(this);
    m_reducedMotionAct->setCheckable(true);
    connect(m_reducedMotionAct, &QAction::toggled, this, [this](bool on) {
        m_scene->setReducedMotion(on);
        m_scenes->setReducedMotion(on);
        m_timelineDock->player()->setReducedMotion(on);
        QSettings().setValue(QStringLiteral("scene/reducedMotion"), on);
    });
    m_contrastAct = new QAction(this);
    m_contrastAct->setCheckable(true);
    connect(m_contrastAct, &QAction::toggled, this, [this](bool on) {
        Palette::setHighContrast(on);
        m_scene->retranslate();
        m_diagrams->redraw();
        m_charts->setLargeType(presenting());
        QSettings().setValue(QStringLiteral("scene/highContrast"), on);
    });
    m_presentAct = new QAction(this);
    m_presentAct->setCheckable(true);
    m_presentAct->setShortcut(Qt::Key_F5);
    connect(m_presentAct, &QAction::toggled, this, &MainWindow::setPresentation);
    m_gettingStartedAct = new QAction(style()->standardIcon(QStyle::SP_DialogHelpButton), QString(), this);
    m_gettingStartedAct->setShortcut(QKeySequence::HelpContents);
    connect(m_gettingStartedAct, &QAction::triggered, this, &MainWindow::showGettingStarted);
    m_aboutAct = new QAction(this);
    connect(m_aboutAct, &QAction::triggered, this, &MainWindow::showAbout);
    m_langAct = new QAction(this);
    m_langAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_langAct, &QAction::triggered, this, [] {
        setLanguage(currentLanguage() == QLatin1String("zh_CN") ? QStringLiteral("en") : QStringLiteral("zh_CN"));
    });
    m_exportSvgAct = new QAction(this);
    m_exportSvgAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportSvgAct, &QAction::triggered, this, [this] { exportWithDialog(QStringLiteral("svg")); });
    m_exportPngAct = new QAction(this);
    m_exportPngAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_exportPngAct, &QAction::triggered, this, [this] { exportWithDialog(QStringLiteral("png")); });
    for (int i = 0; i < 4; ++i) { // Alt+1..4: the central tabs (Ctrl+1..9 pick scenes)
        auto *a = new QAction(this);
        a->setShortcut(QKeySequence(Qt::ALT | (Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { m_tabs->setCurrentIndex(i); });
        m_tabActs << a;
    }

    m_stepBar = addToolBar(QString());
    m_stepBar->setObjectName(QStringLiteral("stepToolbar"));
    m_stepBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_stepBar->addAction(m_stepModeAct);
    m_stepBar->addAction(m_stepAct);
    m_stepBar->addAction(m_continueAct);
    m_stepBar->addSeparator();
    m_speedLabel = new QLabel(this);
    m_speed = new QSlider(Qt::Horizontal, this);
    m_speed->setRange(1, 16); // quarter steps: 4 = normal speed
    m_speed->setFixedWidth(120);
    connect(m_speed, &QSlider::valueChanged, this, [this](int v) {
        m_scene->setSpeed(v / 4.0);
        m_scenes->setSpeed(v / 4.0);
        QSettings().setValue(QStringLiteral("scene/speed"), v);
        retranslate();
    });
    m_stepBar->addWidget(m_speedLabel);
    m_stepBar->addWidget(m_speed);
    m_stepBar->addSeparator();
    m_stepBar->addAction(m_langAct);

    m_hostBar = addToolBar(QString());
    m_hostBar->setObjectName(QStringLiteral("hostToolbar"));
    m_hostSwitcher = new HostSwitcher(this);
    m_hostBar->addWidget(m_hostSwitcher);
}

void MainWindow::buildDocks()
{
    auto dock = [this](QWidget *w, const QString &name, Qt::DockWidgetArea area) {
        auto *d = new QDockWidget(this);
        d->setObjectName(name);
        d->setWidget(w);
        addDockWidget(area, d);
        return d;
    };
    m_imageView = makeListView(m_images, this, QStringLiteral("imageView"));
    m_imageView->horizontalHeader()->setSectionResizeMode(ImageListModel::Name, QHeaderView::Stretch);
    m_imageView->horizontalHeader()->setStretchLastSection(false);
    m_containerView = makeListView(m_containers, this, QStringLiteral("containerView"));
    m_volumeView = makeListView(m_volumes, this, QStringLiteral("volumeView"));
    m_networkView = makeListView(m_networks, this, QStringLiteral("networkView"));
    m_imagesDock = dock(m_imageView, QStringLiteral("imagesDock"), Qt::LeftDockWidgetArea);
    m_containersDock = dock(m_containerView, QStringLiteral("containersDock"), Qt::LeftDockWidgetArea);
    m_volumesDock = dock(m_volumeView, QStringLiteral("volumesDock"), Qt::LeftDockWidgetArea);
    m_networksDock = dock(m_networkView, QStringLiteral("networksDock"), Qt::LeftDockWidgetArea);
    m_inspector = new InspectorWidget(this);
    m_inspectorDock = dock(m_inspector, QStringLiteral("inspectorDock"), Qt::RightDockWidgetArea);
    m_console = new ConsoleWidget(m_host, this);
    m_consoleDock = dock(m_console, QStringLiteral("consoleDock"), Qt::BottomDockWidgetArea);
    m_eventLog = new EventLogWidget(m_events, this);
    m_eventsDock = dock(m_eventLog, QStringLiteral("eventsDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(m_consoleDock, m_eventsDock, Qt::Horizontal);
    m_timelineDock = new TimelineDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_timelineDock);
    tabifyDockWidget(m_eventsDock, m_timelineDock);
    m_eventsDock->raise();
    resizeDocks({m_imagesDock, m_containersDock, m_volumesDock, m_networksDock}, {240, 110, 80, 80}, Qt::Vertical);
    resizeDocks({m_imagesDock, m_inspectorDock}, {300, 320}, Qt::Horizontal);
    resizeDocks({m_consoleDock}, {210}, Qt::Vertical);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_loadAct);
    m_fileMenu->addAction(m_saveAct);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportSvgAct);
    m_fileMenu->addAction(m_exportPngAct);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAct);
    m_viewMenu = menuBar()->addMenu(QString());
    for (QDockWidget *d : {m_imagesDock, m_containersDock, m_volumesDock, m_networksDock, m_inspectorDock, m_consoleDock, m_eventsDock,
                           static_cast<QDockWidget *>(m_timelineDock)})
        m_viewMenu->addAction(d->toggleViewAction());
    m_viewMenu->addMenu(m_scenes->menu());
    m_viewMenu->addSeparator();
    m_viewMenu->addActions(m_tabActs);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_reducedMotionAct);
    m_viewMenu->addAction(m_contrastAct);
    m_viewMenu->addAction(m_presentAct);
    m_viewMenu->addAction(m_langAct);
    menuBar()->addMenu(m_timelineDock->menu());
    m_lessonMenu = menuBar()->addMenu(QString());
    m_engineMenu = menuBar()->addMenu(QString());
    m_engineMenu->addAction(m_refreshAct);
    m_engineMenu->addAction(m_infoAct);
    m_engineMenu->addAction(m_buildAct);
    m_engineMenu->addSeparator();
    m_engineMenu->addAction(m_stepModeAct);
    m_engineMenu->addAction(m_stepAct);
    m_engineMenu->addAction(m_continueAct);
    m_helpMenu = menuBar()->addMenu(QString());
    for (QMenu *m : {m_fileMenu, m_engineMenu}) // a disabled action says why (on a real host)
        m->setToolTipsVisible(true);
    m_helpMenu->addAction(m_gettingStartedAct);
    m_helpMenu->addAction(m_aboutAct);
    // Shortcuts keep working when presentation mode hides the menu bar.
    for (QMenu *m : {m_fileMenu, m_viewMenu, m_timelineDock->menu(), m_engineMenu, m_helpMenu})
        addActions(m->actions());
    // Tab order: lists, the centre, inspector, console, events, timeline.
    setTabOrder(m_imageView, m_containerView);
    setTabOrder(m_containerView, m_volumeView);
    setTabOrder(m_volumeView, m_networkView);
    setTabOrder(m_networkView, m_tabs);
    setTabOrder(m_tabs, m_inspector);
    setTabOrder(m_inspector, m_console);
    setTabOrder(m_console, m_eventLog);
}

void MainWindow::buildStatusBar()
{
    m_driverLabel = new QLabel(this);
    m_modeLabel = new QLabel(this);
    m_storeLabel = new QLabel(this);
    m_countLabel = new QLabel(this);
    m_stepLabel = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    for (QLabel *l : {m_driverLabel, m_modeLabel, m_storeLabel, m_countLabel, m_stepLabel})
        statusBar()->addWidget(l);
    // A long store path or wait message is cut, never widens the window (full text in the tooltip).
    for (QLabel *l : {m_storeLabel, m_stepLabel})
        l->setMaximumWidth(480);
    statusBar()->addPermanentWidget(m_progress);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Strata — a container engine you can watch"));
    m_tabs->setTabText(0, tr("Scenes"));
    m_tabs->setTabText(1, tr("Layer explorer"));
    m_tabs->setTabText(2, tr("Charts"));
    m_tabs->setTabText(3, tr("Diagrams"));
    m_exportSvgAct->setText(tr("&Export view as SVG…"));
    m_exportSvgAct->setToolTip(tr("The scene, replay frame, chart or diagram shown, as a vector picture for slides (Ctrl+E)"));
    m_exportPngAct->setText(tr("Export view as &PNG…"));
    m_exportPngAct->setToolTip(tr("The scene, replay frame, chart or diagram shown, as an image at twice its size (Ctrl+Shift+E)"));
    const QStringList tabNames{tr("Show the scenes"), tr("Show the layer explorer"), tr("Show the charts"),
                               tr("Show the diagrams")};
    for (int i = 0; i < m_tabActs.size(); ++i)
        m_tabActs[i]->setText(tabNames.value(i));
    m_imagesDock->setWindowTitle(tr("Images"));
    m_containersDock->setWindowTitle(tr("Containers"));
    m_volumesDock->setWindowTitle(tr("Volumes"));
    m_networksDock->setWindowTitle(tr("Networks"));
    m_inspectorDock->setWindowTitle(tr("Inspector"));
    m_consoleDock->setWindowTitle(tr("Console"));
    m_eventsDock->setWindowTitle(tr("Events"));
    m_stepBar->setWindowTitle(tr("Step"));
    m_hostBar->setWindowTitle(tr("Engine"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_lessonMenu->setTitle(tr("&Lesson"));
    m_engineMenu->setTitle(tr("&Engine"));
    m_helpMenu->setTitle(tr("&Help"));
    m_loadAct->setText(tr("&Load image archive…"));
    m_saveAct->setText(tr("&Save selected image…"));
    m_quitAct->setText(tr("&Quit"));
    m_refreshAct->setText(tr("&Refresh"));
    m_infoAct->setText(tr("Engine &info"));
    m_buildAct->setText(tr("&Build image…"));
    m_stepModeAct->setText(tr("Step mode"));
    m_stepModeAct->setToolTip(tr("The engine waits at each phase until you press Step (F9)"));
    m_stepAct->setText(tr("Step"));
    m_stepAct->setToolTip(tr("Let the engine do its next phase (F10)"));
    m_continueAct->setText(tr("Continue"));
    m_continueAct->setToolTip(tr("Leave step mode and run to the end (F8)"));
    m_reducedMotionAct->setText(tr("Reduced motion (fades instead of moves)"));
    m_contrastAct->setText(tr("High-contrast palette"));
    m_presentAct->setText(tr("Presentation mode"));
    m_aboutAct->setText(tr("&About Strata"));
    m_gettingStartedAct->setText(tr("&Getting started"));
    m_langAct->setText(currentLanguage() == QLatin1String("zh_CN") ? QStringLiteral("EN") : QStringLiteral("中文"));
    m_langAct->setToolTip(tr("Switch the interface language (Ctrl+L)"));
    buildLessonMenu();
    applyHostLimits();
    if (m_lessonDock)
        m_lessonDock->setWindowTitle(tr("Lesson"));
    if (m_noteDock)
        m_noteDock->setWindowTitle(tr("Study note"));
    m_speedLabel->setText(tr(" Speed ×%1 ").arg(m_speed->value() / 4.0, 0, 'g', 3));
    if (m_snapshot)
        onSnapshot(m_snapshot);
    else {
        m_driverLabel->setText(tr("engine starting…"));
        if (m_caption->text().isEmpty())
            m_caption->setText(tr("Opening the image store and making the built-in images…"));
    }
    m_scene->retranslate();
}

void MainWindow::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(e);
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    if (!m_selected.isEmpty())
        s.setValue(QStringLiteral("selection/image"), m_selected);
    m_host->gate()->continueAll();
    QMainWindow::closeEvent(e);
}

void MainWindow::keyPressEvent(QKeyEvent *e)
{
    // Presentation keys: Space = Step, F = Continue, Esc = leave.
    if (m_presentAct->isChecked()) {
        if (e->key() == Qt::Key_Space && (e->modifiers() & Qt::ShiftModifier)) {
            m_timelineDock->player()->stepBack(); // Back replays the drawing, never the engine
            return;
        }
        if (e->key() == Qt::Key_Space) {
            m_host->gate()->step();
            return;
        }
        if (e->key() == Qt::Key_F) {
            m_continueAct->trigger();
            return;
        }
        if (e->key() == Qt::Key_Escape) {
            m_presentAct->setChecked(false);
            return;
        }
    }
    QMainWindow::keyPressEvent(e);
}

void MainWindow::setPresentation(bool on)
{
    if (m_presentAct->isChecked() != on) { // called directly: go through the action (F5, menu)
        m_presentAct->setChecked(on);
        return;
    }
    for (QDockWidget *d : {m_imagesDock, m_containersDock, m_volumesDock, m_networksDock, m_inspectorDock, m_consoleDock, m_eventsDock,
                           static_cast<QDockWidget *>(m_timelineDock)})
        d->setVisible(!on);
    if (m_tabs->currentIndex() == 1) // the explorer is for one reader, not a room
        m_tabs->setCurrentIndex(0);
    menuBar()->setVisible(!on);
    m_tabs->tabBar()->setVisible(!on); // Alt+1…4 still switch
    m_scenes->tabBar()->setVisible(!on); // Ctrl+1…9 still switch: the room gets the height
    statusBar()->setVisible(!on);
    m_stepBar->setVisible(!on);
    m_charts->setLargeType(on);
    QFont cf = m_caption->font();
    cf.setPointSizeF(QApplication::font().pointSizeF() * (on ? 1.35 * 1.35 : 1.35));
    m_caption->setFont(cf);
    m_contrastAct->setChecked(on);
    on ? showFullScreen() : showNormal();
    if (on) // without a window manager (a virtual display) full screen must be asked for by size
        QTimer::singleShot(200, this, [this] {
            if (isFullScreen() && screen() && size() != screen()->size())
                setGeometry(screen()->geometry());
        });
}

void MainWindow::onSnapshot(const EngineSnapshotPtr &s)
{
    m_snapshot = s;
    m_scene->onSnapshot(s);
    m_scenes->onSnapshot(s);
    m_images->setImages(s->images);
    QStringList names;
    for (int r = 0; r < m_images->rowCount(); ++r)
        names << m_images->refAt(r);
    m_console->setImageNames(names);
    QList<QStringList> rows;
    for (const auto &c : s->containers) {
        using engine::container::Status;
        const Status st = c.state.status;
        // A symbol and a word for each state: never colour alone.
        const QString status = st == Status::Running  ? tr("● running")
                               : st == Status::Paused ? tr("‖ paused")
                               : st == Status::Exited ? tr("■ exited (%1)").arg(c.state.exitCode)
                               : st == Status::Created ? tr("○ created")
                                                       : QString::fromUtf8(engine::container::toString(st));
        rows << QStringList{QString::fromStdString(c.name), status, QString::fromStdString(c.image),
                            QString::fromStdString(c.id)};
    }
    m_containers->setRows(rows);
    QList<QStringList> vrows;
    for (const auto &v : s->volumes)
        vrows << QStringList{QString::fromStdString(v.anonymous ? v.name.substr(0, 12) + "…" : v.name),
                             QString::fromStdString(v.driver), QString::fromStdString(v.mountpoint),
                             QString::fromStdString(v.name)};
    m_volumes->setRows(vrows);
    m_networks->setRows(networkRows(s->networks));
    m_driverLabel->setText(tr("driver %1").arg(QString::fromStdString(s->info.driver)));
    m_driverLabel->setToolTip(QString::fromStdString(s->info.driverReason));
    m_modeLabel->setText(s->info.rootless ? tr("rootless") : tr("root"));
    // While a lesson is open the worker shows the lesson's engine: say so.
    m_storeLabel->setText((m_host->onHost()                                    ? tr("host %1")
                           : m_lessonSession && m_lessonSession->state() ? tr("lesson store %1")
                                                                         : tr("store %1"))
                              .arg(QString::fromStdString(s->info.root)));
    m_storeLabel->setToolTip(m_storeLabel->text());
    m_countLabel->setText(tr("%n image(s)", nullptr, static_cast<int>(s->info.images)));
    if (m_selected.isEmpty() || m_images->rowOf(m_selected) < 0) {
        const int row = std::max(0, m_images->rowOf(m_options.select));
        if (row < m_images->rowCount())
            selectImage(m_images->refAt(row));
    }
    if (!m_startupDone && m_waitingFor < 0 && m_host->isOpen())
        runNextStartCommand();
}

void MainWindow::runNextStartCommand()
{
    // --run lines run one after another; each waits for the last and for its scene.
    if (m_scene->animating()) {
        QTimer::singleShot(100, this, &MainWindow::runNextStartCommand);
        return;
    }
    if (m_startQueue.isEmpty()) {
        m_waitingFor = 0;
        if (!m_startupDone) {
            m_startupDone = true;
            emit startupFinished();
        }
        return;
    }
    m_waitingFor = m_host->run(m_startQueue.takeFirst());
}

void MainWindow::selectImage(const QString &ref)
{
    if (ref.isEmpty())
        return;
    const int row = m_images->rowOf(ref);
    if (row >= 0 && m_imageView->currentIndex().row() != row)
        m_imageView->setCurrentIndex(m_images->index(row, 0)); // re-enters through currentRowChanged
    if (ref == m_selected)
        return;
    m_selected = ref;
    m_detailPending = true;
    m_host->requestDetail(ref);
}

void MainWindow::onDetail(const ImageDetailPtr &d)
{
    if (d->ref != m_selected && !(m_selected.isEmpty()))
        return;
    m_detailPending = false;
    const bool changed = !m_detail || m_detail->id != d->id || m_detail->layers.size() != d->layers.size();
    m_detail = d;
    if (changed || m_scene->detail() != d) {
        m_timelineDock->timeline()->recordImage(d);
        m_scene->showImage(d);
        // A lesson step's stack arrives after the step was shown: light its layers and paths again.
        if (m_lessonSession && m_lessonSession->state()) {
            const auto &scene = m_lessonSession->state()->step().scene;
            if (scene && QString::fromStdString(scene->id) == m_scenes->currentScene() && !m_scenes->scene(m_scenes->currentScene())) {
                QStringList highlights;
                for (const auto &h : scene->highlight)
                    highlights << QString::fromStdString(h);
                m_scenes->showScene(m_scenes->currentScene(), QString(), highlights);
            }
        }
    }
    m_explorer->setDetail(d);
    m_charts->setDetail(d);
    m_inspector->setJson(tr("image inspect %1").arg(d->ref), QString::fromStdString(d->inspectJson));
}

void MainWindow::onEvents(const EventBatch &batch)
{
    m_events->append(batch);
    m_timelineDock->timeline()->recordEvents(batch);
    m_scene->onEvents(batch);
    m_scenes->onEvents(batch);
    bool imagesChanged = false;
    for (const auto &e : batch) {
        switch (e.kind) {
        case EventKind::LayerExtractStarted:
        case EventKind::LayerProgress:
        case EventKind::LayerExtracted: {
            const auto &a = e.attrs;
            const int index = a.value("index", 0), count = std::max(a.value("count", 1), 1);
            m_progress->setRange(0, count);
            m_progress->setValue(index + (e.kind == EventKind::LayerExtracted ? 1 : 0));
            m_progress->setFormat(tr("layer %1/%2 · %3 files").arg(index + 1).arg(count).arg(a.value("files", 0)));
            m_progress->show();
            if (e.kind == EventKind::LayerExtracted && index + 1 >= count)
                QTimer::singleShot(800, m_progress, &QWidget::hide);
            break;
        }
        case EventKind::Progress: {
            const auto &a = e.attrs;
            m_progress->setRange(0, std::max(1, a.value("total", 1)));
            m_progress->setValue(a.value("current", 0));
            m_progress->setFormat(QString::fromStdString(a.value("label", e.id)) + " %p%");
            m_progress->show();
            break;
        }
        case EventKind::ImageLoaded:
        case EventKind::ImageImported:
        case EventKind::ImageTagged:
        case EventKind::ImageUntagged:
        case EventKind::ImageDeleted: imagesChanged = true; break;
        default: break;
        }
    }
    if (imagesChanged)
        m_host->refresh();
}

bool MainWindow::settled() const
{
    // A host without images has no stack to draw: its lists are the whole picture.
    // One that cannot be reached has its banner as the whole picture.
    const HostState &host = m_host->hostState();
    const bool drawn = m_detail || (host.onHost() && m_snapshot && m_snapshot->images.empty()) ||
                       host.phase == HostState::Phase::Lost || host.phase == HostState::Phase::Invalid;
    return m_startupDone && !m_detailPending && drawn && m_host->pendingCommands() == 0 && !m_scene->animating() &&
           !m_scenes->animating() &&
           (!m_lessonSession || (m_lessonSession->state() && !m_lessonSession->busy() && m_lessonStepPlayed) ||
            !m_lessonSession->error().isEmpty());
}

QString MainWindow::caption() const
{
    return m_caption->text();
}

void MainWindow::checkSettled()
{
    if (!m_viewApplied && settled()) {
        // --view / --path apply once the first image is drawn.
        m_viewApplied = true;
        if (!m_options.path.isEmpty()) {
            m_explorer->showLayer(-1);
            m_explorer->selectPath(m_options.path);
            m_scene->selectPath(m_options.path.startsWith('/') ? m_options.path.mid(1) : m_options.path);
        }
        if (m_options.view == QLatin1String("explorer"))
            m_tabs->setCurrentIndex(1);
        if (!m_options.scene.isEmpty())
            showScene(m_options.scene);
        if (m_options.present)
            setPresentation(true);
        m_stableTicks = 0; // let the new view settle before a screenshot
    }
    if (m_options.screenshot.isEmpty() && m_options.dumpScene.isEmpty())
        return;
    m_stableTicks = settled() || !m_engineError.isEmpty() ? m_stableTicks + 1 : 0;
    if (m_stableTicks < 4)
        return;
    const QString file = m_options.screenshot, dump = m_options.dumpScene;
    m_options.screenshot.clear();
    m_options.dumpScene.clear();
    bool ok = file.isEmpty() || saveScreenshot(file);
    if (!dump.isEmpty())
        ok = dumpScene(dump) && ok;
    QCoreApplication::exit(ok && m_engineError.isEmpty() ? 0 : 1);
}

bool MainWindow::showScene(const QString &id, const QString &subject, const QStringList &highlights)
{
    if (id == QLatin1String("charts"))
        return showCharts(subject, highlights);
    m_tabs->setCurrentIndex(0);
    if (!subject.isEmpty())
        followSubject(subject);
    return m_scenes->showScene(id, subject, highlights);
}

QStringList MainWindow::sceneIds()
{
    return ScenePanel::sceneIds() << QStringLiteral("charts");
}

bool MainWindow::showCharts(const QString &subject, const QStringList &highlights)
{
    // A lesson step's "charts" scene: the Charts tab on the subject's image,
    // the chart its highlight names (chart:disk-use|layer-sizes|wasted).
    static const QStringList charts{QStringLiteral("chart:disk-use"), QStringLiteral("chart:layer-sizes"),
                                    QStringLiteral("chart:wasted")};
    m_tabs->setCurrentIndex(2);
    if (!subject.isEmpty())
        followSubject(subject);
    for (const QString &h : highlights)
        if (const int which = static_cast<int>(charts.indexOf(h)); which >= 0)
            m_charts->setCurrent(which);
    return true;
}

void MainWindow::followSubject(const QString &subject)
{
    if (subject.isEmpty() || !m_snapshot)
        return;
    for (const auto &c : m_snapshot->containers) {
        const QString id = QString::fromStdString(c.id), name = QString::fromStdString(c.name);
        if (name != subject && !(subject.size() >= 4 && id.startsWith(subject)))
            continue;
        QString ref = QString::fromStdString(c.imageId.str());
        for (const auto &img : m_snapshot->images)
            if (img.id == c.imageId && !img.repoTags.empty())
                ref = QString::fromStdString(img.repoTags.front());
        m_scene->setSubjectContainer(name);
        selectImage(ref);
        return;
    }
    m_scene->setSubjectContainer(QString());
    for (const auto &img : m_snapshot->images)
        for (const auto &t : img.repoTags)
            if (QString::fromStdString(t) == subject || QString::fromStdString(t) == subject + QStringLiteral(":latest")) {
                selectImage(QString::fromStdString(t));
                return;
            }
}

QJsonObject MainWindow::sceneDump() const
{
    if (m_tabs->currentIndex() == 2) { // the Charts tab: which chart, of which image
        static const char *names[] = {"chart:disk-use", "chart:layer-sizes", "chart:wasted"};
        const int which = m_charts->current();
        return QJsonObject{{QStringLiteral("scene"), QStringLiteral("charts")},
                           {QStringLiteral("subject"), m_selected},
                           {QStringLiteral("image"), m_selected},
                           {QStringLiteral("highlighted"),
                            QJsonArray{QLatin1String(which >= 0 && which < 3 ? names[which] : "")}}};
    }
    const QString id = m_scenes->currentScene();
    QJsonObject o;
    if (EventScene *s = m_scenes->scene(id))
        o = s->dump();
    else
        o = m_scene->dump();
    o[QStringLiteral("scene")] = id;
    if (!o.contains(QStringLiteral("subject")))
        o[QStringLiteral("subject")] = m_scene->subjectContainer().isEmpty() ? m_selected : m_scene->subjectContainer();
    o[QStringLiteral("caption")] = m_caption->text();
    return o;
}

bool MainWindow::dumpScene(const QString &file) const
{
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(QJsonDocument(sceneDump()).toJson()) > 0;
}

bool MainWindow::saveScreenshot(const QString &file)
{
    return grab().save(file, "PNG");
}

bool MainWindow::presenting() const
{
    return m_presentAct->isChecked();
}

QGraphicsView *MainWindow::currentExportView() const
{
    switch (m_tabs->currentIndex()) {
    case 2: return m_charts->currentView();
    case 3: return m_diagrams->view();
    default: {
        // The mechanism scene shown; the layer stack's view also carries the
        // timeline's replay frame while rewound.
        QGraphicsView *v = m_scenes->view(m_scenes->currentScene());
        return v ? v : m_sceneView;
    }
    }
}

bool MainWindow::exportCurrentView(const QString &file)
{
    QString error;
    const bool ok = exportView(currentExportView(), file, m_tabs->tabText(m_tabs->currentIndex()), &error);
    statusBar()->showMessage(ok ? tr("Exported %1").arg(file) : error, 8000);
    return ok;
}

void MainWindow::exportWithDialog(const QString &suffix)
{
    const QString filter = suffix == QLatin1String("svg") ? tr("SVG pictures (*.svg)") : tr("PNG images (*.png)");
    const QString file = QFileDialog::getSaveFileName(this, tr("Export view"), QStringLiteral("strata-view.") + suffix, filter);
    if (!file.isEmpty())
        exportCurrentView(file.endsWith(QLatin1Char('.') + suffix) ? file : file + QLatin1Char('.') + suffix);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Strata"),
                       tr("<h3>Strata %1</h3><p>A container engine you can watch: Docker's verbs over a real image "
                          "store, drawn from the engine's own events.</p><p>Licensed under the GNU GPL v3 or later.</p>")
                           .arg(QStringLiteral(STRATA_VERSION)));
}

void MainWindow::showGettingStarted()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("Getting started"),
                                tr("<h3>What to click first</h3><ol>"
                                   "<li><b>Images</b> (left): click <code>strata/demo-web:1.0</code>. The centre shows its "
                                   "read-only layers, bottom = L1, and the merged view above them.</li>"
                                   "<li><b>Console</b> (bottom): type <code>run -d --name web strata/demo-web:1.0</code>. "
                                   "The container's writable layer appears on its image's stack.</li>"
                                   "<li>Type <code>exec web rm /etc/motd</code>, then switch scenes with the tabs "
                                   "(Copy-on-write, Lifecycle, commit …): each shows the same container from another side.</li>"
                                   "<li><b>Lesson</b> menu: open lesson 1 for a guided tour with checks.</li></ol>"
                                   "<h3>Shortcuts</h3><table>"
                                   "<tr><td>Ctrl+1 … Ctrl+9</td><td>scenes</td></tr>"
                                   "<tr><td>Alt+1 … Alt+4</td><td>scenes, explorer, charts, diagrams</td></tr>"
                                   "<tr><td>F9 / F10 / F8</td><td>step mode / Step / Continue</td></tr>"
                                   "<tr><td>Ctrl+C (console)</td><td>stop the running command</td></tr>"
                                   "<tr><td>Alt+Left / Alt+Right, F6</td><td>timeline back / forward, replay</td></tr>"
                                   "<tr><td>F5</td><td>presentation mode (Space = Step, Shift+Space = Back, F = Continue, Esc = leave)</td></tr>"
                                   "<tr><td>Ctrl+E / Ctrl+Shift+E</td><td>export the view as SVG / PNG</td></tr>"
                                   "<tr><td>Ctrl+L</td><td>中文 / English</td></tr>"
                                   "<tr><td>F1</td><td>this page</td></tr></table>"),
                                QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("gettingStarted"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

void MainWindow::loadArchive()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Load image archive"), QString(),
                                                      tr("Image archives (*.tar *.tar.gz *.tgz);;All files (*)"));
    if (!file.isEmpty())
        m_host->run(QStringLiteral("load -i '%1'").arg(file));
}

void MainWindow::saveArchive()
{
    if (m_selected.isEmpty())
        return;
    const QString file = QFileDialog::getSaveFileName(this, tr("Save image archive"), QString(), tr("Tar archives (*.tar)"));
    if (!file.isEmpty())
        m_host->run(QStringLiteral("save -o '%1' %2").arg(file, m_selected));
}

} // namespace strata::gui
