// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small helpers for the suites: a scratch directory per test, running the
// real `strata` binary, reading files.

#include <QString>
#include <QStringList>

#include <filesystem>
#include <string>

namespace strata::test {

// Directory holding the built `strata` binary (set by CTest as STRATA_BIN).
[[nodiscard]] std::filesystem::path binaryDir();
// The source tree (STRATA_SOURCE_DIR), for fixtures under resources/.
[[nodiscard]] std::filesystem::path sourceDir();

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs `strata args...` with optional stdin; waits up to `timeoutMs`.
RunResult runStrata(const QStringList &args, const std::string &stdinData = {}, int timeoutMs = 120000);
// runStrata on one store with one union driver: `strata --root ROOT --driver DRIVER args…`.
RunResult runStrataOn(const QString &root, const QString &driver, QStringList args, const std::string &stdinData = {});
// Runs any program.
RunResult runProgram(const QString &program, const QStringList &args, const std::string &stdinData = {},
                     int timeoutMs = 120000);

[[nodiscard]] std::string readFile(const std::filesystem::path &p);
void writeFile(const std::filesystem::path &p, const std::string &data);

// A listing of every path under `root` with its type, mode, size and content
// hash: two snapshots compare equal iff nothing was added, removed or changed.
[[nodiscard]] std::string snapshotTree(const std::filesystem::path &root);

} // namespace strata::test
