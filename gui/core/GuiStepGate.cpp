// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/GuiStepGate.h"

namespace strata::gui {

GuiStepGate::GuiStepGate(QObject *parent) : QObject(parent) {}

void GuiStepGate::reach(const engine::events::Phase &phase)
{
    emit phaseReached(QString::fromStdString(phase.operation), QString::fromStdString(phase.name),
                      QString::fromStdString(phase.description), phase.index, phase.count);
    std::unique_lock lock(m_mutex);
    if (!m_stepMode) {
        ++m_passed;
        return;
    }
    m_waiting = true;
    lock.unlock();
    emit waitingChanged(true);
    lock.lock();
    m_cv.wait(lock, [this] { return m_permits > 0 || !m_stepMode; });
    if (m_permits > 0)
        --m_permits;
    m_waiting = false;
    ++m_passed;
    lock.unlock();
    emit waitingChanged(false);
}

void GuiStepGate::setStepMode(bool on)
{
    {
        std::lock_guard lock(m_mutex);
        m_stepMode = on;
        m_permits = 0;
    }
    m_cv.notify_all();
}

bool GuiStepGate::stepMode() const
{
    std::lock_guard lock(m_mutex);
    return m_stepMode;
}

void GuiStepGate::step()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_waiting)
            return; // a Step with nothing waiting must not pre-release the next phase
        ++m_permits;
    }
    m_cv.notify_all();
}

void GuiStepGate::continueAll()
{
    setStepMode(false);
}

bool GuiStepGate::waiting() const
{
    std::lock_guard lock(m_mutex);
    return m_waiting;
}

int GuiStepGate::phasesPassed() const
{
    std::lock_guard lock(m_mutex);
    return m_passed;
}

} // namespace strata::gui
