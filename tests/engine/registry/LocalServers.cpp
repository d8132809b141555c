// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/engine/registry/LocalServers.h"

#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace strata::test {
namespace {

int listenOn(int port, int *actual)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 || ::listen(fd, 64) != 0) {
        ::close(fd);
        return -1;
    }
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
    *actual = ntohs(a.sin_port);
    return fd;
}

int connectTo(int port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// Accepts with a timeout so the loop notices `stop`.
int acceptSome(int listenFd, const std::atomic<bool> &stop)
{
    while (!stop) {
        pollfd p{listenFd, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0)
            return ::accept4(listenFd, nullptr, nullptr, SOCK_CLOEXEC);
    }
    return -1;
}

bool writeAll(int fd, const char *data, std::size_t n)
{
    while (n > 0) {
        const ssize_t w = ::send(fd, data, n, MSG_NOSIGNAL);
        if (w <= 0)
            return false;
        data += w;
        n -= static_cast<std::size_t>(w);
    }
    return true;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    return s;
}

// Reads one request (headers and a Content-Length body).
bool readRequest(int fd, HttpRequestSeen &req)
{
    std::string data;
    char buf[65536];
    std::size_t end;
    while ((end = data.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return false;
        data.append(buf, static_cast<std::size_t>(n));
        if (static_cast<unsigned char>(data[0]) == 0x16)
            return false; // a TLS handshake: this fixture speaks plain HTTP only
    }
    const std::string head = data.substr(0, end);
    std::size_t lineEnd = head.find("\r\n");
    const std::string first = head.substr(0, lineEnd);
    const auto sp1 = first.find(' ');
    const auto sp2 = first.find(' ', sp1 + 1);
    req.method = first.substr(0, sp1);
    req.target = first.substr(sp1 + 1, sp2 - sp1 - 1);
    while (lineEnd != std::string::npos && lineEnd < head.size()) {
        const std::size_t next = head.find("\r\n", lineEnd + 2);
        const std::string line = head.substr(lineEnd + 2, next == std::string::npos ? std::string::npos : next - lineEnd - 2);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            req.headers[lower(line.substr(0, colon))] = value;
        }
        lineEnd = next;
    }
    std::size_t want = 0;
    if (auto it = req.headers.find("content-length"); it != req.headers.end())
        want = std::stoul(it->second);
    std::size_t have = data.size() - end - 4;
    while (have < want) {
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0)
            return false;
        have += static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

int freeLoopbackPort()
{
    int port = 0;
    const int fd = listenOn(0, &port);
    ::close(fd);
    return port;
}

bool waitForPort(int port)
{
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        const int fd = connectTo(port);
        if (fd >= 0) {
            ::close(fd);
            return true;
        }
        QThread::msleep(50);
    }
    return false;
}

RegistryProcess::RegistryProcess(const std::filesystem::path &dir, const std::string &extraConfig) : m_dir(dir)
{
    std::filesystem::create_directories(dir / "storage");
    m_port = freeLoopbackPort();
    const std::string config = "version: 0.1\n"
                               "log:\n  level: warn\n"
                               "storage:\n  filesystem:\n    rootdirectory: " +
                               (dir / "storage").string() +
                               "\n  delete:\n    enabled: true\n"
                               "http:\n  addr: 127.0.0.1:" +
                               std::to_string(m_port) + "\n" + extraConfig;
    writeFile(dir / "config.yml", config);
    // Its log goes to a file: a pipe nobody drains while a test waits on
    // another process fills up, and the registry then stops answering.
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(QString::fromStdString((dir / "registry.log").string()));
    m_process.start(QStringLiteral("docker-registry"),
                    {QStringLiteral("serve"), QString::fromStdString((dir / "config.yml").string())});
    m_started = m_process.waitForStarted(10000) && waitForPort(m_port);
}

RegistryProcess::~RegistryProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString RegistryProcess::log() const
{
    QFile f(QString::fromStdString((m_dir / "registry.log").string()));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

HttpFixture::HttpFixture(Handler handler) : m_handler(std::move(handler))
{
    m_listen = listenOn(0, &m_port);
    m_thread = std::thread([this] { serve(); });
}

HttpFixture::~HttpFixture()
{
    m_stop = true;
    m_thread.join();
    ::close(m_listen);
}

void HttpFixture::serve()
{
    while (!m_stop) {
        const int fd = acceptSome(m_listen, m_stop);
        if (fd < 0)
            continue;
        HttpRequestSeen req;
        if (readRequest(fd, req)) {
            const HttpAnswer a = m_handler(req);
            std::string head = "HTTP/1.1 " + std::to_string(a.status) + " X\r\n";
            for (const auto &[k, v] : a.headers)
                head += k + ": " + v + "\r\n";
            head += "Content-Length: " + std::to_string(a.body.size()) + "\r\nConnection: close\r\n\r\n";
            writeAll(fd, head.data(), head.size());
            if (req.method != "HEAD")
                writeAll(fd, a.body.data(), std::min(a.body.size(), a.cutAfter));
        }
        ::close(fd);
    }
}

CuttingProxy::CuttingProxy(int upstream, std::size_t cutAfterBytes) : m_upstream(upstream), m_cutAfter(cutAfterBytes)
{
    m_listen = listenOn(0, &m_port);
    m_thread = std::thread([this] { serve(); });
}

CuttingProxy::~CuttingProxy()
{
    m_stop = true;
    m_thread.join();
    ::close(m_listen);
}

void CuttingProxy::serve()
{
    std::vector<std::thread> relays;
    while (!m_stop) {
        const int fd = acceptSome(m_listen, m_stop);
        if (fd >= 0)
            relays.emplace_back([this, fd] { relay(fd); });
    }
    for (auto &t : relays)
        t.join();
}

// One connection, one request at a time: requests pass upstream unchanged;
// answers come back whole, or cut when the request was a blob GET and cuts
// remain.
void CuttingProxy::relay(int client)
{
    const int up = connectTo(m_upstream);
    if (up < 0) {
        ::close(client);
        return;
    }
    bool blobGet = false;
    std::size_t sent = 0;
    char buf[16384];
    while (!m_stop) {
        pollfd p[2] = {{client, POLLIN, 0}, {up, POLLIN, 0}};
        if (::poll(p, 2, 100) <= 0)
            continue;
        if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(client, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            const std::string chunk(buf, static_cast<std::size_t>(n));
            if (chunk.rfind("GET ", 0) == 0 || chunk.rfind("HEAD ", 0) == 0) {
                blobGet = chunk.rfind("GET ", 0) == 0 && chunk.find("/blobs/sha256:") != std::string::npos;
                sent = 0;
            }
            if (!writeAll(up, buf, static_cast<std::size_t>(n)))
                break;
        }
        if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = ::recv(up, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            std::size_t give = static_cast<std::size_t>(n);
            bool cut = false;
            if (blobGet && sent + give > m_cutAfter) {
                // Only answers longer than the limit are cut, each taking one cut.
                int left = cuts.load();
                while (left > 0 && !cuts.compare_exchange_weak(left, left - 1)) {
                }
                cut = left > 0;
                if (cut)
                    give = m_cutAfter > sent ? m_cutAfter - sent : 0;
                blobGet = cut;
            }
            if (!writeAll(client, buf, give))
                break;
            sent += give;
            if (cut)
                break; // the connection drops mid-answer
        }
    }
    ::close(up);
    ::close(client);
}

} // namespace strata::test
