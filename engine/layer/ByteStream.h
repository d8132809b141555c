// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Pull/push byte streams, so a layer can come from a file, stdin, or an entry
// inside an outer archive without being copied to disk first.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>

namespace strata::engine::layer {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `size` bytes; returns 0 at end; throws Error on failure.
    virtual std::size_t read(void *buffer, std::size_t size) = 0;
};

class ByteSink {
public:
    virtual ~ByteSink() = default;
    // Writes all `size` bytes or throws Error.
    virtual void write(const void *data, std::size_t size) = 0;
};

// A source reading a file (or fd 0 when path is "-").
std::unique_ptr<ByteSource> openFileSource(const std::filesystem::path &path);
// A source from a callback (e.g. archive_read_data of an outer tar).
std::unique_ptr<ByteSource> makeCallbackSource(std::function<std::size_t(void *, std::size_t)> read);
// A sink writing to a file descriptor it does not own.
std::unique_ptr<ByteSink> makeFdSink(int fd, std::string name);
// A source reading a string it does not own (an archive entry read into memory).
std::unique_ptr<ByteSource> makeStringSource(const std::string &data);
// A sink appending to a string (small layers, tests).
std::unique_ptr<ByteSink> makeStringSink(std::string &out);

} // namespace strata::engine::layer
