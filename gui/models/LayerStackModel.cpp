// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/LayerStackModel.h"

#include "core/EventText.h"
#include "core/Palette.h"

namespace strata::gui {

LayerStackModel::LayerStackModel(QObject *parent) : QAbstractTableModel(parent) {}

void LayerStackModel::setDetail(const ImageDetailPtr &detail)
{
    beginResetModel();
    m_detail = detail;
    endResetModel();
}

int LayerStackModel::layerOfRow(int row) const
{
    return row == 0 ? -1 : static_cast<int>(m_detail->layers.size()) - row;
}

int LayerStackModel::rowForLayer(int layer) const
{
    if (!m_detail)
        return -1;
    return layer < 0 ? 0 : static_cast<int>(m_detail->layers.size()) - layer;
}

int LayerStackModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_detail ? 0 : static_cast<int>(m_detail->layers.size()) + 1;
}

int LayerStackModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerStackModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_detail || index.row() >= rowCount())
        return {};
    const int layer = layerOfRow(index.row());
    if (role == LayerIndexRole)
        return layer;
    if (layer < 0) {
        if (role == Qt::DisplayRole) {
            switch (index.column()) {
            case Layer: return tr("Merged view");
            case Size: return humanBytes(m_detail->merged->node(0).size);
            case Changes: return tr("%n path(s)", nullptr, m_detail->merged->size() - 1);
            case CreatedBy: return tr("what a container sees: nearest layer wins");
            default: return {};
            }
        }
        if (role == Qt::ToolTipRole)
            return tr("The union of all layers, as overlayfs presents it (\"merged\").");
        return {};
    }
    const auto &l = m_detail->layers[static_cast<std::size_t>(layer)];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Layer: return tr("L%1  %2").arg(layer + 1).arg(shortDigest(l.diffId.str()));
        case Size: return humanBytes(l.size);
        case Changes: {
            int a = 0, m = 0, d = 0;
            for (const auto &c : l.changes)
                (c.change.kind == engine::layer::ChangeKind::Added      ? a
                 : c.change.kind == engine::layer::ChangeKind::Modified ? m
                                                                        : d)++;
            return QStringLiteral("A %1 · C %2 · D %3").arg(a).arg(m).arg(d);
        }
        case CreatedBy: return QString::fromStdString(l.createdBy);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole)
        return tr("Layer %1 (bottom = 1)\ndiff_id %2\nchain_id %3\ncreated by: %4")
            .arg(layer + 1)
            .arg(QString::fromStdString(l.diffId.str()), QString::fromStdString(l.chainId.str()),
                 QString::fromStdString(l.createdBy));
    if (role == Qt::DecorationRole && index.column() == Layer)
        return markIcon(layer == 0 ? Mark::None : Mark::Added);
    return {};
}

QVariant LayerStackModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Layer: return tr("Layer");
    case Size: return tr("Size");
    case Changes: return tr("Changes");
    case CreatedBy: return tr("Created by");
    default: return {};
    }
}

} // namespace strata::gui
