// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The JSON inspector: the selection's `inspect` output as a tree, with a
// search box (matches keys and values, keeps their parents) and copy of the
// value, the Go-template path, or the whole subtree as JSON.

#include <QWidget>

class QLineEdit;
class QTreeView;
class QSortFilterProxyModel;
class QLabel;
class QToolButton;

namespace strata::gui {

class JsonTreeModel;

class InspectorWidget : public QWidget {
    Q_OBJECT
public:
    explicit InspectorWidget(QWidget *parent = nullptr);

    void setJson(const QString &title, const QString &json);
    [[nodiscard]] QString title() const; // what is shown ("volume inspect data")
    [[nodiscard]] JsonTreeModel *model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel *proxy() const { return m_proxy; }
    void setFilter(const QString &text);
    void copy(int what); // 0 value, 1 path, 2 JSON

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();

    QLabel *m_title;
    QLineEdit *m_search;
    QTreeView *m_tree;
    JsonTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QToolButton *m_copyValue, *m_copyPath, *m_copyJson;
};

} // namespace strata::gui
