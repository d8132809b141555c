// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A read-only view over an ExplorerTree. Nothing is copied: indexes carry
// the node number, rows come from the node, so a 100,000-entry tree costs
// the model nothing until the view asks for what is on screen.

#include "core/ExplorerTree.h"

#include <QAbstractItemModel>

#include <memory>

namespace strata::gui {

class FileTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, MarkColumn, Size, Layer, ColumnCount };
    enum Role { NodeRole = Qt::UserRole + 1, PathRole, MarkRole };

    explicit FileTreeModel(QObject *parent = nullptr);
    void setTree(std::shared_ptr<const ExplorerTree> tree);
    [[nodiscard]] const ExplorerTree *tree() const { return m_tree.get(); }
    [[nodiscard]] QModelIndex indexOfNode(int node, int column = 0) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    [[nodiscard]] int nodeOf(const QModelIndex &index) const;
    std::shared_ptr<const ExplorerTree> m_tree;
};

} // namespace strata::gui
