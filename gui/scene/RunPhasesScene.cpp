// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/RunPhasesScene.h"

#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include "engine/runtime/Phases.h"

#include <QCoreApplication>

namespace strata::gui {

using engine::events::EventKind;

namespace {

constexpr qreal kLeft = 30, kTop = 230, kBoxW = 132, kBoxH = 150, kGap = 8;
constexpr int kCreatePhases = static_cast<int>(engine::runtime::kCreatePhaseCount);

BoxItem *asBox(QGraphicsItem *i)
{
    return static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i));
}

} // namespace

QStringList RunPhasesScene::phases()
{
    QStringList names;
    for (const auto &p : engine::runtime::kRunPhases)
        names << QString::fromUtf8(p.name.data(), static_cast<qsizetype>(p.name.size()));
    return names;
}

namespace {

// The scene's words for each engine phase (runtime/Phases.h names them):
// a short box title and a sentence for a newcomer, both translated.
struct PhaseWords {
    const char *name;
    const char *title;
    const char *sentence;
};

constexpr PhaseWords kPhaseWords[] = {
    {"add-rw-layer", QT_TRANSLATE_NOOP("RunPhases", "RW layer"),
     QT_TRANSLATE_NOOP("RunPhases", "An empty read-write layer is made for the container: everything it writes will land here.")},
    {"prepare-init-layer", QT_TRANSLATE_NOOP("RunPhases", "init layer"),
     QT_TRANSLATE_NOOP("RunPhases", "The init layer gets /etc/hostname, /etc/hosts and /etc/resolv.conf, so every container has its own.")},
    {"mount-union", QT_TRANSLATE_NOOP("RunPhases", "union mount"),
     QT_TRANSLATE_NOOP("RunPhases", "The image's layers, the init layer and the RW layer are mounted as one union: the container's root.")},
    {"create-namespaces", QT_TRANSLATE_NOOP("RunPhases", "namespaces"),
     QT_TRANSLATE_NOOP("RunPhases", "The process is cloned into new namespaces: it gets its own PIDs, hostname, mounts and IPC.")},
    {"mount-rootfs", QT_TRANSLATE_NOOP("RunPhases", "mounts"),
     QT_TRANSLATE_NOOP("RunPhases", "/proc, /dev, /sys and the container's volumes are mounted inside the new mount namespace.")},
    {"pivot-root", "pivot_root",
     QT_TRANSLATE_NOOP("RunPhases", "pivot_root makes the union the process's / — the host's files are out of its sight.")},
    {"drop-capabilities", QT_TRANSLATE_NOOP("RunPhases", "capabilities"),
     QT_TRANSLATE_NOOP("RunPhases", "Capabilities are dropped to Docker's default set: root in the container is not root on the host.")},
    {"exec", "exec",
     QT_TRANSLATE_NOOP("RunPhases", "exec: the container's command replaces the runtime as PID 1 — the container is running.")},
};

const PhaseWords *wordsFor(const QString &phase)
{
    for (const auto &w : kPhaseWords)
        if (phase == QLatin1String(w.name))
            return &w;
    return nullptr;
}

} // namespace

QString phaseTitle(const QString &phase)
{
    const PhaseWords *w = wordsFor(phase);
    return w ? QCoreApplication::translate("RunPhases", w->title) : phase;
}

// A phase the scene has no words for yet speaks with the engine's description.
QString phaseSentence(const QString &phase)
{
    if (const PhaseWords *w = wordsFor(phase))
        return QCoreApplication::translate("RunPhases", w->sentence);
    for (const auto &p : engine::runtime::kRunPhases)
        if (phase == QLatin1String(p.name.data(), static_cast<qsizetype>(p.name.size())))
            return QString::fromUtf8(p.description.data(), static_cast<qsizetype>(p.description.size()));
    return phase;
}

