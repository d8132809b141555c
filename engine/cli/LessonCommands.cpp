// SPDX-License-Identifier: GPL-3.0-or-later
// `strata lesson list|run|check`: the terminal lesson player on engine/lesson
// (the GUI player drives the same LessonRunner).
#include "engine/Error.h"
#include "engine/cli/CliCommandRunner.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/lesson/CommandMatch.h"
#include "engine/lesson/JsonSchema.h"
#include "engine/lesson/LessonLibrary.h"
#include "engine/lesson/LessonRunner.h"
#include "engine/lesson/LessonValidator.h"
#include "engine/lesson/NoteCatalog.h"

#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iostream>
#include <memory>

namespace strata::engine::cli {
namespace {

using namespace strata::engine::lesson;

struct LangOption {
    std::string value;
    [[nodiscard]] Lang lang() const
    {
        Lang l = defaultLang();
        if (!value.empty() && !parseLang(value, l))
            throw Error(ErrorCode::InvalidArgument, "--lang " + value + ": expected zh_CN or en");
        return l;
    }
};

void addLangOption(CLI::App &cmd, LangOption &opt)
{
    cmd.add_option("--lang", opt.value, "Language: zh_CN or en (default from LANG)");
}

// One line from the player's input descriptor (stdin for the terminal; the
// GUI console passes /dev/null, so an interactive run there ends at once
// instead of blocking its engine thread). False at end of input.
bool readLine(int fd, std::string &line)
{
    line.clear();
    char c = 0;
    for (;;) {
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return !line.empty();
        if (c == '\n')
            return true;
        line += c;
    }
}

Glossary glossaryBeside(const std::filesystem::path &dir)
{
    try {
        return loadGlossary(dir);
    } catch (const Error &) {
        return Glossary{}; // a player without a glossary still works
    }
}

// ---- list --------------------------------------------------------------------

void addList(CLI::App &lesson, CliContext &ctx)
{
    auto opt = std::make_shared<LangOption>();
    CLI::App *cmd = lesson.add_subcommand("list", "List the lessons");
    addLangOption(*cmd, *opt);
    cmd->callback([&ctx, opt] {
        const Lang lang = opt->lang();
        for (const auto &l : loadLessons(lessonsDir())) {
            char num[8];
            std::snprintf(num, sizeof num, "%02d", l.number);
            ctx.out << num << "  " << l.id << std::string(l.id.size() < 22 ? 22 - l.id.size() : 1, ' ')
                    << l.title.in(lang) << "  (" << l.steps.size() - l.exerciseCount() << " "
                    << (lang == Lang::ZhCN ? "步" : "steps") << ", " << l.exerciseCount() << " "
                    << (lang == Lang::ZhCN ? "个练习" : "exercises") << ")\n";
        }
    });
}

// ---- check -------------------------------------------------------------------

void addCheck(CLI::App &lesson, CliContext &ctx)
{
    struct Opts {
        std::vector<std::string> files;
        std::string notes;
    };
    auto opt = std::make_shared<Opts>();
    CLI::App *cmd = lesson.add_subcommand("check", "Validate lesson files (schema, notes, glossary links, variables)");
    cmd->add_option("files", opt->files, "Lesson files")->required();
    cmd->add_option("--notes", opt->notes, "Study notes directory (default: ../shared/notes beside the source tree)");
    cmd->callback([&ctx, opt] {
        int bad = 0;
        for (const auto &f : opt->files) {
            const std::filesystem::path file(f);
            const auto dir = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
            const auto schemaFile = std::filesystem::exists(dir / "schema.json") ? dir / "schema.json"
                                                                                 : lessonsDir() / "schema.json";
            std::ifstream in(schemaFile);
            if (!in)
                throw Error(ErrorCode::NotFound, "schema " + schemaFile.string() + ": cannot be read");
            const JsonSchema schema(nlohmann::json::parse(in));
            const Glossary glossary = std::filesystem::exists(dir / "glossary.json") ? loadGlossary(dir)
                                                                                     : loadGlossary(lessonsDir());
            ValidationInput input;
            input.schema = &schema;
            input.glossary = &glossary;
            input.notesDir = opt->notes.empty() ? notesDir() : std::filesystem::path(opt->notes);
            const auto problems = validateLessonFile(file, input);
            if (problems.empty()) {
                ctx.out << f << ": ok" << (input.notesDir.empty() ? " (notes not found: headings not checked)" : "")
                        << "\n";
                continue;
            }
            ++bad;
            for (const auto &p : problems)
                ctx.err << f << ": " << p << "\n";
        }
        if (bad)
            throw ExitStatus{1};
    });
}

// ---- run ---------------------------------------------------------------------

struct RunOpts {
    std::string lesson;
    bool autoPlay = false;
    bool reset = false;
    std::string root;
    std::string from;
    LangOption lang;
};

// A student at a terminal types an interactive step's keys (`exit`, Ctrl+P
// Ctrl+Q) into the container himself; piped, the step's scripted input is typed.
TerminalProvider ownTerminal(const CliContext &ctx)
{
    return [&ctx](const std::vector<std::string> &, const Command *command) -> std::optional<TerminalFds> {
        if (!command || !command->input || !::isatty(ctx.inFd) || !::isatty(ctx.outFd))
            return std::nullopt;
        return TerminalFds{ctx.inFd, ctx.outFd, ctx.errFd};
    };
}

class TerminalPlayer {
public:
    TerminalPlayer(CliContext &ctx, const RunOpts &opts, Lesson lesson)
        : m_ctx(ctx), m_opts(opts), m_lang(opts.lang.lang()), m_glossary(glossaryBeside(lesson.file.parent_path())),
          m_runner(std::move(lesson), RunnerOptions{opts.root, {}, ctx.driver, ctx.root, commandRunner(), ownTerminal(ctx)})
    {
    }

