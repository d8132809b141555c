// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/DockerConfigJson.h"

#include <array>
#include <string_view>

namespace strata::engine::image {
namespace {

struct Field {
    std::string_view name;
    enum Kind { String, Bool, Nullable, OmitEmpty } kind;
};

// Field order of moby's api/types/container.Config.
constexpr std::array kFields = {
    Field{"Hostname", Field::String},     Field{"Domainname", Field::String},  Field{"User", Field::String},
    Field{"AttachStdin", Field::Bool},    Field{"AttachStdout", Field::Bool},  Field{"AttachStderr", Field::Bool},
    Field{"ExposedPorts", Field::OmitEmpty}, Field{"Tty", Field::Bool},         Field{"OpenStdin", Field::Bool},
    Field{"StdinOnce", Field::Bool},      Field{"Env", Field::Nullable},       Field{"Cmd", Field::Nullable},
    Field{"Healthcheck", Field::OmitEmpty}, Field{"ArgsEscaped", Field::OmitEmpty}, Field{"Image", Field::String},
    Field{"Volumes", Field::Nullable},    Field{"WorkingDir", Field::String},  Field{"Entrypoint", Field::Nullable},
    Field{"NetworkDisabled", Field::OmitEmpty}, Field{"MacAddress", Field::OmitEmpty}, Field{"OnBuild", Field::Nullable},
    Field{"Labels", Field::Nullable},     Field{"StopSignal", Field::OmitEmpty}, Field{"StopTimeout", Field::OmitEmpty},
    Field{"Shell", Field::OmitEmpty},
};

bool isEmpty(const Json &v)
{
    return v.is_null() || ((v.is_object() || v.is_array() || v.is_string()) && v.empty()) ||
           (v.is_boolean() && !v.get<bool>());
}

} // namespace

Json dockerContainerConfig(const Json &config)
{
    Json out = Json::object();
    for (const auto &f : kFields) {
        const std::string key(f.name);
        const Json v = config.is_object() && config.contains(key) ? config[key] : Json();
        switch (f.kind) {
        case Field::String: out[key] = v.is_string() ? v : Json(""); break;
        case Field::Bool: out[key] = v.is_boolean() ? v : Json(false); break;
        case Field::Nullable: out[key] = isEmpty(v) ? Json() : v; break;
        case Field::OmitEmpty:
            if (!isEmpty(v))
                out[key] = v;
            break;
        }
    }
    return out;
}

} // namespace strata::engine::image