RunPhasesScene::RunPhasesScene(QObject *parent) : EventScene(QStringLiteral("run"), parent)
{
    build();
    setCaption([] { return QCoreApplication::translate("RunPhases", "run = create + start: each box lights as the engine passes that phase."); });
}

void RunPhasesScene::build()
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("run"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [this] {
        const QString op = m_operation.isEmpty() ? QStringLiteral("run") : m_operation;
        return QCoreApplication::translate("RunPhases", "<b>%1</b> = create + start — the phases the engine really passes").arg(op.toHtmlEscaped());
    };
    title->setPos(30, 14);
    addItem(title);

    const QStringList names = phases();
    // Two brackets: what `create` does and what `start` does.
    auto group = [&](const QString &key, int first, int last, TextFn text) {
        auto *g = new BoxItem(QStringLiteral("group"), key,
                              QSizeF((last - first + 1) * (kBoxW + kGap) - kGap, 44), key == QLatin1String("create") ? Role::Container : Role::Process);
        g->setPos(kLeft + first * (kBoxW + kGap), kTop - 58);
        g->title = std::move(text);
        g->titleSize = 18;
        g->centred = true;
        g->setData(HighlightData, QStringLiteral("operation:") + key);
        addItem(g);
    };
    group(QStringLiteral("create"), 0, kCreatePhases - 1, [] { return QCoreApplication::translate("RunPhases", "create"); });
    group(QStringLiteral("start"), kCreatePhases, static_cast<int>(names.size()) - 1, [] { return QCoreApplication::translate("RunPhases", "start"); });

    for (int i = 0; i < names.size(); ++i) {
        const QString phase = names[i];
        auto *b = new BoxItem(QStringLiteral("phase"), phase, QSizeF(kBoxW, kBoxH),
                              i < kCreatePhases ? Role::Container : (i == static_cast<int>(engine::runtime::kMountUnionPhase) ? Role::Merged : Role::Process));
        b->setPos(kLeft + i * (kBoxW + kGap), kTop);
        b->centred = true;
        b->titleSize = 34;
        b->subtitleScale = 0.56;
        b->title = [i] { return QString::number(i + 1); };
        b->subtitle = [phase] { return phaseTitle(phase); };
        b->setData(HighlightData, QStringLiteral("phase:") + phase);
        addItem(b);
        if (i > 0) {
            auto *a = new ArrowItem(QStringLiteral("phase-arrow"), phase);
            a->setEnds(QPointF(kLeft + i * (kBoxW + kGap) - kGap - 2, kTop + kBoxH / 2),
                       QPointF(kLeft + i * (kBoxW + kGap) + 2, kTop + kBoxH / 2));
            a->width = 2;
            a->setZValue(1);
            addItem(a);
        }
    }

    m_detail = new NoteItem(QStringLiteral("phase-detail"), QStringLiteral("current"), 1108);
    m_detail->setPos(kLeft, kTop + kBoxH + 40);
    m_detail->textSize = 22;
    m_detail->text = [this] {
        if (m_lastPhase.isEmpty())
            return QCoreApplication::translate("RunPhases", "Type <code>run --name web strata/demo-web:1.0 cat /etc/web.conf</code> in the console "
                       "(or turn on step mode first, F9, and press Step for each phase).");
        QString html = QStringLiteral("<p><b>%1 · %2</b></p><p>%3</p>")
                           .arg(phases().indexOf(m_lastPhase) + 1)
                           .arg(phaseTitle(m_lastPhase).toHtmlEscaped(), phaseSentence(m_lastPhase).toHtmlEscaped());
        html += QCoreApplication::translate("RunPhases", "<p style='font-size:18px'>The engine: <code>%1</code></p>").arg(m_description.toHtmlEscaped());
        if (m_pid > 0)
            html += QCoreApplication::translate("RunPhases", "<p>PID 1 of the container is host PID <b>%1</b>.</p>").arg(m_pid);
        return html;
    };
    addItem(m_detail);
}

