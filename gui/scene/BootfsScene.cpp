// SPDX-License-Identifier: GPL-3.0-or-later
#include "scene/BootfsScene.h"

#include "core/EventText.h"
#include "scene/SceneItems.h"
#include "scene/SceneShapes.h"

#include <QCoreApplication>

#include <sys/utsname.h>

namespace strata::gui {

namespace {

const QRectF kKernel(40, 580, 1100, 90);
constexpr int kMaxColumns = 4;
constexpr qreal kColW = 170, kColGap = 12;

} // namespace

BootfsScene::BootfsScene(QObject *parent) : EventScene(QStringLiteral("bootfs"), parent)
{
    utsname u{};
    if (::uname(&u) == 0)
        m_host = QString::fromLocal8Bit(u.release);

    auto *title = new NoteItem(QStringLiteral("title"), QStringLiteral("bootfs"), 1100);
    title->framed = false;
    title->textSize = 22;
    title->text = [] { return QCoreApplication::translate("Bootfs", "<b>bootfs / rootfs</b> — one host kernel, every container brings only a rootfs"); };
    title->setPos(30, 14);
    addItem(title);

    auto *kernel = new BoxItem(QStringLiteral("kernel"), QStringLiteral("host"), kKernel.size(), Role::Kernel);
    kernel->setPos(kKernel.topLeft());
    kernel->icon = Icon::Chip;
    kernel->titleSize = 26;
    kernel->title = [] { return QCoreApplication::translate("Bootfs", "host kernel (bootfs) — shared by all containers"); };
    kernel->detail = [this] { return QStringLiteral("uname -r = %1").arg(m_host); };
    kernel->setState(QStringLiteral("done"));
    kernel->stateBadge = false;
    kernel->setData(HighlightData, QStringLiteral("kernel"));
    addItem(kernel);

    m_reality = new NoteItem(QStringLiteral("reality"), QStringLiteral("uname"), 380);
    m_reality->setPos(770, 90);
    m_reality->textSize = 17;
    m_reality->accent = QColor(0x00, 0x72, 0xb2);
    m_reality->setData(StateData, QStringLiteral("pending"));
    m_reality->text = [this] {
        QString html = QCoreApplication::translate("Bootfs", "<p><b>Textbook</b>: an image = bootfs (bootloader + kernel) + rootfs.</p>"
                           "<p><b>Reality</b>: an image tar holds no kernel, only a rootfs (files: /bin, /etc, /lib …). "
                           "Every container runs on the host's kernel.</p>");
        html += QCoreApplication::translate("Bootfs", "<p>Host: <code>uname -r</code> = <b>%1</b></p>").arg(m_host.toHtmlEscaped());
        if (m_inside.isEmpty())
            html += QCoreApplication::translate("Bootfs", "<p>Try: <code>run --rm strata/busybox:latest uname -r</code></p>");
        else
            html += QCoreApplication::translate("Bootfs", "<p>Inside %1: <code>uname -r</code> = <b>%2</b> %3</p>")
                        .arg(m_insideContainer.toHtmlEscaped(), m_inside.toHtmlEscaped(),
                             m_inside == m_host ? QCoreApplication::translate("Bootfs", "— the same kernel ✓") : QCoreApplication::translate("Bootfs", "— differs ✕"));
        return html;
    };
    addItem(m_reality);
    setCaption([] { return QCoreApplication::translate("Bootfs", "Containers share the host's kernel; an image brings only its root file system."); });
    rebuild();
}

void BootfsScene::rebuild()
{
    for (const QString &k : {QStringLiteral("container"), QStringLiteral("rootfs"), QStringLiteral("rw"), QStringLiteral("syscall")})
        for (QGraphicsItem *i : itemsOfKind(k)) {
            removeItem(i);
            delete i;
        }
    const int n = std::min<int>(kMaxColumns, static_cast<int>(m_columns.size()));
    if (n == 0) {
        auto *empty = new BoxItem(QStringLiteral("container"), QString(), QSizeF(700, 200), Role::Neutral);
        empty->setPos(kKernel.left(), kKernel.top() - 240);
        empty->centred = true;
        empty->titleSize = 18;
        empty->title = [] { return QCoreApplication::translate("Bootfs", "No containers yet: run one and it stands here on the kernel."); };
        addItem(empty);
        return;
    }
    for (int i = 0; i < n; ++i) {
        const Column c = m_columns[i];
        const qreal x = kKernel.left() + 12 + i * (kColW + kColGap);
        auto *proc = new BoxItem(QStringLiteral("container"), c.name, QSizeF(kColW, 110), Role::Process);
        proc->setPos(x, 110);
        proc->icon = Icon::Gear;
        proc->titleSize = 17;
        proc->title = [c] { return c.name; };
        proc->subtitle = [c] {
            return c.running ? QCoreApplication::translate("Bootfs", "running") : QCoreApplication::translate("Bootfs", "not running");
        };
        proc->setState(c.running ? QStringLiteral("lit") : QStringLiteral("idle"));
        addItem(proc);
        auto *rw = new BoxItem(QStringLiteral("rw"), c.name, QSizeF(kColW, 44), Role::Container);
        rw->setPos(x, 240);
        rw->icon = Icon::Pencil;
        rw->titleSize = 15;
        rw->stateBadge = false; // the words need the width; amber and the pencil say it
        rw->title = [] { return QCoreApplication::translate("Bootfs", "RW layer"); };
        rw->setState(QStringLiteral("done"));
        addItem(rw);
        auto *root = new BoxItem(QStringLiteral("rootfs"), c.name, QSizeF(kColW, 200), Role::Layer);
        root->setPos(x, 310); // below the RW layer with room for the "no kernel" badge
        root->centred = true;
        root->titleSize = 18;
        root->subtitleScale = 0.8;
        root->title = [] { return QCoreApplication::translate("Bootfs", "rootfs"); };
        root->subtitle = [c] { return c.image; };
        root->detail = [c] { return humanBytes(c.imageBytes); };
        root->setState(QStringLiteral("done"));
        root->badge = QCoreApplication::translate("Bootfs", "no kernel");
        addItem(root);
        auto *sys = new ArrowItem(QStringLiteral("syscall"), c.name);
        sys->setEnds(QPointF(x + kColW / 2, 508), QPointF(x + kColW / 2, kKernel.top() - 2));
        root->setSize(QSizeF(kColW, 186));
        sys->label = [] { return QCoreApplication::translate("Bootfs", "syscalls"); };
        sys->width = 3;
        sys->setState(c.running ? QStringLiteral("flow") : QStringLiteral("idle"));
        addItem(sys);
    }
    applyHighlights();
}

void BootfsScene::retranslate()
{
    rebuild(); // badges are plain strings: make them again in the new language
    EventScene::retranslate();
}

void BootfsScene::onSnapshot(const EngineSnapshotPtr &s)
{
    // By image id: a container names its image as typed ("strata/busybox"),
    // which need not be one of the image's repo:tags.
    std::map<std::string, quint64> sizes;
    for (const auto &img : s->images)
        sizes[img.id.str()] = img.size;
    QList<Column> cols;
    // Running ones first: they are the ones using the kernel right now.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto &c : s->containers) {
            const bool running = c.state.status == engine::container::Status::Running || c.state.status == engine::container::Status::Paused;
            if ((pass == 0) != running)
                continue;
            Column col;
            col.name = QString::fromStdString(c.name);
            col.image = QString::fromStdString(c.image);
            col.status = QString::fromUtf8(engine::container::toString(c.state.status));
            col.running = running;
            const auto it = sizes.find(c.imageId.str());
            col.imageBytes = it != sizes.end() ? it->second : 0;
            cols << col;
        }
    bool same = cols.size() == m_columns.size();
    for (int i = 0; same && i < cols.size(); ++i)
        same = cols[i].name == m_columns[i].name && cols[i].status == m_columns[i].status;
    if (same)
        return;
    m_columns = cols;
    enqueue([this] { rebuild(); });
}

