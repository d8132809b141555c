// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/PullScene.h"

#include "core/EventText.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>
#include <QGraphicsRectItem>
#include <QJsonArray>
#include <QPen>

#include <algorithm>

namespace strata::gui {

using engine::events::EventKind;

namespace {

constexpr qreal kRegistryX = 30, kRegistryW = 300;
constexpr qreal kBarsX = 390, kBarsW = 440, kBarsTop = 110, kBarsBottom = 650;
constexpr qreal kLocalX = 860, kLocalW = 300;
constexpr qreal kDigestY = 676, kDigestH = 60;
constexpr int kLocalShown = 8;

// The bar's state from Docker's word for the layer (pull and push).
QString stateOfStatus(const QString &status)
{
    if (status == QLatin1String("Already exists") || status == QLatin1String("Layer already exists") ||
        status.startsWith(QLatin1String("Mounted from")))
        return QStringLiteral("kept");
    if (status == QLatin1String("Pull complete") || status == QLatin1String("Pushed") || status == QLatin1String("local"))
        return QStringLiteral("done");
    if (status.isEmpty() || status == QLatin1String("Pulling fs layer") || status == QLatin1String("Waiting") ||
        status == QLatin1String("Preparing"))
        return QStringLiteral("idle");
    return QStringLiteral("lit");
}

// How full the bar is: the bytes moved, or all of it once they have.
qreal fillOf(const QString &status, qint64 current, qint64 total)
{
    if (status == QLatin1String("Downloading") || status == QLatin1String("Pushing"))
        return total > 0 ? std::clamp(static_cast<qreal>(current) / static_cast<qreal>(total), 0.0, 1.0) : 0.0;
    return stateOfStatus(status) == QLatin1String("idle") ? 0.0 : 1.0;
}

QString shortOf(const QString &digest)
{
    return shortDigest(digest.toStdString());
}

} // namespace

PullScene::PullScene(QObject *parent) : EventScene(QStringLiteral("pull"), parent)
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("pull"), 1120);
    title->framed = false;
    title->textSize = 22;
    title->text = [this] {
        return m_push ? QCoreApplication::translate("Pull", "<b>push</b>: each layer goes up on its own; layers the registry has are not sent again")
                      : QCoreApplication::translate("Pull", "<b>pull</b>: each layer comes down on its own; layers the store has are not fetched again");
    };
    title->setPos(30, 10);
    addItem(title);

    m_registryBox = new BoxItem(QStringLiteral("registry"), QString(), QSizeF(kRegistryW, 200), Role::Archive);
    m_registryBox->setPos(kRegistryX, 260);
    m_registryBox->icon = Icon::Cylinder;
    m_registryBox->titleSize = 24;
    m_registryBox->subtitleScale = 0.85;
    m_registryBox->textTop = true;
    m_registryBox->title = [] { return QCoreApplication::translate("Pull", "registry"); };
    m_registryBox->subtitle = [this] { return m_registry.isEmpty() ? QCoreApplication::translate("Pull", "none yet") : m_registry; };
    m_registryBox->setData(HighlightData, QStringLiteral("registry"));
    addItem(m_registryBox);
    // The repository under the registry, wrapped (a long name never shrinks the text).
    auto *repo = new NoteItem(QStringLiteral("repository"), QStringLiteral("repository"), kRegistryW, m_registryBox);
    repo->framed = false;
    repo->textSize = 18;
    repo->text = [this] { return m_ref.toHtmlEscaped(); };
    repo->setPos(0, 210); // under the box, moving with it

    auto *local = new NoteItem(QStringLiteral("local-title"), QStringLiteral("local"), kLocalW);
    local->framed = false;
    local->textSize = 18;
    local->text = [] { return QCoreApplication::translate("Pull", "<b>local store</b>: layers already here"); };
    local->setPos(kLocalX, 64);
    addItem(local);
    auto *bars = new NoteItem(QStringLiteral("bars-title"), QStringLiteral("bars"), kBarsW);
    bars->framed = false;
    bars->textSize = 18;
    bars->text = [this] {
        return m_ref.isEmpty() ? QCoreApplication::translate("Pull", "<b>layers</b> of the image")
                               : QCoreApplication::translate("Pull", "<b>layers</b> of %1").arg(m_ref.toHtmlEscaped());
    };
    bars->setPos(kBarsX, 64);
    addItem(bars);

    m_digestBox = new BoxItem(QStringLiteral("digest"), QStringLiteral("digest"), QSizeF(kLocalX + kLocalW - kBarsX, kDigestH), Role::Neutral);
    m_digestBox->setPos(kBarsX, kDigestY);
    m_digestBox->titleSize = 18;
    m_digestBox->subtitleScale = 1.0;
    m_digestBox->title = [this] {
        // 40 hex digits fit the box at projector size; the dump keeps all 64.
        return m_digest.isEmpty() ? QCoreApplication::translate("Pull", "Digest: (the manifest's sha256, checked at the end)")
                                  : QStringLiteral("Digest: %1…").arg(m_digest.left(47));
    };
    m_digestBox->subtitle = [this] {
        if (m_digest.isEmpty())
            return QString();
        return m_push ? QCoreApplication::translate("Pull", "the registry now serves this manifest: NAME@digest names exactly this image")
                      : QCoreApplication::translate("Pull", "every blob's sha256 matched: NAME@digest names exactly this image");
    };
    m_digestBox->setData(HighlightData, QStringLiteral("digest"));
    addItem(m_digestBox);

    setCaption([] { return QCoreApplication::translate("Pull", "Type pull NAME (or push NAME) to watch the layers travel one by one."); });
}

