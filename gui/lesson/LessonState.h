// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the lesson player shows, as one immutable value the engine thread
// hands to the GUI after every runner operation (open, submit, next, back,
// reset, check): the step, its command results, its check results and the
// pending student command. The GUI never calls the runner itself.

#include "engine/lesson/CheckEvaluator.h"
#include "engine/lesson/Lesson.h"

#include <QMetaType>

#include <memory>

namespace strata::gui {

struct LessonState {
    std::shared_ptr<const engine::lesson::Lesson> lesson;
    std::size_t index = 0;
    std::size_t count = 0;
    bool passed = false;           // commands complete and every check holds
    bool commandsComplete = false;
    bool atEnd = false;
    std::string root;              // the lesson's own store
    std::vector<engine::lesson::CommandResult> results;
    std::vector<engine::lesson::CommandResult> extra; // lines that did not count
    std::vector<engine::lesson::CheckResult> checks;
    std::optional<engine::lesson::Command> pending; // the student command waited for
    std::string expectedLine;      // its line with ${vars} expanded
    std::string sceneSubject;      // the step's scene subject, ${vars} expanded
    std::vector<std::string> passedIds; // steps passed so far (saved progress), for the step picker
    std::vector<std::string> solutionLines; // the step's student commands, ${vars} expanded (Show solution)

    [[nodiscard]] const engine::lesson::Step &step() const { return lesson->steps.at(index); }
};
using LessonStatePtr = std::shared_ptr<const LessonState>;

void registerLessonTypes();

} // namespace strata::gui

Q_DECLARE_METATYPE(strata::gui::LessonStatePtr)
