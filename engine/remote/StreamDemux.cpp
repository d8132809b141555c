// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/remote/StreamDemux.h"

#include <cstddef>

namespace strata::engine::remote {

bool StreamDemux::feed(std::string_view chunk)
{
    m_buffer.append(chunk);
    std::size_t at = 0;
    bool more = true;
    while (more && m_buffer.size() - at >= 8) {
        const auto *b = reinterpret_cast<const unsigned char *>(m_buffer.data() + at);
        const std::size_t len = (std::size_t{b[4]} << 24) | (std::size_t{b[5]} << 16) | (std::size_t{b[6]} << 8) | b[7];
        if (m_buffer.size() - at < 8 + len)
            break;
        more = m_sink(b[0] == 2 ? 2 : 1, std::string_view(m_buffer).substr(at + 8, len));
        at += 8 + len;
    }
    m_buffer.erase(0, at);
    return more;
}

} // namespace strata::engine::remote
