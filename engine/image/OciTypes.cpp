// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/OciTypes.h"

#include "engine/Error.h"
#include "engine/image/MediaTypes.h"
#include "engine/util/JsonDepth.h"

namespace strata::engine::image {
namespace {

[[noreturn]] void invalid(const std::string &where, const std::string &what)
{
    throw Error(ErrorCode::InvalidArchive, where + ": " + what);
}

const Json &requireField(const Json &j, const char *key, const std::string &where)
{
    if (!j.is_object())
        invalid(where, "expected a JSON object");
    auto it = j.find(key);
    if (it == j.end())
        invalid(where, std::string("missing required field \"") + key + "\"");
    return *it;
}

std::string stringField(const Json &j, const char *key, const std::string &where, bool required)
{
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required)
            invalid(where, std::string("missing required field \"") + key + "\"");
        return {};
    }
    if (!it->is_string())
        invalid(where, std::string("field \"") + key + "\" must be a string");
    return it->get<std::string>();
}

Digest digestField(const Json &j, const char *key, const std::string &where)
{
    const std::string s = stringField(j, key, where, true);
    if (!Digest::isValid(s))
        invalid(where, "\"" + s + "\" is not a valid sha256 digest");
    return Digest::parse(s);
}

std::map<std::string, std::string> annotationsOf(const Json &j, const std::string &where)
{
    std::map<std::string, std::string> out;
    auto it = j.find("annotations");
    if (it == j.end() || it->is_null())
        return out;
    if (!it->is_object())
        invalid(where, "annotations must be an object");
    for (const auto &[k, v] : it->items()) {
        if (!v.is_string())
            invalid(where, "annotation \"" + k + "\" must be a string");
        out[k] = v.get<std::string>();
    }
    return out;
}

int schemaVersionOf(const Json &j, const std::string &where)
{
    const Json &v = requireField(j, "schemaVersion", where);
    if (!v.is_number_integer() || v.get<int>() != 2)
        invalid(where, "schemaVersion must be 2");
    return 2;
}

} // namespace

Json parseJson(const std::string &bytes, const std::string &where)
{
    util::requireJsonDepth(bytes, where);
    try {
        return Json::parse(bytes);
    } catch (const Json::exception &e) {
        invalid(where, std::string("malformed JSON: ") + e.what());
    }
}

Json Descriptor::toJson() const
{
    Json j = Json::object();
    j["mediaType"] = mediaType;
    j["digest"] = digest.str();
    j["size"] = size;
    if (!annotations.empty())
        j["annotations"] = annotations;
    if (platform)
        j["platform"] = *platform;
    return j;
}

Descriptor Descriptor::fromJson(const Json &j, const std::string &where)
{
    Descriptor d;
    d.mediaType = stringField(j, "mediaType", where, true);
    d.digest = digestField(j, "digest", where);
    const Json &size = requireField(j, "size", where);
    if (!size.is_number_integer() || size.get<std::int64_t>() < 0)
        invalid(where, "size must be a non-negative integer");
    d.size = size.get<std::int64_t>();
    d.annotations = annotationsOf(j, where);
    if (auto it = j.find("platform"); it != j.end() && it->is_object())
        d.platform = *it;
    return d;
}

Json Manifest::toJson() const
{
    Json j = Json::object();
    j["schemaVersion"] = schemaVersion;
    if (!mediaType.empty())
        j["mediaType"] = mediaType;
    j["config"] = config.toJson();
    j["layers"] = Json::array();
    for (const auto &l : layers)
        j["layers"].push_back(l.toJson());
    if (!annotations.empty())
        j["annotations"] = annotations;
    return j;
}

Manifest Manifest::fromJson(const Json &j, const std::string &where)
{
    Manifest m;
    m.schemaVersion = schemaVersionOf(j, where);
    m.mediaType = stringField(j, "mediaType", where, false);
    // image-spec manifest.md: mediaType, when present, names an image
    // manifest; a "manifests" field marks an index posing as a manifest
    // (the confusion CVE-2021-41190 closed). Unknown fields are ignored.
    if (!m.mediaType.empty() && !media::isManifest(m.mediaType))
        invalid(where, "mediaType \"" + m.mediaType + "\" is not an image manifest's");
    if (j.contains("manifests"))
        invalid(where, "an image manifest must not have a \"manifests\" field");
    m.config = Descriptor::fromJson(requireField(j, "config", where), where + ": config");
    const Json &layers = requireField(j, "layers", where);
    if (!layers.is_array())
        invalid(where, "layers must be an array");
    for (std::size_t i = 0; i < layers.size(); ++i)
        m.layers.push_back(Descriptor::fromJson(layers[i], where + ": layer " + std::to_string(i)));
    m.annotations = annotationsOf(j, where);
    return m;
}

