// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/ListFormats.h"

#include <algorithm>

namespace strata::engine::cli {

namespace {

// Header texts shared by several commands (formatter/custom.go).
constexpr const char *kCreatedSince = "CREATED";
constexpr const char *kCreatedAt = "CREATED AT";
constexpr const char *kSize = "SIZE";
constexpr const char *kLabels = "LABELS";

bool isDefaultTable(std::string_view source)
{
    return source.empty() || source == kTableFormatKey;
}

} // namespace

ListFormat imageListFormat(std::string_view source, bool quiet, bool digests)
{
    ListFormat f;
    f.contextType = "*formatter.imageContext";
    f.headers = {
        {"ID", "IMAGE ID"}, {"Repository", "REPOSITORY"}, {"Tag", "TAG"}, {"Digest", "DIGEST"},
        {"CreatedSince", kCreatedSince}, {"CreatedAt", kCreatedAt}, {"Size", kSize},
        {"Containers", "CONTAINERS"}, {"VirtualSize", kSize}, {"SharedSize", "SHARED SIZE"},
        {"UniqueSize", "UNIQUE SIZE"},
    };
    if (isDefaultTable(source)) {
        if (quiet)
            f.format = kDefaultQuietFormat;
        else if (digests)
            f.format = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t"
                       "{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
        else
            f.format = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t"
                       "{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
    } else if (source == kRawFormatKey) {
        if (quiet)
            f.format = "image_id: {{.ID}}";
        else
            f.format = std::string("repository: {{ .Repository }}\ntag: {{.Tag}}\n") +
                       (digests ? "digest: {{.Digest}}\n" : "") +
                       "image_id: {{.ID}}\ncreated_at: {{.CreatedAt}}\nvirtual_size: {{.Size}}\n";
    } else {
        f.format = source;
        if (isTableFormat(source) && digests && source.find("{{.Digest}}") == std::string_view::npos)
            f.format += "\t{{.Digest}}";
    }
    return f;
}

ListFormat containerListFormat(std::string_view source, bool quiet, bool size)
{
    ListFormat f;
    f.contextType = "*formatter.ContainerContext";
    f.headers = {
        {"ID", "CONTAINER ID"}, {"Names", "NAMES"}, {"Image", "IMAGE"}, {"Command", "COMMAND"},
        {"CreatedAt", kCreatedAt}, {"RunningFor", kCreatedSince}, {"Ports", "PORTS"}, {"State", "STATE"},
        {"Status", "STATUS"}, {"Size", kSize}, {"Labels", kLabels}, {"Mounts", "MOUNTS"},
        {"LocalVolumes", "LOCAL VOLUMES"}, {"Networks", "NETWORKS"}, {"Platform", "PLATFORM"},
        {"HealthStatus", "HEALTH STATUS"}, {"IPAddresses", "IP ADDRESSES"},
    };
    f.methods.emplace("Label", labelMethod());
    if (isDefaultTable(source)) {
        f.format = quiet ? std::string(kDefaultQuietFormat)
                         : std::string("table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t"
                                       "{{.Ports}}\t{{.Names}}") +
                               (size ? "\\t{{.Size}}" : "");
    } else if (source == kRawFormatKey) {
        f.format = quiet ? std::string("container_id: {{.ID}}")
                         : std::string("container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\n"
                                       "created_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\n"
                                       "status: {{- pad .Status 1 0}}\nnames: {{.Names}}\n"
                                       "labels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n") +
                               (size ? "size: {{.Size}}\\n" : "");
    } else {
        f.format = quiet ? std::string(kDefaultQuietFormat) : std::string(source);
    }
    return f;
}

ListFormat historyListFormat(std::string_view source, bool quiet, bool human)
{
    ListFormat f;
    f.contextType = "*image.historyContext";
    f.headers = {
        {"ID", "IMAGE"}, {"CreatedSince", kCreatedSince}, {"CreatedAt", kCreatedAt},
        {"CreatedBy", "CREATED BY"}, {"Size", kSize}, {"Comment", "COMMENT"},
    };
    if (isDefaultTable(source)) {
        if (quiet)
            f.format = kDefaultQuietFormat;
        else if (!human)
            f.format = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
        else
            f.format = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
    } else {
        f.format = source;
    }
    return f;
}

ListFormat volumeListFormat(std::string_view source, bool quiet)
{
    ListFormat f;
    f.contextType = "*formatter.volumeContext";
    f.headers = {
        {"ID", "ID"}, {"Name", "VOLUME NAME"}, {"Group", "GROUP"}, {"Driver", "DRIVER"}, {"Scope", "SCOPE"},
        {"Availability", "AVAILABILITY"}, {"Mountpoint", "MOUNTPOINT"}, {"Labels", kLabels}, {"Links", "LINKS"},
        {"Size", kSize}, {"Status", "STATUS"},
    };
    f.methods.emplace("Label", labelMethod());
    if (isDefaultTable(source))
        f.format = quiet ? "{{.Name}}" : "table {{.Driver}}\t{{.Name}}";
    else if (source == kRawFormatKey)
        f.format = quiet ? "name: {{.Name}}" : "name: {{.Name}}\\ndriver: {{.Driver}}\\n";
    else
        f.format = source;
    return f;
}

TemplateMethod labelMethod()
{
    TemplateMethod m;
    m.arity = 1;
    m.call = [](const nlohmann::ordered_json &row, const std::vector<nlohmann::ordered_json> &args) {
        const std::string wanted = args[0].is_string() ? args[0].get<std::string>() : std::string();
        const auto labels = row.find("Labels");
        if (labels == row.end() || !labels->is_string())
            return nlohmann::ordered_json("");
        const std::string &text = labels->get_ref<const std::string &>();
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t end = std::min(text.find(',', start), text.size());
            const std::string_view item = std::string_view(text).substr(start, end - start);
            const std::size_t eq = item.find('=');
            if (item.substr(0, eq) == wanted)
                return nlohmann::ordered_json(eq == std::string_view::npos ? "" : std::string(item.substr(eq + 1)));
            start = end + 1;
        }
        return nlohmann::ordered_json("");
    };
    return m;
}

} // namespace strata::engine::cli
