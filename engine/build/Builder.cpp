// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/build/Builder.h"

#include "engine/build/BuildFailed.h"
#include "engine/build/ConfigInstructions.h"
#include "engine/build/LayerCopy.h"
#include "engine/container/ContainerPath.h"
#include "engine/image/ImageStore.h"

#include <algorithm>
#include <random>

namespace strata::engine::build {
namespace {

using image::Json;

std::string randomId()
{
    std::random_device rd;
    std::string out;
    for (int i = 0; i < 6; ++i) {
        char buf[3];
        std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(rd() & 0xff));
        out += buf;
    }
    return out;
}

std::string joined(const std::vector<std::string> &items)
{
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i)
        out += (i ? " " : "") + items[i];
    return out;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Docker gives every stage a PATH when its config has none.
void setDefaultPath(StageState &s)
{
    for (const auto &kv : s.env())
        if (kv.rfind("PATH=", 0) == 0)
            return;
    s.setEnv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
}

Json withCmd(const Json &runConfig, const std::vector<std::string> &cmd, bool clearEntrypoint)
{
    Json c = runConfig;
    c["Cmd"] = cmd;
    if (clearEntrypoint)
        c["Entrypoint"] = nullptr;
    return c;
}

// Singly quoted for the word rules, so a --label value is taken literally.
std::string literalWord(const std::string &s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\"'\"'") : std::string(1, c);
    return out + "'";
}

} // namespace

struct Builder::Impl {
    Builder &b;
    const BuildContext &context;
    const BuildOptions &options;
    int total = 0;
    int step = 0;
    image::Environment metaArgs;
    std::map<std::string, Digest> stageByName;  // "name" and "0", "1", ...
    bool anyStep = false;

    void print(const std::string &line) const
    {
        if (b.m_output)
            b.m_output(line);
    }

    void publish(events::EventKind kind, Json attrs) const { b.m_bus.publish(kind, b.m_id, std::move(attrs)); }

    void beginStep(const Instruction &in, int stage)
    {
        ++step;
        anyStep = true;
        print("Step " + std::to_string(step) + "/" + std::to_string(total) + " : " + in.original + "\n");
        publish(events::EventKind::BuildStepStarted, {{"step", step}, {"total", total}, {"instruction", in.keyword},
                                                      {"text", in.original}, {"line", in.line}, {"stage", stage}});
    }

    void endStep(const StageState &s)
    {
        print(" ---> " + s.image.shortHex() + "\n");
        publish(events::EventKind::BuildStepDone, {{"step", step}, {"image", s.image.str()}});
    }

    // ---- the cache ----------------------------------------------------------

    bool fromCache(StageState &s, const Json &containerConfig)
    {
        if (options.noCache)
            return false;
        const auto hit = b.m_backend.findCached(s.image, containerConfig);
        if (!hit)
            return false;
        print(" ---> Using cache\n");
        publish(events::EventKind::BuildCacheHit, {{"step", step}, {"image", hit->str()}});
        s.image = *hit;
        return true;
    }

    void committed(StageState &s, const Digest &id)
    {
        const image::ImageConfig cfg = b.m_backend.imageConfig(id);
        const bool empty = cfg.history.empty() || cfg.history.back().emptyLayer;
        publish(events::EventKind::BuildStepCommitted,
                {{"step", step}, {"image", id.str()}, {"parent", s.image.str()}, {"empty_layer", empty},
                 {"created_by", cfg.history.empty() ? "" : cfg.history.back().createdBy}});
        s.image = id;
    }

    // A container made for the step, announced as Docker does.
    std::string stepContainer(const StageState &s, const std::vector<std::string> &cmd,
                              const std::vector<std::string> &env, bool run)
    {
        const std::string id = b.m_backend.createContainer(s.image, cmd, env);
        print(" ---> Running in " + id.substr(0, 12) + "\n");
        publish(events::EventKind::BuildStepContainer,
                {{"step", step}, {"container", id}, {"command", joined(cmd)}, {"run", run}});
        return id;
    }

