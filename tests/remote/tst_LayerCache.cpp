// SPDX-License-Identifier: GPL-3.0-or-later
// The host layer cache (engine/remote/LayerCache): layers kept as their tars
// by diff_id and unpacked only on demand, a wrong digest refused with
// nothing left behind, the LRU cap (STRATA_HOST_CACHE_MAX) that spares the
// image being shown, and `system df` / `system prune` seeing and clearing it.
// No host needed: the tars are made here.

#include "engine/Error.h"
#include "engine/remote/LayerCache.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>

namespace fs = std::filesystem;
using strata::engine::Digest;
using strata::engine::remote::LayerCache;
using strata::test::RunResult;

namespace {

QString q(const fs::path &p)
{
    return QString::fromStdString(p.string());
}

// A layer tar of `files` small files under d/ (and its diff_id).
std::pair<std::string, Digest> makeLayer(const fs::path &scratch, const std::string &name, int files)
{
    const fs::path dir = scratch / name;
    for (int i = 0; i < files; ++i)
        strata::test::writeFile(dir / "d" / ("f" + std::to_string(i)), name + " file " + std::to_string(i) + "\n");
    const fs::path tar = scratch / (name + ".tar");
    strata::test::runProgram("tar", {"-C", q(dir), "-cf", q(tar), "."});
    std::string bytes = strata::test::readFile(tar);
    const Digest id = Digest::ofBytes(bytes);
    return {std::move(bytes), id};
}

class StringSource final : public strata::engine::layer::ByteSource {
public:
    explicit StringSource(const std::string &bytes) : m_bytes(bytes) {}
    std::size_t read(void *buffer, std::size_t size) override
    {
        const std::size_t n = std::min(size, m_bytes.size() - m_pos);
        std::memcpy(buffer, m_bytes.data() + m_pos, n);
        m_pos += n;
        return n;
    }

private:
    const std::string &m_bytes;
    std::size_t m_pos = 0;
};

// Sets an environment variable for one test.
struct ScopedEnv {
    ScopedEnv(const char *name, const QByteArray &value) : m_name(name) { qputenv(name, value); }
    ~ScopedEnv() { qunsetenv(m_name); }
    const char *m_name;
};

} // namespace

class tst_LayerCache : public QObject {
    Q_OBJECT

private slots:
    void keepsTheTarAndUnpacksOnDemand()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        const auto [bytes, id] = makeLayer(root / "src", "a", 20);
        LayerCache cache(root / "cache");
        StringSource source(bytes);
        const auto layer = cache.add(id, source);
        QVERIFY(fs::exists(layer.tar));
        QVERIFY(!layer.unpacked()); // no file made per path on the way in
        QCOMPARE(layer.blob, id);
        QVERIFY(layer.contentBytes > 0);
        const auto found = cache.find(id);
        QVERIFY(found && found->tar == layer.tar);
        const auto unpacked = cache.unpack(*found);
        QVERIFY(unpacked.unpacked());
        QCOMPARE(strata::test::readFile(unpacked.dir / "d/f3"), std::string("a file 3\n"));
        QVERIFY(fs::is_empty(root / "cache/tmp"));
    }

    void aWrongDigestLeavesNothing()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        const auto [bytes, id] = makeLayer(root / "src", "a", 3);
        LayerCache cache(root / "cache");
        StringSource source(bytes);
        const Digest wrong = Digest::ofBytes("something else");
        try {
            (void)cache.add(wrong, source);
            QFAIL("a tar that does not hash to its diff_id was kept");
        } catch (const strata::engine::Error &e) {
            QCOMPARE(e.code(), strata::engine::ErrorCode::DigestMismatch);
        }
        QVERIFY(!cache.find(wrong));
        QVERIFY(fs::is_empty(root / "cache/tmp"));
        QCOMPARE(cache.usage().layers, std::uint64_t{0});
    }

    void theCapDropsTheLeastRecentlyUsedButSparesTheShownImage()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        LayerCache cache(root / "cache");
        std::vector<Digest> ids;
        for (const char *name : {"a", "b", "c"}) {
            const auto [bytes, id] = makeLayer(root / "src", name, 30);
            StringSource source(bytes);
            (void)cache.add(id, source);
            ids.push_back(id);
            // Distinct use times, oldest first (mtime order is the LRU order).
            const fs::path entry = root / "cache/sha256" / id.hex();
            timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(1000 + ids.size()), 0}};
            ::utimensat(AT_FDCWD, entry.c_str(), times, 0);
        }
        const auto before = cache.usage();
        QCOMPARE(before.layers, std::uint64_t{3});
        // Room for one layer: "a" (oldest) goes, "b" would next but is the
        // image being shown, so "c" goes too.
        const std::uint64_t one = before.bytes / 3 + 1;
        QVERIFY(cache.trim(one, {ids[1]}) > 0);
        QVERIFY(!cache.find(ids[0]));
        QVERIFY(cache.find(ids[1]));
        QVERIFY(!cache.find(ids[2]));
        QCOMPARE(cache.usage().layers, std::uint64_t{1});
        QCOMPARE(cache.trim(one), std::uint64_t{0}); // within the cap: nothing goes

        ScopedEnv bad("STRATA_HOST_CACHE_MAX", "lots");
        QVERIFY_THROWS_EXCEPTION(strata::engine::Error, (void)LayerCache::maxBytes());
    }

    void systemDfShowsItAndSystemPruneClearsIt()
    {
        QTemporaryDir tmp;
        const fs::path root = tmp.path().toStdString();
        ScopedEnv cacheHome("XDG_CACHE_HOME", q(root / "xdg").toUtf8());
        LayerCache cache; // the default root, under XDG_CACHE_HOME
        const auto [bytes, id] = makeLayer(root / "src", "a", 10);
        StringSource source(bytes);
        (void)cache.add(id, source);
        const QStringList store{"--root", q(root / "store")};
        RunResult r = strata::test::runStrata(store + QStringList{"system", "df"});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        QVERIFY2(r.out.find("\nHost Layer Cache   1         0         ") != std::string::npos, r.out.c_str());
        r = strata::test::runStrata(store + QStringList{"system", "prune", "-f"});
        QVERIFY2(r.exitCode == 0, r.err.c_str());
        QVERIFY2(r.out.find("Total reclaimed space: 0B") == std::string::npos, r.out.c_str());
        QCOMPARE(cache.usage().layers, std::uint64_t{0});
        QVERIFY(!cache.find(id));
        r = strata::test::runStrata(store + QStringList{"system", "df"});
        QVERIFY2(r.out.find("Host Layer Cache") == std::string::npos, r.out.c_str()); // empty: Docker's four rows
    }
};

QTEST_GUILESS_MAIN(tst_LayerCache)
#include "tst_LayerCache.moc"
