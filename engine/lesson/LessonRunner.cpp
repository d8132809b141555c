// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/lesson/LessonRunner.h"

#include "engine/Engine.h"
#include "engine/Error.h"
#include "engine/lesson/CommandMatch.h"
#include "engine/lesson/ContainerSweep.h"
#include "engine/lesson/LessonService.h"
#include "engine/lesson/PipeCapture.h"
#include "engine/store/StoreLayout.h"
#include "engine/util/Fs.h"
#include "engine/util/JsonDepth.h"
#include "engine/util/MountTable.h"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace strata::engine::lesson {
namespace {

std::string trimmed(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string hostKernel()
{
    struct utsname u {};
    return ::uname(&u) == 0 ? std::string(u.release) : std::string();
}

void call(const auto &fn, auto &&...args)
{
    if (fn)
        fn(std::forward<decltype(args)>(args)...);
}

} // namespace

std::filesystem::path defaultLessonRoot(const std::string &lessonId, const std::filesystem::path &storeRoot)
{
    return (storeRoot.empty() ? store::StoreLayout::defaultRoot() : storeRoot) / "lessons" / lessonId;
}

bool StepStatus::passed() const
{
    if (!commandsComplete)
        return false;
    for (const auto &c : checks)
        if (!c.holds)
            return false;
    return true;
}

LessonRunner::LessonRunner(Lesson lesson, RunnerOptions options)
    : m_lesson(std::move(lesson)), m_options(std::move(options))
{
    m_root = std::filesystem::absolute(m_options.root.empty() ? defaultLessonRoot(m_lesson.id, m_options.storeRoot)
                                                              : m_options.root);
    m_workspace = m_options.workspace.empty() ? std::filesystem::path(m_root.string() + ".workspace")
                                              : std::filesystem::absolute(m_options.workspace);
    m_vars["workspace"] = m_workspace.string();
    m_vars["host_kernel"] = hostKernel();
    m_vars["port"] = std::to_string(freeLoopbackPort()); // one per player: lesson 14's -p 127.0.0.1:${port}:80
}

LessonRunner::~LessonRunner() = default;

void LessonRunner::setCallbacks(RunnerCallbacks callbacks)
{
    m_cb = std::move(callbacks);
}

void LessonRunner::openEngine()
{
    if (m_engine)
        return;
    std::filesystem::create_directories(m_workspace);
    EngineOptions options;
    options.root = m_root;
    options.driver = m_options.driver;
    m_engine = std::make_unique<Engine>(options);
    m_engine->ensureBuiltinImages(); // seeded once per root: a lesson's rmi sticks
    startServices();
}

void LessonRunner::startServices()
{
    if (!m_services.empty() || m_lesson.services.empty())
        return;
    // Beside the root like the workspace; wiped by reset, so a reset registry is empty.
    const std::filesystem::path dir = m_root.string() + ".services";
    for (const auto &kind : m_lesson.services) {
        m_services.push_back(std::make_unique<LessonService>(kind, dir / kind));
        m_vars[kind] = m_services.back()->address();
    }
}

Engine &LessonRunner::engine()
{
    openEngine();
    return *m_engine;
}

void LessonRunner::reset(bool runApp)
{
    openEngine();
    // Containers first: a running one holds mounts inside the root.
    try {
        removeEveryContainer(*m_engine, m_options.resetDeadline);
    } catch (Error &e) {
        throw e.withContext("lesson " + m_lesson.id + ": reset stopped, the lesson's store was left as it was");
    }
    // Then the networks they were on: a user network's bridge lives on the host,
    // not under the root, and would outlive the root's deletion.
    try {
        (void)m_engine->pruneNetworks();
    } catch (const Error &) {
        // A network the kernel will not let go is named by the next prune.
    }
    // Nothing is deleted while anything is still mounted inside: the store
    // stays whole and the student can press Reset again.
    const std::vector<std::filesystem::path> trees{m_root, m_root.string() + ".services", m_workspace};
    for (const auto &tree : trees)
        if (const auto mounts = fsutil::mountPointsUnder(tree); !mounts.empty())
            throw Error(ErrorCode::Conflict, "lesson " + m_lesson.id +
                                                 ": reset stopped, the lesson's store was left as it was: " +
                                                 mounts.front().string() + " is still mounted");
    m_engine.reset();
    m_services.clear();
    for (const auto &tree : trees)
        removeTree(tree);
    const std::string workspace = m_vars["workspace"], kernel = m_vars["host_kernel"], port = m_vars["port"];
    m_vars.clear();
    m_seen.clear();
    m_passed.clear();
    std::filesystem::remove(progressFile());
    m_vars["workspace"] = workspace;
    m_vars["host_kernel"] = kernel;
    m_vars["port"] = port;
    openEngine();
    for (const auto &line : m_lesson.setup)
        (void)runLine(line);
    call(m_cb.resetDone);
    enter(0, runApp);
}

void LessonRunner::removeTree(const std::filesystem::path &dir)
{
    // Renamed aside in one step, then deleted: a store is whole or gone,
    // never half-deleted; leftovers of a crash mid-delete go next time.
    const std::filesystem::path aside = dir.string() + ".removing";
    std::error_code ec;
    std::filesystem::remove_all(aside, ec);
    if (!std::filesystem::exists(dir))
        return;
    std::filesystem::rename(dir, aside);
    std::filesystem::remove_all(aside, ec);
}

void LessonRunner::start(std::size_t index)
{
    openEngine();
    m_passed = savedProgress().passed;
    enter(index);
}

CommandResult LessonRunner::execute(const std::string &line, std::vector<std::string> args, const Command *command,
                                    const std::string *input)
{
    CommandResult result;
    result.line = line;
    result.args = std::move(args);
    if (!m_options.runCommand)
        throw Error(ErrorCode::Internal, "lesson " + m_lesson.id + ": no command runner (pass cli::commandRunner() in RunnerOptions)");
    std::ostringstream out, err;
    std::optional<TerminalFds> terminal;
    if (!m_typingItself && m_options.terminal && !input)
        terminal = m_options.terminal(result.args, command);
    if (terminal) {
        // The student types into a real terminal: what the container prints
        // is on it, not in the result (checks of interactive steps read state).
        result.exitCode = m_options.runCommand(engine(), result.args,
                                               CommandStreams{out, err, terminal->in, terminal->out, terminal->err});
        result.out = out.str();
        result.err = err.str();
        return result;
    }
    // Attached containers write to file descriptors: pipes catch that output.
    // stdin is the command's scripted input (typed ahead, then closed), else
    // empty so nothing waits for the keyboard.
    PipeCapture capOut, capErr;
    if (!input && command && command->input)
        input = &*command->input;
    int inFd = -1;
    if (input) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) == 0) {
            // A lesson's keys fit in a pipe's buffer: written whole, never blocking.
            (void)!::write(fds[1], input->data(), input->size());
            ::close(fds[1]);
            inFd = fds[0];
        }
    } else {
        inFd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }
    result.exitCode = m_options.runCommand(engine(), result.args,
                                           CommandStreams{out, err, inFd, capOut.writeFd(), capErr.writeFd()});
    if (inFd >= 0)
        ::close(inFd);
    result.out = out.str() + capOut.finish();
    result.err = err.str() + capErr.finish();
    return result;
}

