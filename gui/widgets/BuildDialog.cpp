// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/BuildDialog.h"

#include <QDialogButtonBox>
#include <algorithm>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace strata::gui {

QString consoleQuoted(const QString &word)
{
    static const QString plain = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-:@=+");
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) { return plain.contains(c); }))
        return word;
    QString q = word;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

BuildDialog::BuildDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("buildDialog"));
    setWindowTitle(tr("Build an image"));
    m_dir = new QLineEdit(this);
    m_dir->setObjectName(QStringLiteral("buildContext"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    m_tag = new QLineEdit(QStringLiteral("myimage:latest"), this);
    m_tag->setObjectName(QStringLiteral("buildTag"));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("buildDockerfile"));
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setPlaceholderText(QStringLiteral("FROM strata/busybox\nRUN echo hello > /hello.txt\nCMD [\"cat\", \"/hello.txt\"]"));
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_error->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(tr("Build"), QDialogButtonBox::AcceptRole);

    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dir, 1);
    dirRow->addWidget(browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Context folder:"), dirRow);
    form->addRow(tr("Name (-t):"), m_tag);
    auto *l = new QVBoxLayout(this);
    l->addLayout(form);
    l->addWidget(new QLabel(tr("Dockerfile (saved into the folder when you build):"), this));
    l->addWidget(m_text, 1);
    l->addWidget(m_error);
    l->addWidget(buttons);
    resize(640, 520);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Build context"), m_dir->text());
        if (!dir.isEmpty())
            setContext(dir);
    });
    connect(m_dir, &QLineEdit::editingFinished, this, &BuildDialog::loadDockerfile);
    connect(buttons, &QDialogButtonBox::accepted, this, &BuildDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &BuildDialog::reject);
}

void BuildDialog::setContext(const QString &dir)
{
    m_dir->setText(dir);
    loadDockerfile();
}

QString BuildDialog::contextDir() const { return m_dir->text().trimmed(); }

void BuildDialog::loadDockerfile()
{
    QFile f(QDir(contextDir()).filePath(QStringLiteral("Dockerfile")));
    m_loaded = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    m_text->setPlainText(m_loaded);
}

QString BuildDialog::commandLine() const
{
    QString line = QStringLiteral("build");
    if (!m_tag->text().trimmed().isEmpty())
        line += QStringLiteral(" -t ") + consoleQuoted(m_tag->text().trimmed());
    return line + QLatin1Char(' ') + consoleQuoted(contextDir());
}

void BuildDialog::accept()
{
    if (contextDir().isEmpty() || !QDir(contextDir()).exists()) {
        m_error->setText(tr("Context folder \"%1\" does not exist.").arg(contextDir()));
        return;
    }
    if (m_text->toPlainText() != m_loaded) { // the user's edit, written whole or not at all
        QSaveFile f(QDir(contextDir()).filePath(QStringLiteral("Dockerfile")));
        if (!f.open(QIODevice::WriteOnly) || f.write(m_text->toPlainText().toUtf8()) < 0 || !f.commit()) {
            m_error->setText(tr("Cannot write the Dockerfile: %1").arg(f.errorString()));
            return;
        }
        m_loaded = m_text->toPlainText();
    }
    QDialog::accept();
}

} // namespace strata::gui
