// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the layer suites: in-memory byte sources, a sandbox with a layer
// root next to an "outside" directory that hostile layers aim at, and stat
// helpers.

#include "engine/layer/ByteStream.h"
#include "engine/layer/LayerApplier.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string>
#include <sys/stat.h>

namespace strata::test::layer {

namespace fs = std::filesystem;
namespace L = strata::engine::layer;

// Serves a string in pieces of at most `chunk` bytes (short reads, like a pipe).
class StringSource final : public L::ByteSource {
public:
    explicit StringSource(std::string bytes, std::size_t chunk = 1 << 20) : m_bytes(std::move(bytes)), m_chunk(chunk) {}
    std::size_t read(void *buffer, std::size_t size) override
    {
        const std::size_t n = std::min({size, m_chunk, m_bytes.size() - m_pos});
        std::memcpy(buffer, m_bytes.data() + m_pos, n);
        m_pos += n;
        return n;
    }

private:
    std::string m_bytes;
    std::size_t m_chunk;
    std::size_t m_pos = 0;
};

inline L::ApplyResult applyBytes(const std::string &bytes, const fs::path &root, const L::ApplyOptions &options = {})
{
    StringSource source(bytes);
    return L::applyLayer(source, root, options);
}

inline L::ApplyOptions flatten()
{
    L::ApplyOptions o;
    o.mode = L::ApplyMode::Flatten;
    return o;
}

// base/root is the layer root; base/outside/secret is what attacks aim at.
class Sandbox {
public:
    Sandbox()
    {
        base = fs::path(m_tmp.path().toStdString());
        root = base / "root";
        outside = base / "outside";
        fs::create_directories(root);
        fs::create_directories(outside);
        writeFile(outside / "secret", "do not touch\n");
    }
    // Everything outside the layer root: must not change whatever a layer does.
    [[nodiscard]] std::string outsideState() const
    {
        std::string state = snapshotTree(outside);
        for (const auto &e : fs::directory_iterator(base))
            state += e.path().filename().string() + "\n";
        struct stat st {};
        ::lstat(outside.c_str(), &st);
        return state + std::to_string(st.st_mode) + "\n";
    }

    fs::path base;
    fs::path root;
    fs::path outside;

private:
    QTemporaryDir m_tmp;
};

inline struct stat lstatOf(const fs::path &p)
{
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0)
        st.st_mode = 0;
    return st;
}

inline bool present(const fs::path &p)
{
    return lstatOf(p).st_mode != 0;
}

} // namespace strata::test::layer
