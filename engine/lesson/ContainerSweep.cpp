// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/ContainerSweep.h"

#include "engine/Engine.h"
#include "engine/Error.h"

#include <thread>

namespace strata::engine::lesson {

void removeEveryContainer(Engine &engine, std::chrono::milliseconds deadline)
{
    const auto until = std::chrono::steady_clock::now() + deadline;
    std::string failure; // the last reason one would not go
    for (bool first = true;; first = false) {
        const auto left = engine.containers(true);
        if (left.empty())
            return;
        // Judged on a fresh listing: a pass that took past the deadline but
        // removed everything is a success.
        if (!first && std::chrono::steady_clock::now() >= until) {
            if (failure.empty())
                failure = "container " + left.front().name + ": it is still there";
            throw Error(ErrorCode::Conflict, "could not remove " + failure);
        }
        if (!first && !failure.empty())
            std::this_thread::sleep_for(std::chrono::milliseconds(100)); // poll: let the kernel reap it
        failure.clear();
        for (const auto &c : left) {
            try {
                if (c.state.status == container::Status::Paused)
                    (void)engine.unpauseContainer(c.id); // a frozen process ignores SIGKILL (cgroup v1)
                if (c.state.running())
                    engine.killContainer(c.id, "KILL"); // waits for it to be gone
                engine.removeContainer(c.id, true, true);
            } catch (const Error &e) {
                // NotFound: removed meanwhile (an --rm one); the next listing tells.
                failure = "container " + c.name + ": " + e.what();
            }
        }
    }
}

} // namespace strata::engine::lesson
