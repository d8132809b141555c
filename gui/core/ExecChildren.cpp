// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ExecChildren.h"

#include <QDir>
#include <QFile>
#include <QHash>

#include <functional>

#include <csignal>
#include <unistd.h>

namespace strata::gui {

namespace {

// ppid from /proc/PID/stat: the field after the ")" that ends the command name.
qint64 parentOf(const QString &pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = f.readAll();
    const auto close = stat.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() : -1;
}

bool isExecShim(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> argv = f.readAll().split('\0');
    return argv.size() > 1 && argv[0].endsWith("strata-shim") && argv[1] == "exec";
}

QHash<qint64, QList<qint64>> childrenByParent()
{
    QHash<qint64, QList<qint64>> children;
    for (const QString &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool ok = false;
        const qint64 pid = entry.toLongLong(&ok);
        if (ok)
            children[parentOf(entry)] << pid;
    }
    return children;
}

} // namespace

QList<qint64> execShimTrees()
{
    const QHash<qint64, QList<qint64>> children = childrenByParent();
    QList<qint64> out;
    std::function<void(qint64)> collect = [&](qint64 pid) {
        for (const qint64 c : children.value(pid))
            collect(c);
        out << pid;
    };
    for (const qint64 c : children.value(::getpid()))
        if (isExecShim(c))
            collect(c);
    return out;
}

void signalExecShims(int sig)
{
    for (const qint64 c : childrenByParent().value(::getpid()))
        if (isExecShim(c))
            ::kill(static_cast<pid_t>(c), sig);
}

int killExecShims()
{
    const QList<qint64> pids = execShimTrees();
    for (const qint64 pid : pids)
        ::kill(static_cast<pid_t>(pid), SIGKILL);
    return static_cast<int>(pids.size());
}

} // namespace strata::gui
