// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A JSON document as a tree (key, value), for the inspector. Each node
// knows its path in Go-template form (".GraphDriver.Data.LowerDir") so
// "Copy path" gives what `inspect --format '{{…}}'` accepts.

#include <QAbstractItemModel>

#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

namespace strata::gui {

class JsonTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Key, Value, ColumnCount };
    enum Role { PathRole = Qt::UserRole + 1, JsonTextRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Accepts a document; invalid text shows one error row.
    void setJsonText(const QString &text);
    [[nodiscard]] QString jsonText() const { return m_text; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation o, int role) const override;

private:
    struct Node {
        QString key;
        QString value;  // scalars; containers show "{3}" / "[2]"
        QString path;
        QString json;   // this subtree as JSON text
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    static void build(Node &node, const nlohmann::ordered_json &j);
    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
    QString m_text;
};

} // namespace strata::gui
