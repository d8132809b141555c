// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/store/ImageIndex.h"

#include "engine/Error.h"
#include "engine/util/Fs.h"

#include <nlohmann/json.hpp>

namespace strata::engine::store {
namespace {

constexpr int kFormatVersion = 1;

ImageRecord recordFromJson(const std::string &id, const nlohmann::json &j)
{
    ImageRecord r;
    r.id = Digest::parse(id);
    r.manifest = Digest::parse(j.at("manifest").get<std::string>());
    const std::string parent = j.value("parent", "");
    if (!parent.empty())
        r.parent = Digest::parse(parent);
    r.added = timeutil::parseRfc3339(j.value("added", "")).value_or(timeutil::TimePoint{});
    return r;
}

} // namespace

ImageIndex ImageIndex::load(const std::filesystem::path &file)
{
    ImageIndex index;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return index;
    try {
        const auto j = nlohmann::json::parse(fsutil::readFile(file));
        for (const auto &[id, rec] : j.at("images").items()) {
            // One damaged record is skipped (and reported), never the whole store.
            try {
                index.m_images[Digest::parse(id)] = recordFromJson(id, rec);
            } catch (const std::exception &e) {
                index.m_damaged.push_back("image record " + id + ": " + e.what());
            }
        }
        for (const auto &[name, id] : j.at("tags").items())
            index.m_tags[name] = Digest::parse(id.get<std::string>());
        if (j.contains("digests"))
            for (const auto &[name, id] : j.at("digests").items())
                index.m_digests[name] = Digest::parse(id.get<std::string>());
    } catch (const nlohmann::json::exception &e) {
        throw Error(ErrorCode::InvalidArchive, file.string() + " is corrupt: " + e.what());
    } catch (Error &e) {
        throw e.withContext(file.string() + " is corrupt");
    }
    return index;
}

void ImageIndex::save(const std::filesystem::path &file, const std::filesystem::path &tmpDir) const
{
    nlohmann::json images = nlohmann::json::object();
    for (const auto &[id, r] : m_images) {
        images[id.str()] = {{"manifest", r.manifest.str()},
                            {"parent", r.parent.str()},
                            {"added", timeutil::formatRfc3339Nano(r.added)}};
    }
    nlohmann::json tags = nlohmann::json::object();
    for (const auto &[name, id] : m_tags)
        tags[name] = id.str();
    nlohmann::json doc = {{"version", kFormatVersion}, {"images", images}, {"tags", tags}};
    if (!m_digests.empty()) {
        nlohmann::json digests = nlohmann::json::object();
        for (const auto &[name, id] : m_digests)
            digests[name] = id.str();
        doc["digests"] = digests;
    }
    fsutil::writeFileAtomic(file, doc.dump(2) + "\n", tmpDir);
}

const ImageRecord *ImageIndex::find(const Digest &id) const
{
    auto it = m_images.find(id);
    return it == m_images.end() ? nullptr : &it->second;
}

std::optional<Digest> ImageIndex::resolveTag(const std::string &repoTag) const
{
    auto it = m_tags.find(repoTag);
    if (it == m_tags.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> ImageIndex::tagsOf(const Digest &id) const
{
    std::vector<std::string> out;
    for (const auto &[name, target] : m_tags)
        if (target == id)
            out.push_back(name);
    return out;
}

void ImageIndex::putImage(const ImageRecord &record)
{
    m_images[record.id] = record;
}

void ImageIndex::removeImage(const Digest &id)
{
    m_images.erase(id);
    std::erase_if(m_tags, [&](const auto &t) { return t.second == id; });
    std::erase_if(m_digests, [&](const auto &t) { return t.second == id; });
}

std::vector<std::string> ImageIndex::digestRefsOf(const Digest &id) const
{
    std::vector<std::string> out;
    for (const auto &[name, target] : m_digests)
        if (target == id)
            out.push_back(name);
    return out;
}

void ImageIndex::setDigestRef(const std::string &repoDigest, const Digest &id)
{
    m_digests[repoDigest] = id;
}

bool ImageIndex::removeDigestRef(const std::string &repoDigest)
{
    return m_digests.erase(repoDigest) > 0;
}

std::optional<Digest> ImageIndex::setTag(const std::string &repoTag, const Digest &id)
{
    std::optional<Digest> previous = resolveTag(repoTag);
    m_tags[repoTag] = id;
    return previous;
}

bool ImageIndex::removeTag(const std::string &repoTag)
{
    return m_tags.erase(repoTag) > 0;
}

} // namespace strata::engine::store
