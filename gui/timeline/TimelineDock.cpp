// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/TimelineDock.h"

#include "scene/LayerStackScene.h"
#include "timeline/SessionTimeline.h"
#include "timeline/TimelinePlayer.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace strata::gui {

namespace {
const double kSpeeds[] = {0.25, 0.5, 1, 2, 4, 8};
}

TimelineDock::TimelineDock(QWidget *parent)
    : QDockWidget(parent), m_timeline(new SessionTimeline(this)), m_player(new TimelinePlayer(m_timeline, this))
{
    setObjectName(QStringLiteral("timelineDock"));
    auto *w = new QWidget(this);
    auto *top = new QHBoxLayout;
    auto *col = new QVBoxLayout(w);
    col->setContentsMargins(6, 4, 6, 4);

    auto action = [this](const QKeySequence &key, auto slot) {
        auto *a = new QAction(this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, m_player, slot);
        return a;
    };
    m_startAct = action(QKeySequence(Qt::ALT | Qt::Key_Home), &TimelinePlayer::toStart);
    m_backAct = action(QKeySequence(Qt::ALT | Qt::Key_Left), &TimelinePlayer::stepBack);
    m_playAct = action(QKeySequence(Qt::Key_F6), &TimelinePlayer::togglePlay);
    m_forwardAct = action(QKeySequence(Qt::ALT | Qt::Key_Right), &TimelinePlayer::stepForward);
    m_liveAct = action(QKeySequence(Qt::ALT | Qt::Key_End), &TimelinePlayer::goLive);
    m_playAct->setCheckable(true);
    // Icons from the style: Debian's default fonts have no ⏮ ⏭ ⏸ glyphs.
    m_startAct->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    m_backAct->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_playAct->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_forwardAct->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_liveAct->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    for (QAction *a : controlActions()) {
        auto *b = new QToolButton(w);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        top->addWidget(b);
    }
    m_slider = new QSlider(Qt::Horizontal, w);
    m_slider->setObjectName(QStringLiteral("timelineSlider"));
    m_slider->setRange(0, 0);
    m_slider->setPageStep(10);
    top->addWidget(m_slider, 1);
    m_speedLabel = new QLabel(w);
    m_speed = new QComboBox(w);
    m_speed->setObjectName(QStringLiteral("timelineSpeed"));
    for (double s : kSpeeds)
        m_speed->addItem(QStringLiteral("×%1").arg(s), s);
    m_speedLabel->setBuddy(m_speed);
    top->addWidget(m_speedLabel);
    top->addWidget(m_speed);
    col->addLayout(top);
    m_where = new QLabel(w);
    m_where->setObjectName(QStringLiteral("timelineWhere"));
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // An event's sentence can be long; unwrapped it would set the whole
    // window's minimum width.
    m_where->setWordWrap(true);
    m_where->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    col->addWidget(m_where);
    setWidget(w);
    setTabOrder(m_slider, m_speed);

    m_menu = new QMenu(this);
    m_menu->addActions(controlActions());

    connect(m_slider, &QSlider::valueChanged, this, [this](int v) {
        if (m_player->position() != v || m_player->isLive())
            if (!(m_player->isLive() && v == m_timeline->size() - 1))
                m_player->seek(v);
    });
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int i) {
        const double s = m_speed->itemData(i).toDouble();
        m_player->setSpeed(s);
        QSettings().setValue(QStringLiteral("timeline/speed"), s);
    });
    connect(m_player, &TimelinePlayer::positionChanged, this, &TimelineDock::onPosition);
    connect(m_player, &TimelinePlayer::playingChanged, m_playAct, &QAction::setChecked);
    const double saved = QSettings().value(QStringLiteral("timeline/speed"), 1.0).toDouble();
    m_speed->setCurrentIndex(std::max(0, m_speed->findData(saved)));
    m_player->setSpeed(saved);
    retranslate();
    onPosition(-1, true);
}

QList<QAction *> TimelineDock::controlActions() const
{
    return {m_startAct, m_backAct, m_playAct, m_forwardAct, m_liveAct};
}

void TimelineDock::attach(LayerStackScene *live, QGraphicsView *view, QLabel *caption)
{
    m_live = live;
    m_view = view;
    m_caption = caption;
    connect(m_player->replayScene(), &LayerStackScene::captionChanged, this, [this](const QString &text) {
        if (!m_player->isLive() && m_caption)
            m_caption->setText(tr("Replay %1/%2 — %3").arg(m_player->position() + 1).arg(m_timeline->size()).arg(text));
    });
}

void TimelineDock::onPosition(int k, bool live)
{
    const int n = m_timeline->size();
    {
        const QSignalBlocker b(m_slider);
        m_slider->setRange(0, std::max(0, n - 1));
        m_slider->setValue(std::max(0, k));
    }
    m_where->setText(n == 0 ? tr("No events yet: run a command.")
                            : (live ? tr("Live — ") : tr("Replay — ")) + m_timeline->describe(std::max(0, k)));
    m_backAct->setEnabled(n > 0);
    m_startAct->setEnabled(n > 0);
    m_forwardAct->setEnabled(!live);
    m_liveAct->setEnabled(!live);
    if (!m_view)
        return;
    QGraphicsScene *want = live ? static_cast<QGraphicsScene *>(m_live.data()) : m_player->replayScene();
    if (m_view->scene() != want) {
        m_view->setScene(want);
        m_view->fitInView(want->sceneRect(), Qt::KeepAspectRatio);
    }
    if (m_caption)
        m_caption->setText(live ? (m_live ? m_live->caption() : QString())
                                : tr("Replay %1/%2 — %3").arg(k + 1).arg(n).arg(m_player->replayScene()->caption()));
}

void TimelineDock::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslate();
    QDockWidget::changeEvent(e);
}

void TimelineDock::retranslate()
{
    setWindowTitle(tr("Timeline"));
    m_menu->setTitle(tr("&Timeline"));
    m_startAct->setText(tr("Start"));
    m_startAct->setToolTip(tr("Rewind the drawing to the session's first event (Alt+Home)"));
    m_backAct->setText(tr("Back"));
    m_backAct->setToolTip(tr("One event back: the drawing is rebuilt, the engine is not touched (Alt+Left)"));
    m_playAct->setText(tr("Replay"));
    m_playAct->setToolTip(tr("Replay the drawing from here at the chosen speed (F6)"));
    m_forwardAct->setText(tr("Forward"));
    m_forwardAct->setToolTip(tr("One event forward, animated (Alt+Right)"));
    m_liveAct->setText(tr("Live"));
    m_liveAct->setToolTip(tr("Back to the present: the live scene (Alt+End)"));
    m_slider->setToolTip(tr("Every event of this session: drag to rewind the drawing"));
    m_slider->setAccessibleName(tr("Timeline position"));
    m_speedLabel->setText(tr("&Speed"));
    onPosition(m_player->position(), m_player->isLive());
}

} // namespace strata::gui
