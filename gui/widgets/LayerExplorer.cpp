// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/LayerExplorer.h"

#include "core/EventText.h"
#include "core/Palette.h"
#include "models/FileTreeModel.h"
#include "models/LayerStackModel.h"

#include <QEvent>
#include <QFile>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace strata::gui {

namespace {
constexpr qint64 kPreviewLimit = 64 * 1024;
}

LayerExplorer::LayerExplorer(QWidget *parent) : QWidget(parent)
{
    m_layers = new LayerStackModel(this);
    m_files = new FileTreeModel(this);

    m_layerView = new QTableView(this);
    m_layerView->setModel(m_layers);
    m_layerView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_layerView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_layerView->verticalHeader()->hide();
    m_layerView->horizontalHeader()->setStretchLastSection(true);
    m_layerView->setObjectName(QStringLiteral("layerStackView"));
    m_wastedTitle = new QLabel(this);
    m_wasted = new QTableWidget(0, 3, this);
    m_wasted->verticalHeader()->hide();
    m_wasted->horizontalHeader()->setStretchLastSection(true);
    m_wasted->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *left = new QWidget(this);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(m_layerView, 3);
    ll->addWidget(m_wastedTitle);
    ll->addWidget(m_wasted, 2);

    m_find = new QLineEdit(this);
    m_find->setClearButtonEnabled(true);
    m_legend = new QLabel(this);
    m_legend->setTextFormat(Qt::RichText);
    m_tree = new QTreeView(this);
    m_tree->setModel(m_files);
    m_tree->setUniformRowHeights(true); // lets the view skip measuring 100,000 rows
    m_tree->header()->setSectionResizeMode(FileTreeModel::Name, QHeaderView::Interactive);
    m_tree->setColumnWidth(FileTreeModel::Name, 300);
    m_tree->setColumnWidth(FileTreeModel::MarkColumn, 120);
    m_tree->setObjectName(QStringLiteral("fileTree"));
    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_versionsTitle = new QLabel(this);
    m_versions = new QTableWidget(0, 4, this);
    m_versions->verticalHeader()->hide();
    m_versions->horizontalHeader()->setStretchLastSection(true);
    m_versions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_versions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_previewTitle = new QLabel(this);
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *detail = new QWidget(this);
    auto *dl = new QVBoxLayout(detail);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_details);
    dl->addWidget(m_versionsTitle);
    dl->addWidget(m_versions, 1);
    dl->addWidget(m_previewTitle);
    dl->addWidget(m_preview, 1);

    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_find);
    rl->addWidget(m_legend);
    auto *rs = new QSplitter(Qt::Vertical, right);
    rs->addWidget(m_tree);
    rs->addWidget(detail);
    rs->setStretchFactor(0, 3);
    rs->setStretchFactor(1, 2);
    rl->addWidget(rs, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);

    connect(m_layerView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        if (i.isValid())
            showLayer(m_layers->data(i, LayerStackModel::LayerIndexRole).toInt());
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        if (!i.isValid())
            return;
        showNode(m_files->data(i, FileTreeModel::NodeRole).toInt());
        emit pathSelected(m_files->data(i, FileTreeModel::PathRole).toString());
    });
    connect(m_find, &QLineEdit::returnPressed, this, &LayerExplorer::search);
    connect(m_wasted, &QTableWidget::cellClicked, this, [this](int row, int) {
        showLayer(-1);
        selectPath(m_wasted->item(row, 0)->data(Qt::UserRole).toString());
    });
    retranslate();
}

void LayerExplorer::setDetail(const ImageDetailPtr &detail)
{
    m_detail = detail;
    m_layers->setDetail(detail);
    m_layer = -2;
    showLayer(-1);
    fillWasted();
}

