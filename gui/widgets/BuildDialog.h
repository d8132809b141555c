// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Build… (issue 16): pick a context folder, edit its Dockerfile, name the
// image, build. The dialog only writes the Dockerfile the user edited (into
// the folder they chose) and hands back the console line
// `build -t NAME DIR`, so the build runs exactly as typed in the console and
// drives the build scene through the engine's events.

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QLabel;

namespace strata::gui {

class BuildDialog : public QDialog {
    Q_OBJECT
public:
    explicit BuildDialog(QWidget *parent = nullptr);
    void setContext(const QString &dir);
    [[nodiscard]] QString contextDir() const;
    [[nodiscard]] QString commandLine() const; // valid after accept()

    void accept() override;

private:
    void loadDockerfile();

    QLineEdit *m_dir, *m_tag;
    QPlainTextEdit *m_text;
    QLabel *m_error;
    QString m_loaded; // the Dockerfile as read: unchanged text is not rewritten
};

// Quotes a word for the console's parser (single quotes when needed).
[[nodiscard]] QString consoleQuoted(const QString &word);

} // namespace strata::gui