Manifest Manifest::parse(const std::string &bytes, const std::string &where)
{
    return fromJson(parseJson(bytes, where), where);
}

Json Index::toJson() const
{
    Json j = Json::object();
    j["schemaVersion"] = schemaVersion;
    if (!mediaType.empty())
        j["mediaType"] = mediaType;
    j["manifests"] = Json::array();
    for (const auto &m : manifests)
        j["manifests"].push_back(m.toJson());
    if (!annotations.empty())
        j["annotations"] = annotations;
    return j;
}

Index Index::parse(const std::string &bytes, const std::string &where)
{
    const Json j = parseJson(bytes, where);
    Index idx;
    idx.schemaVersion = schemaVersionOf(j, where);
    idx.mediaType = stringField(j, "mediaType", where, false);
    const Json &ms = requireField(j, "manifests", where);
    if (!ms.is_array())
        invalid(where, "manifests must be an array");
    for (std::size_t i = 0; i < ms.size(); ++i)
        idx.manifests.push_back(Descriptor::fromJson(ms[i], where + ": manifest " + std::to_string(i)));
    idx.annotations = annotationsOf(j, where);
    return idx;
}

Json HistoryEntry::toJson() const
{
    Json j = Json::object();
    if (!created.empty())
        j["created"] = created;
    if (!createdBy.empty())
        j["created_by"] = createdBy;
    if (!author.empty())
        j["author"] = author;
    if (!comment.empty())
        j["comment"] = comment;
    if (emptyLayer)
        j["empty_layer"] = true;
    return j;
}

HistoryEntry HistoryEntry::fromJson(const Json &j)
{
    HistoryEntry h;
    if (!j.is_object())
        return h;
    auto str = [&](const char *k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; };
    h.created = str("created");
    h.createdBy = str("created_by");
    h.author = str("author");
    h.comment = str("comment");
    h.emptyLayer = j.contains("empty_layer") && j["empty_layer"].is_boolean() && j["empty_layer"].get<bool>();
    return h;
}

Json ImageConfig::toJson() const
{
    Json j = Json::object();
    if (!created.empty())
        j["created"] = created;
    if (!author.empty())
        j["author"] = author;
    j["architecture"] = architecture;
    j["os"] = os;
    if (!variant.empty())
        j["variant"] = variant;
    j["config"] = config;
    j["rootfs"] = {{"type", "layers"}, {"diff_ids", Json::array()}};
    for (const auto &d : diffIds)
        j["rootfs"]["diff_ids"].push_back(d.str());
    if (!history.empty()) {
        j["history"] = Json::array();
        for (const auto &h : history)
            j["history"].push_back(h.toJson());
    }
    for (const auto &[k, v] : extra.items())
        j[k] = v;
    return j;
}

std::string ImageConfig::serialize() const
{
    return toJson().dump();
}

ImageConfig ImageConfig::parse(const std::string &bytes, const std::string &where)
{
    const Json j = parseJson(bytes, where);
    if (!j.is_object())
        invalid(where, "expected a JSON object");
    ImageConfig c;
    c.created = stringField(j, "created", where, false);
    c.author = stringField(j, "author", where, false);
    c.architecture = stringField(j, "architecture", where, true);
    c.os = stringField(j, "os", where, true);
    c.variant = stringField(j, "variant", where, false);
    if (auto it = j.find("config"); it != j.end() && !it->is_null()) {
        if (!it->is_object())
            invalid(where, "config must be an object");
        c.config = *it;
    }
    const Json &rootfs = requireField(j, "rootfs", where);
    if (stringField(rootfs, "type", where + ": rootfs", true) != "layers")
        invalid(where, "rootfs.type must be \"layers\"");
    const Json &ids = requireField(rootfs, "diff_ids", where + ": rootfs");
    if (!ids.is_array())
        invalid(where, "rootfs.diff_ids must be an array");
    for (const auto &d : ids) {
        if (!d.is_string() || !Digest::isValid(d.get<std::string>()))
            invalid(where, "rootfs.diff_ids holds an invalid digest");
        c.diffIds.push_back(Digest::parse(d.get<std::string>()));
    }
    if (auto it = j.find("history"); it != j.end() && it->is_array())
        for (const auto &h : *it)
            c.history.push_back(HistoryEntry::fromJson(h));
    static const char *modelled[] = {"created", "author", "architecture", "os", "variant", "config", "rootfs", "history"};
    for (const auto &[k, v] : j.items()) {
        bool known = false;
        for (const char *m : modelled)
            known = known || k == m;
        if (!known)
            c.extra[k] = v;
    }
    return c;
}

} // namespace strata::engine::image