void LayerExplorer::showLayer(int layer)
{
    if (!m_detail || layer == m_layer)
        return;
    m_layer = layer;
    if (layer < 0)
        m_files->setTree(m_detail->merged);
    else if (layer < static_cast<int>(m_detail->perLayer.size()))
        m_files->setTree(m_detail->perLayer[static_cast<std::size_t>(layer)]);
    const int row = m_layers->rowForLayer(layer);
    if (m_layerView->currentIndex().row() != row)
        m_layerView->setCurrentIndex(m_layers->index(row, 0));
    // Small trees open fully; big ones open one level (the rest expands on demand).
    if (m_files->tree() && m_files->tree()->size() < 400)
        m_tree->expandAll();
    else
        m_tree->expandToDepth(0);
    m_hits.clear();
    m_details->clear();
    m_versions->setRowCount(0);
    m_preview->clear();
}

bool LayerExplorer::selectPath(const QString &path)
{
    if (!m_files->tree())
        return false;
    QString p = path.startsWith('/') ? path.mid(1) : path;
    const int node = m_files->tree()->find(p.toStdString());
    if (node <= 0)
        return false;
    const QModelIndex i = m_files->indexOfNode(node);
    m_tree->setCurrentIndex(i);
    m_tree->scrollTo(i);
    showNode(node);
    return true;
}

void LayerExplorer::search()
{
    const QString text = m_find->text();
    if (!m_files->tree() || text.isEmpty())
        return;
    if (text != m_lastFind) {
        m_hits = m_files->tree()->search(text.toStdString(), 5000);
        m_hit = 0;
        m_lastFind = text;
    } else if (!m_hits.empty()) {
        m_hit = (m_hit + 1) % m_hits.size(); // Enter again: next match
    }
    if (m_hits.empty())
        return;
    selectPath(QString::fromStdString(m_files->tree()->node(m_hits[m_hit]).path));
}

void LayerExplorer::showNode(int node)
{
    if (!m_detail || !m_files->tree() || node <= 0)
        return;
    const auto &n = m_files->tree()->node(node);
    const QString path = QStringLiteral("/") + QString::fromStdString(n.path);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> — %2 %3").arg(path.toHtmlEscaped()).arg(QChar(markLetter(n.mark))).arg(markName(n.mark));
    auto createdBy = [&](int l) {
        return l >= 0 && l < static_cast<int>(m_detail->layers.size())
                   ? QString::fromStdString(m_detail->layers[static_cast<std::size_t>(l)].createdBy).toHtmlEscaped()
                   : QString();
    };
    if (n.mark == Mark::Deleted)
        lines << tr("Hidden in the merged view: layer %1 deletes it with a whiteout (%2). Its bytes stay in layer %3.")
                     .arg(n.byLayer + 1)
                     .arg(createdBy(n.byLayer))
                     .arg(n.layer + 1);
    else if (n.mark == Mark::Whiteout)
        lines << tr("This layer holds a whiteout: the path is hidden from every layer above.");
    else if (n.layer >= 0)
        lines << tr("Provided by layer %1 (%2).").arg(n.layer + 1).arg(createdBy(n.layer));
    if (!n.shadowed.empty()) {
        QStringList ls;
        for (int l : n.shadowed)
            ls << QString::number(l + 1);
        lines << tr("Shadows the copy in layer(s) %1: nearest layer wins.").arg(ls.join(", "));
    }
    if (n.implicit)
        lines << tr("No layer lists this directory itself; it exists because paths below it do.");
    m_details->setText(lines.join("<br>"));

    // Every version across the layers, bottom to top.
    m_versions->setRowCount(0);
    const engine::fs::TreeEntry *newest = nullptr;
    if (auto v = m_detail->view->versions().find(n.path); v != m_detail->view->versions().end()) {
        for (const auto &e : v->second) {
            const int r = m_versions->rowCount();
            m_versions->insertRow(r);
            const bool wins = n.mark != Mark::Deleted && e.layer == n.layer && m_layer < 0;
            m_versions->setItem(r, 0, new QTableWidgetItem(tr("L%1").arg(e.layer + 1)));
            m_versions->setItem(r, 1, new QTableWidgetItem(QString::fromUtf8(engine::fs::toString(e.type).data())));
            m_versions->setItem(r, 2, new QTableWidgetItem(humanBytes(e.size)));
            m_versions->setItem(r, 3, new QTableWidgetItem(wins ? tr("✔ visible (nearest)") : tr("shadowed / hidden")));
            if (m_layer < 0 ? wins : e.layer == m_layer)
                newest = &e;
        }
    }
    // Content: text when small, else the size.
    m_preview->clear();
    if (!newest || newest->type != engine::fs::EntryType::File) {
        m_preview->setPlaceholderText(n.type == engine::fs::EntryType::Dir ? tr("(a directory)") : tr("(no content)"));
        return;
    }
    if (static_cast<qint64>(newest->size) > kPreviewLimit) {
        m_preview->setPlainText(tr("%1: too large to preview").arg(humanBytes(newest->size)));
        return;
    }
    QFile f(QString::fromStdString(newest->source));
    if (!f.open(QIODevice::ReadOnly)) {
        m_preview->setPlainText(tr("(cannot read: %1)").arg(f.errorString()));
        return;
    }
    const QByteArray bytes = f.readAll();
    if (bytes.contains('\0'))
        m_preview->setPlainText(tr("binary file, %1").arg(humanBytes(static_cast<quint64>(bytes.size()))));
    else
        m_preview->setPlainText(QString::fromUtf8(bytes));
}