void RunPhasesScene::setPhaseState(int index, const QString &state)
{
    if (auto *b = asBox(item(QStringLiteral("phase"), phases().value(index))))
        b->setState(state);
}

void RunPhasesScene::reach(const QString &operation, const QString &phase, const QString &description)
{
    const int at = phases().indexOf(phase);
    if (at < 0)
        return;
    const bool fresh = (operation != QLatin1String("start") && at == 0) ||
                       (operation == QLatin1String("start") && at == kCreatePhases) || operation != m_operation;
    m_operation = operation;
    if (fresh) {
        m_pid = 0;
        for (int i = 0; i < phases().size(); ++i)
            setPhaseState(i, operation == QLatin1String("start") && i < kCreatePhases ? QStringLiteral("done") : QStringLiteral("idle"));
    }
    for (int i = 0; i < at; ++i)
        if (asBox(item(QStringLiteral("phase"), phases()[i]))->state() != QLatin1String("done"))
            setPhaseState(i, QStringLiteral("done"));
    setPhaseState(at, QStringLiteral("lit"));
    pulse(asBox(item(QStringLiteral("phase"), phase)));
    m_lastPhase = phase;
    m_description = description;
    m_detail->refresh();
    const QString next = at + 1 < phases().size() && !(operation == QLatin1String("create") && at + 1 >= kCreatePhases)
                             ? phases()[at + 1]
                             : QString();
    setCaption([at, phase, next] {
        QString s = QCoreApplication::translate("RunPhases", "Phase %1, %2: %3").arg(at + 1).arg(phaseTitle(phase), phaseSentence(phase));
        if (!next.isEmpty())
            s += QStringLiteral(" ") + QCoreApplication::translate("RunPhases", "Next: %1.").arg(phaseTitle(next));
        return s;
    });
    update();
}

void RunPhasesScene::handle(const engine::events::Event &e)
{
    switch (e.kind) {
    case EventKind::StepReached: {
        const QString op = QString::fromStdString(e.id);
        if (op != QLatin1String("run") && op != QLatin1String("create") && op != QLatin1String("start"))
            return;
        const QString phase = attrText(e.attrs, "phase"), description = attrText(e.attrs, "description");
        enqueue([this, op, phase, description] { reach(op, phase, description); });
        break;
    }
    case EventKind::ProcessStarted: {
        const qint64 pid = attrNumber(e.attrs, "pid");
        enqueue([this, pid] {
            m_pid = pid;
            setPhaseState(static_cast<int>(phases().size()) - 1, QStringLiteral("done"));
            for (int i = 0; i < phases().size(); ++i)
                setPhaseState(i, QStringLiteral("done"));
            m_detail->refresh();
            // A real host's start names no PID this machine could use (HostEvents).
            if (pid <= 0)
                setCaption([] { return QCoreApplication::translate("RunPhases", "Running: the host started the container; its command is PID 1 inside."); });
            else
                setCaption([pid] { return QCoreApplication::translate("RunPhases", "Running: every phase done; the command is PID 1 (host PID %1).").arg(pid); });
        });
        break;
    }
    default: break;
    }
}

void RunPhasesScene::handleCommand(const SceneCommand &c)
{
    if (!c.finished || c.exitCode == 0 || c.args.isEmpty())
        return;
    const QString verb = c.args.front();
    if (verb != QLatin1String("run") && verb != QLatin1String("start") && verb != QLatin1String("create"))
        return;
    const QString error = c.error.trimmed().section('\n', 0, 0);
    enqueue([this, error] {
        if (m_pid > 0)
            return; // the command ran and exited non-zero: no phase failed
        // The phase after the last one passed is where it failed.
        const int at = phases().indexOf(m_lastPhase);
        if (at + 1 < phases().size() && !m_lastPhase.isEmpty())
            setPhaseState(at + 1, QStringLiteral("refused"));
        setCaption([error] { return QCoreApplication::translate("RunPhases", "The engine stopped here: %1").arg(error); });
    });
}

} // namespace strata::gui
