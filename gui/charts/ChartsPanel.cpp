// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/ChartsPanel.h"

#include "core/EngineHost.h"
#include "core/Palette.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QStackedWidget>
#include <QTabBar>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace strata::gui {

using engine::events::EventKind;

namespace {

// Bytes shown in one unit chosen from the largest value (decimal, as Docker).
struct Unit {
    double div = 1;
    QString name = QStringLiteral("B");
};

Unit unitFor(quint64 max)
{
    if (max >= 1000ull * 1000 * 1000)
        return {1e9, QStringLiteral("GB")};
    if (max >= 1000ull * 1000)
        return {1e6, QStringLiteral("MB")};
    if (max >= 1000)
        return {1e3, QStringLiteral("kB")};
    return {};
}

QString elide(const QString &s, int n)
{
    const QString one = s.simplified();
    return one.size() > n ? one.left(n - 1) + QStringLiteral("…") : one;
}

// Roles of UX.md: shared image layers grey-blue, a container's own layer amber,
// hidden bytes vermillion *and* hatched (never colour alone).
QBarSet *barSet(const QString &label, const QColor &colour, Qt::BrushStyle pattern = Qt::SolidPattern)
{
    auto *s = new QBarSet(label);
    QBrush b(colour, pattern);
    s->setBrush(b);
    s->setPen(QPen(colour.darker(160), 1));
    s->setLabelColor(Qt::black);
    return s;
}

void addAxes(QChart *c, QAbstractBarSeries *series, const QStringList &categories, const Unit &unit, double max)
{
    auto *cat = new QBarCategoryAxis;
    cat->append(categories);
    auto *val = new QValueAxis;
    val->setRange(0, max <= 0 ? 1 : max * 1.08);
    val->setLabelFormat(QStringLiteral("%.3g"));
    val->setTitleText(unit.name);
    c->addAxis(cat, Qt::AlignLeft);
    c->addAxis(val, Qt::AlignBottom);
    series->attachAxis(cat);
    series->attachAxis(val);
}

} // namespace

ChartsPanel::ChartsPanel(EngineHost *host, QWidget *parent)
    : QWidget(parent), m_host(host), m_tabs(new QTabBar(this)), m_stack(new QStackedWidget(this)), m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("chartsPanel"));
    auto *l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(0);
    l->addWidget(m_tabs);
    l->addWidget(m_stack, 1);
    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    for (int i = 0; i < Count; ++i) {
        m_tabs->addTab(QString());
        m_views[i] = new QChartView(new QChart, this);
        m_views[i]->setRenderHint(QPainter::Antialiasing);
        m_views[i]->setObjectName(QStringLiteral("chart%1").arg(i));
        m_stack->addWidget(m_views[i]);
    }
    connect(m_tabs, &QTabBar::currentChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(150);
    connect(m_refresh, &QTimer::timeout, m_host, &EngineHost::refresh);
    connect(m_host, &EngineHost::snapshot, this, &ChartsPanel::setSnapshot);
    connect(m_host, &EngineHost::eventsArrived, this, [this](const EventBatch &batch) {
        for (const auto &e : batch)
            switch (e.kind) {
            case EventKind::ContainerCreated:
            case EventKind::ContainerRemoved:
            case EventKind::UpperChangesSummarised:
            case EventKind::LayerWritten:
                m_refresh->start(); // fresh container sizes from the engine thread
                return;
            default: break;
            }
    });
    rebuild();
}

QChartView *ChartsPanel::view(int which) const
{
    return which >= 0 && which < Count ? m_views[which] : nullptr;
}

QChartView *ChartsPanel::currentView() const
{
    return view(m_tabs->currentIndex());
}

int ChartsPanel::current() const
{
    return m_tabs->currentIndex();
}

void ChartsPanel::setCurrent(int which)
{
    m_tabs->setCurrentIndex(which);
}

void ChartsPanel::setDetail(const ImageDetailPtr &detail)
{
    m_detail = detail;
    rebuild();
}

void ChartsPanel::setSnapshot(const EngineSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    rebuild();
}

void ChartsPanel::setLargeType(bool on)
{
    m_large = on;
    rebuild();
}

void ChartsPanel::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(e);
}

void ChartsPanel::style(QChart *c, const QString &title)
{
    c->setTheme(Palette::highContrast() ? QChart::ChartThemeHighContrast : QChart::ChartThemeLight);
    c->setAnimationOptions(QChart::NoAnimation); // numbers, not motion: reduced motion is the rule here
    const qreal k = m_large ? 1.6 : 1.0;
    QFont tf = font();
    tf.setPointSizeF(tf.pointSizeF() * 1.45 * k);
    tf.setBold(true);
    c->setTitleFont(tf);
    c->setTitle(title);
    QFont lf = font();
    lf.setPointSizeF(lf.pointSizeF() * 1.1 * k);
    c->legend()->setFont(lf);
    c->legend()->setAlignment(Qt::AlignBottom);
    for (QAbstractAxis *a : c->axes()) {
        a->setLabelsFont(lf);
        QFont at = lf;
        at.setBold(true);
        a->setTitleFont(at);
    }
    c->setMargins(QMargins(12, 8, 24, 8));
}