void LayerExplorer::fillWasted()
{
    m_wasted->setRowCount(0);
    if (!m_detail)
        return;
    const std::size_t shown = std::min<std::size_t>(m_detail->wasted.size(), 500);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto &w = m_detail->wasted[i];
        m_wasted->insertRow(static_cast<int>(i));
        auto *path = new QTableWidgetItem(QStringLiteral("/") + QString::fromStdString(w.path));
        path->setData(Qt::UserRole, QString::fromStdString(w.path));
        path->setIcon(markIcon(w.deleted ? Mark::Deleted : Mark::Modified));
        m_wasted->setItem(static_cast<int>(i), 0, path);
        m_wasted->setItem(static_cast<int>(i), 1, new QTableWidgetItem(humanBytes(w.bytes)));
        m_wasted->setItem(static_cast<int>(i), 2,
                          new QTableWidgetItem(w.deleted && w.byLayer < 0 ? tr("L%1 copy hidden in the merged view").arg(w.layer + 1)
                                                         : w.deleted ? tr("L%1 copy deleted by L%2").arg(w.layer + 1).arg(w.byLayer + 1)
                                                         : tr("L%1 copy shadowed by L%2").arg(w.layer + 1).arg(w.byLayer + 1)));
    }
    retranslate();
}

QString LayerExplorer::detailsText() const
{
    return m_details->text();
}

void LayerExplorer::retranslate()
{
    m_find->setPlaceholderText(tr("Find a path (Enter: next match)…"));
    QStringList legend;
    for (Mark m : {Mark::Added, Mark::Modified, Mark::Whiteout, Mark::Deleted, Mark::Opaque})
        legend << QStringLiteral("<b>%1</b>&nbsp;%2").arg(QChar(markLetter(m))).arg(markName(m));
    m_legend->setText(tr("Marks: %1 · struck-through = not in the merged view").arg(legend.join(" · ")));
    m_wastedTitle->setText(m_detail ? tr("Wasted space: %1 in %n file(s) hidden by later layers", nullptr,
                                         static_cast<int>(m_detail->wasted.size()))
                                          .arg(humanBytes(m_detail->wastedBytes))
                                    : tr("Wasted space"));
    m_wasted->setHorizontalHeaderLabels({tr("Path"), tr("Bytes"), tr("Cause")});
    m_versions->setHorizontalHeaderLabels({tr("Layer"), tr("Type"), tr("Size"), tr("In the merged view")});
    m_versionsTitle->setText(tr("Versions of this path across the layers (bottom first)"));
    m_previewTitle->setText(tr("Content"));
}

void LayerExplorer::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        if (m_tree->currentIndex().isValid())
            showNode(m_files->data(m_tree->currentIndex(), FileTreeModel::NodeRole).toInt());
    }
    QWidget::changeEvent(e);
}

} // namespace strata::gui