CommandResult LessonRunner::runLine(const std::string &line)
{
    return runAs(line, nullptr);
}

CommandResult LessonRunner::runAs(const std::string &line, const Command *command, const std::string *input)
{
    try {
        return execute(line, splitCommandLine(line, m_vars), command, input);
    } catch (const Error &e) {
        CommandResult r;
        r.line = line;
        r.exitCode = 125; // as the CLI's own usage errors
        r.err = std::string("Error: ") + e.what() + "\n";
        r.expected = false;
        return r;
    }
}

const Command *LessonRunner::pendingStudentCommand() const
{
    const Step &step = currentStep();
    if (m_status.commandsDone < step.commands.size() && step.commands[m_status.commandsDone].by == By::Student)
        return &step.commands[m_status.commandsDone];
    return nullptr;
}

std::string LessonRunner::expectedLine(const Command &command) const
{
    try {
        return expandVars(command.run, m_vars);
    } catch (const Error &) {
        return command.run;
    }
}

void LessonRunner::enter(std::size_t index, bool runApp)
{
    if (index >= stepCount())
        throw Error(ErrorCode::InvalidArgument, "lesson " + m_lesson.id + " has no step " + std::to_string(index + 1));
    openEngine();
    m_seen.erase(index);
    m_status = StepStatus{};
    m_status.index = index;
    saveProgress();
    call(m_cb.stepEntered, index, currentStep());
    if (runApp)
        continueStep();
}

