// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/BuildScene.h"

#include "core/EventText.h"
#include "engine/build/BuildFailed.h"
#include "engine/build/Dockerfile.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPropertyAnimation>

#include <algorithm>

namespace strata::gui {

using engine::events::EventKind;

namespace {

constexpr qreal kLeft = 30, kListW = 510, kListTop = 190, kListBottom = 760;
constexpr qreal kStackX = 565, kStackW = 320, kStackTop = 250, kStackBottom = 760, kSlabH = 56, kGap = 6;
constexpr qreal kCardX = 905, kCardW = 265;
// Projector-grade: the view shows this scene at about 0.8 in presentation
// mode at 1280x720, so no text is drawn below 19 px here (>= 14 px on screen).
constexpr qreal kText = 19;
constexpr qreal kRowMin = 32;
constexpr int kMaxRows = static_cast<int>((kListBottom - kListTop) / kRowMin);

bool sameId(const QString &a, const QString &b)
{
    auto bare = [](QString s) { return s.startsWith(QLatin1String("sha256:")) ? s.mid(7) : s; };
    return !a.isEmpty() && !b.isEmpty() && (bare(a).startsWith(bare(b)) || bare(b).startsWith(bare(a)));
}

// The steps Docker counts, as it prints them: meta ARGs, then each stage's FROM and commands.
QStringList stepsOf(const std::string &dockerfile)
{
    QStringList out;
    try {
        const auto df = engine::build::parseDockerfile(dockerfile);
        for (const auto &a : df.metaArgs)
            out << QString::fromStdString(a.original);
        for (const auto &s : df.stages) {
            out << QString::fromStdString(s.from.original);
            for (const auto &c : s.commands)
                out << QString::fromStdString(c.original);
        }
    } catch (const std::exception &) {
        // the build fails on it too; the scene shows no steps
    }
    return out;
}

QString shown(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isArray()) {
        QStringList parts;
        for (const auto &x : v.toArray())
            parts << x.toString();
        return QStringLiteral("[") + parts.join(QStringLiteral(", ")) + QStringLiteral("]");
    }
    if (v.isObject())
        return v.toObject().keys().join(QStringLiteral(", "));
    return {};
}

QString clipped(QString s, int n = 30)
{
    return s.size() > n ? s.left(n - 1) + QChar(0x2026) : s;
}

} // namespace

