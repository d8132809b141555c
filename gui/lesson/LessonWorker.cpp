// SPDX-License-Identifier: GPL-3.0-or-later
#include "lesson/LessonWorker.h"

#include "core/EngineWorker.h"
#include "engine/cli/CliCommandRunner.h"
#include "engine/lesson/CommandLine.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/LessonRunner.h"

#include <filesystem>
#include <utility>

namespace strata::gui {

using namespace engine::lesson;

void registerLessonTypes()
{
    qRegisterMetaType<LessonStatePtr>("strata::gui::LessonStatePtr");
}

LessonWorker::LessonWorker(EngineWorker *engineWorker) : m_engineWorker(engineWorker) {}

LessonWorker::~LessonWorker()
{
    if (m_runner)
        m_engineWorker->adoptEngine(nullptr);
}

template <typename F> void LessonWorker::guarded(F &&f)
{
    emit busyChanged(true);
    try {
        f();
    } catch (const std::exception &e) {
        // A command error is a result, not an exception; this is the store itself failing.
        emit commandFinished(QString(), 1, QString(), QString::fromStdString(e.what()) + '\n', false, false);
    }
    publish();
    emit busyChanged(false);
}

template <typename F> void LessonWorker::whileEngineReopens(F &&f)
{
    // reset() destroys and reopens the lesson's engine: let go of it first,
    // and take the (new or kept) one back even when the reset failed, so the
    // scenes and lists still show the store and Reset can be pressed again.
    m_engineWorker->adoptEngine(nullptr);
    try {
        f();
    } catch (...) {
        try {
            m_engineWorker->adoptEngine(&m_runner->engine());
        } catch (const std::exception &) {
            // The failure reported is the reset's own.
        }
        throw;
    }
    m_engineWorker->adoptEngine(&m_runner->engine());
}

void LessonWorker::open(const QString &numberOrId, const QString &root, const QString &storeRoot)
{
    close();
    try {
        Lesson lesson = findLesson(lessonsDir(), numberOrId.toStdString());
        m_lesson = std::make_shared<const Lesson>(lesson);
        RunnerOptions options;
        options.root = root.toStdString();
        options.storeRoot = storeRoot.toStdString();
        options.runCommand = engine::cli::commandRunner();
        options.terminal = [this](const std::vector<std::string> &, const Command *) -> std::optional<TerminalFds> {
            const int fd = std::exchange(m_terminalFd, -1); // the submitted line only, not the app commands after it
            if (fd < 0)
                return std::nullopt;
            return TerminalFds{fd, fd, fd};
        };
        m_runner = std::make_unique<LessonRunner>(std::move(lesson), options);
    } catch (const std::exception &e) {
        emit opened(false, QString::fromStdString(e.what()));
        return;
    }
    RunnerCallbacks cb;
    cb.commandStarted = [this](const std::string &line, By by) {
        emit commandStarted(QString::fromStdString(line), by == By::Student);
    };
    cb.commandFinished = [this](const CommandResult &r, By by) {
        emit commandFinished(QString::fromStdString(r.line), r.exitCode, QString::fromStdString(r.out),
                             QString::fromStdString(r.err), by == By::Student, r.expected);
    };
    m_runner->setCallbacks(std::move(cb));
    emit opened(true, {});
    const bool resume = std::filesystem::exists(m_runner->progressFile()) && m_runner->savedProgress().step > 0;
    if (resume)
        jumpTo(static_cast<int>(m_runner->savedProgress().step));
    else
        reset();
}

void LessonWorker::retry()
{
    if (m_runner)
        jumpTo(static_cast<int>(m_runner->currentIndex()));
}

void LessonWorker::jumpTo(int index)
{
    if (!m_runner)
        return;
    guarded([&] {
        const std::size_t target = std::min<std::size_t>(static_cast<std::size_t>(std::max(index, 0)),
                                                         m_runner->stepCount() - 1);
        whileEngineReopens([&] { (void)m_runner->jumpTo(target); }); // the jump resets
    });
}

void LessonWorker::playStep()
{
    if (m_runner)
        guarded([this] { (void)m_runner->autoPlayStep(); });
}

void LessonWorker::reset()
{
    if (!m_runner)
        return;
    guarded([this] {
        whileEngineReopens([this] { m_runner->reset(); });
    });
}

void LessonWorker::submit(const QString &line, int terminalFd)
{
    m_terminalFd = terminalFd;
    if (m_runner)
        guarded([&] { m_runner->submit(line.toStdString()); });
    m_terminalFd = -1;
}

void LessonWorker::next()
{
    if (m_runner)
        guarded([this] { m_runner->next(); });
}

void LessonWorker::back()
{
    if (m_runner)
        guarded([this] { m_runner->back(); });
}

void LessonWorker::evaluate()
{
    if (m_runner)
        guarded([this] { m_runner->evaluate(); });
}

void LessonWorker::playTo(int step)
{
    if (!m_runner)
        return;
    guarded([&] {
        const std::size_t target = std::min<std::size_t>(std::max(step, 1) - 1, m_runner->stepCount() - 1);
        while (m_runner->autoPlayStep() && m_runner->currentIndex() < target)
            m_runner->next();
    });
}

void LessonWorker::close()
{
    if (!m_runner)
        return;
    m_engineWorker->adoptEngine(nullptr);
    m_runner.reset();
    m_lesson.reset();
}

void LessonWorker::publish()
{
    if (!m_runner)
        return;
    auto s = std::make_shared<LessonState>();
    const StepStatus &st = m_runner->status();
    s->lesson = m_lesson;
    s->index = st.index;
    s->count = m_runner->stepCount();
    s->passed = st.passed();
    s->commandsComplete = st.commandsComplete;
    s->atEnd = m_runner->atEnd();
    s->root = m_runner->root().string();
    s->results = st.results;
    s->extra = st.extra;
    s->passedIds = m_runner->savedProgress().passed;
    for (const auto &c : m_runner->currentStep().commands)
        if (c.by == By::Student)
            s->solutionLines.push_back(m_runner->expectedLine(c));
    s->checks = st.checks;
    if (const Command *c = m_runner->pendingStudentCommand()) {
        s->pending = *c;
        try {
            s->expectedLine = m_runner->expectedLine(*c);
        } catch (const std::exception &) {
            s->expectedLine = c->run; // a ${var} not captured yet: show it as written
        }
    }
    if (const auto &scene = m_runner->currentStep().scene) {
        try {
            s->sceneSubject = expandVars(scene->subject, m_runner->vars());
        } catch (const std::exception &) {
            s->sceneSubject = scene->subject;
        }
    }
    m_engineWorker->refresh(); // the panels follow what the step changed
    emit state(s);
}

} // namespace strata::gui
