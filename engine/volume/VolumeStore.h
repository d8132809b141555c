// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The volumes of one store root:
//
//   root/volumes/<name>/_data        what containers see at the mount point
//   root/volumes/<name>/volume.json  driver, labels, options, CreatedAt
//
// A volume appears by renaming a fully made staging directory from root/tmp
// into volumes/, so a crash never leaves a volume without its record. Every
// change happens under the store lock. Which containers use a volume is the
// container side's knowledge: it answers through UsersQuery.

#include "engine/events/EventBus.h"
#include "engine/store/StoreLayout.h"
#include "engine/volume/Volume.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::volume {

struct CreateVolumeRequest {
    std::string name;   // empty: an anonymous volume with a random 64-hex name
    std::string driver; // empty or "local"
    std::optional<std::map<std::string, std::string>> labels;
    std::optional<std::map<std::string, std::string>> options;
};

struct PruneResult {
    std::vector<std::string> removed;
    std::uint64_t reclaimedBytes = 0;
};

class VolumeStore {
public:
    // Container ids (full) of the containers whose mounts use the volume.
    using UsersQuery = std::function<std::vector<std::string>(const std::string &volumeName)>;

    VolumeStore(const store::StoreLayout &layout, events::EventBus &bus);

    void setUsersQuery(UsersQuery query) { m_users = std::move(query); }

    // Docker's rule: creating a name that exists returns the existing volume
    // (idempotent). Throws InvalidArgument for a name the local driver
    // refuses, NotFound for an unknown driver.
    Volume create(const CreateVolumeRequest &request);

    [[nodiscard]] std::optional<Volume> find(const std::string &name) const;
    // Throws NotFound "No such volume: NAME".
    [[nodiscard]] Volume get(const std::string &name) const;
    // Sorted by name (natural order, as `docker volume ls`).
    [[nodiscard]] std::vector<Volume> list() const;
    [[nodiscard]] std::vector<std::string> users(const std::string &name) const;

    // Refuses (Conflict) while a container uses it, as Docker does even with
    // force; `force` only makes a missing volume no error.
    void remove(const std::string &name, bool force);
    // Removes every volume no container uses.
    PruneResult prune();

    // Bytes of the files under the volume's _data.
    [[nodiscard]] std::uint64_t size(const std::string &name) const;

    // The local driver's name rule: [a-zA-Z0-9][a-zA-Z0-9_.-]+ .
    static void validateName(const std::string &name);
    // Only "local" exists: anything else is Docker's plugin-not-found error.
    static void validateDriver(const std::string &driver);

private:
    [[nodiscard]] std::filesystem::path dirOf(const std::string &name) const;
    void removeLocked(const std::string &name);

    const store::StoreLayout &m_layout;
    events::EventBus &m_bus;
    UsersQuery m_users;
};

// 64 random hex digits (Docker's stringid.GenerateRandomID).
[[nodiscard]] std::string randomVolumeName();
// docker/cli's sortorder.NaturalLess: digit runs compare as numbers.
[[nodiscard]] bool naturalLess(const std::string &a, const std::string &b);

} // namespace strata::engine::volume