BuildScene::BuildScene(QObject *parent) : EventScene(QStringLiteral("build"), parent)
{
    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("build"), 1120);
    title->framed = false;
    title->textSize = 22;
    title->text = [] {
        return QCoreApplication::translate("Build", "<b>build</b> — FROM, then for each step: run a container, change files, commit a layer");
    };
    title->setPos(kLeft, 14);
    addItem(title);

    auto endpoint = [this](const QString &key, qreal x, Role role, Icon icon, TextFn t, TextFn sub) {
        auto *b = new BoxItem(QStringLiteral("endpoint"), key, QSizeF(240, 64), role);
        b->setPos(x, 58);
        b->icon = icon;
        b->titleSize = 22;
        b->subtitleScale = 0.85;
        b->title = std::move(t);
        b->subtitle = std::move(sub);
        b->setData(HighlightData, QStringLiteral("endpoint:") + key);
        addItem(b);
        return b;
    };
    m_client = endpoint(QStringLiteral("client"), kLeft, Role::Client, Icon::Terminal,
                        [] { return QCoreApplication::translate("Build", "client"); },
                        [] { return QCoreApplication::translate("Build", "strata build"); });
    m_engine = endpoint(QStringLiteral("engine"), kLeft + 560, Role::Engine, Icon::Gear,
                        [] { return QCoreApplication::translate("Build", "engine"); },
                        [] { return QCoreApplication::translate("Build", "runs each step"); });
    auto *wire = new ArrowItem(QStringLiteral("wire"), QStringLiteral("context"));
    wire->setEnds(m_client->anchor(Qt::RightEdge) + QPointF(8, 0), m_engine->anchor(Qt::LeftEdge) - QPointF(8, 0));
    wire->label = [this] {
        return m_context.isEmpty() ? QCoreApplication::translate("Build", "build context")
                                   : QCoreApplication::translate("Build", "build context · %1").arg(m_context);
    };
    addItem(wire);

    auto header = [this](const QString &key, qreal x, qreal w, TextFn t) {
        auto *n = new NoteItem(QStringLiteral("column-label"), key, w);
        n->framed = false;
        n->textSize = 20;
        n->text = std::move(t);
        n->setPos(x, 136);
        addItem(n);
    };
    header(QStringLiteral("dockerfile"), kLeft, kListW, [this] {
        return m_seenBuild ? QCoreApplication::translate("Build", "<b>Dockerfile</b>: one step per instruction")
                           : QCoreApplication::translate("Build", "<b>history</b> of the newest image, step by step");
    });
    header(QStringLiteral("image"), kStackX, kStackW, [this] {
        return m_image.isEmpty() ? QCoreApplication::translate("Build", "<b>image</b>: empty (scratch)")
                                 : QCoreApplication::translate("Build", "<b>image</b> <code>%1</code>").arg(shortDigest(m_image.toStdString()));
    });
    header(QStringLiteral("config"), kCardX, kCardW, [] { return QCoreApplication::translate("Build", "<b>config</b>"); });

    m_card = new NoteItem(QStringLiteral("config"), QStringLiteral("config"), kCardW);
    m_card->textSize = kText;
    m_card->text = [this] { return configText(); };
    m_card->setPos(kCardX, kListTop);
    m_card->setData(StateData, QStringLiteral("idle"));
    m_card->setData(HighlightData, QStringLiteral("config"));
    addItem(m_card);

    m_cache = new NoteItem(QStringLiteral("cache-flash"), QStringLiteral("cache"), kStackW);
    m_cache->textSize = 22;
    m_cache->text = [] { return QCoreApplication::translate("Build", "⟲ <b>Using cache</b>: this step's image already exists"); };
    m_cache->setPos(kStackX, kListTop);
    m_cache->setData(HighlightData, QStringLiteral("cache"));
    m_cache->setVisible(false);
    addItem(m_cache);

    setCaption([] { return QCoreApplication::translate("Build", "Build an image (Build… or `build -t NAME DIR` in the console): each step runs and commits."); });
}

// The box draws the states it knows (lit, done, kept, refused, idle); the
// scene's own word for the step stays in data(2) for lessons and tests.
void BuildScene::setBoxState(BoxItem *b, const QString &state)
{
    static const QHash<QString, QString> drawn = {{QStringLiteral("cached"), QStringLiteral("kept")},
                                                  {QStringLiteral("failed"), QStringLiteral("refused")},
                                                  {QStringLiteral("running"), QStringLiteral("lit")},
                                                  {QStringLiteral("committed"), QStringLiteral("done")}};
    b->setState(drawn.value(state, state));
    b->setData(StateData, state);
}

QRectF BuildScene::slabRect(int index, int count) const
{
    const qreal h = std::min<qreal>(kSlabH, (kStackBottom - kStackTop - kSlabH) / std::max(1, count) - kGap);
    return QRectF(kStackX, kStackBottom - (index + 1) * (h + kGap), kStackW, h);
}

