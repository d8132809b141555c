// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Plays one lesson on its own store: owns the Engine on the lesson root
// (never the student's store) and a scratch workspace, runs each step's
// commands in-process through the `strata` CLI (a CommandRunner) capturing
// stdout/stderr/exit, keeps ${var} captures, evaluates checks and moves
// between steps. Front ends (terminal player, GUI player) drive it and
// listen to its callbacks; everything runs synchronously on the caller's
// thread (the GUI calls it on its engine thread).
//
// A step is played in this order:
//   enter(i)        -> stepEntered; app commands up to the first student
//                      command run at once (commandFinished each)
//   submit(line)    -> runs the student's line; it counts for the pending
//                      command only when it IS that command (CommandMatch)
//                      and exits as expected: then its capture is saved and
//                      following app commands run. Any other line is
//                      exploration (kept in `extra`, never consumed or
//                      captured). The step's command typed again later
//                      replaces its result: output checks read the latest.
//   (all commands done) -> checks evaluated (checksEvaluated)
//   next()          -> only when every check holds (force = skip the gate)
// autoPlayStep() types every pending student command itself (`--auto`).

#include "engine/lesson/CheckEvaluator.h"
#include "engine/lesson/CommandRunner.h"
#include "engine/lesson/Lesson.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace strata::engine {
class Engine;
}

namespace strata::engine::lesson {

class LessonService;

struct RunnerOptions {
    // Store root of the lesson; empty = <default data dir>/lessons/<id>
    // (next to the student's store, never inside it).
    std::filesystem::path root;
    // Scratch directory for ${workspace}; empty = "<root>.workspace".
    std::filesystem::path workspace;
    std::string driver; // union driver, as --driver
    // The student's store root (--root / STRATA_ROOT); when root is empty the
    // lesson's store is <storeRoot>/lessons/<id> (empty = the default store).
    std::filesystem::path storeRoot;
    // Runs each command line: the CLI's (cli::commandRunner()); required.
    CommandRunner runCommand;
    // A terminal for the line a student types (the GUI's console pty, the
    // terminal player's own tty): asked before each line the student submits
    // (`command` = the step command it counts as, or nullptr); nullopt = no
    // terminal, and an interactive command gets its scripted `input` (or an
    // empty stdin). Never asked while the runner types itself (autoPlayStep).
    TerminalProvider terminal;
    // How long reset keeps trying to remove the containers (rm -f, again
    // under load) before it gives up, naming the one left.
    std::chrono::milliseconds resetDeadline{std::chrono::seconds(60)};
};

// Where a lesson was left: saved beside its store after every move.
struct Progress {
    std::size_t step = 0;           // the step to resume at
    std::vector<std::string> passed; // ids of the steps passed so far
};

struct StepStatus {
    std::size_t index = 0;
    std::size_t commandsDone = 0;   // commands of the step run successfully
    bool commandsComplete = false;  // every command done
    std::vector<CommandResult> results; // the step's commands, in order (output_* reads these)
    std::vector<CommandResult> extra;   // exploration: lines the student typed that did not count
    std::vector<CheckResult> checks;    // last evaluation
    [[nodiscard]] bool passed() const;  // commands complete and every check holds
};

struct RunnerCallbacks {
    std::function<void(std::size_t index, const Step &step)> stepEntered;
    // Before a command runs (GUI: show "$ strata …" and a busy state).
    std::function<void(const std::string &expandedLine, By by)> commandStarted;
    std::function<void(const CommandResult &result, By by)> commandFinished;
    // The next student command is waiting (GUI: focus the command box, show the hint).
    std::function<void(const Command &command)> studentPrompted;
    std::function<void(const std::vector<CheckResult> &checks, bool allHold)> checksEvaluated;
    std::function<void()> resetDone;
};

class LessonRunner {
public:
    LessonRunner(Lesson lesson, RunnerOptions options = {});
    ~LessonRunner();
    LessonRunner(const LessonRunner &) = delete;
    LessonRunner &operator=(const LessonRunner &) = delete;

    void setCallbacks(RunnerCallbacks callbacks);
    [[nodiscard]] const Lesson &lesson() const { return m_lesson; }
    [[nodiscard]] const std::filesystem::path &root() const { return m_root; }
    [[nodiscard]] const std::filesystem::path &workspace() const { return m_workspace; }
    // The lesson's engine, opened on first use with the built-in images.
    [[nodiscard]] Engine &engine();
    // Captured ${vars} plus the built-ins workspace and host_kernel.
    [[nodiscard]] const Vars &vars() const { return m_vars; }

