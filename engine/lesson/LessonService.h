// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A server a lesson starts for itself and stops again ("services" in a lesson
// file): "registry" = Debian's docker-registry (distribution 2.8) on a free
// loopback port, its storage under `dir`, so lesson 13 pulls and pushes
// offline. The address ("127.0.0.1:PORT") becomes the lesson variable of the
// same name (${registry}). No Qt here: posix_spawn and a connect() poll.

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace strata::engine::lesson {

// A loopback port nothing listens on right now (the kernel's pick for port 0):
// a registry's, and a lesson's ${port} (lesson 14 publishes a web server there).
[[nodiscard]] int freeLoopbackPort();

class LessonService {
public:
    // Starts `kind` and waits (up to ~20 s) until it accepts connections.
    // Throws Error naming the service and what went wrong (not installed,
    // exited early: the last lines of its log).
    LessonService(const std::string &kind, const std::filesystem::path &dir);
    ~LessonService(); // SIGTERM, then SIGKILL after 5 s
    LessonService(const LessonService &) = delete;
    LessonService &operator=(const LessonService &) = delete;

    [[nodiscard]] const std::string &kind() const { return m_kind; }
    [[nodiscard]] const std::string &address() const { return m_address; }

    // Service kinds a lesson may ask for.
    [[nodiscard]] static bool known(const std::string &kind);

private:
    std::string m_kind;
    std::string m_address;
    pid_t m_pid = -1;
};

} // namespace strata::engine::lesson