void BuildScene::showSteps(const QStringList &steps, const QString &done)
{
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("instruction"))) {
        removeItem(i);
        delete i;
    }
    m_steps = steps;
    const int n = static_cast<int>(steps.size());
    const qreal h = std::clamp<qreal>((kListBottom - kListTop) / std::max(1, std::min(n, kMaxRows)), kRowMin, 44);
    for (int i = 0; i < n; ++i) {
        auto *b = new BoxItem(QStringLiteral("instruction"), QString::number(i + 1), QSizeF(kListW, h - 4), Role::Neutral);
        b->rounded = false;
        b->stateBadge = false;
        b->titleSize = kText;
        const QString text = clipped(steps[i].simplified(), 44);
        b->title = [i, text] { return QStringLiteral("%1  %2").arg(i + 1, 2).arg(text); };
        b->setState(done);
        b->setData(HighlightData, QStringLiteral("step:%1").arg(i + 1));
        b->setPos(kLeft, kListTop + i * h);
        b->setVisible(i < kMaxRows);
        addItem(b);
    }
}

void BuildScene::setStepState(int step, const QString &state)
{
    auto *b = static_cast<BoxItem *>(item(QStringLiteral("instruction"), QString::number(step)));
    if (!b)
        return;
    setBoxState(b, state);
    // Long Dockerfiles: keep the lit row in the window of rows that fit.
    const int n = static_cast<int>(m_steps.size());
    if (state == QLatin1String("lit") && n > kMaxRows) {
        const int first = std::clamp(step - kMaxRows / 2, 0, n - kMaxRows);
        const qreal h = kRowMin;
        for (QGraphicsItem *i : itemsOfKind(QStringLiteral("instruction"))) {
            const int k = i->data(KeyData).toInt() - 1;
            i->setVisible(k >= first && k < first + kMaxRows);
            i->setPos(kLeft, kListTop + (k - first) * h);
        }
    }
    if (state == QLatin1String("lit"))
        pulse(b);
}

void BuildScene::drawStack()
{
    for (QGraphicsItem *i : itemsOfKind(QStringLiteral("layer"))) {
        removeItem(i);
        delete i;
    }
    const int n = m_detail ? static_cast<int>(m_detail->layers.size()) : 0;
    for (int i = 0; i < n; ++i) {
        const auto &l = m_detail->layers[static_cast<std::size_t>(i)];
        auto *b = new BoxItem(QStringLiteral("layer"), QString::number(i), QSizeF(kStackW, kSlabH), Role::Layer);
        const QRectF r = slabRect(i, n);
        b->setSize(r.size());
        b->setPos(r.topLeft());
        b->icon = Icon::Lock;
        b->stateBadge = false;
        b->titleSize = 22; // no R/O badge: its 0.8-size letters would be too small; the lock says it
        b->subtitleScale = kText / 22;
        const QString digest = shortDigest(l.diffId.str()), by = clipped(QString::fromStdString(l.createdBy).simplified(), 30);
        const quint64 size = l.size;
        b->title = [i, digest, size] { return QStringLiteral("L%1  %2 · %3").arg(i + 1).arg(digest, humanBytes(size)); };
        if (r.height() >= 52)
            b->subtitle = [by] { return by; };
        b->setState(i == n - 1 && m_building ? QStringLiteral("lit") : QStringLiteral("done"));
        b->setData(HighlightData, QStringLiteral("layer:%1").arg(i + 1));
        addItem(b);
    }
    applyHighlights();
    update();
}

void BuildScene::raiseContainer(const QString &id, const QString &command)
{
    lowerContainer();
    const int n = m_detail ? static_cast<int>(m_detail->layers.size()) : 0;
    const QRectF top = slabRect(n, n + 1);
    m_container = new BoxItem(QStringLiteral("container"), id, top.size(), Role::Container);
    m_container->icon = Icon::Pencil;
    m_container->stateBadge = false;
    // the pencil says R/W (a badge would be drawn too small for a projector)
    m_container->titleSize = 22;
    m_container->subtitleScale = kText / 22;
    const QString shortId = id.left(12), cmd = clipped(command.simplified(), 30);
    BoxItem *box = m_container;
    m_container->title = [box, shortId] {
        const QString state = box->data(StateData).toString();
        if (state == QLatin1String("failed"))
            return QCoreApplication::translate("Build", "%1 failed, kept").arg(shortId);
        if (state == QLatin1String("committed"))
            return QCoreApplication::translate("Build", "%1 committed").arg(shortId);
        return QCoreApplication::translate("Build", "RUN in %1").arg(shortId);
    };
    if (top.height() >= 52)
        m_container->subtitle = [cmd] { return cmd; };
    setBoxState(m_container, QStringLiteral("running"));
    m_container->setZValue(5);
    addItem(m_container);
    if (reducedMotion()) {
        m_container->setPos(top.topLeft());
    } else { // it rises from above onto the stack
        m_container->setPos(top.topLeft() - QPointF(0, 80));
        auto *a = new QPropertyAnimation(m_container, "pos", m_container);
        a->setDuration(beat());
        a->setEndValue(top.topLeft());
        a->setEasingCurve(QEasingCurve::OutCubic);
        a->start(QAbstractAnimation::DeleteWhenStopped);
    }
}

