// SPDX-License-Identifier: GPL-3.0-or-later
// The mount flags against Docker's rules: what each spelling means, and the
// exact message for each bad one (moby linux_parser.go, docker/cli mount.go).
#include "engine/Error.h"
#include "engine/volume/MountPoint.h"
#include "engine/volume/MountRequest.h"

#include <QTemporaryDir>
#include <QtTest/QTest>

using namespace strata::engine;
using namespace strata::engine::volume;

class TestMountRequest : public QObject {
    Q_OBJECT

    static QString errorOf(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const Error &e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private Q_SLOTS:
    void volumeFlagKinds_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QString>("propagation");
        QTest::newRow("BindHostDir") << "/home/me/test:/home" << "bind" << "/home/me/test" << "/home" << false << "rprivate";
        QTest::newRow("BindReadOnly") << "/srv:/data:ro" << "bind" << "/srv" << "/data" << true << "rprivate";
        QTest::newRow("BindCleaned") << "/srv//x/:/data/../d/" << "bind" << "/srv/x" << "/d" << false << "rprivate";
        QTest::newRow("BindPropagation") << "/srv:/data:rw,rslave" << "bind" << "/srv" << "/data" << false << "rslave";
        QTest::newRow("NamedVolume") << "juming:/etc/nginx" << "volume" << "juming" << "/etc/nginx" << false << "";
        QTest::newRow("NamedVolumeRo") << "juming:/etc/nginx:ro" << "volume" << "juming" << "/etc/nginx" << true << "";
        QTest::newRow("Anonymous") << "/etc/nginx" << "volume" << "" << "/etc/nginx" << false << "";
        QTest::newRow("SelinuxLabel") << "/srv:/data:z" << "bind" << "/srv" << "/data" << false << "rprivate";
    }

    void volumeFlagKinds()
    {
        QFETCH(QString, raw);
        QFETCH(QString, type);
        QFETCH(QString, source);
        QFETCH(QString, destination);
        QFETCH(bool, readOnly);
        QFETCH(QString, propagation);
        const MountRequest m = parseVolumeFlag(raw.toStdString());
        QCOMPARE(QString::fromStdString(m.type), type);
        QCOMPARE(QString::fromStdString(m.source), source);
        QCOMPARE(QString::fromStdString(m.destination), destination);
        QCOMPARE(m.readOnly, readOnly);
        QCOMPARE(QString::fromStdString(m.propagation), propagation);
        QCOMPARE(QString::fromStdString(m.raw), raw);
    }

    void volumeFlagErrors_data()
    {
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("message");
        QTest::newRow("Empty") << "" << "invalid volume specification: ''";
        QTest::newRow("EmptySource") << ":/data" << "invalid volume specification: ':/data'";
        QTest::newRow("DestinationWithModeOnly") << "/data:ro" << "invalid volume specification: '/data:ro'";
        QTest::newRow("TooManyFields") << "/a:/b:ro:x" << "invalid volume specification: '/a:/b:ro:x'";
        QTest::newRow("BadMode") << "/a:/b:rx" << "invalid mode: rx";
        QTest::newRow("TwoRwModes") << "/a:/b:ro,rw" << "invalid mode: ro,rw";
        QTest::newRow("RelativeDestination")
            << "/srv:data"
            << "invalid volume specification: '/srv:data': invalid mount config for type \"bind\": "
               "invalid mount path: 'data' mount path must be absolute";
        QTest::newRow("RootDestination")
            << "/srv:/"
            << "invalid volume specification: '/srv:/': invalid mount config for type \"bind\": "
               "invalid specification: destination can't be '/'";
        QTest::newRow("AnonymousRelative")
            << "data"
            << "invalid volume specification: 'data': invalid mount config for type \"volume\": "
               "invalid mount path: 'data' mount path must be absolute";
        QTest::newRow("PropagationOnVolume")
            << "vol:/data:rshared"
            << "invalid volume specification: 'vol:/data:rshared': invalid mount config for type \"volume\": "
               "field BindOptions must not be specified";
        QTest::newRow("NocopyOnBind")
            << "/srv:/data:nocopy"
            << "invalid volume specification: '/srv:/data:nocopy': invalid mount config for type \"bind\": "
               "field VolumeOptions must not be specified";
    }

