// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/TimelinePlayer.h"

#include "scene/LayerStackScene.h"
#include "timeline/SessionTimeline.h"

#include <QSettings>
#include <QTimer>

#include <algorithm>

namespace strata::gui {

TimelinePlayer::TimelinePlayer(SessionTimeline *timeline, QObject *parent)
    : QObject(parent), m_timeline(timeline), m_replay(new LayerStackScene(this)), m_timer(new QTimer(this))
{
    m_reducedMotion = QSettings().value(QStringLiteral("scene/reducedMotion"), false).toBool();
    m_replay->setReducedMotion(m_reducedMotion);
    connect(m_timer, &QTimer::timeout, this, &TimelinePlayer::tick);
    connect(m_timeline, &SessionTimeline::appended, this, [this](int size) {
        if (m_live)
            emit positionChanged(size - 1, true);
    });
}

bool TimelinePlayer::isPlaying() const
{
    return m_timer->isActive();
}

int TimelinePlayer::position() const
{
    return m_live ? m_timeline->size() - 1 : m_pos;
}

void TimelinePlayer::seek(int k)
{
    if (m_timeline->size() == 0)
        return;
    k = std::clamp(k, 0, m_timeline->size() - 1);
    if (k == m_pos && !m_live)
        return;
    m_live = false;
    m_pos = k;
    m_timeline->replay(k, *m_replay);
    emit positionChanged(k, false);
}

void TimelinePlayer::stepBack()
{
    seek(position() - 1);
}

void TimelinePlayer::stepForward()
{
    if (m_live)
        return;
    if (m_pos + 1 >= m_timeline->size()) {
        goLive();
        return;
    }
    ++m_pos;
    m_replay->setSpeed(m_speed);
    m_timeline->apply(m_pos, *m_replay);
    if (m_reducedMotion)
        m_replay->finishAnimations();
    emit positionChanged(m_pos, false);
}

void TimelinePlayer::toStart()
{
    seek(0);
}

void TimelinePlayer::goLive()
{
    pause();
    m_live = true;
    m_pos = -1;
    m_replay->reset();
    emit positionChanged(m_timeline->size() - 1, true);
}

void TimelinePlayer::play()
{
    if (m_timer->isActive())
        return;
    if (m_live)
        seek(0); // playing from the present means: play the session from the start
    m_timer->start(std::max(40, static_cast<int>(650 / m_speed)));
    emit playingChanged(true);
}

void TimelinePlayer::pause()
{
    if (!m_timer->isActive())
        return;
    m_timer->stop();
    emit playingChanged(false);
}

void TimelinePlayer::togglePlay()
{
    isPlaying() ? pause() : play();
}

void TimelinePlayer::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.25, 16.0);
    m_replay->setSpeed(m_speed);
    if (m_timer->isActive())
        m_timer->setInterval(std::max(40, static_cast<int>(650 / m_speed)));
}

void TimelinePlayer::setReducedMotion(bool on)
{
    m_reducedMotion = on;
    m_replay->setReducedMotion(on);
}

void TimelinePlayer::tick()
{
    if (m_replay->animating() && !m_reducedMotion)
        return; // one idea at a time: the last entry's motion first
    stepForward();
    if (m_live)
        pause();
}

} // namespace strata::gui