// The container's changes are committed: its slab hardens (lock, grey-blue)
// and is replaced by the real new layer once the engine sends the image.
void BuildScene::lowerContainer()
{
    if (!m_container)
        return;
    removeItem(m_container);
    delete m_container;
    m_container = nullptr;
}

void BuildScene::flashCache(bool on)
{
    m_cache->setVisible(on);
    m_cache->setData(StateData, on ? QStringLiteral("shown") : QString());
    if (on)
        pulse(m_cache);
}

void BuildScene::wantImage(const QString &id)
{
    if (sameId(id, m_image) && m_detail)
        return;
    m_image = id;
    if (id.isEmpty() || !m_detail || !sameId(QString::fromStdString(m_detail->id), id)) {
        m_detail.reset();
        if (id.isEmpty()) {
            m_config = {};
            drawStack();
        } else {
            emit detailWanted(id);
        }
    }
}

QString BuildScene::configText() const
{
    static const char *const keys[] = {"Env", "Cmd", "Entrypoint", "WorkingDir", "User", "Volumes", "ExposedPorts", "Labels", "OnBuild"};
    QStringList lines;
    for (const char *k : keys) {
        const QJsonValue v = m_config.value(QLatin1String(k));
        if (v.isNull() || v.isUndefined() || (v.isString() && v.toString().isEmpty()) || (v.isArray() && v.toArray().isEmpty()) ||
            (v.isObject() && v.toObject().isEmpty()))
            continue;
        if (QLatin1String(k) == QLatin1String("Env")) {
            for (const auto &e : v.toArray())
                lines << QStringLiteral("<b>ENV</b> ") + clipped(e.toString(), 22).toHtmlEscaped();
            continue;
        }
        if (QLatin1String(k) == QLatin1String("Labels")) {
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it)
                lines << QStringLiteral("<b>LABEL</b> ") + clipped(it.key() + QLatin1Char('=') + it.value().toString(), 20).toHtmlEscaped();
            continue;
        }
        lines << QStringLiteral("<b>%1</b> ").arg(QLatin1String(k)) + clipped(shown(v), 22).toHtmlEscaped();
    }
    return lines.isEmpty() ? QCoreApplication::translate("Build", "(empty)") : lines.join(QStringLiteral("<br>"));
}

QJsonObject BuildScene::dump() const
{
    QJsonObject o = EventScene::dump();
    QJsonArray steps, layers;
    for (int i = 0; i < m_steps.size(); ++i)
        steps.append(QJsonObject{{QStringLiteral("step"), i + 1},
                                 {QStringLiteral("text"), m_steps[i]},
                                 {QStringLiteral("state"), stateOf(QStringLiteral("instruction"), QString::number(i + 1))}});
    if (m_detail)
        for (const auto &l : m_detail->layers)
            layers.append(QString::fromStdString(l.diffId.str()));
    o[QStringLiteral("instructions")] = steps;
    o[QStringLiteral("lit")] = m_lit;
    o[QStringLiteral("image")] = m_detail ? QString::fromStdString(m_detail->id) : m_image;
    o[QStringLiteral("layers")] = layers;
    o[QStringLiteral("config")] = m_config;
    o[QStringLiteral("cacheHits")] = QJsonArray::fromStringList(m_cacheHits);
    o[QStringLiteral("context")] = m_context;
    o[QStringLiteral("building")] = m_building;
    return o;
}

