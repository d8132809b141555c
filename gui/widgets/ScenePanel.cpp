// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ScenePanel.h"

#include "core/CommandLine.h"
#include "core/EngineHost.h"
#include "core/EventPump.h"
#include "scene/ArchiveScene.h"
#include "scene/BootfsScene.h"
#include "scene/BuildScene.h"
#include "scene/ClientDaemonScene.h"
#include "scene/CommitScene.h"
#include "scene/EventScene.h"
#include "scene/LayerStackScene.h"
#include "scene/LifecycleScene.h"
#include "scene/NetworkScene.h"
#include "scene/PullScene.h"
#include "scene/RunPhasesScene.h"
#include "scene/SceneView.h"
#include "scene/VolumeScene.h"
#include "widgets/CaptionLabel.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QStackedWidget>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>

namespace strata::gui {

QStringList ScenePanel::sceneIds()
{
    return {QStringLiteral("layer-stack"), QStringLiteral("copy-on-write"), QStringLiteral("lifecycle"),
            QStringLiteral("run"),         QStringLiteral("commit"),        QStringLiteral("volumes"),
            QStringLiteral("bootfs"),      QStringLiteral("client-daemon"), QStringLiteral("save-export"),
            QStringLiteral("pull"), QStringLiteral("build"), QStringLiteral("network")};
}

QString ScenePanel::titleOf(const QString &id)
{
    if (id == QLatin1String("layer-stack"))
        return tr("Layer stack");
    if (id == QLatin1String("copy-on-write"))
        return tr("Copy-on-write");
    if (id == QLatin1String("lifecycle"))
        return tr("Lifecycle");
    if (id == QLatin1String("run"))
        return tr("run = create + start");
    if (id == QLatin1String("commit"))
        return tr("commit");
    if (id == QLatin1String("volumes"))
        return tr("Volumes");
    if (id == QLatin1String("bootfs"))
        return tr("bootfs / rootfs");
    if (id == QLatin1String("client-daemon"))
        return tr("Client–daemon");
    if (id == QLatin1String("save-export"))
        return tr("save vs export");
    if (id == QLatin1String("pull"))
        return tr("pull / push");
    if (id == QLatin1String("build"))
        return tr("build");
    if (id == QLatin1String("network"))
        return tr("Networks");
    return id;
}

ScenePanel::ScenePanel(EngineHost *host, LayerStackScene *stack, SceneView *stackView, QLabel *caption, QWidget *parent)
    : QWidget(parent), m_host(host), m_stack(stack), m_caption(caption)
{
    setObjectName(QStringLiteral("scenePanel"));
    m_bar = new QTabBar(this);
    m_bar->setObjectName(QStringLiteral("sceneTabs"));
    m_bar->setExpanding(false);
    m_bar->setUsesScrollButtons(true);
    m_pages = new QStackedWidget(this);
    m_menu = new QMenu(this);
    m_actions = new QActionGroup(this);
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(0);
    l->addWidget(m_bar);
    l->addWidget(m_pages, 1);
    m_phaseLine = new CaptionLabel(this, 1);
    m_phaseLine->setObjectName(QStringLiteral("phaseLine"));
    QPalette pp = m_phaseLine->palette();
    pp.setColor(QPalette::Window, QColor(0xf6, 0xe3, 0xa6)); // the step bar's amber: a pause, not the scene's sentence
    pp.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    m_phaseLine->setPalette(pp);
    m_phaseLine->hide();
    l->addWidget(m_phaseLine);
    l->addWidget(m_caption);

    auto addScene = [this](EventScene *s) {
        m_scenes.insert(s->id(), s);
        connect(s, &EventScene::captionChanged, this, [this, s](const QString &text) {
            if (currentScene() == s->id())
                m_caption->setText(text);
        });
        connect(s, &EventScene::detailWanted, m_host, &EngineHost::requestDetail);
        connect(s, &EventScene::commandWanted, this, &ScenePanel::commandWanted);
    };
    addScene(new LifecycleScene(this));
    addScene(new RunPhasesScene(this));
    addScene(new CommitScene(this));
    addScene(new VolumeScene(this));
    addScene(new BootfsScene(this));
    addScene(new ClientDaemonScene(this));
    addScene(new ArchiveScene(this));
    addScene(new PullScene(this));
    addScene(new BuildScene(this));
    addScene(new NetworkScene(this));

    int n = 0;
    for (const QString &id : sceneIds()) {
        SceneView *v = nullptr;
        if (id == QLatin1String("layer-stack"))
            v = stackView;
        else if (id == QLatin1String("copy-on-write"))
            v = new SceneView(m_stack, this); // the same scene: containers' amber layers over the shared stack
        else if (m_scenes.contains(id))
            v = new SceneView(m_scenes[id], this);
        if (!v)
            continue;
        v->setObjectName(QStringLiteral("sceneView-") + id);
        m_views.insert(id, v);
        const int index = m_bar->addTab(QString());
        m_bar->setTabData(index, id);
        m_pages->addWidget(v);
        auto *act = new QAction(this);
        act->setCheckable(true);
        act->setData(id);
        if (++n <= 9)
            act->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_0 + n)));
        m_actions->addAction(act);
        m_menu->addAction(act);
        connect(act, &QAction::triggered, this, [this, id] { showScene(id); });
    }
    connect(m_bar, &QTabBar::currentChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        const QString id = m_bar->tabData(index).toString();
        for (QAction *a : m_actions->actions())
            a->setChecked(a->data().toString() == id);
        showCaptionOf(index);
        emit sceneChanged(id);
    });
    // The layer stack's caption reaches the label through the main window,
    // which knows whether the timeline shows a replay instead.
    // The console's commands around their engine call. The answer is handed on a
    // little later so the events the command caused (coalesced by the pump) come first.
    connect(m_host, &EngineHost::commandStarted, this, [this](int id, const QString &line) {
        SceneCommand c;
        c.id = id;
        for (const auto &w : consoleArgs(line.toStdString()))
            c.args << QString::fromStdString(w);
        m_args.insert(id, c.args);
        for (EventScene *s : std::as_const(m_scenes))
            s->onCommand(c);
    });
    connect(m_host, &EngineHost::commandFinished, this, [this](int id, int rc, const QString &out, const QString &err) {
        ++m_answersPending;
        QTimer::singleShot(EventPump::kIntervalMs * 3, this, [this, id, rc, out, err] {
            --m_answersPending;
            SceneCommand c;
            c.id = id;
            c.finished = true;
            c.args = m_args.take(id);
            c.exitCode = rc;
            c.output = out;
            c.error = err;
            for (EventScene *s : std::as_const(m_scenes))
                s->onCommand(c);
        });
    });
    connect(m_host, &EngineHost::detail, this, [this](const ImageDetailPtr &d) {
        for (EventScene *s : std::as_const(m_scenes))
            s->onDetail(d);
    });
    retranslate();
}

