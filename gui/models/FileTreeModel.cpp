// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/FileTreeModel.h"

#include "core/EventText.h"
#include "core/Palette.h"

#include <QApplication>
#include <QFont>
#include <QStyle>

namespace strata::gui {

FileTreeModel::FileTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

void FileTreeModel::setTree(std::shared_ptr<const ExplorerTree> tree)
{
    beginResetModel();
    m_tree = std::move(tree);
    endResetModel();
}

int FileTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<int>(index.internalId()) : 0;
}

QModelIndex FileTreeModel::indexOfNode(int node, int column) const
{
    if (!m_tree || node <= 0 || node >= m_tree->size())
        return {};
    return createIndex(m_tree->node(node).row, column, static_cast<quintptr>(node));
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_tree || column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const auto &p = m_tree->node(nodeOf(parent));
    if (row < 0 || row >= static_cast<int>(p.children.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(p.children[static_cast<std::size_t>(row)]));
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!m_tree || !child.isValid())
        return {};
    const int p = m_tree->node(nodeOf(child)).parent;
    return p <= 0 ? QModelIndex() : createIndex(m_tree->node(p).row, 0, static_cast<quintptr>(p));
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_tree || (parent.isValid() && parent.column() != 0))
        return 0;
    return static_cast<int>(m_tree->node(nodeOf(parent)).children.size());
}

bool FileTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!m_tree || !index.isValid())
        return {};
    const int id = nodeOf(index);
    const auto &n = m_tree->node(id);
    const bool ghost = n.mark == Mark::Deleted || n.mark == Mark::Whiteout;
    switch (role) {
    case NodeRole: return id;
    case PathRole: return QString::fromStdString(n.path);
    case MarkRole: return static_cast<int>(n.mark);
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return QString::fromStdString(n.name) +
                   (n.type == engine::fs::EntryType::Dir ? QStringLiteral("/") : QString());
        case MarkColumn:
            return n.mark == Mark::None ? QString()
                                        : QStringLiteral("%1 %2").arg(QChar(markLetter(n.mark))).arg(markName(n.mark));
        case Size: return n.type == engine::fs::EntryType::Dir && n.size == 0 ? QString() : humanBytes(n.size);
        case Layer: return n.layer < 0 ? QString() : tr("L%1").arg(n.layer + 1);
        default: return {};
        }
    case Qt::DecorationRole:
        if (index.column() == MarkColumn)
            return markIcon(n.mark);
        if (index.column() == Name)
            return QApplication::style()->standardIcon(n.type == engine::fs::EntryType::Dir ? QStyle::SP_DirIcon
                                                                                               : QStyle::SP_FileIcon);
        return {};
    case Qt::FontRole:
        if (ghost) {
            QFont f;
            f.setStrikeOut(true); // deleted paths are struck through as well as marked
            return f;
        }
        return {};
    case Qt::ToolTipRole: {
        QString t = QStringLiteral("/%1").arg(QString::fromStdString(n.path));
        if (n.layer >= 0)
            t += "\n" + tr("provided by layer %1").arg(n.layer + 1);
        if (!n.shadowed.empty()) {
            QStringList ls;
            for (int l : n.shadowed)
                ls << QString::number(l + 1);
            t += "\n" + tr("shadows the copy in layer(s) %1").arg(ls.join(", "));
        }
        if (n.mark == Mark::Deleted && n.byLayer >= 0)
            t += "\n" + tr("deleted by layer %1 (whiteout)").arg(n.byLayer + 1);
        return t;
    }
    default: return {};
    }
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Path");
    case MarkColumn: return tr("Mark");
    case Size: return tr("Size");
    case Layer: return tr("Layer");
    default: return {};
    }
}

} // namespace strata::gui
