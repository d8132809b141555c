// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scene area of the main window: one tab per scene, keyed by the ids
// lessons use (layer-stack, copy-on-write, lifecycle, run, commit, volumes, network,
// bootfs, client-daemon, save-export), the caption under it, and the View ▸
// Scenes menu (Ctrl+1 … Ctrl+9). Feeds every scene the engine's events,
// snapshots, image details and the console's commands (start and answer),
// so a scene that is not shown is still up to date when it is.

#include "core/Snapshots.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QMenu;
class QStackedWidget;
class QTabBar;
class QGraphicsScene;
class QActionGroup;

namespace strata::gui {

class CaptionLabel;
class EngineHost;
class EventScene;
class LayerStackScene;
class SceneView;

class ScenePanel : public QWidget {
    Q_OBJECT
public:
    ScenePanel(EngineHost *host, LayerStackScene *stack, SceneView *stackView, QLabel *caption, QWidget *parent = nullptr);

    static QStringList sceneIds();
    // Switches to a scene; subject = container / image / volume to follow;
    // highlights like "layer:2", "path:/etc/web.conf", "state:paused",
    // "phase:pivot-root", "mount:/data", "transition:pause". False for an unknown id.
    bool showScene(const QString &id, const QString &subject = {}, const QStringList &highlights = {});
    [[nodiscard]] QString currentScene() const;
    [[nodiscard]] EventScene *scene(const QString &id) const; // null for layer-stack / copy-on-write
    [[nodiscard]] QGraphicsScene *graphicsScene(const QString &id) const;
    [[nodiscard]] SceneView *view(const QString &id) const;
    [[nodiscard]] QMenu *menu() const { return m_menu; }
    [[nodiscard]] QTabBar *tabBar() const { return m_bar; }
    // A scene still moving, or a command's answer not yet handed to them.
    [[nodiscard]] bool animating() const;
    [[nodiscard]] QString caption() const;
    // The step-mode line (a runtime phase, a wait) on its own row under the
    // scene, so the scene's caption stays; empty hides it.
    void setPhaseLine(const QString &text);
    [[nodiscard]] QString phaseLine() const;

    void setSpeed(double speed);
    void setReducedMotion(bool on);
    void onEvents(const EventBatch &events);
    void onSnapshot(const EngineSnapshotPtr &snapshot);

signals:
    void sceneChanged(const QString &id);
    void commandWanted(const QString &line); // a scene was clicked: run this through the console

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void showCaptionOf(int index);
    [[nodiscard]] static QString titleOf(const QString &id);

    EngineHost *m_host;
    LayerStackScene *m_stack;
    QLabel *m_caption;
    CaptionLabel *m_phaseLine;
    QTabBar *m_bar;
    QStackedWidget *m_pages;
    QMenu *m_menu;
    QActionGroup *m_actions;
    QHash<QString, EventScene *> m_scenes;
    QHash<QString, SceneView *> m_views;
    QHash<int, QStringList> m_args; // command id -> its words, until answered
    int m_answersPending = 0;       // answers waiting for their events to come first
};

} // namespace strata::gui
