// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/JsonTreeModel.h"

#include <QRegularExpression>

namespace strata::gui {

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>()) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::build(Node &node, const nlohmann::ordered_json &j)
{
    node.json = QString::fromStdString(j.dump(2));
    static const QRegularExpression ident(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    auto add = [&](const QString &key, const QString &path, const nlohmann::ordered_json &child) {
        auto n = std::make_unique<Node>();
        n->key = key;
        n->path = path;
        n->parent = &node;
        n->row = static_cast<int>(node.children.size());
        build(*n, child);
        node.children.push_back(std::move(n));
    };
    if (j.is_object()) {
        node.value = QStringLiteral("{%1}").arg(j.size());
        for (const auto &[k, v] : j.items()) {
            const QString key = QString::fromStdString(k);
            const QString path = ident.match(key).hasMatch()
                                     ? node.path + "." + key
                                     : QStringLiteral("(index %1 \"%2\")").arg(node.path.isEmpty() ? "." : node.path, key);
            add(key, path, v);
        }
    } else if (j.is_array()) {
        node.value = QStringLiteral("[%1]").arg(j.size());
        for (std::size_t i = 0; i < j.size(); ++i)
            add(QString::number(i), QStringLiteral("(index %1 %2)").arg(node.path.isEmpty() ? "." : node.path).arg(i),
                j[i]);
    } else if (j.is_string()) {
        node.value = QString::fromStdString(j.get<std::string>());
    } else {
        node.value = QString::fromStdString(j.dump());
    }
}

void JsonTreeModel::setJsonText(const QString &text)
{
    beginResetModel();
    m_text = text;
    m_root = std::make_unique<Node>();
    const auto j = nlohmann::ordered_json::parse(text.toStdString(), nullptr, false);
    if (j.is_discarded()) {
        auto n = std::make_unique<Node>();
        n->key = tr("error");
        n->value = tr("not valid JSON");
        n->parent = m_root.get();
        m_root->children.push_back(std::move(n));
    } else if (!text.isEmpty()) {
        // An inspect result is an array of one object: show the object.
        build(*m_root, j.is_array() && j.size() == 1 ? j[0] : j);
    }
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    Node *p = nodeOf(parent);
    if (row < 0 || row >= static_cast<int>(p->children.size()))
        return {};
    return createIndex(row, column, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *p = static_cast<Node *>(child.internalPointer())->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole: return index.column() == Key ? n->key : n->value;
    case Qt::ToolTipRole: return n->path;
    case PathRole: return n->path;
    case JsonTextRole: return n->json;
    default: return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == Key ? tr("Key") : tr("Value");
}

} // namespace strata::gui
