// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/EventScene.h"

#include "core/Palette.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QGraphicsObject>
#include <QJsonArray>
#include <QPropertyAnimation>
#include <QSequentialAnimationGroup>

namespace strata::gui {

namespace {
constexpr int kBacklog = 8; // more waiting than this: apply at once, the eye cannot follow
}

QString attrText(const nlohmann::json &a, const char *key)
{
    if (!a.contains(key))
        return {};
    const auto &v = a[key];
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump());
}

qint64 attrNumber(const nlohmann::json &a, const char *key)
{
    return a.contains(key) && a[key].is_number() ? a[key].get<qint64>() : 0;
}

QStringList attrList(const nlohmann::json &a, const char *key)
{
    QStringList out;
    if (a.contains(key) && a[key].is_array())
        for (const auto &w : a[key])
            if (w.is_string())
                out << QString::fromStdString(w.get<std::string>());
    return out;
}

EventScene::EventScene(QString id, QObject *parent) : QGraphicsScene(parent), m_id(std::move(id))
{
    setSceneRect(0, 0, kWidth, kHeight);
    setBackgroundBrush(Palette::current().background);
    m_beat.setSingleShot(true);
    connect(&m_beat, &QTimer::timeout, this, &EventScene::runNext);
}

void EventScene::onEvents(const EventBatch &events)
{
    for (const auto &e : events)
        handle(e);
}

void EventScene::onCommand(const SceneCommand &command)
{
    handleCommand(command);
}

void EventScene::setCaption(std::function<QString()> caption)
{
    m_caption = std::move(caption);
    emit captionChanged(this->caption());
}

QString EventScene::caption() const
{
    return m_caption ? m_caption() : QString();
}

void EventScene::retranslate()
{
    setBackgroundBrush(Palette::current().background);
    for (QGraphicsItem *i : items())
        if (auto *n = dynamic_cast<NoteItem *>(i))
            n->refresh();
    update();
    emit captionChanged(caption());
}

int EventScene::beat() const
{
    return static_cast<int>(500 / std::max(0.1, m_speed));
}

bool EventScene::animating() const
{
    return !m_queue.empty() || m_beat.isActive();
}

void EventScene::enqueue(std::function<void()> apply)
{
    m_queue.push_back(std::move(apply));
    if (!m_beat.isActive())
        runNext();
}

void EventScene::runNext()
{
    while (!m_queue.empty()) {
        auto apply = std::move(m_queue.front());
        m_queue.pop_front();
        apply();
        if (static_cast<int>(m_queue.size()) <= kBacklog) {
            m_beat.start(beat());
            return;
        }
    }
    emit settled();
}

void EventScene::pulse(QGraphicsObject *item)
{
    if (!item)
        return;
    auto *a = new QPropertyAnimation(item, "glow", item);
    a->setDuration(beat());
    a->setKeyValueAt(0, 0.0);
    a->setKeyValueAt(0.5, 1.0);
    a->setKeyValueAt(1, 0.0);
    a->setEasingCurve(QEasingCurve::InOutCubic);
    a->start(QAbstractAnimation::DeleteWhenStopped);
}

void EventScene::travel(ArrowItem *arrow, bool back)
{
    if (!arrow)
        return;
    if (m_reducedMotion) { // a fade of the arrow instead of a moving dot
        pulse(arrow);
        return;
    }
    auto *a = new QPropertyAnimation(arrow, "progress", arrow);
    a->setDuration(beat());
    a->setStartValue(back ? 1.0 : 0.0);
    a->setEndValue(back ? 0.0 : 1.0);
    a->setEasingCurve(QEasingCurve::InOutCubic);
    connect(a, &QAbstractAnimation::finished, arrow, [arrow] { arrow->setProgress(-1); });
    a->start(QAbstractAnimation::DeleteWhenStopped);
}

void EventScene::glide(QGraphicsObject *item, const QPointF &from, const QPointF &to)
{
    if (m_reducedMotion) {
        item->setPos(to);
        return;
    }
    auto *a = new QPropertyAnimation(item, "pos", item);
    a->setDuration(beat());
    a->setStartValue(from);
    a->setEndValue(to);
    a->setEasingCurve(QEasingCurve::InOutCubic);
    a->start(QAbstractAnimation::DeleteWhenStopped);
}

void EventScene::setHighlights(const QStringList &keys)
{
    m_highlights = keys;
    applyHighlights();
}

void EventScene::applyHighlights()
{
    for (QGraphicsItem *i : items()) {
        const QString key = i->data(HighlightData).toString();
        const bool on = !key.isEmpty() && m_highlights.contains(key);
        if (auto *b = dynamic_cast<BoxItem *>(i))
            b->setHighlighted(on);
        else if (auto *a = dynamic_cast<ArrowItem *>(i))
            a->setHighlighted(on);
    }
}

QJsonObject EventScene::dump() const
{
    QJsonObject o;
    o[QStringLiteral("scene")] = m_id;
    o[QStringLiteral("subject")] = m_subject;
    QJsonArray drawn, lit;
    for (QGraphicsItem *i : items(Qt::AscendingOrder)) {
        const QString kind = i->data(KindData).toString();
        if (kind.isEmpty() || !i->isVisible())
            continue;
        drawn.append(QJsonObject{{QStringLiteral("kind"), kind},
                                 {QStringLiteral("key"), i->data(KeyData).toString()},
                                 {QStringLiteral("state"), i->data(StateData).toString()}});
        const QString h = i->data(HighlightData).toString();
        if (!h.isEmpty() && m_highlights.contains(h))
            lit.append(h);
    }
    o[QStringLiteral("items")] = drawn;
    o[QStringLiteral("highlighted")] = lit;
    o[QStringLiteral("caption")] = caption();
    o[QStringLiteral("layers")] = QJsonArray();
    return o;
}

QList<QGraphicsItem *> EventScene::itemsOfKind(const QString &kind) const
{
    QList<QGraphicsItem *> out;
    for (QGraphicsItem *i : items(Qt::AscendingOrder))
        if (i->data(KindData).toString() == kind)
            out << i;
    return out;
}

QGraphicsItem *EventScene::item(const QString &kind, const QString &key) const
{
    for (QGraphicsItem *i : items())
        if (i->data(KindData).toString() == kind && i->data(KeyData).toString() == key)
            return i;
    return nullptr;
}

QString EventScene::stateOf(const QString &kind, const QString &key) const
{
    const QGraphicsItem *i = item(kind, key);
    return i ? i->data(StateData).toString() : QString();
}

} // namespace strata::gui
