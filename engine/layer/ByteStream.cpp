// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/layer/ByteStream.h"

#include "engine/Error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace strata::engine::layer {
namespace {

class FileSource final : public ByteSource {
public:
    explicit FileSource(const std::filesystem::path &path) : m_name(path.string())
    {
        if (path == "-") {
            m_fd = STDIN_FILENO;
            m_owned = false;
            m_name = "standard input";
            return;
        }
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0)
            throwErrno("open \"" + m_name + "\"");
    }
    ~FileSource() override
    {
        if (m_owned && m_fd >= 0)
            ::close(m_fd);
    }
    FileSource(const FileSource &) = delete;
    FileSource &operator=(const FileSource &) = delete;

    std::size_t read(void *buffer, std::size_t size) override
    {
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, size);
            if (n >= 0)
                return static_cast<std::size_t>(n);
            if (errno != EINTR)
                throwErrno("read \"" + m_name + "\"");
        }
    }

private:
    std::string m_name;
    int m_fd = -1;
    bool m_owned = true;
};

class CallbackSource final : public ByteSource {
public:
    explicit CallbackSource(std::function<std::size_t(void *, std::size_t)> read) : m_read(std::move(read)) {}
    std::size_t read(void *buffer, std::size_t size) override { return m_read(buffer, size); }

private:
    std::function<std::size_t(void *, std::size_t)> m_read;
};

class FdSink final : public ByteSink {
public:
    FdSink(int fd, std::string name) : m_fd(fd), m_name(std::move(name)) {}
    void write(const void *data, std::size_t size) override
    {
        const auto *p = static_cast<const char *>(data);
        while (size > 0) {
            const ssize_t n = ::write(m_fd, p, size);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                throwErrno("write \"" + m_name + "\"");
            }
            p += n;
            size -= static_cast<std::size_t>(n);
        }
    }

private:
    int m_fd;
    std::string m_name;
};

class StringSink final : public ByteSink {
public:
    explicit StringSink(std::string &out) : m_out(out) {}
    void write(const void *data, std::size_t size) override { m_out.append(static_cast<const char *>(data), size); }

private:
    std::string &m_out;
};

} // namespace

std::unique_ptr<ByteSource> openFileSource(const std::filesystem::path &path)
{
    return std::make_unique<FileSource>(path);
}

std::unique_ptr<ByteSource> makeCallbackSource(std::function<std::size_t(void *, std::size_t)> read)
{
    return std::make_unique<CallbackSource>(std::move(read));
}

std::unique_ptr<ByteSink> makeFdSink(int fd, std::string name)
{
    return std::make_unique<FdSink>(fd, std::move(name));
}

namespace {

class StringSource final : public ByteSource {
public:
    explicit StringSource(const std::string &data) : m_data(data) {}
    std::size_t read(void *buffer, std::size_t size) override
    {
        const std::size_t n = std::min(size, m_data.size() - m_pos);
        std::memcpy(buffer, m_data.data() + m_pos, n);
        m_pos += n;
        return n;
    }

private:
    const std::string &m_data;
    std::size_t m_pos = 0;
};

} // namespace

std::unique_ptr<ByteSource> makeStringSource(const std::string &data)
{
    return std::make_unique<StringSource>(data);
}

std::unique_ptr<ByteSink> makeStringSink(std::string &out)
{
    return std::make_unique<StringSink>(out);
}

} // namespace strata::engine::layer
