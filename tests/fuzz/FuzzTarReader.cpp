// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: a layer blob (any compression) through the decoder
// detection and the tar reader, every entry and every data block read.
// Errors are the expected answer to bad input; crashes, leaks and UB are not.
#include "engine/Error.h"
#include "engine/layer/ByteStream.h"
#include "engine/layer/LayerInput.h"
#include "engine/layer/TarReader.h"

#include <cstring>

namespace {

class MemorySource final : public strata::engine::layer::ByteSource {
public:
    MemorySource(const std::uint8_t *data, std::size_t size) : m_data(data), m_size(size) {}
    std::size_t read(void *buffer, std::size_t size) override
    {
        const std::size_t n = std::min(size, m_size - m_at);
        std::memcpy(buffer, m_data + m_at, n);
        m_at += n;
        return n;
    }

private:
    const std::uint8_t *m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace strata::engine;
    MemorySource source(data, size);
    try {
        // A small cap on the uncompressed bytes: a gzip bomb must end in the
        // cap's error within the run's time limit, as it would in `load`.
        layer::LayerInput input(source, std::uint64_t{64} << 20);
        layer::TarReader reader(input, true);
        layer::TarEntry entry;
        while (reader.next(entry)) {
            const void *block = nullptr;
            std::size_t n = 0;
            std::int64_t offset = 0;
            while (reader.nextBlock(block, n, offset)) {
            }
        }
        input.drain();
    } catch (const Error &) {
    }
    return 0;
}