QString ScenePanel::currentScene() const
{
    return m_bar->tabData(m_bar->currentIndex()).toString();
}

EventScene *ScenePanel::scene(const QString &id) const
{
    return m_scenes.value(id);
}

QGraphicsScene *ScenePanel::graphicsScene(const QString &id) const
{
    if (auto *s = m_scenes.value(id))
        return s;
    return m_views.contains(id) ? m_stack : nullptr;
}

SceneView *ScenePanel::view(const QString &id) const
{
    return m_views.value(id);
}

bool ScenePanel::showScene(const QString &id, const QString &subject, const QStringList &highlights)
{
    int index = -1;
    for (int i = 0; i < m_bar->count(); ++i)
        if (m_bar->tabData(i).toString() == id)
            index = i;
    if (index < 0)
        return false;
    const QStringList &keys = highlights;
    if (EventScene *s = m_scenes.value(id)) {
        if (!subject.isEmpty())
            s->setSubject(subject);
        s->setHighlights(keys);
    } else {
        for (int l = 0; l < m_stack->layerSlabCount(); ++l)
            m_stack->highlightLayer(l, keys.contains(QStringLiteral("layer:%1").arg(l + 1)));
        for (const QString &k : keys)
            if (k.startsWith(QLatin1String("path:"))) {
                // Once: a step shown again (after a check) must not replace the
                // caption the command's events wrote with the path's sentence.
                const QString p = k.mid(5), rel = p.startsWith('/') ? p.mid(1) : p;
                if (m_stack->selectedPath() != rel)
                    m_stack->selectPath(rel);
            }
    }
    m_bar->setCurrentIndex(index);
    showCaptionOf(index);
    return true;
}

void ScenePanel::showCaptionOf(int index)
{
    const QString id = m_bar->tabData(index).toString();
    if (EventScene *s = m_scenes.value(id))
        m_caption->setText(s->caption());
    else
        m_caption->setText(m_stack->caption());
}

QString ScenePanel::caption() const
{
    return m_caption->text();
}

void ScenePanel::setPhaseLine(const QString &text)
{
    m_phaseLine->setText(text);
    m_phaseLine->setVisible(!text.isEmpty());
}

QString ScenePanel::phaseLine() const
{
    return m_phaseLine->text();
}

bool ScenePanel::animating() const
{
    if (m_answersPending > 0)
        return true;
    for (EventScene *s : m_scenes)
        if (s->animating())
            return true;
    return false;
}

void ScenePanel::setSpeed(double speed)
{
    for (EventScene *s : std::as_const(m_scenes))
        s->setSpeed(speed);
}

void ScenePanel::setReducedMotion(bool on)
{
    for (EventScene *s : std::as_const(m_scenes))
        s->setReducedMotion(on);
}

void ScenePanel::onEvents(const EventBatch &events)
{
    for (EventScene *s : std::as_const(m_scenes))
        s->onEvents(events);
}

void ScenePanel::onSnapshot(const EngineSnapshotPtr &snapshot)
{
    for (EventScene *s : std::as_const(m_scenes))
        s->onSnapshot(snapshot);
}

void ScenePanel::retranslate()
{
    m_menu->setTitle(tr("&Scenes"));
    for (int i = 0; i < m_bar->count(); ++i)
        m_bar->setTabText(i, titleOf(m_bar->tabData(i).toString()));
    for (QAction *a : m_actions->actions())
        a->setText(titleOf(a->data().toString()));
    for (EventScene *s : std::as_const(m_scenes))
        s->retranslate();
    showCaptionOf(m_bar->currentIndex());
}

void ScenePanel::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(e);
}

} // namespace strata::gui