    void finishContainer(const std::string &id)
    {
        if (!options.removeIntermediate)
            return;
        b.m_backend.removeContainer(id);
        print("Removing intermediate container " + id.substr(0, 12) + "\n");
    }

    // ---- instructions ---------------------------------------------------------

    void run(StageState &s, const Instruction &in)
    {
        std::vector<std::string> cmd = in.jsonForm ? in.json : s.shell();
        if (!in.jsonForm)
            cmd.push_back(in.rest);
        const std::vector<std::string> args = s.argEnv();
        std::vector<std::string> saved = cmd;
        if (!args.empty()) {
            saved = {"|" + std::to_string(args.size())};
            saved.insert(saved.end(), args.begin(), args.end());
            saved.insert(saved.end(), cmd.begin(), cmd.end());
        }
        const Json containerConfig = withCmd(s.runConfig, saved, true);
        if (fromCache(s, containerConfig))
            return;
        if (s.image.empty())
            throw BuildFailed(FailurePhase::Step, "RUN needs a file system with a command to run; the stage is "
                                                  "still empty (FROM scratch): COPY a program in first");
        const std::string id = stepContainer(s, cmd, args, true);
        const int code = b.m_backend.runContainer(id, b.m_output ? b.m_output : OutputSink([](const std::string &) {}));
        if (code != 0) {
            if (options.forceRemove)
                b.m_backend.removeContainer(id);
            throw BuildFailed(FailurePhase::Step,
                              "The command '" + joined(cmd) + "' returned a non-zero code: " + std::to_string(code),
                              code);
        }
        const Digest made = commitOrClean(id, {s.runConfig, containerConfig, s.author});
        finishContainer(id);
        committed(s, made);
    }

    Digest commitOrClean(const std::string &container, const StepCommit &commit)
    {
        try {
            return b.m_backend.commitContainer(container, commit);
        } catch (...) {
            if (options.forceRemove)
                b.m_backend.removeContainer(container);
            throw;
        }
    }

    // A step that changes only the config: a container records it (unless the
    // stage has no image yet), committed with an empty layer.
    void configStep(StageState &s, const Instruction &in)
    {
        const ConfigStep change = applyConfigInstruction(s, in, options.buildArgs);
        if (in.keyword == "ARG")
            for (auto &[k, v] : s.args)
                if (!v && metaArgs.count(k))
                    v = metaArgs[k]; // an ARG without a value takes the global one
        const std::vector<std::string> nop = nopCommand(s, change);
        const Json containerConfig = withCmd(s.runConfig, nop, false);
        if (fromCache(s, containerConfig))
            return;
        const StepCommit commit{s.runConfig, containerConfig, s.author};
        const std::string workdir = in.keyword == "WORKDIR" ? s.runConfig.value("WorkingDir", std::string("/")) : "";
        if (s.image.empty()) {
            committed(s, b.m_backend.commitLayer({}, [&](const std::filesystem::path &root) {
                if (!workdir.empty())
                    std::filesystem::create_directories(root / workdir.substr(1));
            }, commit));
            return;
        }
        const std::string id = stepContainer(s, nop, {}, false);
        if (!workdir.empty())
            b.m_backend.makeWorkdir(id, workdir);
        const Digest made = commitOrClean(id, commit);
        finishContainer(id);
        committed(s, made);
    }

    // An image of the store, pulled first when it is missing (as the daemon does).
    Digest resolveOrPull(const std::string &ref)
    {
        try {
            return b.m_backend.resolveImage(ref);
        } catch (const Error &e) {
            if (e.code() != ErrorCode::NotFound)
                throw;
        }
        return b.m_backend.pullImage(ref, options.pullProgress);
    }

    Digest sourceImage(const std::string &from)
    {
        if (auto it = stageByName.find(lower(from)); it != stageByName.end())
            return it->second;
        try {
            return resolveOrPull(from);
        } catch (const Error &e) {
            throw BuildFailed(FailurePhase::Step, "invalid from flag value " + from + ": " + e.message());
        }
    }

