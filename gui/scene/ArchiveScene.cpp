// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/ArchiveScene.h"

#include "core/EventText.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>
#include <QLocale>

#include <tuple>

namespace strata::gui {

using engine::events::EventKind;

namespace {

constexpr qreal kSaveX = 40, kExportX = 610, kLaneW = 530;
constexpr qreal kSourceBottom = 290, kArchiveTop = 318, kArchiveH = 96, kResultBottom = 620, kHistoryY = 634;
constexpr qreal kSlabH = 44, kGap = 3; // two lines of 18-px text per layer

bool sameId(const QString &a, const QString &b)
{
    auto bare = [](QString s) { return s.startsWith(QLatin1String("sha256:")) ? s.mid(7) : s; };
    return !a.isEmpty() && !b.isEmpty() && bare(a) == bare(b);
}

BoxItem *asBox(QGraphicsItem *i)
{
    return static_cast<BoxItem *>(static_cast<QGraphicsObject *>(i));
}

} // namespace

ArchiveScene::ArchiveScene(QObject *parent) : EventScene(QStringLiteral("save-export"), parent)
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("archive"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [] { return QCoreApplication::translate("Archive", "<b>save / load</b> keeps layers and history — <b>export / import</b> flattens to one layer"); };
    title->setPos(30, 10);
    addItem(title);

    auto lane = [this](const QString &key, qreal x, TextFn text) {
        auto *l = new BoxItem(QStringLiteral("lane"), key, QSizeF(kLaneW, 40), Role::Neutral);
        l->setPos(x, 62); // clear of the title's 22-px line
        l->titleSize = 19;
        l->centred = true;
        l->title = std::move(text);
        l->setState(QStringLiteral("done"));
        addItem(l);
    };
    lane(QStringLiteral("save"), kSaveX, [] { return QCoreApplication::translate("Archive", "image → save → tar → load → image"); });
    lane(QStringLiteral("export"), kExportX, [] { return QCoreApplication::translate("Archive", "container → export → tar → import → image"); });

    auto archive = [this](const QString &key, qreal x, TextFn t, TextFn sub) {
        auto *a = new BoxItem(QStringLiteral("archive"), key, QSizeF(kLaneW, kArchiveH), Role::Archive);
        a->setPos(x, kArchiveTop);
        a->icon = Icon::Box;
        a->titleSize = 17;
        a->stateBadge = false;
        a->title = std::move(t);
        a->subtitle = std::move(sub);
        a->setState(QStringLiteral("idle"));
        addItem(a);
        return a;
    };
    auto *save = archive(QStringLiteral("save"), kSaveX, [this] {
        if (!m_saved)
            return QCoreApplication::translate("Archive", "save -o image.tar IMAGE");
        const int layers = static_cast<int>(m_saved->layers.size());
        return QCoreApplication::translate("Archive", "image tar: %n layer tar(s) + config + manifest", nullptr, layers);
    }, [] { return QCoreApplication::translate("Archive", "history and every layer kept"); });
    save->detail = [this] { return m_saveOutput; };
    auto *exp = archive(QStringLiteral("export"), kExportX, [this] {
        return m_exportEntries > 0 ? QCoreApplication::translate("Archive", "one file tree: %1 entries, %2").arg(QLocale().toString(m_exportEntries), humanBytes(static_cast<quint64>(m_exportBytes)))
                                   : QCoreApplication::translate("Archive", "export -o rootfs.tar CONTAINER");
    }, [] { return QCoreApplication::translate("Archive", "no layers, no history, no config"); });
    exp->detail = [this] { return m_exportOutput; };
    for (const auto &[key, x, verb] : {std::tuple{QStringLiteral("load"), kSaveX, QStringLiteral("load")},
                                       std::tuple{QStringLiteral("import"), kExportX, QStringLiteral("import")}}) {
        auto *arrow = new ArrowItem(QStringLiteral("trip"), key);
        arrow->setEnds(QPointF(x + kLaneW / 2, kArchiveTop + kArchiveH + 4), QPointF(x + kLaneW / 2, kArchiveTop + kArchiveH + 60));
        const QString label = verb;
        arrow->label = [label] { return label; };
        addItem(arrow);
    }
    setCaption([] { return QCoreApplication::translate("Archive", "Run save then load, and export then import: compare what survives each trip."); });
}

void ArchiveScene::clear(const QString &kind, const QString &prefix)
{
    for (QGraphicsItem *i : itemsOfKind(kind))
        if (i->data(KeyData).toString().startsWith(prefix)) {
            removeItem(i);
            delete i;
        }
}

void ArchiveScene::drawStack(const QString &kind, const QString &side, qreal x, qreal bottom, const ImageDetailPtr &d, bool amberTop)
{
    clear(kind, side + QStringLiteral(":"));
    const int n = static_cast<int>(d->layers.size());
    const int shown = std::min(n, 3);
    const int total = shown + (amberTop ? 1 : 0);
    // "… and N lower layers" stands under the layers it stands for.
    const qreal more = n > shown ? 28 : 0;
    bottom -= more;
    for (int i = 0; i < total; ++i) {
        const bool amber = amberTop && i == total - 1;
        const int layer = n - shown + i; // the top layers when there are many
        auto *b = new BoxItem(kind, QStringLiteral("%1:%2").arg(side).arg(amber ? QStringLiteral("rw") : QString::number(layer)),
                              QSizeF(kLaneW, kSlabH), amber ? Role::Container : Role::Layer);
        b->setPos(x, bottom - (i + 1) * (kSlabH + kGap));
        b->icon = amber ? Icon::Pencil : Icon::Lock;
        b->titleSize = 14;
        b->stateBadge = false;
        if (amber) {
            b->title = [] { return QCoreApplication::translate("Archive", "container's read-write layer"); };
        } else {
            const auto &l = d->layers[static_cast<std::size_t>(layer)];
            const QString digest = shortDigest(l.diffId.str()), by = QString::fromStdString(l.createdBy).simplified();
            const quint64 size = l.size;
            b->title = [layer, digest, size] { return QStringLiteral("L%1  %2 · %3").arg(layer + 1).arg(digest, humanBytes(size)); };
            b->subtitle = [by] { return by; };
        }
        b->setState(QStringLiteral("done"));
        b->setData(HighlightData, QStringLiteral("layer:%1").arg(layer + 1));
        addItem(b);
        pulse(b);
    }
    if (n > shown) {
        auto *rest = new BoxItem(kind, side + QStringLiteral(":more"), QSizeF(kLaneW, 25), Role::Neutral);
        rest->setPos(x, bottom + 1);
        rest->titleSize = 13;
        rest->stateBadge = false;
        rest->title = [n, shown] { return QCoreApplication::translate("Archive", "… and %n lower layer(s)", nullptr, n - shown); };
        addItem(rest);
    }
}

void ArchiveScene::drawHistory(const QString &key, qreal x, qreal y, const ImageDetailPtr &d)
{
    clear(QStringLiteral("history"), key);
    auto *h = new BoxItem(QStringLiteral("history"), key, QSizeF(kLaneW, 40), Role::Neutral);
    h->setPos(x, y);
    h->titleSize = 17;
    const int rows = static_cast<int>(d->history.size());
    QString first;
    if (!d->history.empty()) {
        const auto &top = d->history.front();
        first = QString::fromStdString(top.createdBy.empty() ? top.comment : top.createdBy).simplified();
    }
    h->title = [rows, first] { return QCoreApplication::translate("Archive", "history: %n row(s) — newest: %1", nullptr, rows).arg(first); };
    h->setData(HistoryRowsData, rows);
    h->setState(QStringLiteral("done"));
    h->badge = QString::number(rows);
    addItem(h);
}

void ArchiveScene::onSnapshot(const EngineSnapshotPtr &s)
{
    for (const auto &c : s->containers)
        m_imageOfContainer[c.id] = c.image;
}

void ArchiveScene::onDetail(const ImageDetailPtr &d)
{
    const QString id = QString::fromStdString(d->id);
    if (sameId(id, m_savedId) && !(m_saved && m_saved->id == d->id)) {
        m_saved = d;
        enqueue([this, d] {
            drawStack(QStringLiteral("source-layer"), QStringLiteral("save"), kSaveX, kSourceBottom, d, false);
            update();
        });
    }
    if (sameId(id, m_loadedId) && !(m_loaded && m_loaded->id == d->id)) {
        m_loaded = d;
        enqueue([this, d] {
            drawStack(QStringLiteral("result-layer"), QStringLiteral("load"), kSaveX, kResultBottom, d, false);
            drawHistory(QStringLiteral("load"), kSaveX, kHistoryY, d);
            const int n = static_cast<int>(d->layers.size()), rows = static_cast<int>(d->history.size());
            setCaption([n, rows] { return QCoreApplication::translate("Archive", "load: the same %1 layers come back, and all %2 history rows.").arg(n).arg(rows); });
        });
    }
    if (!m_exportedImage.isEmpty() && d->ref == m_exportedImage && !(m_exportBase && m_exportBase->id == d->id)) {
        m_exportBase = d;
        enqueue([this, d] {
            drawStack(QStringLiteral("source-layer"), QStringLiteral("export"), kExportX, kSourceBottom, d, true);
        });
    }
    if (sameId(id, m_importedId) && !(m_imported && m_imported->id == d->id)) {
        m_imported = d;
        enqueue([this, d] {
            drawStack(QStringLiteral("result-layer"), QStringLiteral("import"), kExportX, kResultBottom, d, false);
            drawHistory(QStringLiteral("import"), kExportX, kHistoryY, d);
            const int n = static_cast<int>(d->layers.size());
            setCaption([n] { return QCoreApplication::translate("Archive", "import: one flat layer (%1), one history row — the layers and history are gone.").arg(n); });
        });
    }
}

void ArchiveScene::handle(const engine::events::Event &e)
{
    const QString id = QString::fromStdString(e.id);
    switch (e.kind) {
    case EventKind::ImageSaved:
        m_savedId = id;
        m_saved.reset();
        m_saveOutput = attrText(e.attrs, "output");
        enqueue([this, id] {
            asBox(item(QStringLiteral("archive"), QStringLiteral("save")))->setState(QStringLiteral("lit"));
            pulse(asBox(item(QStringLiteral("archive"), QStringLiteral("save"))));
            setCaption([] { return QCoreApplication::translate("Archive", "save: every layer, the config with its history and a manifest go into one tar."); });
            emit detailWanted(id);
        });
        break;
    case EventKind::ImageLoaded:
        m_loadedId = id;
        m_loaded.reset();
        enqueue([this, id] {
            asBox(item(QStringLiteral("archive"), QStringLiteral("save")))->setState(QStringLiteral("done"));
            emit detailWanted(id);
        });
        break;
    case EventKind::ContainerExported: {
        m_exportedContainer = id;
        m_exportBase.reset();
        m_exportEntries = attrNumber(e.attrs, "entries");
        m_exportBytes = attrNumber(e.attrs, "bytes");
        m_exportOutput = attrText(e.attrs, "output");
        const auto it = m_imageOfContainer.find(e.id);
        m_exportedImage = it != m_imageOfContainer.end() ? QString::fromStdString(it->second) : QString();
        enqueue([this] {
            asBox(item(QStringLiteral("archive"), QStringLiteral("export")))->setState(QStringLiteral("lit"));
            pulse(asBox(item(QStringLiteral("archive"), QStringLiteral("export"))));
            setCaption([] { return QCoreApplication::translate("Archive", "export: the container's merged view — every layer at once — is written as one flat tar."); });
            if (!m_exportedImage.isEmpty())
                emit detailWanted(m_exportedImage);
        });
        break;
    }
    case EventKind::ImageImported:
        m_importedId = id;
        m_imported.reset();
        enqueue([this, id] {
            asBox(item(QStringLiteral("archive"), QStringLiteral("export")))->setState(QStringLiteral("done"));
            emit detailWanted(id);
        });
        break;
    default: break;
    }
}

} // namespace strata::gui
