// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/TestSupport.h"

#include "engine/util/Digest.h"

#include <QProcess>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <vector>

namespace strata::test {

std::filesystem::path binaryDir()
{
    const char *b = std::getenv("STRATA_BIN");
    return b ? std::filesystem::path(b) : std::filesystem::current_path();
}

std::filesystem::path sourceDir()
{
    const char *s = std::getenv("STRATA_SOURCE_DIR");
    return s ? std::filesystem::path(s) : std::filesystem::current_path();
}

RunResult runProgram(const QString &program, const QStringList &args, const std::string &stdinData, int timeoutMs)
{
    QProcess p;
    p.start(program, args);
    RunResult r;
    if (!p.waitForStarted(10000)) {
        r.err = "cannot start " + program.toStdString();
        return r;
    }
    if (!stdinData.empty())
        p.write(stdinData.data(), static_cast<qint64>(stdinData.size()));
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput().toStdString();
    r.err = p.readAllStandardError().toStdString();
    return r;
}

RunResult runStrata(const QStringList &args, const std::string &stdinData, int timeoutMs)
{
    return runProgram(QString::fromStdString((binaryDir() / "strata").string()), args, stdinData, timeoutMs);
}

RunResult runStrataOn(const QString &root, const QString &driver, QStringList args, const std::string &stdinData)
{
    args.prepend(driver);
    args.prepend(QStringLiteral("--driver"));
    args.prepend(root);
    args.prepend(QStringLiteral("--root"));
    return runStrata(args, stdinData);
}

std::string readFile(const std::filesystem::path &p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::filesystem::path &p, const std::string &data)
{
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << data;
}

std::string snapshotTree(const std::filesystem::path &root)
{
    std::vector<std::string> lines;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0)
            continue;
        std::ostringstream line;
        line << std::filesystem::relative(it->path(), root).string() << ' ' << std::oct << st.st_mode << std::dec
             << ' ' << st.st_size;
        if (S_ISREG(st.st_mode))
            line << ' ' << strata::engine::Digest::ofBytes(readFile(it->path())).hex();
        lines.push_back(line.str());
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto &l : lines)
        out += l + "\n";
    return out;
}

} // namespace strata::test