    int play()
    {
        const Lesson &l = m_runner.lesson();
        std::size_t from = 0;
        if (!m_opts.from.empty()) {
            const auto at = l.findStep(m_opts.from);
            if (!at)
                throw Error(ErrorCode::InvalidArgument, "lesson " + l.id + " has no step \"" + m_opts.from + "\"");
            from = *at;
        }
        printIntro();
        const bool fresh = m_opts.autoPlay || m_opts.reset || from > 0 || !std::filesystem::exists(m_runner.root());
        if (!fresh)
            from = m_runner.savedProgress().step; // where the student left this lesson
        install();
        if (fresh || from > 0) {
            if (!fresh)
                m_ctx.out << t("（从上次的第 ", "(resuming at step ") << from + 1
                          << t(" 步继续：前面的步骤在干净的存储上重放）\n",
                               ": the earlier steps are replayed on a clean store)\n");
            if (!jumpQuietly(from))
                return failed();
        } else {
            m_ctx.out << t("（沿用上次的课程存储；--reset 从头开始）\n",
                           "(continuing on the lesson's existing store; --reset starts clean)\n");
            m_runner.start(0);
        }
        return m_opts.autoPlay ? autoLoop() : interactiveLoop();
    }

private:
    const char *t(const char *zh, const char *en) const { return m_lang == Lang::ZhCN ? zh : en; }

    // Reset and replay the steps before `index` without showing them, then
    // show step `index` with what its app commands printed.
    bool jumpQuietly(std::size_t index)
    {
        m_quiet = true;
        const bool ok = m_runner.jumpTo(index);
        m_quiet = false;
        if (ok) {
            showStep();
            replayShownCommands();
        }
        return ok;
    }

    void install()
    {
        RunnerCallbacks cb;
        cb.stepEntered = [this](std::size_t, const Step &) {
            if (!m_quiet)
                showStep();
        };
        cb.commandStarted = [this](const std::string &line, By by) {
            if (!m_quiet && (by == By::App || m_opts.autoPlay || m_playing))
                m_ctx.out << "$ strata " << line << "\n";
        };
        cb.commandFinished = [this](const CommandResult &r, By) { showResult(r); };
        cb.checksEvaluated = [this](const std::vector<CheckResult> &checks, bool) { showChecks(checks); };
        m_runner.setCallbacks(cb);
    }

    void printIntro()
    {
        const Lesson &l = m_runner.lesson();
        m_ctx.out << "═══ " << t("第 ", "Lesson ") << l.number << t(" 课：", ": ") << l.title.in(m_lang) << " ═══\n";
        for (const auto &g : l.goals)
            m_ctx.out << "  • " << g.in(m_lang) << "\n";
        m_ctx.out << t("课程存储：", "lesson store: ") << m_runner.root().string() << "\n";
    }

    void showStep()
    {
        const Step &s = m_runner.currentStep();
        const Lesson &l = m_runner.lesson();
        const std::size_t exercises = l.exerciseCount();
        const std::size_t steps = l.steps.size() - exercises;
        const std::size_t i = m_runner.currentIndex();
        m_ctx.out << "\n── ";
        if (s.exercise)
            m_ctx.out << t("练习 ", "Exercise ") << (i - steps + 1) << "/" << exercises;
        else
            m_ctx.out << t("第 ", "Step ") << (i + 1) << "/" << steps << t(" 步", "");
        m_ctx.out << "  " << s.title.in(m_lang) << " ──\n";
        m_ctx.out << renderPlain(s.narration.in(m_lang), m_glossary, m_lang) << "\n";
        m_ctx.out << t("  📖 笔记 ", "  📖 note ") << noteTitle(s.note.file).in(m_lang) << " — " << s.note.heading << " ("
                  << s.note.file << ")\n";
    }

