// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A store with the built-in images and a container file system over one of
// them, made with the union driver directly (no container record, no
// runtime): what the file-system verbs (diff, commit, cp, export) need.

#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/container/ContainerFs.h"
#include "engine/fs/drivers/UnionDriver.h"
#include "engine/image/ImageStore.h"
#include "tests/support/EngineTestAccess.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <memory>
#include <string>

namespace strata::test::containerfs {

namespace stdfs = std::filesystem;
using namespace strata::engine;

class Kit {
public:
    // Throws Error when the driver cannot work here (overlay without root).
    explicit Kit(const std::string &driver)
    {
        if (!m_tmp.isValid())
            throw Error(ErrorCode::Io, "no temporary directory");
        m_root = stdfs::path(m_tmp.path().toStdString());
        EngineOptions options;
        options.root = m_root / "store";
        options.journal = false;
        m_engine = std::make_unique<Engine>(options);
        m_engine->ensureBuiltinImages();
        fs::drivers::DriverContext ctx{&m_engine->events(), store().layout().tmpDir(), m_root / "links"};
        m_driver = fs::drivers::makeDriver(driver, ctx);
    }
    ~Kit()
    {
        for (const auto &c : m_made)
            try {
                m_driver->removeLayer(c);
            } catch (...) {
            }
    }

    [[nodiscard]] Engine &engine() { return *m_engine; }
    [[nodiscard]] image::ImageStore &store() { return EngineTestAccess::images(*m_engine); }
    [[nodiscard]] fs::drivers::UnionDriver &driver() { return *m_driver; }
    [[nodiscard]] const stdfs::path &root() const { return m_root; }

    [[nodiscard]] fs::drivers::Lowers lowersOf(const Digest &image)
    {
        fs::drivers::Lowers lowers;
        for (const auto &l : store().layerChain(store().get(image)))
            lowers.push_back({store().layers().diffDir(l.chainId), l.whiteouts, l.chainId.str()});
        return lowers;
    }

    // A container over `imageRef`, its union mounted.
    [[nodiscard]] container::ContainerFs makeContainer(const std::string &id, const std::string &imageRef)
    {
        container::ContainerFs c;
        c.id = id;
        c.name = "/" + id;
        c.dir = m_root / "containers" / id;
        c.driver = m_driver.get();
        c.lowers = lowersOf(store().resolve(imageRef));
        m_driver->mount(c.lowers, c.dir);
        m_made.push_back(c.dir);
        return c;
    }

private:
    QTemporaryDir m_tmp;
    stdfs::path m_root;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<fs::drivers::UnionDriver> m_driver;
    std::vector<stdfs::path> m_made;
};

} // namespace strata::test::containerfs
