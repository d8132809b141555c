// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/runtime/DetachKeys.h"

#include "engine/Error.h"

#include <cctype>
#include <sstream>

namespace strata::engine::runtime {

std::string parseDetachKeys(const std::string &spec)
{
    std::string keys;
    std::istringstream in(spec);
    for (std::string key; std::getline(in, key, ',');) {
        if (key.size() == 1) {
            keys.push_back(key[0]);
        } else if (key.size() == 6 && key.rfind("ctrl-", 0) == 0) {
            const char c = static_cast<char>(std::toupper(static_cast<unsigned char>(key[5])));
            if (c < '@' || c > '_')
                throw Error(ErrorCode::InvalidArgument, "invalid detach key: " + key);
            keys.push_back(static_cast<char>(c - '@'));
        } else {
            throw Error(ErrorCode::InvalidArgument, "invalid detach key: " + key);
        }
    }
    return keys;
}

std::string DetachMatcher::feed(std::string_view in, bool &detached)
{
    std::string out;
    for (char c : in) {
        if (m_keys.empty()) {
            out.push_back(c);
            continue;
        }
        if (c == m_keys[m_matched]) {
            if (++m_matched == m_keys.size()) {
                detached = true;
                return out;
            }
            continue;
        }
        out.append(m_keys, 0, m_matched);
        m_matched = 0;
        if (c == m_keys[0])
            m_matched = 1;
        else
            out.push_back(c);
    }
    return out;
}

} // namespace strata::engine::runtime
