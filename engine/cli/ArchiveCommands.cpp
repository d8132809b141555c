// SPDX-License-Identifier: GPL-3.0-or-later
// save, load, import — and their `image ...` spellings.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ProgressLine.h"

#include <memory>
#include <unistd.h>

namespace strata::engine::cli {
namespace {

ArchiveFormat parseFormat(const std::string &f)
{
    if (f.empty() || f == "docker-archive")
        return ArchiveFormat::DockerArchive;
    if (f == "oci-archive")
        return ArchiveFormat::OciArchive;
    if (f == "oci-dir")
        return ArchiveFormat::OciDirectory;
    throw Error(ErrorCode::InvalidArgument,
                "unknown archive format \"" + f + "\": use docker-archive, oci-archive or oci-dir");
}

void addSave(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    struct Opts {
        std::vector<std::string> refs;
        std::string output, format;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, "Save one or more images to a tar archive (streamed to STDOUT by default)");
    c->add_option("image", o->refs, "IMAGE [IMAGE...]")->required();
    c->add_option("-o,--output", o->output, "Write to a file, instead of STDOUT");
    c->add_option("--format", o->format, "docker-archive (default), oci-archive or oci-dir");
    c->callback([&ctx, o] {
        const ArchiveFormat format = parseFormat(o->format);
        if (o->output.empty()) {
            if (format == ArchiveFormat::OciDirectory)
                throw Error(ErrorCode::InvalidArgument, "oci-dir needs -o DIR");
            if (ctx.stdoutIsTerminal())
                throw Error(ErrorCode::InvalidArgument,
                            "cowardly refusing to save to a terminal. Use the -o flag or redirect");
        }
        ProgressLine progress(ctx);
        ctx.engine().save(o->refs, o->output.empty() ? "-" : o->output, format);
    });
}

void addLoad(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    struct Opts {
        std::string input;
        bool quiet = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(
        name, "Load images from a docker-archive, an oci-archive or an OCI layout directory (STDIN by default)");
    c->add_option("-i,--input", o->input, "Read from tar archive file or OCI layout directory, instead of STDIN");
    c->add_flag("-q,--quiet", o->quiet, "Suppress the load output");
    c->callback([&ctx, o] {
        if (o->input.empty() && ::isatty(STDIN_FILENO))
            throw Error(ErrorCode::InvalidArgument, "requested load from stdin, but stdin is empty");
        std::unique_ptr<ProgressLine> progress;
        if (!o->quiet)
            progress = std::make_unique<ProgressLine>(ctx);
        const auto loaded = ctx.engine().load(o->input.empty() ? "-" : o->input);
        progress.reset();
        for (const auto &img : loaded) {
            if (img.tags.empty())
                ctx.out << "Loaded image ID: " << img.id.str() << "\n";
            for (const auto &t : img.tags)
                ctx.out << "Loaded image: " << t << "\n";
        }
    });
}

void addImport(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    struct Opts {
        std::string source, repoTag;
        ImportOptions options;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, "Import the contents from a tarball to create a filesystem image");
    c->add_option("file", o->source, "file|- : a rootfs tarball (tar, gz, zst, xz, bz2)")->required();
    c->add_option("repository", o->repoTag, "REPOSITORY[:TAG]");
    c->add_option("-c,--change", o->options.changes, "Apply Dockerfile instruction to the created image");
    c->add_option("-m,--message", o->options.message, "Set commit message for imported image");
    c->callback([&ctx, o] {
        std::optional<std::string> tag;
        if (!o->repoTag.empty())
            tag = o->repoTag;
        const Digest id = ctx.engine().importImage(o->source, tag, o->options);
        ctx.out << id.str() << "\n";
    });
}

} // namespace

void registerArchiveCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *image = app.get_subcommand("image");
    addSave(*image, ctx, "save");
    addLoad(*image, ctx, "load");
    addImport(*image, ctx, "import");
    addSave(app, ctx, "save");
    addLoad(app, ctx, "load");
    addImport(app, ctx, "import");
}

} // namespace strata::engine::cli