    void copy(StageState &s, const Instruction &in)
    {
        const bool add = in.keyword == "ADD";
        const std::string failed = in.keyword + " failed: ";
        const image::Environment env = s.environment();
        std::vector<std::string> words;
        if (in.jsonForm)
            words = in.json;
        else
            for (const auto &w : image::splitWords(in.rest))
                words.push_back(image::processWord(w, env));
        const std::string dest = words.back();
        words.pop_back();
        LayerCopyRequest req;
        req.dest = dest;
        req.workdir = s.runConfig.value("WorkingDir", std::string());
        req.chown = in.flag("chown");
        req.extractArchives = add;
        req.instruction = in.keyword;
        std::string hash;
        Digest fromImage;
        try {
            if (in.hasFlag("from")) {
                fromImage = sourceImage(in.flag("from"));
                hash = "sha256:" + Digest::ofBytes(fromImage.str() + "\n" + joined(words)).hex();
            } else {
                for (const auto &w : words) {
                    if (add && (w.rfind("http://", 0) == 0 || w.rfind("https://", 0) == 0))
                        throw BuildFailed(FailurePhase::Step, "cannot download " + w +
                                                                  ": Strata builds offline; put the file in the build "
                                                                  "context and ADD it from there");
                    for (auto &src : context.resolve(w))
                        req.sources.push_back(std::move(src));
                }
                hash = context.checksum(req.sources);
                req.listUnder = [this](const std::string &rel) { return context.includedUnder(rel); };
            }
        } catch (const BuildFailed &e) {
            throw BuildFailed(FailurePhase::Step, failed + e.message());
        }
        const std::string chown = req.chown.empty() ? "" : "--chown=" + req.chown;
        std::vector<std::string> nop = s.shell();
        nop.push_back("#(nop) " + in.keyword + " " + chown + hash + " in " + dest + " ");
        const Json containerConfig = withCmd(s.runConfig, nop, false);
        if (fromCache(s, containerConfig))
            return;
        const auto write = [&](const std::filesystem::path &root) {
            req.root = root;
            if (fromImage.empty()) {
                copyIntoLayer(req);
                return;
            }
            b.m_backend.withImageRoot(fromImage, [&](const std::filesystem::path &srcRoot) {
                for (const auto &w : words) {
                    const auto at = container::resolveContainerPath(srcRoot, w, true);
                    if (!at.exists)
                        throw BuildFailed(FailurePhase::Step, "stat " + container::cleanContainerPath("/" + w) +
                                                                  ": file does not exist");
                    req.sources.push_back({at.rel, srcRoot / at.rel, at.isDir()});
                }
                copyIntoLayer(req);
            });
        };
        try {
            committed(s, b.m_backend.commitLayer(s.image, write, {s.runConfig, containerConfig, s.author}));
        } catch (const BuildFailed &e) {
            throw BuildFailed(FailurePhase::Step, failed + e.message());
        } catch (const Error &e) {
            throw BuildFailed(FailurePhase::Step, failed + e.what(), 1, e.code());
        }
    }

    void dispatch(StageState &s, const Instruction &in)
    {
        if (in.keyword == "RUN")
            run(s, in);
        else if (in.keyword == "COPY" || in.keyword == "ADD")
            copy(s, in);
        else
            configStep(s, in);
    }

    // ---- stages -----------------------------------------------------------------

    void onBuildTriggers(StageState &s)
    {
        auto it = s.runConfig.find("OnBuild");
        if (it == s.runConfig.end() || !it->is_array() || it->empty()) {
            s.runConfig.erase("OnBuild");
            return;
        }
        std::vector<std::string> triggers;
        for (const auto &t : *it)
            triggers.push_back(t.get<std::string>());
        s.runConfig.erase("OnBuild");
        print("# Executing " + std::to_string(triggers.size()) + " build trigger" + (triggers.size() > 1 ? "s" : "") +
              "\n");
        for (const auto &t : triggers)
            dispatch(s, parseInstructionLine(t, 0));
    }