    void volumeFlagErrors()
    {
        QFETCH(QString, raw);
        QFETCH(QString, message);
        QCOMPARE(errorOf([&] { (void)parseVolumeFlag(raw.toStdString()); }), message);
    }

    void mountFlagKinds()
    {
        QTemporaryDir host;
        const std::string src = host.path().toStdString();
        MountRequest b = parseMountFlag("type=bind,source=" + src + ",target=/home,readonly");
        QCOMPARE(b.type, std::string("bind"));
        QCOMPARE(b.source, src);
        QCOMPARE(b.destination, std::string("/home"));
        QVERIFY(b.readOnly);
        QCOMPARE(b.propagation, std::string("rprivate"));

        MountRequest v = parseMountFlag("src=data,dst=/var/lib/db,volume-label=a=b,volume-nocopy");
        QCOMPARE(v.type, std::string("volume"));
        QCOMPARE(v.source, std::string("data"));
        QVERIFY(!v.copyData);
        QCOMPARE(v.labels->at("a"), std::string("b"));

        MountRequest t = parseMountFlag("type=tmpfs,destination=/run,tmpfs-size=64m,tmpfs-mode=1770");
        QCOMPARE(t.type, std::string("tmpfs"));
        QCOMPARE(t.tmpfsOptions, std::string("mode=1770,size=64m"));

        MountRequest q = parseMountFlag("\"type=bind\",\"src=" + src + "\",target=/x,ro=false");
        QVERIFY(!q.readOnly);
    }