void PullScene::setSubject(const QString &subject)
{
    EventScene::setSubject(subject);
    if (m_snapshot)
        onSnapshot(m_snapshot);
}

void PullScene::onSnapshot(const EngineSnapshotPtr &s)
{
    m_snapshot = s;
    if (m_transferring || !m_digest.isEmpty() || m_subject.isEmpty())
        return;
    // Opened on an image: its layers as bars (all local) beside the same slabs.
    for (const auto &img : s->images) {
        const bool named = std::find(img.repoTags.begin(), img.repoTags.end(), m_subject.toStdString()) != img.repoTags.end() ||
                           QString::fromStdString(img.id.str()).contains(m_subject);
        const auto it = s->imageDiffIds.find(img.id.str());
        if (!named || it == s->imageDiffIds.end())
            continue;
        if (static_cast<int>(it->second.size()) == m_bars.size() && m_ref == m_subject)
            return; // already drawn
        m_ref = m_subject;
        drawBarsFromState(it->second);
        drawLocal(it->second);
        const int n = static_cast<int>(it->second.size());
        setCaption([n] { return QCoreApplication::translate("Pull", "This image is %n layer(s) in the store; push sends each one, pull fetches only the ones missing.", nullptr, n); });
        return;
    }
}

QRectF PullScene::barRect(int index, int count) const
{
    const qreal h = std::min<qreal>(64, (kBarsBottom - kBarsTop) / std::max(1, count) - 6);
    return {kBarsX, kBarsBottom - (index + 1) * (h + 6), kBarsW, h};
}

void PullScene::clearBars()
{
    for (const QString kind : {QStringLiteral("layer-bar"), QStringLiteral("shared"), QStringLiteral("flow")})
        for (QGraphicsItem *i : itemsOfKind(kind)) {
            removeItem(i);
            delete i;
        }
    m_bars.clear();
}

void PullScene::drawBarsFromState(const std::vector<std::string> &diffIds)
{
    clearBars();
    const int n = static_cast<int>(diffIds.size());
    m_bars.resize(n);
    for (int i = 0; i < n; ++i) {
        m_bars[i].diffId = QString::fromStdString(diffIds[static_cast<std::size_t>(i)]);
        updateBar(i, shortOf(m_bars[i].diffId), QStringLiteral("local"), 0, 0, m_bars[i].diffId);
    }
}

void PullScene::startTransfer(const QString &ref, const QString &registry, bool push, int count)
{
    clearBars();
    m_ref = ref;
    m_registry = registry;
    m_push = push;
    m_digest.clear();
    m_transferring = true;
    m_bars.resize(count);
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("local-layer")))
        static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i))->setState(QStringLiteral("done"));
    m_registryBox->setData(KeyData, registry);
    m_registryBox->setState(QStringLiteral("lit"));
    m_digestBox->setState(QStringLiteral("idle"));
    auto *flow = new ArrowItem(QStringLiteral("flow"), push ? QStringLiteral("push") : QStringLiteral("pull"));
    // The registry faces the middle of the bars.
    const QRectF top = barRect(count - 1, count), bottom = barRect(0, count);
    m_registryBox->setPos(kRegistryX, (top.top() + bottom.bottom()) / 2 - m_registryBox->size().height() / 2);
    const QPointF reg = m_registryBox->anchor(Qt::RightEdge), bars(kBarsX - 6, reg.y());
    flow->setEnds(push ? bars : reg, push ? reg : bars);
    flow->setState(QStringLiteral("flow"));
    addItem(flow);
    travel(flow);
    pulse(m_registryBox);
    setCaption([push, count] {
        return push ? QCoreApplication::translate("Pull", "push: %n layer(s) go up one by one; the registry keeps each by its digest.", nullptr, count)
                    : QCoreApplication::translate("Pull", "pull: %n layer(s), each downloaded on its own, verified by its sha256, then extracted.", nullptr, count);
    });
    update();
}

