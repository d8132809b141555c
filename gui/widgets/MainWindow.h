// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The main window of UX.md: object panels on the left (images, containers,
// volumes), the scene in the middle (layer stack / explorer tabs) with its
// one-sentence caption, inspector on the right, console and event log at
// the bottom, step toolbar on top, status bar below. Docks and settings are
// remembered.

#include "core/HostState.h"
#include "core/Snapshots.h"
#include "lesson/LessonState.h"

#include <QJsonObject>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QProgressBar;
class QSlider;
class QTabWidget;
class QTableView;
class QDockWidget;
class QGraphicsView;
class QMenu;

namespace strata::gui {

class EngineHost;
class ImageListModel;
class RowTableModel;
class EventLogModel;
class LayerStackScene;
class SceneView;
class LayerExplorer;
class ConsoleWidget;
class InspectorWidget;
class EventLogWidget;
class LessonSession;
class LessonPanel;
class NoteView;
class ScenePanel;
class TimelineDock;
class ChartsPanel;
class DiagramPanel;
class HostBanner;
class HostSwitcher;

struct StartOptions {
    engine::EngineOptions engine;
    QStringList run;       // console lines to run in order at start
    QString screenshot;    // write a PNG once settled, then quit
    QString dumpScene;     // write the scene's JSON once settled, then quit
    QString scene;         // the scene to show once settled (ScenePanel::sceneIds())
    bool present = false;  // start in presentation mode
    QString select;        // image to show first (default: the demo image)
    QString view;          // "stack" (default) or "explorer"
    QString path;          // a path to select in the scene and the explorer
    int lesson = 0;        // open the lesson player on lesson N (0 = none)
    int lessonStep = 0;    // ... and play it up to step K (types the commands itself)
    QString lessonRoot;    // the lesson's store (empty = <data>/strata/lessons/<id>)
    bool ensureBuiltins = true;
    QString host;          // a real engine to show (-H syntax: docker, podman, unix://…); "" = Strata's own
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(StartOptions options, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] EngineHost *host() const { return m_host; }
    [[nodiscard]] ImageListModel *imageModel() const { return m_images; }
    [[nodiscard]] RowTableModel *containerModel() const { return m_containers; }
    [[nodiscard]] RowTableModel *volumeModel() const { return m_volumes; }
    [[nodiscard]] RowTableModel *networkModel() const { return m_networks; }
    [[nodiscard]] EventLogModel *eventModel() const { return m_events; }
    [[nodiscard]] LayerStackScene *scene() const { return m_scene; }
    [[nodiscard]] LayerExplorer *explorer() const { return m_explorer; }
    [[nodiscard]] ConsoleWidget *console() const { return m_console; }
    [[nodiscard]] InspectorWidget *inspector() const { return m_inspector; }
    [[nodiscard]] ScenePanel *scenes() const { return m_scenes; }
    [[nodiscard]] TimelineDock *timelineDock() const { return m_timelineDock; }
    [[nodiscard]] ChartsPanel *charts() const { return m_charts; }
    [[nodiscard]] DiagramPanel *diagrams() const { return m_diagrams; }
    [[nodiscard]] HostBanner *hostBanner() const { return m_hostBanner; }
    [[nodiscard]] HostSwitcher *hostSwitcher() const { return m_hostSwitcher; }
    // Shows another engine: "" = Strata's own, else a host in -H syntax.
    void showHost(const QString &url);
    [[nodiscard]] QTabWidget *centralTabs() const { return m_tabs; }
    [[nodiscard]] bool presenting() const;
    // The view of the current tab (scene or its replay, chart, diagram).
    [[nodiscard]] QGraphicsView *currentExportView() const;
    // Writes it as .svg or .png (by suffix); false with a message in the status bar.
    bool exportCurrentView(const QString &file);
    void setPresentation(bool on);
    [[nodiscard]] QString caption() const;
    [[nodiscard]] QString selectedImage() const { return m_selected; }
    // True when start-up commands ran, the selected image is drawn and no animation runs.
    [[nodiscard]] bool settled() const;