    void mountFlagErrors_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<QString>("message");
        const QString p = "invalid argument \"%1\" for \"--mount\" flag: ";
        QTest::newRow("NotKeyValue") << "type=bind,bogus" << p.arg("type=bind,bogus") + "invalid field 'bogus' must be a key=value pair";
        QTest::newRow("UnknownKey") << "type=bind,colour=red" << p.arg("type=bind,colour=red") + "unexpected key 'colour' in 'colour=red'";
        QTest::newRow("NoTarget") << "type=volume,src=x" << p.arg("type=volume,src=x") + "target is required";
        QTest::newRow("BadReadonly") << "dst=/x,readonly=maybe" << p.arg("dst=/x,readonly=maybe") + "invalid value for readonly: maybe";
        QTest::newRow("MixVolumeOnBind") << "type=bind,src=/,dst=/x,volume-nocopy"
                                         << p.arg("type=bind,src=/,dst=/x,volume-nocopy") +
                                                "cannot mix 'volume-*' options with mount type 'bind'";
        QTest::newRow("MixTmpfsOnVolume") << "dst=/x,tmpfs-size=1m"
                                          << p.arg("dst=/x,tmpfs-size=1m") + "cannot mix 'tmpfs-*' options with mount type 'volume'";
        QTest::newRow("BadTmpfsSize") << "type=tmpfs,dst=/x,tmpfs-size=lots"
                                      << p.arg("type=tmpfs,dst=/x,tmpfs-size=lots") + "invalid value for tmpfs-size: lots";
        QTest::newRow("UnknownType") << "type=nfs,dst=/x" << "invalid mount config for type \"nfs\": mount type unknown";
        QTest::newRow("MissingBindSource")
            << "type=bind,src=/nonexistent/strata-test,dst=/x"
            << "invalid mount config for type \"bind\": bind source path does not exist: /nonexistent/strata-test";
        QTest::newRow("RelativeBindSource") << "type=bind,src=rel/dir,dst=/x"
                                            << "invalid mount config for type \"bind\": invalid mount path: 'rel/dir' mount path must be absolute";
        QTest::newRow("BindWithoutSource") << "type=bind,dst=/x" << "invalid mount config for type \"bind\": field Source must not be empty";
        QTest::newRow("TmpfsWithSource") << "type=tmpfs,src=x,dst=/x" << "invalid mount config for type \"tmpfs\": field Source must not be specified";
        QTest::newRow("RelativeTarget") << "type=volume,src=v,dst=x"
                                        << "invalid mount config for type \"volume\": invalid mount path: 'x' mount path must be absolute";
        QTest::newRow("ReadonlyAnonymous") << "type=volume,dst=/x,ro"
                                           << "invalid mount config for type \"volume\": must not set ReadOnly mode when using anonymous volumes";
        QTest::newRow("BadPropagation") << "type=bind,src=/,dst=/x,bind-propagation=sideways"
                                        << "invalid mount config for type \"bind\": invalid propagation mode: sideways";
    }

    void mountFlagErrors()
    {
        QFETCH(QString, csv);
        QFETCH(QString, message);
        QCOMPARE(errorOf([&] { (void)parseMountFlag(csv.toStdString()); }), message);
    }

    void tmpfsAndVolumesFrom()
    {
        const MountRequest t = parseTmpfsFlag("/run:rw,size=64m");
        QCOMPARE(t.destination, std::string("/run"));
        QCOMPARE(t.tmpfsOptions, std::string("rw,size=64m"));
        QCOMPARE(errorOf([] { (void)parseTmpfsFlag("run"); }), QString("invalid mount path: 'run' mount path must be absolute"));
        QCOMPARE(errorOf([] { (void)parseTmpfsFlag("/"); }), QString("invalid specification: destination can't be '/'"));

        QCOMPARE(parseVolumesFrom("data").mode, std::string("rw"));
        QCOMPARE(parseVolumesFrom("data:ro").mode, std::string("ro"));
        QCOMPARE(errorOf([] { (void)parseVolumesFrom("data:rshared"); }), QString("invalid mode: rshared"));
        QCOMPARE(errorOf([] { (void)parseVolumesFrom(""); }), QString("volumes-from specification cannot be an empty string"));
    }

    void ramInBytesLikeGoUnits()
    {
        QCOMPARE(*ramInBytes("64m"), 64LL << 20);
        QCOMPARE(*ramInBytes("1g"), 1LL << 30);
        QCOMPARE(*ramInBytes("512KiB"), 512LL << 10);
        QCOMPARE(*ramInBytes("100"), 100LL);
        QVERIFY(!ramInBytes("lots"));
    }

    void inspectShapeAndRuntimeTranslation()
    {
        MountPoint bind;
        bind.type = "bind";
        bind.source = "/home/me/test";
        bind.destination = "/home";
        bind.propagation = "rprivate";
        QCOMPARE(QString::fromStdString(bind.toInspect().dump()),
                 QString(R"({"Type":"bind","Source":"/home/me/test","Destination":"/home","Mode":"","RW":true,"Propagation":"rprivate"})"));
        MountPoint vol;
        vol.type = "volume";
        vol.name = "juming";
        vol.source = "/r/volumes/juming/_data";
        vol.destination = "/etc/nginx";
        vol.driver = "local";
        vol.mode = "ro";
        vol.rw = false;
        QCOMPARE(QString::fromStdString(vol.toInspect().dump()),
                 QString(R"({"Type":"volume","Name":"juming","Source":"/r/volumes/juming/_data","Destination":"/etc/nginx","Driver":"local","Mode":"ro","RW":false,"Propagation":""})"));
        const auto spec = vol.toRuntime();
        QCOMPARE(spec.type, std::string("bind"));
        QCOMPARE(spec.options, (std::vector<std::string>{"rbind", "rprivate", "ro"}));
        MountPoint tmp;
        tmp.type = "tmpfs";
        tmp.destination = "/run";
        tmp.tmpfsOptions = "size=64m";
        QCOMPARE(tmp.toRuntime().options, (std::vector<std::string>{"noexec", "nosuid", "nodev", "size=64m"}));

        MountPoint child = bind;
        child.destination = "/home/sub";
        const auto order = toRuntimeMounts({child, bind});
        QCOMPARE(order[0].destination, std::string("/home"));
        QCOMPARE(cleanPath("/a//b/../c/"), std::string("/a/c"));
    }
};

QTEST_GUILESS_MAIN(TestMountRequest)
#include "tst_MountRequest.moc"
