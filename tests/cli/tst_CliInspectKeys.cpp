// SPDX-License-Identifier: GPL-3.0-or-later
// `inspect` carries every key Docker 20.10 prints, in Docker's order: the key
// paths recorded from a real daemon (tests/cli/data/docker/inspect-*.keys,
// written by record-docker-oracle.sh through flatten-keys.py) against the
// same flattening of what the real `strata` binary prints. Extra keys are
// allowed (Docker's omitempty ones, when set); a missing one fails.
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

using strata::test::RunResult;
using Json = nlohmann::ordered_json;

namespace {

// Maps whose keys are data, not names (flatten-keys.py's DATA_MAPS).
const std::set<std::string> kDataMaps = {
    "NetworkSettings.Networks", "NetworkSettings.Ports", "Config.Labels", "Config.Volumes", "Config.ExposedPorts",
    "ContainerConfig.Labels", "ContainerConfig.Volumes", "ContainerConfig.ExposedPorts",
    "HostConfig.LogConfig.Config", "HostConfig.PortBindings", "HostConfig.Tmpfs", "GraphDriver.Data", "Labels",
    "Options", "Containers", "IPAM.Options"};

void flatten(const Json &value, const std::string &path, std::vector<std::string> &out)
{
    if (value.is_object()) {
        for (const auto &[k, v] : value.items()) {
            const std::string key = kDataMaps.count(path) ? "*" : k;
            const std::string p = path.empty() ? key : path + "." + key;
            if (std::find(out.begin(), out.end(), p) == out.end())
                out.push_back(p);
            flatten(v, p, out);
        }
    } else if (value.is_array()) {
        for (const auto &v : value)
            if (v.is_object())
                flatten(v, path + "[]", out);
    }
}

std::vector<std::string> recorded(const std::string &name)
{
    std::vector<std::string> out;
    std::istringstream in(strata::test::readFile(strata::test::sourceDir() / "tests/cli/data/docker" / name));
    for (std::string l; std::getline(in, l);)
        if (!l.empty())
            out.push_back(l);
    return out;
}

// "" when `got` has every key of `docker` in the same relative order; else
// the missing keys, or the first one out of order.
std::string compareKeys(const std::vector<std::string> &docker, const std::vector<std::string> &got)
{
    std::string missing;
    for (const auto &k : docker)
        if (std::find(got.begin(), got.end(), k) == got.end())
            missing += " " + k;
    if (!missing.empty())
        return "missing:" + missing;
    std::vector<std::string> shared;
    for (const auto &k : got)
        if (std::find(docker.begin(), docker.end(), k) != docker.end())
            shared.push_back(k);
    for (std::size_t i = 0; i < docker.size(); ++i)
        if (shared[i] != docker[i])
            return "out of Docker's order: " + shared[i] + " where Docker has " + docker[i];
    return {};
}

} // namespace

class TestCliInspectKeys : public QObject {
    Q_OBJECT

    QTemporaryDir m_root;

    RunResult strata(const QStringList &args)
    {
        return strata::test::runStrata(QStringList{"--root", m_root.path()} + args);
    }

    std::vector<std::string> keysOf(const QStringList &args)
    {
        const RunResult r = strata(args);
        if (r.exitCode != 0) {
            qWarning("strata %s: exit %d: %s", qPrintable(args.join(' ')), r.exitCode, r.err.c_str());
            return {};
        }
        std::vector<std::string> out;
        flatten(Json::parse(r.out).at(0), "", out);
        return out;
    }

    void check(const std::string &recordedFile, const QStringList &args)
    {
        const auto docker = recorded(recordedFile);
        QVERIFY2(docker.size() > 5, recordedFile.c_str());
        const std::string problem = compareKeys(docker, keysOf(args));
        QVERIFY2(problem.empty(), qPrintable(QString::fromStdString(recordedFile + ": " + problem)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        const RunResult plain = strata({"create", "--name", "plain", "strata/busybox", "true"});
        QVERIFY2(plain.exitCode == 0, plain.err.c_str());
        const RunResult vol = strata({"create", "--name", "withvol", "-v", "parity-vol:/data", "strata/busybox", "true"});
        QVERIFY2(vol.exitCode == 0, vol.err.c_str());
    }

    void containerInspectHasDockersKeys() { check("inspect-container.keys", {"inspect", "--type", "container", "plain"}); }

    void containerWithAVolumeHasDockersKeys()
    {
        check("inspect-container-volume.keys", {"inspect", "--type", "container", "withvol"});
    }

    void imageInspectHasDockersKeys() { check("inspect-image.keys", {"image", "inspect", "strata/busybox"}); }

    void volumeInspectHasDockersKeys() { check("inspect-volume.keys", {"volume", "inspect", "parity-vol"}); }

    void zeroValuesAreDockers()
    {
        const RunResult r = strata({"inspect", "--type", "container", "plain"});
        QCOMPARE(r.exitCode, 0);
        const Json host = Json::parse(r.out).at(0).at("HostConfig");
        QCOMPARE(host.at("Memory").get<long>(), 0L);
        QVERIFY(host.at("PidsLimit").is_null());
        QVERIFY(host.at("Devices").is_array() && host.at("Devices").empty());
        QCOMPARE(host.at("ConsoleSize").dump(), std::string("[0,0]"));
        QCOMPARE(host.at("RestartPolicy").at("Name").get<std::string>(), std::string("no"));
        QVERIFY(!host.contains("Init")); // omitempty in Docker
    }

    void networkInspectKeysAreRecorded()
    {
        // The network verbs do not exist yet: until they do, only the
        // recording is checked. Once `strata network` exists this compares
        // `network inspect` of a created network with Docker's keys.
        QVERIFY(recorded("inspect-network.keys").size() > 10);
        const RunResult created = strata({"network", "create", "parity-net"});
        if (created.exitCode == 1 && created.err.find("is not a strata") != std::string::npos) // no verb, or `network` without `create`
            QSKIP("no `strata network` yet; tests/cli/data/docker/inspect-network.keys is recorded for it");
        QVERIFY2(created.exitCode == 0, created.err.c_str());
        check("inspect-network.keys", {"network", "inspect", "parity-net"});
    }
};

QTEST_GUILESS_MAIN(TestCliInspectKeys)
#include "tst_CliInspectKeys.moc"