    StageState from(const Stage &stage, int index)
    {
        const auto words = image::splitWords(stage.from.rest);
        const std::string base = image::processWord(words.front(), metaArgs);
        StageState s;
        if (lower(base) == "scratch") {
            // nothing: an empty file system and config
        } else if (auto it = stageByName.find(lower(base)); it != stageByName.end() && !it->second.empty()) {
            s.image = it->second;
        } else {
            s.image = resolveOrPull(base);
        }
        if (!s.image.empty())
            s.runConfig = b.m_backend.imageConfig(s.image).config;
        if (!s.runConfig.is_object())
            s.runConfig = Json::object();
        setDefaultPath(s);
        (void)index;
        return s;
    }

    Digest stageLoop(const Dockerfile &df)
    {
        for (const auto &arg : df.metaArgs) {
            beginStep(arg, -1);
            for (const auto &w : image::splitWords(arg.rest)) {
                const std::size_t eq = w.find('=');
                const std::string key = w.substr(0, eq);
                if (auto given = options.buildArgs.find(key); given != options.buildArgs.end())
                    metaArgs[key] = given->second;
                else if (eq != std::string::npos)
                    metaArgs[key] = image::processWord(w.substr(eq + 1), metaArgs);
            }
        }
        StageState s;
        for (std::size_t i = 0; i < df.stages.size(); ++i) {
            const Stage &stage = df.stages[i];
            beginStep(stage.from, static_cast<int>(i));
            s = from(stage, static_cast<int>(i));
            onBuildTriggers(s);
            endStep(s);
            for (const auto &in : stage.commands) {
                beginStep(in, static_cast<int>(i));
                dispatch(s, in);
                endStep(s);
            }
            stageByName[std::to_string(i)] = s.image;
            if (!stage.name.empty())
                stageByName[stage.name] = s.image;
        }
        return s.image;
    }
};

Builder::Builder(BuildBackend &backend, events::EventBus &bus, OutputSink output)
    : m_backend(backend), m_bus(bus), m_output(std::move(output)), m_id(randomId())
{
}

BuildOutcome Builder::build(const Dockerfile &parsed, const BuildContext &context, const BuildOptions &options)
{
    Dockerfile df = parsed;
    if (!options.target.empty()) {
        const auto it = std::find_if(df.stages.begin(), df.stages.end(),
                                     [&](const Stage &s) { return s.name == lower(options.target); });
        if (it == df.stages.end())
            throw BuildFailed(FailurePhase::Parse, "failed to reach build target " + options.target + " in Dockerfile");
        df.stages.erase(it + 1, df.stages.end());
    } else {
        for (const auto &[k, v] : options.labels) { // one LABEL step each, after the last instruction
            Instruction label = parseInstructionLine("LABEL " + literalWord(k) + "=" + literalWord(v), 0);
            label.original = "LABEL " + k + "=" + v;
            df.stages.back().commands.push_back(std::move(label));
        }
    }
    Impl run{*this, context, options, 0, 0, {}, {}, false};
    run.total = df.stepCount();
    try {
        const Digest id = run.stageLoop(df);
        BuildOutcome out;
        out.id = id;
        out.steps = run.total;
        if (id.empty())
            throw BuildFailed(FailurePhase::Step, "No image was generated. Is your Dockerfile empty?");
        run.print("Successfully built " + id.shortHex() + "\n");
        for (const auto &t : options.tags) {
            const std::string name = image::normaliseTag(t);
            m_backend.tag(id, name);
            out.tags.push_back(name);
            run.print("Successfully tagged " + name + "\n");
        }
        run.publish(events::EventKind::BuildFinished, {{"image", id.str()}, {"tags", out.tags}});
        return out;
    } catch (const BuildFailed &e) {
        run.publish(events::EventKind::BuildFailed,
                    {{"step", run.step}, {"error", e.message()}, {"exit_status", e.exitStatus()}});
        throw;
    } catch (const Error &e) {
        run.publish(events::EventKind::BuildFailed, {{"step", run.step}, {"error", e.what()}, {"exit_status", 1}});
        throw BuildFailed(run.anyStep ? FailurePhase::Step : FailurePhase::Parse, e.what(), 1, e.code());
    }
}

} // namespace strata::engine::build