void ChartsPanel::rebuild()
{
    m_usage = DiskUsage::from(m_snapshot.get(), m_detail.get());
    m_tabs->setTabText(DiskUse, tr("Disk use of containers"));
    m_tabs->setTabText(LayerSizes, tr("Layer sizes"));
    m_tabs->setTabText(Wasted, tr("Wasted space"));
    for (int i = 0; i < Count; ++i) {
        auto *c = new QChart;
        if (i == DiskUse)
            buildDiskUse(c);
        else if (i == LayerSizes)
            buildLayerSizes(c);
        else
            buildWasted(c);
        QChart *old = m_views[i]->chart();
        m_views[i]->setChart(c);
        delete old;
    }
    ++m_updates;
    emit updated();
}

void ChartsPanel::buildDiskUse(QChart *c)
{
    const DiskUsage &u = m_usage;
    const int n = static_cast<int>(u.containers.size());
    const Unit unit = unitFor(std::max(u.withoutSharingBytes(), u.imageBytes));
    auto *shared = barSet(tr("image layers (read-only, shared)"), Palette::current().layer);
    auto *own = barSet(tr("the container's own read-write layer"), Palette::current().container);
    QStringList categories;
    double max = 0;
    auto add = [&](const QString &label, quint64 sharedBytes, quint64 ownBytes) {
        categories << label;
        *shared << sharedBytes / unit.div;
        *own << ownBytes / unit.div;
        max = std::max(max, (sharedBytes + ownBytes) / unit.div);
    };
    // Bottom to top: the containers, then the two totals to compare.
    for (const ContainerUse &cu : u.containers)
        add(tr("%1: sees %2, owns %3").arg(elide(cu.name, 24), dockerSize(u.imageBytes), dockerSize(cu.ownBytes)),
            u.imageBytes, cu.ownBytes);
    if (n > 0) {
        add(tr("without sharing: %1 × image = %2").arg(n).arg(dockerSize(u.withoutSharingBytes())),
            u.imageBytes * static_cast<quint64>(n), u.ownBytesTotal());
        add(tr("on disk: image once + own layers = %1").arg(dockerSize(u.actualBytes())), u.imageBytes, u.ownBytesTotal());
    } else {
        add(tr("image %1 alone: %2").arg(elide(u.imageRef, 28), dockerSize(u.imageBytes)), u.imageBytes, 0);
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->append(shared);
    series->append(own);
    series->setBarWidth(0.6);
    c->addSeries(series);
    addAxes(c, series, categories, unit, max);
    style(c, n == 0 ? tr("No container of %1 yet: each one you create adds only its own thin layer").arg(u.imageRef)
                    : tr("One image, many containers: %1 (%2) is stored once").arg(u.imageRef, dockerSize(u.imageBytes)));
}

void ChartsPanel::buildLayerSizes(QChart *c)
{
    const DiskUsage &u = m_usage;
    quint64 max = 0;
    for (const LayerUse &l : u.layers)
        max = std::max(max, l.bytes);
    const Unit unit = unitFor(max);
    auto *set = barSet(tr("layer content"), Palette::current().layer);
    QStringList categories;
    for (const LayerUse &l : u.layers) {
        categories << tr("L%1 %2 · %3").arg(l.index + 1).arg(elide(l.createdBy, 34), dockerSize(l.bytes));
        *set << l.bytes / unit.div;
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setBarWidth(0.6);
    c->addSeries(series);
    addAxes(c, series, categories, unit, max / unit.div);
    c->legend()->hide();
    style(c, tr("Layer sizes of %1: %2 in all (bottom = first layer)").arg(u.imageRef, dockerSize(u.imageBytes)));
}

void ChartsPanel::buildWasted(QChart *c)
{
    // Only the hidden bytes, on their own scale: next to the layers' content
    // they would be too thin to see, and they are the point here.
    const DiskUsage &u = m_usage;
    quint64 max = 0;
    for (const LayerUse &l : u.layers)
        max = std::max(max, l.hidden);
    const Unit unit = unitFor(max);
    auto *hidden = barSet(tr("hidden by an upper layer (wasted)"), Palette::current().whiteout, Qt::BDiagPattern);
    QStringList categories;
    for (const LayerUse &l : u.layers) {
        categories << tr("L%1 · %2 hidden").arg(l.index + 1).arg(dockerSize(l.hidden));
        *hidden << l.hidden / unit.div;
    }
    auto *series = new QHorizontalBarSeries;
    series->append(hidden);
    series->setBarWidth(0.6);
    c->addSeries(series);
    addAxes(c, series, categories, unit, max / unit.div);
    style(c, tr("Wasted space in %1: %2 hidden by upper layers still ships with it").arg(u.imageRef, dockerSize(u.wastedBytes)));
}

} // namespace strata::gui
