// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Error.h"

#include <cerrno>
#include <cstring>

namespace strata::engine {

const char *toString(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return "invalid argument";
    case ErrorCode::NotFound: return "not found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::InvalidArchive: return "invalid archive";
    case ErrorCode::DigestMismatch: return "digest mismatch";
    case ErrorCode::UnsafePath: return "unsafe path";
    case ErrorCode::PermissionDenied: return "permission denied";
    case ErrorCode::IllegalTransition: return "illegal transition";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Io: return "i/o error";
    case ErrorCode::Internal: return "internal error";
    }
    return "error";
}

Error::Error(ErrorCode code, std::string message, int sysErrno)
    : m_code(code), m_errno(sysErrno), m_message(std::move(message)), m_full(m_message)
{
}

Error &Error::withContext(const std::string &context)
{
    if (!context.empty())
        m_full = context + ": " + m_full;
    return *this;
}

void throwErrno(const std::string &what, int err)
{
    ErrorCode code = ErrorCode::Io;
    if (err == EPERM || err == EACCES)
        code = ErrorCode::PermissionDenied;
    else if (err == ENOENT)
        code = ErrorCode::NotFound;
    throw Error(code, what + ": " + std::strerror(err), err);
}

void throwErrno(const std::string &what)
{
    throwErrno(what, errno);
}

} // namespace strata::engine