void PullScene::updateBar(int index, const QString &layer, const QString &status, qint64 current, qint64 total, const QString &diffId)
{
    if (index < 0 || index >= m_bars.size())
        return;
    Bar &b = m_bars[index];
    b.layer = layer;
    if (!diffId.isEmpty())
        b.diffId = diffId;
    const bool changed = b.status != status;
    b.status = status;
    if (status == QLatin1String("Downloading") || status == QLatin1String("Extracting") || total > 0) {
        b.current = current;
        b.total = total;
    }
    const QRectF r = barRect(index, static_cast<int>(m_bars.size()));
    if (!b.box) {
        b.box = new BoxItem(QStringLiteral("layer-bar"), QString::number(index), r.size(), Role::Layer);
        b.box->setPos(r.topLeft());
        b.box->titleSize = 20; // subtitle 18: ≥ 14 px on a 1280×720 projector
        b.box->subtitleScale = 0.9;
        b.box->stateBadge = true;
        b.box->setData(HighlightData, QStringLiteral("layer:%1").arg(index + 1));
        const Bar *bar = &b;
        const int shown = index + 1;
        b.box->title = [bar, shown] { return QStringLiteral("L%1  %2").arg(shown).arg(bar->layer); };
        b.box->subtitle = [bar] {
            if (bar->status == QLatin1String("local"))
                return QCoreApplication::translate("Pull", "in the store");
            if ((bar->status == QLatin1String("Downloading") || bar->status == QLatin1String("Extracting")) && bar->total > 0)
                return QStringLiteral("%1  %2 / %3").arg(bar->status, humanBytes(static_cast<quint64>(bar->current)),
                                                         humanBytes(static_cast<quint64>(bar->total)));
            return bar->status;
        };
        b.fill = new QGraphicsRectItem(b.box);
        b.fill->setPen(Qt::NoPen);
        b.fill->setAcceptedMouseButtons(Qt::NoButton);
        addItem(b.box);
        applyHighlights();
    }
    const QString state = stateOfStatus(status);
    QColor c = state == QLatin1String("kept") ? QColor(80, 150, 230) : QColor(70, 170, 100);
    c.setAlpha(90);
    b.fill->setBrush(c);
    b.fill->setRect(0, 0, r.width() * fillOf(status, current, total), r.height());
    b.box->setState(state);
    if (changed && state != QLatin1String("idle") && status != QLatin1String("local"))
        pulse(b.box);
    if (changed && state == QLatin1String("kept"))
        linkShared(index);
    b.box->update();
}

void PullScene::drawLocal(const std::vector<std::string> &diffIds)
{
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("local-layer")) + itemsOfKind(QStringLiteral("shared"))) {
        removeItem(i);
        delete i;
    }
    const int n = std::min<int>(static_cast<int>(diffIds.size()), kLocalShown);
    const qreal h = std::min<qreal>(56, (kBarsBottom - kBarsTop) / std::max(1, n) - 6);
    for (int i = 0; i < n; ++i) {
        const QString id = shortOf(QString::fromStdString(diffIds[static_cast<std::size_t>(i)]));
        auto *s = new BoxItem(QStringLiteral("local-layer"), id, QSizeF(kLocalW, h), Role::Layer);
        s->setPos(kLocalX, kBarsBottom - (i + 1) * (h + 6));
        s->icon = Icon::Lock;
        s->titleSize = 20;
        s->stateBadge = false;
        const int shown = i + 1;
        s->title = [shown, id] { return QStringLiteral("L%1  %2").arg(shown).arg(id); };
        s->setState(QStringLiteral("done"));
        addItem(s);
    }
}

