// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 4 of UX.md: run = create + start. The phases the engine passes
// (StepReached of operation run/create/start, the same phases the step gate
// holds) as a strip: RW layer, init layer (create), union mount,
// namespaces, mounts, pivot_root, capabilities, exec (start). The phase just
// passed is lit, those before it are done; the panel below says what the
// engine did, with its own words and real paths. In step mode the strip is
// the progress bar and the caption names what Step will do next.
//
// Kinds: "phase" (key = the engine's phase name from runtime/Phases.h,
// "pivot-root"; highlight key "phase:pivot-root"; state idle/lit/done/refused), "group" (create, start),
// "phase-detail".

#include "scene/EventScene.h"

namespace strata::gui {

class NoteItem;

class RunPhasesScene : public EventScene {
    Q_OBJECT
public:
    explicit RunPhasesScene(QObject *parent = nullptr);
    static QStringList phases(); // the engine's names, in order
    [[nodiscard]] QString operation() const { return m_operation; }

protected:
    void handle(const engine::events::Event &e) override;
    void handleCommand(const SceneCommand &c) override;

private:
    void build();
    void reach(const QString &operation, const QString &phase, const QString &description);
    void setPhaseState(int index, const QString &state);

    NoteItem *m_detail = nullptr;
    QString m_operation, m_lastPhase, m_description, m_container;
    qint64 m_pid = 0;
};

[[nodiscard]] QString phaseTitle(const QString &phase);
[[nodiscard]] QString phaseSentence(const QString &phase);

} // namespace strata::gui
