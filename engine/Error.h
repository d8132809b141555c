// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One error type for the whole engine: a code the front ends branch on, the
// errno when a system call failed, the root-cause message, and a context chain
// added as the error travels up ("load busybox.tar: layer 2: ...").
// Thrown inside the engine, caught at the front ends (CLI, GUI).

#include <stdexcept>
#include <string>

namespace strata::engine {

enum class ErrorCode {
    InvalidArgument,   // bad user input: a reference, a flag value, a path
    NotFound,          // no such image, layer, blob, container, volume
    Conflict,          // in use, already exists, refused by a safety rule
    InvalidArchive,    // malformed tar, manifest, config, index, truncation
    DigestMismatch,    // content does not hash to the digest that names it
    UnsafePath,        // traversal, absolute path, escaping link or whiteout
    PermissionDenied,  // the kernel said EPERM/EACCES
    IllegalTransition, // a lifecycle verb not allowed in the current state
    Unsupported,       // a format, compression or feature we do not handle
    Io,                // any other failed system call
    Internal,          // a bug: an invariant did not hold
};

[[nodiscard]] const char *toString(ErrorCode code);

class Error : public std::exception {
public:
    Error(ErrorCode code, std::string message, int sysErrno = 0);

    [[nodiscard]] ErrorCode code() const noexcept { return m_code; }
    [[nodiscard]] int sysErrno() const noexcept { return m_errno; }
    // The root cause alone, without context.
    [[nodiscard]] const std::string &message() const noexcept { return m_message; }
    // Context chain and root cause: "outer: inner: message".
    [[nodiscard]] const char *what() const noexcept override { return m_full.c_str(); }

    // Prepends one level of context; returns *this so callers can rethrow.
    Error &withContext(const std::string &context);

private:
    ErrorCode m_code;
    int m_errno;
    std::string m_message;
    std::string m_full;
};

// Throws Io (or PermissionDenied for EPERM/EACCES, NotFound for ENOENT) with
// "what: strerror(errno)".
[[noreturn]] void throwErrno(const std::string &what, int err);
[[noreturn]] void throwErrno(const std::string &what);

// Runs f(); an Error escaping it gains `context`.
template <typename F>
decltype(auto) withErrorContext(const std::string &context, F &&f)
{
    try {
        return f();
    } catch (Error &e) {
        e.withContext(context);
        throw;
    }
}

} // namespace strata::engine