    // Shows the step's commands that already ran while output was quiet.
    void replayShownCommands()
    {
        for (const auto &r : m_runner.status().results) {
            m_ctx.out << "$ strata " << r.line << "\n";
            showResult(r);
        }
        if (m_runner.status().commandsComplete)
            showChecks(m_runner.status().checks);
    }

    void showResult(const CommandResult &r)
    {
        if (m_quiet)
            return;
        m_ctx.out << r.out;
        if (!r.err.empty())
            m_ctx.out << r.err;
        if (!r.expected)
            m_ctx.out << t("（退出码 ", "(exit code ") << r.exitCode << ")\n";
        m_ctx.out.flush();
    }

    void showChecks(const std::vector<CheckResult> &checks)
    {
        if (m_quiet)
            return;
        for (const auto &c : checks) {
            m_ctx.out << (c.holds ? "  ✔ " : "  ✘ ") << c.summary.in(m_lang) << "\n";
            if (!c.holds)
                m_ctx.out << "      " << c.whyNot.in(m_lang) << "\n";
        }
    }

    int failed()
    {
        const Lesson &l = m_runner.lesson();
        const StepStatus &st = m_runner.status();
        const Step &s = m_runner.currentStep();
        std::string what;
        if (!st.commandsComplete) {
            const auto &r = st.extra.empty() ? st.results.back() : st.extra.back();
            what = "command \"" + r.line + "\" exited " + std::to_string(r.exitCode) + ": " + r.err;
        } else {
            for (std::size_t k = 0; k < st.checks.size(); ++k)
                if (!st.checks[k].holds) {
                    what = "check " + std::to_string(k) + " (" + st.checks[k].kind + ") failed: " +
                           st.checks[k].whyNot.in(m_lang);
                    break;
                }
        }
        m_ctx.err << "lesson " << l.id << ": " << (s.exercise ? "exercise " : "step ") << s.id << ": " << what
                  << "\n";
        return 1;
    }

    int autoLoop()
    {
        for (;;) {
            if (!m_runner.autoPlayStep())
                return failed();
            if (m_runner.atEnd())
                break;
            m_runner.next();
        }
        const Lesson &l = m_runner.lesson();
        m_ctx.out << "\n✔ lesson " << l.id << ": " << l.steps.size() - l.exerciseCount() << " steps and "
                  << l.exerciseCount() << " exercises passed\n";
        m_ctx.out << "Lesson " << l.number << " complete\n";
        return 0;
    }

    void printHelp()
    {
        m_ctx.out << t("  命令：? 或 hint 提示 · solution 答案 · play 替我做这一步 · retry 重做这一步 · step N 跳到第 N 步 · "
                       "reset 从头开始 · b 上一步 · Enter 检查/下一步 · q 退出；其它行都当作 strata 命令运行（探索）\n",
                       "  player: ? or hint · solution · play (do this step for me) · retry (this step again) · "
                       "step N (jump) · reset (start over) · b back · Enter check/next · q quit; any other line runs "
                       "as a strata command (exploration)\n");
    }

    bool confirmed(const char *zh, const char *en)
    {
        m_ctx.out << t(zh, en) << " [y/N] ";
        m_ctx.out.flush();
        std::string answer;
        return readLine(m_ctx.inFd, answer) && (answer == "y" || answer == "Y" || answer == "yes");
    }

    int complete()
    {
        const Lesson &l = m_runner.lesson();
        m_ctx.out << t("\n🎉 本课完成！", "\n🎉 ") << "Lesson " << l.number << " complete\n";
        return 0;
    }

    // A player word (not a strata command); true when it was one.
    bool playerWord(const std::string &line, const Command *pending, int &exitCode, bool &done)
    {
        const Step &step = m_runner.currentStep();
        if (line == "help" || line == "h") {
            printHelp();
        } else if (line == "b") {
            if (!m_runner.back())
                m_ctx.out << t("已经是第一步。\n", "This is the first step.\n");
        } else if (line == "solution") {
            if (step.solution)
                m_ctx.out << "  ✎ " << step.solution->in(m_lang) << "\n";
            for (const auto &c : step.commands)
                if (c.by == By::Student)
                    m_ctx.out << "  $ strata " << m_runner.expectedLine(c) << "\n";
        } else if (line == "?" || line == "hint") {
            if (pending)
                m_ctx.out << "  💡 " << pending->hint.value_or(Text{}).in(m_lang) << "\n";
            else
                m_ctx.out << t("  这一步没有要你输入的命令了。\n", "  Nothing is waiting for you to type in this step.\n");
            m_ctx.out << t("  （solution 查看答案；help 查看全部命令）\n", "  (solution shows the answer; help lists the rest)\n");
        } else if (line == "play") {
            m_playing = true;
            (void)m_runner.autoPlayStep();
            m_playing = false;
        } else if (line == "retry") {
            if (!jumpQuietly(m_runner.currentIndex()))
                exitCode = failed(), done = true;
        } else if (line.rfind("step ", 0) == 0) {
            const auto at = m_runner.lesson().findStep(line.substr(5));
            if (!at)
                m_ctx.out << t("  没有这一步：", "  No such step: ") << line.substr(5) << "\n";
            else if (!jumpQuietly(*at))
                exitCode = failed(), done = true;
        } else if (line == "reset") {
            if (confirmed("清空本课的存储，从第 1 步重新开始？", "Wipe this lesson's store and start again at step 1?"))
                (void)jumpQuietly(0);
        } else {
            return false;
        }
        return true;
    }