void LessonRunner::continueStep()
{
    const Step &step = currentStep();
    while (m_status.commandsDone < step.commands.size()) {
        const Command &cmd = step.commands[m_status.commandsDone];
        if (cmd.by == By::Student) {
            call(m_cb.studentPrompted, cmd);
            return;
        }
        call(m_cb.commandStarted, expectedLine(cmd), By::App);
        CommandResult r = runAs(cmd.run, &cmd);
        r.expected = r.exitCode == cmd.expectExit;
        call(m_cb.commandFinished, r, By::App);
        if (!r.expected) {
            // The lesson's own command failed: keep it as the step's result so
            // the checks (and the player) show what went wrong; stop here.
            m_status.results.push_back(std::move(r));
            evaluate();
            return;
        }
        if (!cmd.capture.empty())
            m_vars[cmd.capture] = trimmed(r.out);
        m_status.results.push_back(std::move(r));
        ++m_status.commandsDone;
    }
    afterCommandsComplete();
}

void LessonRunner::afterCommandsComplete()
{
    m_status.commandsComplete = true;
    evaluate();
}

CommandResult LessonRunner::submit(const std::string &line)
{
    return submitLine(line, line);
}

CommandResult LessonRunner::submitInstead(const std::string &line)
{
    return submitLine(line, line, true);
}

CommandResult LessonRunner::submitInput(const std::string &input)
{
    const Command *pending = pendingStudentCommand();
    if (!pending)
        throw Error(ErrorCode::InvalidArgument, "lesson " + m_lesson.id + ": no command is waiting for input");
    return submitLine(pending->run, expectedLine(*pending), true, &input);
}

CommandResult LessonRunner::submitLine(const std::string &line, const std::string &shown, bool force,
                                       const std::string *input)
{
    const Command *pending = pendingStudentCommand();
    const Step &step = currentStep();
    // Decided before the line runs: a capture it makes must not change the answer.
    std::vector<std::string> typed;
    try {
        typed = splitCommandLine(line, m_vars);
    } catch (const Error &) {
        // Not even a command line: runLine reports why, as exploration.
    }
    const bool isPending = pending && (force || (!typed.empty() && isStepCommand(*pending, typed, m_vars)));
    std::optional<std::size_t> again; // a student command of this step typed again
    if (!isPending && !typed.empty())
        for (std::size_t k = 0; k < m_status.commandsDone && k < step.commands.size(); ++k)
            if (step.commands[k].by == By::Student && isStepCommand(step.commands[k], typed, m_vars))
                again = k;

    call(m_cb.commandStarted, shown, By::Student);
    // An interactive line types the input of the step command it is (a
    // decoy line stands for the pending command: it types that one's).
    const Command *as = isPending ? pending : again ? &step.commands[*again] : nullptr;
    CommandResult r = runAs(line, as, input);
    r.stepCommand = isPending || again.has_value();
    if (isPending) {
        r.expected = r.exitCode == pending->expectExit;
        r.counted = r.expected;
    } else if (again) {
        r.expected = r.exitCode == step.commands[*again].expectExit;
        r.counted = r.expected;
    } else {
        r.expected = r.exitCode == 0;
    }
    call(m_cb.commandFinished, r, By::Student);
    if (isPending && r.counted) {
        if (!pending->capture.empty())
            m_vars[pending->capture] = trimmed(r.out);
        m_status.results.push_back(r);
        ++m_status.commandsDone;
        continueStep();
        return r;
    }
    if (again && r.counted && *again < m_status.results.size()) {
        // Output checks read the latest run of the step's command; its
        // capture stays the first one (later steps were built on it).
        m_status.results[*again] = r;
    } else {
        m_status.extra.push_back(r);
    }
    if (pending)
        call(m_cb.studentPrompted, *pending);
    else if (m_status.commandsComplete)
        evaluate(); // exploring may change what the checks see
    return r;
}

