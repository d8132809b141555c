// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One plain-HTTP GET from the host, what a student's browser does with a
// published port (lesson 14's `http_get` check): `http://HOST:PORT/PATH`,
// HTTP/1.0, the status line and body. Retries a refused connection for a
// few seconds, since a container's server may still be starting when the
// check runs. No Qt and no libcurl: a socket and a deadline.

#include <string>

namespace strata::engine::lesson {

struct HttpAnswer {
    bool answered = false; // a status line came back
    int status = 0;
    std::string body;
    std::string error; // why nothing answered ("connection refused", "bad url")
};

// Only http:// with a numeric IPv4 host (the lesson's 127.0.0.1:${port}).
[[nodiscard]] HttpAnswer httpGet(const std::string &url, int waitMs = 4000);

} // namespace strata::engine::lesson