    // Number of steps including exercises; the current one; its status.
    [[nodiscard]] std::size_t stepCount() const { return m_lesson.steps.size(); }
    [[nodiscard]] std::size_t currentIndex() const { return m_status.index; }
    [[nodiscard]] const Step &currentStep() const { return m_lesson.steps.at(m_status.index); }
    [[nodiscard]] const StepStatus &status() const { return m_status; }
    // The student command waiting to be typed, if any.
    [[nodiscard]] const Command *pendingStudentCommand() const;
    // The pending command's line with ${vars} expanded (what --auto types, the hint's answer).
    [[nodiscard]] std::string expectedLine(const Command &command) const;

    // Reset: stop and remove every container, delete the root and the
    // workspace, re-seed the built-in images, run the lesson's setup, then
    // enter step 0 (running its leading app commands unless runApp is false).
    // Throws Conflict naming what could not be removed (a container, a
    // mount) before anything is deleted: the store is left whole.
    void reset(bool runApp = true);
    // Opens the lesson as it stands (no wipe), keeps the saved progress, and
    // enters step `index` (savedProgress().step resumes where the student left).
    void start(std::size_t index = 0);
    // Enters step i: clears its status and, unless runApp is false, runs the
    // leading app commands (false: the tests look at the checks first).
    void enter(std::size_t index, bool runApp = true);
    // Runs the step's app commands up to the next student command (after
    // enter(i, false), or to retry an app command that failed).
    void continueStep();
    // Runs a line the student typed for the pending command (or, if none is
    // pending, as free exploration recorded in extra). Returns its result.
    CommandResult submit(const std::string &line);
    // For the replay test's decoys: runs `line` in place of the pending
    // student command, counted whatever it is (then the step goes on).
    CommandResult submitInstead(const std::string &line);
    // For the replay test's decoy_inputs: runs the pending (interactive)
    // command with `input` typed into it instead of its own, counted.
    CommandResult submitInput(const std::string &input);
    // Runs any line on the lesson's engine without counting it anywhere.
    CommandResult runLine(const std::string &line);
    // Evaluates the current step's checks now (also done when its commands complete).
    const std::vector<CheckResult> &evaluate();
    // Auto mode: types every pending command as written, then evaluates.
    // Returns true when the step passed.
    bool autoPlayStep();
    // Moves on when the step passed (or force); false at the end or when
    // refused. A step seen before (after back()) is shown as it was left,
    // its commands not run again.
    bool next(bool force = false);
    // Shows the previous step as it was left: its results and check results
    // as recorded (state is not rolled back and nothing is re-run; the
    // engine already holds the later steps' effects, so its checks are not
    // evaluated again unless the player calls evaluate()).
    bool back();
    [[nodiscard]] bool atEnd() const { return m_status.index + 1 >= stepCount(); }

    // Jump to step `index` from a clean store: reset, then play every earlier
    // step as --auto does (quietly unless the callbacks show it), then enter
    // it. False (and left on the step that failed) if an earlier step fails.
    bool jumpTo(std::size_t index);
    // Restores the current step's start state (a jump to it) and enters it again.
    bool retry() { return jumpTo(m_status.index); }

    // Progress file: <root>.progress.json ({"step": i, "passed": [ids]}).
    [[nodiscard]] std::filesystem::path progressFile() const;
    [[nodiscard]] Progress savedProgress() const;

private:
    // `command`: the step command the line runs as (its scripted input), or nullptr.
    CommandResult execute(const std::string &line, std::vector<std::string> args, const Command *command,
                          const std::string *input);
    CommandResult runAs(const std::string &line, const Command *command, const std::string *input = nullptr);
    CommandResult submitLine(const std::string &line, const std::string &shown, bool force = false,
                             const std::string *input = nullptr);
    void afterCommandsComplete();
    void openEngine();
    void startServices();
    // reset's last step: a directory renamed aside, then deleted.
    static void removeTree(const std::filesystem::path &dir);
    void saveProgress();

    Lesson m_lesson;
    RunnerOptions m_options;
    std::filesystem::path m_root;
    std::filesystem::path m_workspace;
    std::unique_ptr<Engine> m_engine;
    std::vector<std::unique_ptr<LessonService>> m_services; // the lesson's servers, while it is open
    Vars m_vars;
    StepStatus m_status;
    std::map<std::size_t, StepStatus> m_seen; // steps left by next()/back(), for review
    std::vector<std::string> m_passed;        // step ids passed (saved progress)
    RunnerCallbacks m_cb;
    bool m_typingItself = false; // autoPlayStep: scripted input, never the front end's terminal

    void show(StepStatus status);
};

// Default root of a lesson's store: <data>/strata/lessons/<id> where <data>
// is $XDG_DATA_HOME or ~/.local/share (the student's store is <data>/strata).
// With storeRoot (--root / STRATA_ROOT): <storeRoot>/lessons/<id>.
[[nodiscard]] std::filesystem::path defaultLessonRoot(const std::string &lessonId,
                                                      const std::filesystem::path &storeRoot = {});

} // namespace strata::engine::lesson
