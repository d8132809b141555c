// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The engine's step gate for the GUI: in step mode the engine thread blocks
// at each phase until the user presses Step (one phase) or Continue (leave
// step mode). The GUI learns of each phase from the StepReached event the
// engine publishes just before it waits, and from phaseReached here.

#include "engine/events/StepGate.h"

#include <QObject>

#include <condition_variable>
#include <mutex>

namespace strata::gui {

class GuiStepGate final : public QObject, public engine::events::StepGate {
    Q_OBJECT
public:
    explicit GuiStepGate(QObject *parent = nullptr);

    // Engine thread.
    void reach(const engine::events::Phase &phase) override;

    // Any thread.
    void setStepMode(bool on);
    [[nodiscard]] bool stepMode() const;
    void step();       // releases exactly one waiting phase
    void continueAll(); // leaves step mode and releases
    [[nodiscard]] bool waiting() const;
    [[nodiscard]] int phasesPassed() const;

signals:
    // Emitted from the engine thread (connect queued).
    void phaseReached(const QString &operation, const QString &name, const QString &description, int index,
                      int count);
    void waitingChanged(bool waiting);

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stepMode = false;
    bool m_waiting = false;
    int m_permits = 0;
    int m_passed = 0;
};

} // namespace strata::gui
