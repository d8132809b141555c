// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Scene 3 of UX.md: a container's state machine. Nodes Created, Running,
// Paused, Exited, Removed; the followed container's state is lit; each
// ContainerStateChanged animates the edge it took; a command the engine
// refuses (CommandAnswered with an error) draws the missing edge in red
// with the engine's own message. Clicking a node (or an edge) asks for the
// one legal command that leads there from the current state.
//
// Kinds: "state" (key created/running/paused/exited/removed, state lit/idle),
// "transition" (key "running->paused", state taken/idle),
// "transition-missing" (key "running->removed", state missing), "message".

#include "scene/EventScene.h"

#include <QHash>

namespace strata::gui {

class NoteItem;

class LifecycleScene : public EventScene {
    Q_OBJECT
public:
    explicit LifecycleScene(QObject *parent = nullptr);

    void setSubject(const QString &subject) override;
    void onSnapshot(const EngineSnapshotPtr &s) override;
    [[nodiscard]] QString followed() const { return m_followed; }
    [[nodiscard]] QString currentState() const;
    // The console line that leads from the current state to `target`, or "" when none does.
    [[nodiscard]] QString commandTo(const QString &target) const;
    void requestState(const QString &target); // what a click does

    static QStringList states();

protected:
    void handle(const engine::events::Event &e) override;
    void handleCommand(const SceneCommand &c) override;

private:
    void build();
    void follow(const QString &name);
    void light(const QString &state);
    void takeEdge(const QString &from, const QString &to);
    void refuse(const QString &verb, const QString &message);
    void clearMissing();
    [[nodiscard]] static QString stateName(const QString &state);

    QHash<QString, QString> m_state;   // container name -> state
    QHash<QString, QString> m_nameOf;  // container id -> name
    QString m_followed;
    QString m_lastCommand;             // verb of the command in flight
    NoteItem *m_message = nullptr;
};

} // namespace strata::gui
