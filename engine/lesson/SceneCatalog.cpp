// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/SceneCatalog.h"

#include "engine/runtime/Phases.h"

namespace strata::engine::lesson {

namespace {

// The run scene's boxes are the engine's phases, under their own names.
std::vector<std::string> runSceneKeys()
{
    std::vector<std::string> keys{"operation:create", "operation:start"};
    for (const auto &p : runtime::kRunPhases)
        keys.push_back("phase:" + std::string(p.name));
    return keys;
}

} // namespace

const std::vector<SceneKeys> &sceneCatalog()
{
    // Keep in step with the HighlightData keys gui/scene sets (tst_SceneCatalog).
    static const std::vector<SceneKeys> scenes = {
        // container:<name> = that container's read-write layer on the stack (lit when it is the subject).
        {"layer-stack", {"layer:<n>", "path:<path>", "container:<name>"}},
        {"copy-on-write", {"layer:<n>", "path:<path>", "container:<name>"}},
        {"lifecycle",
         {"state:created", "state:running", "state:paused", "state:exited", "state:removed", "transition:create",
          "transition:start", "transition:pause", "transition:unpause", "transition:stop", "transition:restart",
          "transition:kill", "transition:rm"}},
        {"run", runSceneKeys()},
        {"commit", {"layer:<n>"}},
        {"volumes", {"volume:<name>", "mount:<path>", "path:<path>"}},
        {"bootfs", {"kernel"}},
        {"client-daemon", {"endpoint:client", "endpoint:engine", "endpoint:store"}},
        {"save-export", {"layer:<n>"}},
        {"pull", {"registry", "layer:<n>", "digest"}},
        {"build", {"step:<n>", "layer:<n>", "endpoint:client", "endpoint:engine", "config", "cache"}},
        // network:<name> = its bridge; port:<name> = a published port's door ("port:80/tcp").
        {"network", {"host", "network:<name>", "container:<name>", "port:<name>"}},
        // The Charts tab (not a scene of the switcher): the subject's image, one chart.
        {"charts", {"chart:disk-use", "chart:layer-sizes", "chart:wasted"}},
    };
    return scenes;
}

const SceneKeys *findScene(const std::string &id)
{
    for (const auto &s : sceneCatalog())
        if (s.id == id)
            return &s;
    return nullptr;
}

namespace {

bool matchesValue(const std::string &pattern, const std::string &value)
{
    if (pattern == "<n>")
        return !value.empty() && value.find_first_not_of("0123456789") == std::string::npos && value != "0" &&
               value.front() != '0';
    if (pattern == "<path>")
        return !value.empty() && value.front() == '/';
    if (pattern == "<name>")
        return !value.empty();
    return pattern == value;
}

} // namespace

bool sceneKnowsHighlight(const SceneKeys &scene, const std::string &highlight)
{
    const auto colon = highlight.find(':');
    for (const auto &key : scene.keys) {
        const auto kc = key.find(':');
        if (kc == std::string::npos || colon == std::string::npos) {
            if (key == highlight)
                return true;
            continue;
        }
        if (key.compare(0, kc, highlight, 0, colon) == 0 && kc == colon &&
            matchesValue(key.substr(kc + 1), highlight.substr(colon + 1)))
            return true;
    }
    return false;
}

} // namespace strata::engine::lesson
