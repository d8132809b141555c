// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A ByteSource that lets the caller look at the first bytes of a stream
// (stdin included, which cannot be rewound) before deciding how to decode
// it, then replays them ahead of the rest.

#include "engine/layer/ByteStream.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace strata::engine::image {

class PeekSource final : public layer::ByteSource {
public:
    // Reads up to `size` bytes ahead (fewer only when the stream is shorter).
    PeekSource(layer::ByteSource &inner, std::size_t size) : m_inner(inner)
    {
        m_head.resize(size);
        std::size_t got = 0;
        while (got < size) {
            const std::size_t n = m_inner.read(m_head.data() + got, size - got);
            if (n == 0)
                break;
            got += n;
        }
        m_head.resize(got);
    }

    [[nodiscard]] const std::string &head() const { return m_head; }

    std::size_t read(void *buffer, std::size_t size) override
    {
        if (m_pos < m_head.size()) {
            const std::size_t n = std::min(size, m_head.size() - m_pos);
            std::memcpy(buffer, m_head.data() + m_pos, n);
            m_pos += n;
            return n;
        }
        return m_inner.read(buffer, size);
    }

private:
    layer::ByteSource &m_inner;
    std::string m_head;
    std::size_t m_pos = 0;
};

} // namespace strata::engine::image
