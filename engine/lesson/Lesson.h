// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The lesson model: one lessons/NN-slug.json file as plain data (format in
// lessons/README.md). Parsing assumes a file that passed the schema; the
// loader validates first so messages name the field at fault.

#include "engine/lesson/LessonText.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine::lesson {

struct NoteRef {
    std::string file;    // "001_d28852f63a5238f3.txt" in ../shared/notes
    std::string heading; // occurs verbatim in that file
};

// What the GUI shows beside the narration.
struct Scene {
    std::string id;                     // "copy-on-write", "layer-stack", ...
    std::string subject;                // image or container name (may hold ${var})
    std::vector<std::string> highlight; // "layer:2", "path:/happiness.txt", ...
};

enum class By { App, Student };

struct Command {
    std::string run;          // CLI arguments without "strata", may hold ${var}
    By by = By::App;
    std::optional<Text> hint; // required for student commands
    int expectExit = 0;
    std::string capture;      // "" = none; else trimmed stdout saved as ${capture}
    // Other spellings that count as this command (student commands).
    std::vector<std::string> accept;
    // Lines that look right but are wrong: the replay test runs each instead
    // of this command and expects the step's checks to fail.
    std::vector<std::string> decoys;
    // An interactive command (`run -it … sh`, `exec -it`, `attach`): the keys
    // the player types into its terminal when nobody else does (--auto, a
    // piped `strata lesson run`, "Play for me"); "exit\n", or "\u0010\u0011"
    // for Ctrl+P Ctrl+Q. A student at a terminal types them instead.
    std::optional<std::string> input;
    // Keys that look right but are wrong (exit where the step detaches): the
    // replay test types each instead of `input` and expects a check to fail.
    std::vector<std::string> decoyInputs;
};

// A check keeps its JSON object: the evaluator reads the fields its kind uses.
struct Check {
    std::string kind;
    nlohmann::json fields;      // the whole object as written
    std::optional<Text> whyNot; // the author's message; else a generated one
};

struct Step {
    std::string id;
    Text title;
    Text narration;           // short markdown, [term](glossary:id) links
    NoteRef note;
    std::optional<Scene> scene;
    std::vector<Command> commands;
    std::vector<Check> checks;
    std::optional<Text> solution; // exercises: the model answer explained
    bool exercise = false;        // from "exercises" rather than "steps"
};

struct Lesson {
    int number = 0;
    std::string id;
    Text title;
    std::vector<Text> goals;
    std::vector<NoteRef> notes;
    std::vector<std::string> setup; // app commands run silently before step 1
    // Servers the runner starts before setup and stops on reset/exit
    // (LessonService); each one's address is the variable of its name.
    std::vector<std::string> services;
    std::vector<Step> steps;        // steps, then exercises (Step::exercise set)
    std::filesystem::path file;

    [[nodiscard]] std::size_t exerciseCount() const;
    // Index of the step with this id, or of the 1-based number "3"; nullopt if none.
    [[nodiscard]] std::optional<std::size_t> findStep(const std::string &idOrNumber) const;
};

[[nodiscard]] Text parseText(const nlohmann::json &j);
// Throws Error(InvalidArgument) naming the file and field on a shape problem.
[[nodiscard]] Lesson parseLesson(const nlohmann::json &j, const std::filesystem::path &file = {});

} // namespace strata::engine::lesson
