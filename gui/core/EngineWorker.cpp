// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/EngineWorker.h"

#include "core/DetailAssembly.h"
#include "core/EventPump.h"
#include "core/GuiStepGate.h"
#include "engine/Error.h"
#include "engine/cli/RunCli.h"
#include "engine/fs/WastedSpace.h"

#include <algorithm>
#include <functional>
#include <filesystem>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <unordered_map>

namespace strata::gui {

namespace {

// A pipe whose read end a thread drains into a string until the write end closes.
class PipeCapture {
public:
    PipeCapture()
    {
        if (::pipe2(m_fds, O_CLOEXEC) != 0) {
            m_fds[0] = m_fds[1] = -1;
            return;
        }
        m_reader = std::thread([this] {
            char buf[4096];
            for (;;) {
                const ssize_t n = ::read(m_fds[0], buf, sizeof buf);
                if (n > 0)
                    m_text.append(buf, static_cast<std::size_t>(n));
                else if (n == 0 || errno != EINTR)
                    break;
            }
        });
    }
    ~PipeCapture() { finish(); }
    [[nodiscard]] int writeFd() const { return m_fds[1] >= 0 ? m_fds[1] : 1; }
    std::string finish()
    {
        if (m_fds[1] >= 0) {
            ::close(m_fds[1]);
            m_fds[1] = -1;
        }
        if (m_reader.joinable())
            m_reader.join();
        if (m_fds[0] >= 0) {
            ::close(m_fds[0]);
            m_fds[0] = -1;
        }
        return m_text;
    }

private:
    int m_fds[2] = {-1, -1};
    std::thread m_reader;
    std::string m_text;
};

// The first `limit` regular files under a directory, relative paths, sorted.
std::vector<std::pair<std::string, std::uint64_t>> listFiles(const std::string &dir, std::size_t limit)
{
    std::vector<std::pair<std::string, std::uint64_t>> out;
    std::error_code ec;
    namespace sfs = std::filesystem;
    for (sfs::recursive_directory_iterator it(dir, sfs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end && out.size() < limit; it.increment(ec)) {
        std::error_code fe;
        if (it->is_regular_file(fe))
            out.emplace_back(sfs::relative(it->path(), dir, fe).string(), it->file_size(fe));
    }
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

EngineWorker::EngineWorker(engine::EngineOptions options, EventPump *pump, GuiStepGate *gate)
    : m_options(std::move(options)), m_pump(pump), m_gate(gate)
{
}

EngineWorker::~EngineWorker() = default;

void EngineWorker::open(bool ensureBuiltins)
{
    try {
        m_engine = std::make_unique<engine::Engine>(m_options);
        m_engine->events().subscribe([pump = m_pump](const engine::events::Event &e) { pump->push(e); });
        m_engine->setStepGate(m_gate);
        if (ensureBuiltins)
            m_engine->ensureBuiltinImages();
        emit opened(true, {});
        refresh();
    } catch (const std::exception &e) {
        emit opened(false, QString::fromStdString(e.what()));
    }
}

void EngineWorker::adoptEngine(engine::Engine *lessonEngine)
{
    if (lessonEngine && lessonEngine != m_lessonEngine) {
        lessonEngine->events().subscribe([pump = m_pump](const engine::events::Event &e) { pump->push(e); });
        lessonEngine->setStepGate(m_gate);
    }
    m_lessonEngine = lessonEngine;
    refresh();
}

engine::Engine *EngineWorker::activeEngine() const
{
    return m_lessonEngine ? m_lessonEngine : m_engine.get();
}

void EngineWorker::runCommand(int id, const QStringList &args)
{
    // Attached containers write to file descriptors: give them pipes and drain
    // them while the command runs, so `run` shows the container's output here.
    PipeCapture capOut, capErr;
    const int devNull = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    runWith(id, args, devNull, capOut.writeFd(), capErr.writeFd(), [&] {
        return std::pair{capOut.finish(), capErr.finish()};
    });
    ::close(devNull);
}

void EngineWorker::runInTerminal(int id, const QStringList &args, int terminalFd)
{
    // The console's pty is this command's terminal, as a shell's tty is the CLI's.
    runWith(id, args, terminalFd, terminalFd, terminalFd, [] { return std::pair<std::string, std::string>{}; });
}

void EngineWorker::runWith(int id, const QStringList &args, int inFd, int outFd, int errFd,
                           const std::function<std::pair<std::string, std::string>()> &attachedOutput)
{
    engine::Engine *const active = activeEngine();
    if (!active) {
        emit commandFinished(id, 1, {}, tr("Error: the engine is not open\n"));
        return;
    }
    std::vector<std::string> words;
    for (const auto &a : args)
        words.push_back(a.toStdString());
    std::ostringstream out, err;
    active->setStepGate(m_gate); // a CLI --step prompt must never outlive its command
    engine::cli::CliContext ctx(out, err);
    ctx.useEngine(*active);
    ctx.inFd = inFd;
    ctx.outFd = outFd;
    ctx.errFd = errFd;
    const int rc = engine::cli::runCli(ctx, words);
    active->setStepGate(m_gate);
    const auto [attachedOut, attachedErr] = attachedOutput();
    emit commandFinished(id, rc, QString::fromStdString(out.str() + attachedOut),
                         QString::fromStdString(err.str() + attachedErr));
    refresh();
}

void EngineWorker::refresh()
{
    engine::Engine *const active = activeEngine();
    if (!active)
        return;
    try {
        auto s = std::make_shared<EngineSnapshot>();
        s->info = active->info();
        s->images = active->images();
        for (const auto &img : s->images) { // which image's chain extends which (commit on a parent)
            if (s->imageDiffIds.size() >= 200)
                break;
            const auto inspect = active->inspectImage(img.id.str());
            auto &ids = s->imageDiffIds[img.id.str()];
            if (inspect.contains("RootFS") && inspect["RootFS"].contains("Layers"))
                for (const auto &l : inspect["RootFS"]["Layers"])
                    ids.push_back(l.get<std::string>());
        }
        s->containers = active->containers(true);
        for (const auto &c : s->containers)
            if (s->containerInspect.size() < 100)
                s->containerInspect[c.id] = active->inspectContainer(c.id).dump(2);
        for (const auto &c : s->containers) { // the disk-use chart: what each container owns
            try {
                engine::ContainerLayerUsage u = active->containerLayerUsage(c.id);
                s->containerLayerBytes[c.id] = u.bytes;
                s->containerChanges[c.id] = {u.added, u.changed, u.deleted, std::move(u.first)};
            } catch (const std::exception &) {
                // removed or being removed meanwhile: the next snapshot settles it
            }
        }
        s->volumes = active->volumes();
        for (const auto &v : s->volumes)
            if (s->volumeInspect.size() < 100) {
                s->volumeInspect[v.name] = active->inspectVolume(v.name).dump(2);
                s->volumeFiles[v.name] = listFiles(v.mountpoint, 40);
            }
        try {
            s->networks = active->networks();
        } catch (const std::exception &) {
            // no networks to draw (a store without them): the scene shows none
        }
        emit snapshot(s);
    } catch (const std::exception &) {
        // A store another process is rewriting: the next refresh will see it.
    }
}

void EngineWorker::loadDetail(const QString &ref)
{
    engine::Engine *const active = activeEngine();
    if (!active)
        return;
    try {
        emit detail(buildDetail(*active, ref));
    } catch (const std::exception &e) {
        emit detailFailed(ref, QString::fromStdString(e.what()));
    }
}

ImageDetailPtr EngineWorker::buildDetail(engine::Engine &engine, const QString &ref)
{
    const std::string r = ref.toStdString();
    return assembleDetail({ref, engine.resolveImage(r).str(), engine.imageLayers(r), engine.imageTree(r),
                           engine.inspectImage(r), engine.history(r)});
}

} // namespace strata::gui
