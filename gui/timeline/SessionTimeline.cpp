// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/SessionTimeline.h"

#include "core/EventText.h"
#include "scene/LayerStackScene.h"

#include <QCoreApplication>

namespace strata::gui {

SessionTimeline::SessionTimeline(QObject *parent) : QObject(parent)
{
    m_clock.start();
}

void SessionTimeline::recordEvents(const EventBatch &events)
{
    if (events.isEmpty())
        return;
    for (const auto &e : events) {
        TimelineEntry t;
        t.kind = TimelineEntry::Kind::Event;
        t.event = e;
        t.ms = m_clock.elapsed();
        m_entries.push_back(std::move(t));
    }
    emit appended(size());
}

void SessionTimeline::recordImage(const ImageDetailPtr &detail)
{
    TimelineEntry t;
    t.kind = TimelineEntry::Kind::Image;
    t.detail = detail;
    t.ms = m_clock.elapsed();
    m_entries.push_back(std::move(t));
    emit appended(size());
}

QString SessionTimeline::describe(int k) const
{
    if (k < 0 || k >= size())
        return {};
    const TimelineEntry &t = at(k);
    const QString when = QString::number(t.ms / 1000.0, 'f', 1);
    if (t.kind == TimelineEntry::Kind::Image)
        return QCoreApplication::translate("Timeline", "%1 · %2 s · image %3 drawn")
            .arg(k + 1)
            .arg(when, t.detail ? t.detail->ref : QStringLiteral("—"));
    return QCoreApplication::translate("Timeline", "%1 · %2 s · %3").arg(k + 1).arg(when, describeEvent(t.event));
}

void SessionTimeline::apply(int k, LayerStackScene &scene) const
{
    const TimelineEntry &t = at(k);
    if (t.kind == TimelineEntry::Kind::Image)
        scene.showImage(t.detail);
    else
        scene.onEvents(EventBatch{t.event});
}

void SessionTimeline::replay(int k, LayerStackScene &scene) const
{
    scene.reset();
    for (int i = 0; i <= k && i < size(); ++i) {
        apply(i, scene);
        scene.finishAnimations();
    }
}

} // namespace strata::gui
