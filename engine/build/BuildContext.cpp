// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/BuildContext.h"

#include "engine/build/BuildFailed.h"
#include "engine/util/Digest.h"
#include "engine/util/Fs.h"

#include <algorithm>
#include <fnmatch.h>
#include <fstream>
#include <sys/stat.h>

namespace strata::engine::build {
namespace {

namespace stdfs = std::filesystem;

constexpr std::uint64_t kBlock = 512;

std::uint64_t padded(std::uint64_t n)
{
    return (n + kBlock - 1) / kBlock * kBlock;
}

bool hasWildcards(const std::string &s)
{
    return s.find_first_of("*?[") != std::string::npos;
}

// filepath.Clean of a source relative to the context; "" = the root; an
// escape upwards is returned with its leading "..".
std::string cleanSource(const std::string &source)
{
    std::string s = source;
    while (!s.empty() && s.front() == '/')
        s.erase(0, 1); // absolute sources are read from the context root, as Docker does
    std::string out = stdfs::path(s.empty() ? "." : s).lexically_normal().generic_string();
    while (out.size() > 1 && out.back() == '/')
        out.pop_back();
    return out == "." ? "" : out;
}

void hashFile(Sha256 &h, const stdfs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0)
        h.update(buf, static_cast<std::size_t>(in.gcount()));
}

} // namespace

BuildContext::BuildContext(stdfs::path dir) : m_dir(std::move(dir))
{
    if (m_dir.empty())
        return;
    std::error_code ec;
    if (stdfs::exists(m_dir / ".dockerignore", ec))
        m_ignore = DockerIgnore(fsutil::readFile(m_dir / ".dockerignore"));
    for (auto it = stdfs::recursive_directory_iterator(m_dir, stdfs::directory_options::none, ec);
         !ec && it != stdfs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string rel = it->path().lexically_relative(m_dir).generic_string();
        if (m_ignore.excludes(rel))
            continue;
        m_included.push_back(rel);
        ++m_entries;
        m_tarSize += kBlock;
        if (it->is_regular_file(ec) && !it->is_symlink(ec))
            m_tarSize += padded(it->file_size(ec));
    }
    if (ec)
        throw BuildFailed(FailurePhase::Context, "error reading build context " + m_dir.string() + ": " + ec.message());
    m_tarSize += 2 * kBlock;
    std::sort(m_included.begin(), m_included.end());
}

std::vector<ContextSource> BuildContext::resolve(const std::string &source) const
{
    const std::string rel = cleanSource(source);
    if (rel == ".." || rel.rfind("../", 0) == 0)
        throw BuildFailed(FailurePhase::Step, "forbidden path outside the build context: " + source + " ()");
    auto make = [&](const std::string &r) {
        const stdfs::path p = r.empty() ? m_dir : m_dir / r;
        std::error_code ec;
        return ContextSource{r, p, stdfs::is_directory(stdfs::symlink_status(p, ec))};
    };
    std::vector<ContextSource> out;
    if (hasWildcards(rel)) {
        std::string under; // skip what lies inside a directory already matched
        for (const auto &r : m_included) {
            if (!under.empty() && r.rfind(under + "/", 0) == 0)
                continue;
            if (::fnmatch(rel.c_str(), r.c_str(), FNM_PATHNAME) == 0) {
                out.push_back(make(r));
                under = r;
            }
        }
        if (out.empty())
            throw BuildFailed(FailurePhase::Step, "no source files were specified");
        return out;
    }
    const bool present = rel.empty() ? !m_dir.empty()
                                     : std::binary_search(m_included.begin(), m_included.end(), rel);
    if (!present)
        throw BuildFailed(FailurePhase::Step, "file not found in build context or excluded by .dockerignore: stat " +
                                                  (rel.empty() ? std::string(".") : rel) + ": file does not exist");
    out.push_back(make(rel));
    return out;
}

std::vector<std::string> BuildContext::includedUnder(const std::string &rel) const
{
    std::vector<std::string> out;
    if (rel.empty())
        return m_included;
    for (const auto &r : m_included)
        if (r == rel || r.rfind(rel + "/", 0) == 0)
            out.push_back(r);
    return out;
}

std::string BuildContext::checksum(const std::vector<ContextSource> &sources) const
{
    Sha256 h;
    for (const auto &s : sources) {
        for (const auto &r : s.isDir ? includedUnder(s.rel) : std::vector<std::string>{s.rel}) {
            const stdfs::path p = r.empty() ? m_dir : m_dir / r;
            struct stat st {};
            if (::lstat(p.c_str(), &st) != 0)
                continue;
            h.update(r + '\0' + std::to_string(st.st_mode) + '\0' + std::to_string(st.st_size) + '\0');
            if (S_ISREG(st.st_mode))
                hashFile(h, p);
            else if (S_ISLNK(st.st_mode))
                h.update(stdfs::read_symlink(p).string());
        }
    }
    const std::string kind = sources.size() > 1 ? "multi" : sources.front().isDir ? "dir" : "file";
    return kind + ":" + h.finish().hex();
}

} // namespace strata::engine::build
