// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A scratch store per test and small file helpers for the image suites.

#include "engine/events/EventBus.h"
#include "engine/image/ImageStore.h"
#include "engine/store/PendingSync.h"
#include "engine/store/StoreLayout.h"
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QString>
#include <QThread>
#include <QStringList>
#include <QTemporaryDir>

#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

// QCOMPARE on nlohmann::json trips over Qt's qfloat16 overloads; compare the
// serialised forms, which also makes a failure print both documents.
#define QCOMPARE_JSON(actual, expected) \
    QCOMPARE(QString::fromStdString((actual).dump()), QString::fromStdString((expected).dump()))

namespace strata::test::image {

namespace fs = std::filesystem;

// The store's tree once the detached syncer of the last load or import has
// cleared its pending-sync entries (store/PendingSync.h): they are its
// bookkeeping, gone within moments, not part of what a load leaves.
inline std::string settledSnapshot(const fs::path &root)
{
    const fs::path dir = engine::store::PendingSync::dirOf(root);
    QDeadlineTimer deadline(60000);
    std::error_code ec;
    while (!fs::is_empty(dir, ec) && !ec && !deadline.hasExpired())
        QThread::msleep(10);
    return strata::test::snapshotTree(root);
}

class TempStore {
public:
    TempStore() : m_layout(fs::path(m_dir.path().toStdString()) / "store"), m_store(m_layout, m_bus)
    {
        m_layout.create();
        m_bus.subscribe([this](const engine::events::Event &e) { m_events.push_back(e); });
    }

    [[nodiscard]] engine::image::ImageStore &store() { return m_store; }
    [[nodiscard]] engine::events::EventBus &bus() { return m_bus; }
    [[nodiscard]] fs::path root() const { return m_layout.root(); }
    // A scratch directory beside the store, for archives.
    [[nodiscard]] fs::path scratch() const { return fs::path(m_dir.path().toStdString()); }
    [[nodiscard]] const std::vector<engine::events::Event> &events() const { return m_events; }
    [[nodiscard]] std::size_t count(engine::events::EventKind kind) const
    {
        std::size_t n = 0;
        for (const auto &e : m_events)
            n += e.kind == kind ? 1 : 0;
        return n;
    }

private:
    QTemporaryDir m_dir;
    engine::events::EventBus m_bus;
    engine::store::StoreLayout m_layout;
    engine::image::ImageStore m_store;
    std::vector<engine::events::Event> m_events;
};

inline fs::path writeBytes(const fs::path &path, const std::string &bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    return path;
}

inline std::string readBytes(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs f() with fd 0 reading `file`, as `strata load < file` would.
template <typename F>
decltype(auto) withStdinFrom(const fs::path &file, F &&f)
{
    const int saved = ::dup(STDIN_FILENO);
    const int fd = ::open(file.c_str(), O_RDONLY);
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
    struct Restore {
        int saved;
        ~Restore()
        {
            ::dup2(saved, STDIN_FILENO);
            ::close(saved);
        }
    } restore{saved};
    return f();
}

// Lists as QStringList so that QCOMPARE prints both sides when they differ.
inline QStringList qlist(const std::vector<std::string> &items)
{
    QStringList out;
    for (const auto &s : items)
        out << QString::fromStdString(s);
    return out;
}

inline QStringList qlist(const std::vector<engine::Digest> &digests)
{
    QStringList out;
    for (const auto &d : digests)
        out << QString::fromStdString(d.str());
    return out;
}

inline QString qstr(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace strata::test::image