void PullScene::linkShared(int index)
{
    const Bar &b = m_bars[index];
    const QString key = shortOf(b.diffId);
    if (!m_push && !item(QStringLiteral("local-layer"), key) && m_snapshot) {
        // The store image that shares this layer (the longest shared base) becomes the local stack.
        const std::string want = b.diffId.toStdString();
        const std::vector<std::string> *best = nullptr;
        for (const auto &[id, diffs] : m_snapshot->imageDiffIds)
            if (std::find(diffs.begin(), diffs.end(), want) != diffs.end() && (!best || diffs.size() < best->size()))
                best = &diffs;
        if (best)
            drawLocal(*best);
    }
    auto *slab = static_cast<BoxItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("local-layer"), key)));
    if (!slab || m_push)
        return;
    slab->setState(QStringLiteral("lit"));
    pulse(slab);
    auto *line = new ArrowItem(QStringLiteral("shared"), QString::number(index));
    line->setEnds(b.box->anchor(Qt::RightEdge), slab->anchor(Qt::LeftEdge));
    line->dashed = true;
    line->setState(QStringLiteral("taken"));
    addItem(line);
}

void PullScene::finish(const QString &digest, bool push)
{
    m_digest = digest;
    m_push = push;
    m_transferring = false;
    m_registryBox->setState(QStringLiteral("done"));
    m_digestBox->setState(QStringLiteral("done"));
    pulse(m_digestBox);
    int fetched = 0, kept = 0;
    for (const Bar &b : std::as_const(m_bars))
        (stateOfStatus(b.status) == QLatin1String("kept") ? kept : fetched) += 1;
    setCaption([push, fetched, kept] {
        return push ? QCoreApplication::translate("Pull", "pushed: %1 layer(s) sent, %2 the registry already had; the digest names the manifest.").arg(fetched).arg(kept)
                    : QCoreApplication::translate("Pull", "pulled: %1 layer(s) downloaded, %2 already in the store; the digest names the manifest.").arg(fetched).arg(kept);
    });
    update();
}

void PullScene::handle(const engine::events::Event &e)
{
    switch (e.kind) {
    case EventKind::LayerTransfer: {
        const QString ref = attrText(e.attrs, "ref"), status = attrText(e.attrs, "status");
        const bool push = status == QLatin1String("Preparing") || status == QLatin1String("Pushing") ||
                          status == QLatin1String("Pushed") || status == QLatin1String("Layer already exists") ||
                          status.startsWith(QLatin1String("Mounted from")) || (m_push && m_transferring && ref == m_ref);
        const int count = static_cast<int>(attrNumber(e.attrs, "count"));
        if (!m_transferring || ref != m_ref || push != m_push || count != m_bars.size()) {
            const QString registry = ref.section(QLatin1Char('/'), 0, 0);
            startTransfer(ref, registry, push, count);
        }
        updateBar(static_cast<int>(attrNumber(e.attrs, "index")), attrText(e.attrs, "layer"), status,
                  attrNumber(e.attrs, "current"), attrNumber(e.attrs, "total"), attrText(e.attrs, "diff_id"));
        break;
    }
    case EventKind::ImagePulled:
    case EventKind::ImagePushed: {
        const bool push = e.kind == EventKind::ImagePushed;
        if (!m_transferring) { // up to date: no layer moved
            m_ref = attrText(e.attrs, "name");
            m_registry = attrText(e.attrs, "registry");
        }
        finish(attrText(e.attrs, "digest"), push);
        break;
    }
    default: break;
    }
}

QJsonObject PullScene::dump() const
{
    QJsonObject o = EventScene::dump();
    o[QStringLiteral("direction")] = m_push ? QStringLiteral("push") : QStringLiteral("pull");
    o[QStringLiteral("ref")] = m_ref;
    o[QStringLiteral("registry")] = m_registry;
    o[QStringLiteral("digest")] = m_digest;
    QJsonArray bars, layers;
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars[i];
        bars.append(QJsonObject{{QStringLiteral("index"), i},
                                {QStringLiteral("layer"), b.layer},
                                {QStringLiteral("status"), b.status},
                                {QStringLiteral("current"), static_cast<double>(b.current)},
                                {QStringLiteral("total"), static_cast<double>(b.total)},
                                {QStringLiteral("diff_id"), b.diffId}});
        layers.append(b.diffId);
    }
    o[QStringLiteral("bars")] = bars;
    o[QStringLiteral("layers")] = layers;
    return o;
}

} // namespace strata::gui