    int interactiveLoop()
    {
        std::string line;
        printHelp();
        for (;;) {
            const Command *pending = m_runner.pendingStudentCommand();
            const bool passed = m_runner.status().passed();
            if (pending)
                m_ctx.out << "strata> ";
            else if (passed)
                m_ctx.out << (m_runner.atEnd() ? t("[Enter 完成 / b 上一步 / q 退出] ", "[Enter finish / b back / q quit] ")
                                               : t("[Enter 下一步 / b 上一步 / q 退出] ", "[Enter next / b back / q quit] "));
            else
                m_ctx.out << t("（还没通过：输入命令试试，Enter 重新检查，retry 重做，q 退出）strata> ",
                               "(not yet: type commands, Enter to check again, retry, q quit) strata> ");
            m_ctx.out.flush();
            if (!readLine(m_ctx.inFd, line)) {
                m_ctx.err << "lesson " << m_runner.lesson().id << ": the input ended at step "
                          << m_runner.currentIndex() + 1 << " (" << m_runner.currentStep().id
                          << ") before the lesson was complete\n";
                return 1;
            }
            while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                line.pop_back();
            if (line == "q")
                return 0;
            int exitCode = 0;
            bool done = false;
            if (playerWord(line, pending, exitCode, done)) {
                if (done)
                    return exitCode;
                continue;
            }
            if (line.empty()) {
                if (pending) {
                    m_ctx.out << t("  （? 查看提示）\n", "  (? for a hint)\n");
                } else if (passed) {
                    if (m_runner.atEnd())
                        return complete();
                    m_runner.next();
                } else {
                    (void)m_runner.evaluate();
                }
                continue;
            }
            bool isIt = false;
            try {
                isIt = pending && isStepCommand(*pending, splitCommandLine(line, m_runner.vars()), m_runner.vars());
            } catch (const Error &) {
                // Not a command line: the runner reports it as exploration.
            }
            const auto r = m_runner.submit(line);
            if (pending && !r.counted)
                m_ctx.out << (isIt ? t("  ✘ 这正是这一步的命令，但它没有按预期结束；看看上面的错误（? 查看提示）\n",
                                       "  ✘ that is this step's command, but it did not end as expected; read the error "
                                       "above (? for a hint)\n")
                                   : t("  ↪ 探索：这不是这一步要的命令，它还在等你（? 查看提示）\n",
                                       "  ↪ exploration: not this step's command; the step still waits for it (? for a "
                                       "hint)\n"));
        }
    }

    CliContext &m_ctx;
    const RunOpts &m_opts;
    Lang m_lang;
    Glossary m_glossary;
    LessonRunner m_runner;
    bool m_quiet = false;
    bool m_playing = false; // "play": show the student commands the runner types
};

void addRun(CLI::App &lesson, CliContext &ctx)
{
    auto opt = std::make_shared<RunOpts>();
    CLI::App *cmd = lesson.add_subcommand("run", "Play a lesson in the terminal");
    cmd->add_option("lesson", opt->lesson, "Lesson number or id")->required();
    cmd->add_flag("--auto", opt->autoPlay, "Type every command yourself; exit 1 at the first failing check");
    cmd->add_flag("--reset", opt->reset, "Start from a clean lesson store");
    cmd->add_option("--root", opt->root, "The lesson's store root (default <data>/strata/lessons/<id>)");
    cmd->add_option("--from", opt->from, "Start at this step (id or number); earlier steps are replayed quietly");
    addLangOption(*cmd, opt->lang);
    cmd->callback([&ctx, opt] {
        TerminalPlayer player(ctx, *opt, findLesson(lessonsDir(), opt->lesson));
        if (const int rc = player.play(); rc != 0)
            throw ExitStatus{rc};
    });
}

} // namespace

void registerLessonCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *lesson = app.add_subcommand("lesson", "Lessons that follow the study notes, checked on a real engine");
    lesson->require_subcommand(1);
    addList(*lesson, ctx);
    addRun(*lesson, ctx);
    addCheck(*lesson, ctx);
}

} // namespace strata::engine::cli
