// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Servers the registry suite starts on free loopback ports and stops again:
// the real registry (Debian's docker-registry, distribution 2.8), a small
// HTTP fixture answering from a handler (search API, token service, broken
// registries), and a TCP proxy that can cut blob downloads mid-stream.

#include <QProcess>
#include <QString>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

namespace strata::test {

// A port nothing listens on right now.
[[nodiscard]] int freeLoopbackPort();
// Polls until something accepts on 127.0.0.1:port (false after ~20 s).
[[nodiscard]] bool waitForPort(int port);

class RegistryProcess {
public:
    // `extraConfig` is YAML appended at the top level (an auth: section).
    RegistryProcess(const std::filesystem::path &dir, const std::string &extraConfig = {});
    ~RegistryProcess();
    [[nodiscard]] bool started() const { return m_started; }
    [[nodiscard]] QString log() const;
    [[nodiscard]] int port() const { return m_port; }
    // "127.0.0.1:PORT"
    [[nodiscard]] QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

private:
    std::filesystem::path m_dir;
    int m_port = 0;
    QProcess m_process;
    bool m_started = false;
};

struct HttpRequestSeen {
    std::string method;
    std::string target; // path and query
    std::map<std::string, std::string> headers; // lower-case names
};

struct HttpAnswer {
    int status = 200;
    std::map<std::string, std::string> headers;
    std::string body;
    std::size_t cutAfter = std::string::npos; // close after this many body bytes (a truncated answer)
};

class HttpFixture {
public:
    using Handler = std::function<HttpAnswer(const HttpRequestSeen &)>;
    explicit HttpFixture(Handler handler);
    ~HttpFixture();
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }

private:
    void serve();
    Handler m_handler;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

// Forwards 127.0.0.1:port() to 127.0.0.1:upstream; while cuts() > 0, each
// response to a GET of a blob is cut after `cutAfterBytes` bytes (and the
// count goes down by one).
class CuttingProxy {
public:
    CuttingProxy(int upstream, std::size_t cutAfterBytes);
    ~CuttingProxy();
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] QString host() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    std::atomic<int> cuts{0};

private:
    void serve();
    void relay(int client);
    int m_upstream;
    std::size_t m_cutAfter;
    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace strata::test