void BuildScene::onSnapshot(const EngineSnapshotPtr &s)
{
    if (m_seenBuild || !m_image.isEmpty() || s->images.empty())
        return;
    // Opened before any build: the subject image, else the newest, and its history.
    const engine::ImageSummary *pick = nullptr;
    for (const auto &img : s->images) {
        for (const auto &t : img.repoTags)
            if (!m_subject.isEmpty() && QString::fromStdString(t) == m_subject)
                pick = &img;
        if (m_subject.isEmpty() && (!pick || img.created > pick->created))
            pick = &img;
    }
    if (pick)
        wantImage(QString::fromStdString(pick->id.str()));
}

void BuildScene::onDetail(const ImageDetailPtr &d)
{
    if (m_image.isEmpty() || !sameId(QString::fromStdString(d->id), m_image))
        return;
    enqueue([this, d] {
        if (!sameId(QString::fromStdString(d->id), m_image))
            return;
        m_detail = d;
        const QJsonObject inspect = QJsonDocument::fromJson(QByteArray::fromStdString(d->inspectJson)).object();
        m_config = inspect.value(QStringLiteral("Config")).toObject();
        const QString text = configText();
        const bool changed = !m_previousConfig.isEmpty() && text != m_previousConfig;
        m_previousConfig = text;
        m_card->setData(StateData, changed ? QStringLiteral("changed") : QStringLiteral("idle"));
        m_card->refresh();
        if (changed)
            pulse(m_card);
        if (!m_seenBuild) { // before any build: the image's history, oldest first
            QStringList rows;
            for (auto it = d->history.rbegin(); it != d->history.rend(); ++it)
                rows << QString::fromStdString(it->createdBy).simplified();
            showSteps(rows, QStringLiteral("done"));
        }
        // A committed container has become the top slab; a running one (the
        // detail of the step before it arrived late) stays on the stack.
        if (m_container && m_container->data(StateData).toString() == QLatin1String("committed"))
            lowerContainer();
        drawStack();
        if (m_container) {
            const int n = static_cast<int>(d->layers.size());
            m_container->setPos(slabRect(n, n + 1).topLeft());
            m_container->setSize(slabRect(n, n + 1).size());
        }
    });
}

