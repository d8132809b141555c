// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The timeline dock: a scrubber over every entry of the session, buttons
// (start, back, play/pause, forward, live), a speed choice and the entry's
// description. While scrubbed into the past the scene view shows the
// player's replay scene and its caption; "Live" gives the view back.
// All controls are actions with shortcuts (menu Timeline), so the keyboard
// reaches everything.

#include <QDockWidget>
#include <QPointer>

class QAction;
class QComboBox;
class QGraphicsView;
class QLabel;
class QMenu;
class QSlider;
class QToolButton;

namespace strata::gui {

class LayerStackScene;
class SessionTimeline;
class TimelinePlayer;

class TimelineDock : public QDockWidget {
    Q_OBJECT
public:
    explicit TimelineDock(QWidget *parent = nullptr);

    // The live scene, the view that shows it and the caption under it.
    void attach(LayerStackScene *live, QGraphicsView *view, QLabel *caption);

    [[nodiscard]] SessionTimeline *timeline() const { return m_timeline; }
    [[nodiscard]] TimelinePlayer *player() const { return m_player; }
    [[nodiscard]] QMenu *menu() const { return m_menu; }
    [[nodiscard]] QList<QAction *> controlActions() const;
    // The scene the view shows now (replay scene while rewound).
    [[nodiscard]] QGraphicsView *view() const { return m_view; }

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    void onPosition(int k, bool live);

    SessionTimeline *m_timeline;
    TimelinePlayer *m_player;
    QPointer<LayerStackScene> m_live;
    QPointer<QGraphicsView> m_view;
    QPointer<QLabel> m_caption;
    QSlider *m_slider;
    QLabel *m_where;
    QLabel *m_speedLabel;
    QComboBox *m_speed;
    QMenu *m_menu;
    QAction *m_startAct, *m_backAct, *m_playAct, *m_forwardAct, *m_liveAct;
};

} // namespace strata::gui
