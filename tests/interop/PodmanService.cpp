// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/interop/PodmanService.h"

#include <QDeadlineTimer>
#include <QThread>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include <sys/resource.h>

namespace strata::test {

namespace fs = std::filesystem;

namespace {

QString q(const fs::path &p)
{
    return QString::fromStdString(p.string());
}

} // namespace

PodmanService::PodmanService(const PodmanSandbox &podman, fs::path socket) : m_podman(podman), m_socket(std::move(socket))
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
}

PodmanService::~PodmanService()
{
    stop();
}

QString PodmanService::url() const
{
    return QStringLiteral("unix://") + q(m_socket);
}

bool PodmanService::start(QString *why)
{
    std::error_code ec;
    fs::remove(m_socket, ec); // a killed service leaves its socket behind
    m_process.start(QStringLiteral("podman"), m_podman.flags() + QStringList{"system", "service", "--time=0", url()});
    if (!m_process.waitForStarted()) {
        if (why)
            *why = QStringLiteral("podman system service did not start: ") + m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(60000);
    while (!fs::exists(m_socket) && !deadline.hasExpired() && m_process.state() == QProcess::Running)
        QThread::msleep(50);
    if (!fs::exists(m_socket)) {
        if (why)
            *why = QStringLiteral("podman system service never made its socket ") + q(m_socket);
        return false;
    }
    return true;
}

void PodmanService::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
    std::error_code ec;
    fs::remove(m_socket, ec);
}

QString importBusyboxImage(const PodmanSandbox &podman, const fs::path &scratch, const QString &tag)
{
    if (!fs::exists("/bin/busybox"))
        return QStringLiteral("/bin/busybox is missing (Debian package busybox-static)");
    const fs::path rootfs = scratch / "busybox-rootfs", tarball = scratch / "busybox-rootfs.tar";
    fs::create_directories(rootfs / "bin");
    fs::create_directories(rootfs / "etc");
    std::error_code ec;
    fs::copy_file("/bin/busybox", rootfs / "bin/busybox", fs::copy_options::overwrite_existing, ec);
    for (const char *applet : {"sh", "ls", "cat", "sleep", "true", "echo", "stty"})
        fs::create_symlink("busybox", rootfs / "bin" / applet, ec);
    writeFile(rootfs / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    RunResult r = runProgram("tar", {"-C", q(rootfs), "-cf", q(tarball), "."});
    if (r.exitCode != 0)
        return QStringLiteral("tar: ") + QString::fromStdString(r.err);
    r = podman.run({"import", "--change", "CMD [\"/bin/sleep\",\"300\"]", q(tarball), tag});
    if (r.exitCode != 0)
        return QStringLiteral("podman import: ") + QString::fromStdString(r.err);
    return {};
}

QStringList startableRuntimeFlags()
{
    return {"--runtime", "runc"};
}

namespace {

// "nofile=H:H", "nproc=H:H": rlimits pinned to the hard limits (no CAP_SYS_RESOURCE here).
QStringList pinnedUlimits()
{
    rlimit nofile{}, nproc{};
    ::getrlimit(RLIMIT_NOFILE, &nofile);
    ::getrlimit(RLIMIT_NPROC, &nproc);
    const auto pin = [](const char *name, rlim_t hard) {
        const QString n = QString::number(static_cast<qulonglong>(hard));
        return QString::fromLatin1(name) + "=" + n + ":" + n;
    };
    return {pin("nofile", nofile.rlim_max), pin("nproc", std::min<rlim_t>(nproc.rlim_max, 32768))};
}

} // namespace

QStringList startableContainerFlags()
{
    const QStringList ulimits = pinnedUlimits();
    return {"--network", "none", "--ulimit", ulimits.at(0), "--ulimit", ulimits.at(1)};
}

std::filesystem::path writeStartableContainersConf(const std::filesystem::path &dir)
{
    const QStringList ulimits = pinnedUlimits();
    const std::filesystem::path conf = dir / "containers.conf";
    std::ofstream out(conf, std::ios::trunc);
    out << "[containers]\ndefault_ulimits = [\"" << ulimits.at(0).toStdString() << "\", \""
        << ulimits.at(1).toStdString() << "\"]\n[engine]\nruntime = \"runc\"\n";
    if (!out.flush())
        throw std::runtime_error("cannot write " + conf.string());
    return conf;
}

QString startPodmanHost(const fs::path &dir, const QString &image, std::unique_ptr<PodmanSandbox> &podman,
                        std::unique_ptr<PodmanService> &service, bool *missingPackage)
{
    *missingPackage = false;
    podman = std::make_unique<PodmanSandbox>(dir / "podman");
    if (QString why = importBusyboxImage(*podman, dir, image); !why.isEmpty()) {
        *missingPackage = why.contains(QLatin1String("busybox is missing"));
        return why;
    }
    qputenv("CONTAINERS_CONF", QByteArray::fromStdString(writeStartableContainersConf(dir).string()));
    service = std::make_unique<PodmanService>(*podman, dir / "podman.sock");
    QString failed;
    if (!service->start(&failed))
        return failed.isEmpty() ? QStringLiteral("podman system service did not start") : failed;
    return {};
}

} // namespace strata::test
