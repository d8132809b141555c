// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plays the session's drawing back: a replay scene of its own (the live
// scene is never touched) rebuilt to any entry of the SessionTimeline, then
// stepped or played forward at a chosen speed until it meets the present,
// where the view returns to the live scene.

#include <QObject>
#include <QPointer>

class QTimer;

namespace strata::gui {

class LayerStackScene;
class SessionTimeline;

class TimelinePlayer : public QObject {
    Q_OBJECT
public:
    explicit TimelinePlayer(SessionTimeline *timeline, QObject *parent = nullptr);

    [[nodiscard]] SessionTimeline *timeline() const { return m_timeline; }
    [[nodiscard]] LayerStackScene *replayScene() const { return m_replay; }
    [[nodiscard]] bool isLive() const { return m_live; }
    [[nodiscard]] bool isPlaying() const;
    // The entry drawn: in live mode the newest one.
    [[nodiscard]] int position() const;
    [[nodiscard]] double speed() const { return m_speed; }
    [[nodiscard]] bool reducedMotion() const { return m_reducedMotion; }

public slots:
    void seek(int k);      // rebuild the drawing as it stood after entry k
    void stepBack();
    void stepForward();    // the next entry, animated (its own motion)
    void toStart();
    void goLive();
    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    // Reduced motion: replay jumps from state to state, nothing moves.
    void setReducedMotion(bool on);

signals:
    void positionChanged(int k, bool live);
    void playingChanged(bool playing);

private:
    void tick();

    SessionTimeline *m_timeline;
    LayerStackScene *m_replay;
    QTimer *m_timer;
    int m_pos = -1;
    bool m_live = true;
    double m_speed = 1.0;
    bool m_reducedMotion = false;
};

} // namespace strata::gui
