// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/CommitConfig.h"

#include "engine/image/ImageChanges.h"
#include "engine/util/Time.h"

namespace strata::engine::container {

std::string commitCreatedBy(const image::Json &containerConfig)
{
    const auto cmd = containerConfig.find("Cmd");
    if (cmd == containerConfig.end() || !cmd->is_array())
        return {};
    std::string out;
    for (const auto &word : *cmd) {
        if (!out.empty())
            out += ' ';
        out += word.is_string() ? word.get<std::string>() : word.dump();
    }
    return out;
}

image::ImageConfig commitConfig(const CommitConfigInput &in)
{
    image::Json config = in.containerConfig.is_object() ? in.containerConfig : image::Json::object();
    image::applyChanges(config, in.changes);

    image::ImageConfig out;
    out.created = in.created.empty() ? timeutil::formatRfc3339Nano(timeutil::now()) : in.created;
    out.author = in.author;
    out.architecture = in.parent.architecture;
    out.os = in.parent.os;
    out.variant = in.parent.variant;
    out.config = in.imageConfig ? *in.imageConfig : std::move(config);
    if (in.imageConfig)
        out.extra["container_config"] = in.containerConfig;
    out.diffIds = in.parent.diffIds;
    if (in.diffId)
        out.diffIds.push_back(*in.diffId);
    out.history = in.parent.history;
    out.history.push_back(image::HistoryEntry{out.created, commitCreatedBy(in.containerConfig), in.author,
                                              in.comment, !in.diffId.has_value()});
    // V1Image fields Docker writes for a commit (comment is omitempty there).
    if (!in.comment.empty())
        out.extra["comment"] = in.comment;
    if (!in.containerId.empty())
        out.extra["container"] = in.containerId;
    if (in.parent.extra.contains("os.version"))
        out.extra["os.version"] = in.parent.extra["os.version"];
    return out;
}

} // namespace strata::engine::container
