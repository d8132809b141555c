// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The scenes a lesson step may ask for and the highlight keys each one
// understands — one table that `strata lesson check` (engine/lesson, no Qt)
// and the GUI's scenes both answer to: the validator refuses an unknown
// scene id or key, and tst_SceneCatalog checks that every key listed here
// lights an item of that scene. Layers count from the bottom: layer:1 = L1.
//
// A key is literal ("kernel", "state:paused") or a pattern whose value part
// is <n> (a positive number), <path> (an absolute path) or <name> (any text).

#include <string>
#include <vector>

namespace strata::engine::lesson {

struct SceneKeys {
    std::string id;                // "layer-stack", "lifecycle", …
    std::vector<std::string> keys; // "layer:<n>", "state:created", …
};

[[nodiscard]] const std::vector<SceneKeys> &sceneCatalog();
[[nodiscard]] const SceneKeys *findScene(const std::string &id);
// True when `highlight` matches one of the scene's keys.
[[nodiscard]] bool sceneKnowsHighlight(const SceneKeys &scene, const std::string &highlight);

} // namespace strata::engine::lesson
