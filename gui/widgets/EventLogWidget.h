// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event log panel: the engine's events as they happen, filterable by
// text (the model filters itself), with the raw Docker-shaped JSON of the selected event one click away.

#include <QWidget>

class QLineEdit;
class QTableView;
class QCheckBox;

namespace strata::gui {

class EventLogModel;

class EventLogWidget : public QWidget {
    Q_OBJECT
public:
    explicit EventLogWidget(EventLogModel *model, QWidget *parent = nullptr);

signals:
    void eventSelected(const QString &json);

protected:
    void changeEvent(QEvent *e) override;

private:
    void retranslate();
    QLineEdit *m_filter;
    QCheckBox *m_follow;
    QTableView *m_table;
    EventLogModel *m_model;
};

} // namespace strata::gui
