// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/CommandLookup.h"

#include "engine/runtime/RuntimeSpec.h"
#include "engine/runtime/StartError.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::runtime {
namespace {

enum class Check { Ok, Missing, NotExecutable };

Check checkExecutable(const std::string &path, int *err)
{
    struct stat sb{};
    if (::stat(path.c_str(), &sb) != 0) {
        *err = errno;
        return Check::Missing;
    }
    if (S_ISDIR(sb.st_mode) || (sb.st_mode & 0111) == 0 || ::access(path.c_str(), X_OK) != 0) {
        *err = EACCES;
        return Check::NotExecutable;
    }
    return Check::Ok;
}

std::string quoted(const std::string &name)
{
    return "exec: \"" + name + "\"";
}

} // namespace

const std::string *findEnv(const std::vector<std::string> &env, const std::string &key)
{
    const std::string prefix = key + "=";
    for (auto it = env.rbegin(); it != env.rend(); ++it)
        if (it->rfind(prefix, 0) == 0)
            return &*it;
    return nullptr;
}

std::string findExecutable(const std::string &name, const std::vector<std::string> &env)
{
    int err = 0;
    if (name.empty())
        throw StartError(ErrorCode::NotFound, quoted(name) + ": executable file not found in $PATH", kExitNotFound);
    if (name.find('/') != std::string::npos) {
        switch (checkExecutable(name, &err)) {
        case Check::Ok:
            return name;
        case Check::Missing:
            throw StartError(ErrorCode::NotFound,
                             quoted(name) + ": stat " + name + ": " + std::strerror(err), kExitNotFound, err);
        case Check::NotExecutable:
            throw StartError(ErrorCode::PermissionDenied, quoted(name) + ": permission denied", kExitCannotExecute,
                             EACCES);
        }
    }
    const std::string *pathVar = findEnv(env, "PATH");
    std::string path = pathVar ? pathVar->substr(5) : std::string(defaultPath());
    size_t start = 0;
    while (start <= path.size()) {
        size_t colon = path.find(':', start);
        if (colon == std::string::npos)
            colon = path.size();
        std::string dir = path.substr(start, colon - start);
        start = colon + 1;
        const std::string candidate = (dir.empty() ? std::string(".") : dir) + "/" + name;
        if (checkExecutable(candidate, &err) == Check::Ok)
            return candidate;
    }
    throw StartError(ErrorCode::NotFound, quoted(name) + ": executable file not found in $PATH", kExitNotFound,
                     ENOENT);
}

} // namespace strata::engine::runtime
