// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/DirSink.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace strata::engine::image {

DirSink::DirSink(std::filesystem::path root) : m_root(std::move(root))
{
    m_dirs.push_back(m_root);
}

void DirSink::directory(const std::string &path, std::int64_t)
{
    const auto dir = m_root / path;
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
        throwErrno("create directory " + dir.string());
    m_dirs.push_back(dir);
}

void DirSink::file(const std::string &path, std::uint64_t size, std::int64_t,
                   const std::function<void(layer::ByteSink &)> &produce)
{
    const auto target = m_root / path;
    const int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        throwErrno("create " + target.string());
    try {
        auto sink = layer::makeFdSink(fd, target.string());
        produce(*sink);
        struct stat st {};
        if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) != size)
            throw Error(ErrorCode::Internal, "\"" + path + "\": wrote a different size than announced");
        if (::fsync(fd) != 0)
            throwErrno("fsync " + target.string());
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0)
        throwErrno("close " + target.string());
}

void DirSink::symlink(const std::string &path, const std::string &target, std::int64_t)
{
    const auto link = m_root / path;
    if (::symlink(target.c_str(), link.c_str()) != 0)
        throwErrno("create symlink " + link.string());
}

void DirSink::finish()
{
    for (auto it = m_dirs.rbegin(); it != m_dirs.rend(); ++it)
        fsutil::fsyncDir(*it);
}

} // namespace strata::engine::image