void BootfsScene::handleCommand(const SceneCommand &c)
{
    if (!c.finished || c.exitCode != 0 || !c.args.contains(QStringLiteral("uname")))
        return;
    const QString verb = c.args.value(0) == QLatin1String("container") ? c.args.value(1) : c.args.value(0);
    if (verb != QLatin1String("run") && verb != QLatin1String("exec"))
        return;
    const QString out = c.output.trimmed().section('\n', -1).trimmed();
    if (out.isEmpty())
        return;
    // The container: --name's value, else the image (run) or the target (exec).
    QString who;
    const int named = c.args.indexOf(QStringLiteral("--name"));
    if (named >= 0)
        who = c.args.value(named + 1);
    else
        for (int i = 1; i < c.args.size(); ++i)
            if (!c.args[i].startsWith('-')) {
                who = c.args[i];
                break;
            }
    enqueue([this, out, who] {
        m_inside = out;
        m_insideContainer = who;
        m_reality->setData(StateData, out == m_host ? QStringLiteral("same") : QStringLiteral("differs"));
        m_reality->refresh();
        pulse(static_cast<BoxItem *>(static_cast<QGraphicsObject *>(item(QStringLiteral("kernel"), QStringLiteral("host")))));
        setCaption([out, this] {
            return out == m_host ? QCoreApplication::translate("Bootfs", "uname -r inside the container printed %1 — the host's own kernel: the image brought none.").arg(out)
                                 : QCoreApplication::translate("Bootfs", "uname -r inside the container printed %1, the host has %2.").arg(out, m_host);
        });
    });
}

} // namespace strata::gui