const std::vector<CheckResult> &LessonRunner::evaluate()
{
    CheckContext ctx{engine(), m_vars, m_status.results};
    m_status.checks = evaluateChecks(currentStep().checks, ctx);
    bool all = true;
    for (const auto &c : m_status.checks)
        all = all && c.holds;
    if (all && m_status.commandsComplete &&
        std::find(m_passed.begin(), m_passed.end(), currentStep().id) == m_passed.end()) {
        m_passed.push_back(currentStep().id);
        saveProgress();
    }
    call(m_cb.checksEvaluated, m_status.checks, all);
    return m_status.checks;
}

bool LessonRunner::autoPlayStep()
{
    struct TypingItself { // the runner types: scripted input, not the front end's terminal
        bool &flag;
        bool was;
        explicit TypingItself(bool &f) : flag(f), was(f) { flag = true; }
        ~TypingItself() { flag = was; }
    } typing(m_typingItself);
    while (!m_status.commandsComplete) {
        const std::size_t before = m_status.commandsDone;
        if (const Command *pending = pendingStudentCommand()) {
            // The command as written (runLine expands it), so an expanded
            // value is never split again.
            (void)submitLine(pending->run, expectedLine(*pending));
            if (m_status.commandsDone == before)
                return false; // the expected command itself failed
        } else {
            continueStep();
            if (m_status.commandsDone == before && !m_status.commandsComplete && !pendingStudentCommand())
                return false; // an app command failed
        }
    }
    return m_status.passed();
}

void LessonRunner::show(StepStatus status)
{
    m_status = std::move(status);
    call(m_cb.stepEntered, m_status.index, currentStep());
    if (m_status.commandsComplete) {
        bool all = true;
        for (const auto &c : m_status.checks)
            all = all && c.holds;
        call(m_cb.checksEvaluated, m_status.checks, all);
    } else if (const Command *pending = pendingStudentCommand()) {
        call(m_cb.studentPrompted, *pending);
    }
}

bool LessonRunner::next(bool force)
{
    if (atEnd() || (!force && !m_status.passed()))
        return false;
    const std::size_t index = m_status.index + 1;
    m_seen[m_status.index] = m_status;
    if (auto it = m_seen.find(index); it != m_seen.end()) {
        StepStatus seen = std::move(it->second);
        m_seen.erase(it);
        show(std::move(seen));
    } else {
        enter(index);
    }
    return true;
}

bool LessonRunner::back()
{
    if (m_status.index == 0)
        return false;
    const std::size_t index = m_status.index - 1;
    m_seen[m_status.index] = m_status;
    StepStatus previous;
    if (auto it = m_seen.find(index); it != m_seen.end()) {
        previous = std::move(it->second);
        m_seen.erase(it);
    } else {
        // Played before this runner started (a resumed lesson): done, unchecked.
        previous.index = index;
        previous.commandsDone = m_lesson.steps[index].commands.size();
        previous.commandsComplete = true;
    }
    show(std::move(previous));
    return true;
}

bool LessonRunner::jumpTo(std::size_t index)
{
    if (index >= stepCount())
        throw Error(ErrorCode::InvalidArgument, "lesson " + m_lesson.id + " has no step " + std::to_string(index + 1));
    reset();
    while (m_status.index < index) {
        if (!autoPlayStep())
            return false;
        (void)next();
    }
    return true;
}

std::filesystem::path LessonRunner::progressFile() const
{
    return m_root.string() + ".progress.json";
}

void LessonRunner::saveProgress()
{
    const nlohmann::json j = {{"lesson", m_lesson.id}, {"step", m_status.index}, {"passed", m_passed}};
    try {
        std::filesystem::create_directories(progressFile().parent_path());
        fsutil::writeFileAtomic(progressFile(), j.dump() + "\n");
    } catch (const std::exception &) {
        // Progress is a convenience: a read-only place never stops the lesson.
    }
}

Progress LessonRunner::savedProgress() const
{
    Progress p;
    std::ifstream in(progressFile());
    if (!in)
        return p;
    try {
        const std::string text = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        util::requireJsonDepth(text, progressFile().string());
        const auto j = nlohmann::json::parse(text);
        p.step = std::min<std::size_t>(j.value("step", std::size_t{0}), stepCount() - 1);
        p.passed = j.value("passed", std::vector<std::string>{});
    } catch (const std::exception &) {
        return Progress{}; // a damaged file: start again at step 1
    }
    return p;
}

} // namespace strata::engine::lesson