void BuildScene::handle(const engine::events::Event &e)
{
    const auto &a = e.attrs;
    switch (e.kind) {
    case EventKind::BuildContextSent:
        enqueue([this, steps = stepsOf(attrText(a, "dockerfile").toStdString()), bytes = attrNumber(a, "bytes"),
                 files = attrNumber(a, "entries")] {
            m_seenBuild = m_building = true;
            m_lit = 0;
            m_cacheHits.clear();
            m_context = humanBytes(static_cast<quint64>(bytes));
            m_previousConfig.clear();
            lowerContainer();
            flashCache(false);
            showSteps(steps, QStringLiteral("idle"));
            m_image.clear();
            m_detail.reset();
            m_config = {};
            m_card->refresh();
            drawStack();
            if (auto *w = static_cast<ArrowItem *>(item(QStringLiteral("wire"), QStringLiteral("context")))) {
                w->setState(QStringLiteral("flow"));
                travel(w);
            }
            m_engine->setState(QStringLiteral("lit"));
            const int n = static_cast<int>(steps.size());
            setCaption([this, files, n] {
                return QCoreApplication::translate("Build", "The client sends the build context (%1 files, %2) to the engine, which reads the Dockerfile: %3 steps.")
                    .arg(files).arg(m_context).arg(n);
            });
            update();
        });
        break;
    case EventKind::BuildStepStarted:
        enqueue([this, step = static_cast<int>(attrNumber(a, "step")), total = attrNumber(a, "total"), text = attrText(a, "text"),
                 keyword = attrText(a, "instruction")] {
            if (m_lit > 0 && stateOf(QStringLiteral("instruction"), QString::number(m_lit)) == QLatin1String("lit"))
                setStepState(m_lit, QStringLiteral("done"));
            m_lit = step;
            flashCache(false);
            if (auto *w = static_cast<ArrowItem *>(item(QStringLiteral("wire"), QStringLiteral("context"))))
                w->setState(QStringLiteral("idle"));
            setStepState(step, QStringLiteral("lit"));
            setCaption([step, total, text] { return QCoreApplication::translate("Build", "Step %1/%2 : %3").arg(step).arg(total).arg(text); });
            Q_UNUSED(keyword)
        });
        break;
    case EventKind::BuildStepContainer:
        if (!a.value("run", false)) // a metadata step's container changes no file: only the card will
            break;
        enqueue([this, id = attrText(a, "container"), cmd = attrText(a, "command")] {
            raiseContainer(id, cmd);
            setCaption([cmd] { return QCoreApplication::translate("Build", "RUN: a container of the image so far runs %1; what it writes lands in its read-write layer.").arg(cmd); });
        });
        break;
    case EventKind::BuildStepCommitted:
        enqueue([this, image = attrText(a, "image"), empty = a.value("empty_layer", false)] {
            if (m_container) {
                setBoxState(m_container, QStringLiteral("committed"));
                m_container->role = Role::Layer;
                m_container->icon = Icon::Lock;

                m_container->update();
            }
            setCaption([empty] {
                return empty ? QCoreApplication::translate("Build", "Metadata only: no layer is added; only the config changes (history row, 0 B).")
                             : QCoreApplication::translate("Build", "Committed: the step's changes harden into a new read-only layer on the stack.");
            });
            wantImage(image);
        });
        break;
    case EventKind::BuildCacheHit:
        enqueue([this, step = static_cast<int>(attrNumber(a, "step")), image = attrText(a, "image")] {
            m_cacheHits << QString::number(step);
            flashCache(true);
            setStepState(step, QStringLiteral("cached"));
            setCaption([] { return QCoreApplication::translate("Build", "Using cache: an image made by the same step on the same parent exists; nothing runs."); });
            wantImage(image);
        });
        break;
    case EventKind::BuildStepDone:
        enqueue([this, image = attrText(a, "image")] { wantImage(image); });
        break;
    case EventKind::BuildFinished:
        enqueue([this, image = attrText(a, "image"), tags = attrList(a, "tags")] {
            if (m_lit > 0 && stateOf(QStringLiteral("instruction"), QString::number(m_lit)) == QLatin1String("lit"))
                setStepState(m_lit, QStringLiteral("done"));
            m_lit = 0;
            m_building = false;
            m_engine->setState(QStringLiteral("done"));
            wantImage(image);
            drawStack();
            setCaption([image, tags] {
                return QCoreApplication::translate("Build", "Successfully built %1 %2: its layers are the stack; each row of `history` is a step.")
                    .arg(shortDigest(image.toStdString()), tags.join(QStringLiteral(", ")));
            });
        });
        break;
    case EventKind::BuildFailed:
        enqueue([this, step = static_cast<int>(attrNumber(a, "step")), error = attrText(a, "error")] {
            m_building = false;
            if (step > 0)
                setStepState(step, QStringLiteral("failed"));
            m_lit = step;
            if (m_container)
                setBoxState(m_container, QStringLiteral("failed")); // Docker keeps the failed step's container
            m_engine->setState(QStringLiteral("refused"));
            setCaption([error] { return QCoreApplication::translate("Build", "The build stopped: %1 Nothing is tagged.").arg(error); });
        });
        break;
    default: break;
    }
}

} // namespace strata::gui