    void selectImage(const QString &ref);
    // Opens the lesson player (a dock beside the scene) on lesson number or id.
    void openLesson(const QString &numberOrId);
    [[nodiscard]] LessonSession *lessonSession() const { return m_lessonSession; }
    [[nodiscard]] LessonPanel *lessonPanel() const { return m_lessonPanel; }
    // The study note a lesson's citation opened beside the lesson (null until one is).
    [[nodiscard]] NoteView *noteView() const { return m_noteView; }
    void openNote(const QString &file, const QString &heading);
    // The lesson player's entry point: show a scene by id (ScenePanel::sceneIds()),
    // following `subject`, with the named items lit ("state:paused", "layer:2" …).
    bool showScene(const QString &id, const QString &subject = {}, const QStringList &highlights = {});
    // Every id showScene() knows: the switcher's tabs and "charts" (--scene's choices).
    [[nodiscard]] static QStringList sceneIds();
    // The Charts tab for a lesson step whose scene is "charts".
    bool showCharts(const QString &subject, const QStringList &highlights);
    bool saveScreenshot(const QString &file);
    // The scene shown, as JSON (scene id, subject, layer digests bottom to
    // top, containers, highlighted items): what --dump-scene writes.
    [[nodiscard]] QJsonObject sceneDump() const;
    bool dumpScene(const QString &file) const;
    // A subject named by a click, a lesson step or a command: a container
    // shows its own image's stack with its layer lit, an image its stack.
    void followSubject(const QString &subject);

signals:
    void startupFinished();

protected:
    void changeEvent(QEvent *e) override;
    void closeEvent(QCloseEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;

private:
    void buildActions();
    void buildMenus();
    void buildDocks();
    void buildStatusBar();
    void retranslate();
    void onSnapshot(const EngineSnapshotPtr &s);
    void onDetail(const ImageDetailPtr &d);
    void onEvents(const EventBatch &batch);
    void runNextStartCommand();
    void checkSettled();
    void showAbout();
    void showGettingStarted();
    void exportWithDialog(const QString &suffix);
    void buildLessonMenu();
    void onLessonState(const LessonStatePtr &state);
    void loadArchive();
    void saveArchive();
    void onHostState(const HostState &state);
    void applyHostLimits();

    StartOptions m_options;
    EngineHost *m_host;
    ImageListModel *m_images;
    RowTableModel *m_containers;
    RowTableModel *m_volumes;
    RowTableModel *m_networks;
    EventLogModel *m_events;
    LayerStackScene *m_scene;
    SceneView *m_sceneView;
    QLabel *m_caption;
    ScenePanel *m_scenes;
    LayerExplorer *m_explorer;
    QTabWidget *m_tabs;
    ConsoleWidget *m_console;
    InspectorWidget *m_inspector;
    EventLogWidget *m_eventLog;
    TimelineDock *m_timelineDock = nullptr;
    ChartsPanel *m_charts = nullptr;
    DiagramPanel *m_diagrams = nullptr;
    HostBanner *m_hostBanner = nullptr;
    HostSwitcher *m_hostSwitcher = nullptr;
    QToolBar *m_hostBar = nullptr;
    QAction *m_exportSvgAct = nullptr, *m_exportPngAct = nullptr;
    QList<QAction *> m_tabActs;
    QTableView *m_imageView, *m_containerView, *m_volumeView, *m_networkView;
    QDockWidget *m_imagesDock, *m_containersDock, *m_volumesDock, *m_networksDock, *m_inspectorDock, *m_consoleDock,
        *m_eventsDock;
    QToolBar *m_stepBar;
    QMenu *m_fileMenu, *m_viewMenu, *m_lessonMenu, *m_engineMenu, *m_helpMenu;
    QAction *m_buildAct = nullptr; // Build… (widgets/BuildDialog)
    QAction *m_loadAct, *m_saveAct, *m_quitAct, *m_refreshAct, *m_infoAct, *m_stepModeAct, *m_stepAct,
        *m_continueAct, *m_reducedMotionAct, *m_contrastAct, *m_presentAct, *m_aboutAct, *m_langAct;
    QAction *m_gettingStartedAct = nullptr;
    QLabel *m_speedLabel;
    QSlider *m_speed;
    QLabel *m_driverLabel, *m_modeLabel, *m_storeLabel, *m_countLabel, *m_stepLabel;
    QString m_phase; // the step gate's last phase, shown on the scene's phase line
    QProgressBar *m_progress;
    QString m_selected;
    ImageDetailPtr m_detail;
    EngineSnapshotPtr m_snapshot;
    QStringList m_startQueue;
    int m_waitingFor = -1;
    bool m_startupDone = false;
    bool m_detailPending = false;
    int m_stableTicks = 0;
    bool m_viewApplied = false;
    QString m_engineError;
    LessonSession *m_lessonSession = nullptr;
    LessonPanel *m_lessonPanel = nullptr;
    QDockWidget *m_lessonDock = nullptr;
    NoteView *m_noteView = nullptr;
    QDockWidget *m_noteDock = nullptr;
    bool m_lessonStepPlayed = false;
};

} // namespace strata::gui
