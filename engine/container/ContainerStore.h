// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The containers of one store root: <root>/containers/<id>/config.v2.json
// plus whatever the driver and the runtime keep beside it. Resolves what a
// user types (full id, name with or without "/", unique id prefix) the way
// Docker's daemon does, allocates ids and names.
//
// Callers serialise writers with the store lock (ImageStore::lock()); reads
// need no lock since every write is atomic.

#include "engine/container/ContainerRecord.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::container {

class ContainerStore {
public:
    // stagingLock: the lock a staging sweep of tmpDir takes (StagingArea); a
    // detached deletion holds it shared until done.
    ContainerStore(std::filesystem::path containersDir, std::filesystem::path tmpDir,
                   std::filesystem::path stagingLock = {});

    [[nodiscard]] const std::filesystem::path &containersDir() const { return m_dir; }
    // <root>/containers/<id>: the container's directory (driver + runtime bundle).
    [[nodiscard]] std::filesystem::path dir(const std::string &id) const { return m_dir / id; }
    [[nodiscard]] std::filesystem::path configFile(const std::string &id) const { return dir(id) / "config.v2.json"; }

    [[nodiscard]] bool exists(const std::string &id) const;
    // Throws NotFound "No such container: <id>".
    [[nodiscard]] Record load(const std::string &id) const;
    // Creates the directory if needed; atomic write of config.v2.json.
    void save(const Record &record) const;
    // Every container with a readable record, newest first.
    [[nodiscard]] std::vector<Record> list() const;
    // Deletes the container's directory (the driver's layer must already be
    // gone, or its union be `mountedUnion`, inside the directory: unmounted
    // by the deletion, never deleted through).
    void removeDir(const std::string &id, const std::filesystem::path &mountedUnion = {}) const;

    // Docker's resolution: exact id, then name ("web" or "/web"), then a
    // unique id prefix. Throws NotFound "No such container: <ref>" or
    // InvalidArgument "multiple IDs found with provided prefix: <ref>".
    [[nodiscard]] std::string resolve(const std::string &ref) const;
    // The id of the container called `name` ("/" optional), if any; the
    // record of `skipId` is not read (checkName's own container: at create
    // it has none yet, and a missing record costs an exception).
    [[nodiscard]] std::optional<std::string> idByName(const std::string &name, const std::string &skipId = {}) const;

    // Throws Conflict with Docker's message when `name` is taken by another
    // container than `exceptId`, InvalidArgument when it is not a valid name.
    void checkName(const std::string &name, const std::string &exceptId = {}) const;
    // 64 random hex digits whose 12-digit short form is not all digits.
    [[nodiscard]] std::string newId() const;
    // A free "adjective_surname" name, as Docker's namesgenerator picks.
    [[nodiscard]] std::string newName() const;

    // Docker's rule: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (a leading "/" allowed).
    [[nodiscard]] static bool validName(const std::string &name);

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_tmp;
    std::filesystem::path m_stagingLock;
    // The last record load() parsed, with the version of its file (.cpp).
    struct LoadCache;
    std::shared_ptr<LoadCache> m_loaded;
};

} // namespace strata::engine::container
