// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/network/HostsFile.h"

#include "engine/util/Fs.h"

#include <fcntl.h>
#include <unistd.h>

namespace strata::engine::network {
namespace {

constexpr const char *kMarker = "# strata: containers on the same networks\n";

} // namespace

void writePeerHosts(const std::filesystem::path &hostsFile, const std::vector<HostEntry> &entries)
{
    std::string text;
    try {
        text = fsutil::readFile(hostsFile);
    } catch (const std::exception &) {
        return; // the container is being removed
    }
    if (const auto at = text.find(kMarker); at != std::string::npos)
        text.erase(at);
    if (!entries.empty()) {
        text += kMarker;
        for (const auto &e : entries) {
            text += e.ip;
            for (const auto &n : e.names)
                text += "\t" + n;
            text += "\n";
        }
    }
    const int fd = ::open(hostsFile.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return;
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
}

} // namespace strata::engine::network
