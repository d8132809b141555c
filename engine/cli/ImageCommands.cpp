// SPDX-License-Identifier: GPL-3.0-or-later
// images, rmi, tag, history, inspect — and their `image ...` spellings.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/ExitStatus.h"
#include "engine/cli/ImageFilters.h"
#include "engine/cli/Output.h"
#include "engine/cli/format/ListFormats.h"
#include "engine/image/Reference.h"

#include <algorithm>
#include <memory>

namespace strata::engine::cli {
namespace {

using Row = nlohmann::ordered_json;

std::string shortId(const Digest &id, bool noTrunc)
{
    return noTrunc ? id.str() : id.shortHex();
}

struct ImagesOptions {
    bool all = false, quiet = false, digests = false, noTrunc = false;
    std::vector<std::string> filters;
    std::string format;
    std::string reference;
};

Row imageRow(const ImageSummary &s, const std::string &repo, const std::string &tag, const std::string &digest,
             bool noTrunc)
{
    Row r = Row::object();
    r["Containers"] = "N/A";
    r["CreatedAt"] = createdAt(s.created);
    r["CreatedSince"] = createdSince(s.created);
    r["Digest"] = digest;
    r["ID"] = shortId(s.id, noTrunc);
    r["Repository"] = repo;
    r["SharedSize"] = "N/A";
    r["Size"] = humanSize(s.size);
    r["Tag"] = tag;
    r["UniqueSize"] = "N/A";
    r["VirtualSize"] = humanSize(s.size);
    return r;
}

std::string digestFor(const ImageSummary &s, const std::string &repo)
{
    for (const auto &d : s.repoDigests)
        if (d.substr(0, d.find('@')) == repo)
            return d.substr(d.find('@') + 1);
    return "<none>";
}

void runImages(CliContext &ctx, const ImagesOptions &o)
{
    ImageFilters filters = ImageFilters::parse(o.filters);
    auto *host = ctx.remoteHost();
    const auto all = host ? host->images(true) : ctx.engine().images();
    if (!host)
        filters.bind(ctx.engine(), all);
    std::optional<image::Reference> wanted;
    if (!o.reference.empty())
        wanted = image::Reference::parse(o.reference, false);

    std::vector<Row> rows;
    for (const auto &s : all) {
        if ((s.intermediate && !o.all && !filters.has("dangling")) || !filters.acceptsImage(s))
            continue;
        // A repository known only by digest (pulled by digest) lists as
        // REPOSITORY <none> with its DIGEST, as Docker shows it.
        for (const auto &d : s.repoDigests) {
            const std::string repo = d.substr(0, d.find('@'));
            const bool tagged = std::any_of(s.repoTags.begin(), s.repoTags.end(),
                                            [&](const auto &t) { return t.substr(0, t.rfind(':')) == repo; });
            if (tagged || (wanted && wanted->familiarName() != repo) || !filters.acceptsName(repo, "<none>"))
                continue;
            rows.push_back(imageRow(s, repo, "<none>", d.substr(d.find('@') + 1), o.noTrunc));
        }
        if (s.repoTags.empty()) {
            if (!s.repoDigests.empty())
                continue;
            if (!wanted && filters.acceptsName("<none>", "<none>") && !filters.has("reference"))
                rows.push_back(imageRow(s, "<none>", "<none>", "<none>", o.noTrunc));
            continue;
        }
        for (const auto &rt : s.repoTags) {
            const std::string repo = rt.substr(0, rt.rfind(':'));
            const std::string tag = rt.substr(rt.rfind(':') + 1);
            if (wanted && (wanted->familiarName() != repo || (!wanted->tag.empty() && wanted->tag != tag)))
                continue;
            if (!filters.acceptsName(repo, tag))
                continue;
            rows.push_back(imageRow(s, repo, tag, digestFor(s, repo), o.noTrunc));
        }
    }
    printList(ctx.out, imageListFormat(o.format, o.quiet, o.digests), rows);
}

CLI::App *addImagesCommand(CLI::App &parent, CliContext &ctx, const std::string &name, const std::string &help)
{
    auto o = std::make_shared<ImagesOptions>();
    CLI::App *c = parent.add_subcommand(name, help);
    c->add_option("reference", o->reference, "REPOSITORY[:TAG] to list");
    c->add_flag("-a,--all", o->all, "Show all images (default hides intermediate images)");
    c->add_flag("-q,--quiet", o->quiet, "Only show image IDs");
    c->add_flag("--digests", o->digests, "Show digests");
    c->add_flag("--no-trunc", o->noTrunc, "Don't truncate output");
    c->add_option("-f,--filter", o->filters, "Filter output based on conditions provided");
    c->add_option("--format", o->format, "Pretty-print images using a Go template");
    c->callback([&ctx, o] { runImages(ctx, *o); });
    return c;
}

void runRmi(CliContext &ctx, const std::vector<std::string> &refs, bool force, bool noPrune)
{
    int failed = 0;
    for (const auto &ref : refs) {
        try {
            for (const auto &line : ctx.engine().removeImage(ref, force, !noPrune))
                ctx.out << (line.deleted ? "Deleted: " : "Untagged: ") << line.what << "\n";
        } catch (const Error &e) {
            ctx.err << "Error: " << e.what() << "\n";
            ++failed;
        }
    }
    if (failed)
        throw ExitStatus{1};
}

void addRmiCommand(CLI::App &parent, CliContext &ctx, const std::string &name, const std::string &help)
{
    struct Opts {
        std::vector<std::string> refs;
        bool force = false, noPrune = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, help);
    c->add_option("image", o->refs, "IMAGE [IMAGE...]: name[:tag], name@digest, or id (prefix)")->required();
    c->add_flag("-f,--force", o->force, "Force removal of the image");
    c->add_flag("--no-prune", o->noPrune, "Do not delete untagged parents");
    c->callback([&ctx, o] { runRmi(ctx, o->refs, o->force, o->noPrune); });
}

void addTagCommand(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    auto args = std::make_shared<std::pair<std::string, std::string>>();
    CLI::App *c = parent.add_subcommand(name, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE");
    c->add_option("source", args->first, "SOURCE_IMAGE[:TAG]")->required();
    c->add_option("target", args->second, "TARGET_IMAGE[:TAG]")->required();
    c->callback([&ctx, args] { ctx.engine().tag(args->first, args->second); });
}

void runHistory(CliContext &ctx, const std::string &ref, bool noTrunc, bool quiet, bool human,
                const std::string &format)
{
    std::vector<Row> rows;
    auto *host = ctx.remoteHost();
    for (const auto &h : host ? host->history(ref) : ctx.engine().history(ref)) {
        Row r = Row::object();
        r["ID"] = h.id.empty() ? "<missing>" : (noTrunc ? h.id : Digest::parse(h.id).shortHex());
        r["CreatedSince"] = human ? createdSince(h.created) : createdAt(h.created);
        r["CreatedAt"] = human ? createdAt(h.created)
                               : timeutil::formatRfc3339Nano(timeutil::fromUnixSeconds(h.created));
        std::string by = h.createdBy;
        std::replace(by.begin(), by.end(), '\t', ' ');
        r["CreatedBy"] = noTrunc ? by : ellipsis(by, 45);
        r["Size"] = human ? humanSize(h.size) : std::to_string(h.size);
        r["Comment"] = h.comment;
        rows.push_back(std::move(r));
    }
    printList(ctx.out, historyListFormat(format, quiet, human), rows);
}

void addHistoryCommand(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    struct Opts {
        std::string ref, format;
        bool noTrunc = false, quiet = false, human = true;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, "Show the history of an image");
    c->add_option("image", o->ref, "IMAGE")->required();
    c->add_flag("--no-trunc", o->noTrunc, "Don't truncate output");
    c->add_flag("-q,--quiet", o->quiet, "Only show image IDs");
    c->add_option("-H,--human", o->human, "Print sizes and dates in human readable format (default true)");
    c->add_option("--format", o->format, "Pretty-print history using a Go template");
    c->callback([&ctx, o] { runHistory(ctx, o->ref, o->noTrunc, o->quiet, o->human, o->format); });
}

// `type`: "image", "container", "volume", or "" (docker inspect: a
// container, else an image, else a volume).
nlohmann::ordered_json inspectObject(CliContext &ctx, const std::string &ref, const std::string &type)
{
    auto *host = ctx.remoteHost();
    auto inspectImage = [&](const std::string &r) { return host ? host->inspectImage(r) : ctx.engine().inspectImage(r); };
    auto inspectVolume = [&](const std::string &r) { return host ? host->inspectVolume(r) : ctx.engine().inspectVolume(r); };
    auto inspectContainer = [&](const std::string &r) {
        return host ? host->inspectContainer(r) : ctx.engine().inspectContainer(r);
    };
    if (type == "image")
        return inspectImage(ref);
    if (type == "volume")
        return inspectVolume(ref);
    if (type != "" && type != "container")
        throw Error(ErrorCode::InvalidArgument, "\"" + type + "\" is not a valid value for --type");
    try {
        return inspectContainer(ref);
    } catch (const Error &e) {
        if (e.code() != ErrorCode::NotFound || type == "container")
            throw;
    }
    try {
        return inspectImage(ref);
    } catch (const Error &e) {
        const bool notAnImage = e.code() == ErrorCode::NotFound || e.code() == ErrorCode::InvalidArgument;
        if (!notAnImage || type != "")
            throw;
    }
    try {
        return inspectVolume(ref);
    } catch (const Error &) {
        throw Error(ErrorCode::NotFound, "No such object: " + ref);
    }
}

void runInspect(CliContext &ctx, const std::vector<std::string> &refs, const std::string &format, bool objectWording,
                const std::string &type)
{
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    int failed = 0;
    std::vector<std::string> errors;
    for (const auto &ref : refs) {
        try {
            all.push_back(inspectObject(ctx, ref, type));
        } catch (const Error &e) {
            if (e.code() != ErrorCode::NotFound)
                throw;
            errors.push_back(objectWording ? "No such object: " + ref : e.message());
            ++failed;
        }
    }
    InspectFormatter formatter(format);
    for (const auto &obj : all)
        formatter.add(obj);
    ctx.out << formatter.finish();
    for (const auto &e : errors)
        ctx.err << "Error: " << e << "\n";
    if (failed)
        throw ExitStatus{1};
}

void addInspectCommand(CLI::App &parent, CliContext &ctx, const std::string &name, bool objectWording,
                       const std::string &fixedType = "image")
{
    struct Opts {
        std::vector<std::string> refs;
        std::string format;
        std::string type;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, objectWording ? "Return low-level information on Strata objects"
                                        : fixedType == "container" ? "Display detailed information on one or more containers"
                                                                   : "Return low-level information on images");
    c->add_option("name", o->refs, "NAME|ID [NAME|ID...]")->required();
    c->add_option("-f,--format", o->format, "Format the output using the given Go template");
    if (objectWording)
        c->add_option("--type", o->type, "Return JSON for specified type (container, image or volume)");
    c->callback([&ctx, o, objectWording, fixedType] {
        runInspect(ctx, o->refs, o->format, objectWording, objectWording ? o->type : fixedType);
    });
}

} // namespace

void registerImageCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *image = app.add_subcommand("image", "Manage images");
    image->require_subcommand(1);
    addImagesCommand(*image, ctx, "ls", "List images");
    addImagesCommand(*image, ctx, "list", "List images")->group("");
    addRmiCommand(*image, ctx, "rm", "Remove one or more images");
    addTagCommand(*image, ctx, "tag");
    addHistoryCommand(*image, ctx, "history");
    addInspectCommand(*image, ctx, "inspect", false);

    addImagesCommand(app, ctx, "images", "List images");
    addRmiCommand(app, ctx, "rmi", "Remove one or more images");
    addTagCommand(app, ctx, "tag");
    addHistoryCommand(app, ctx, "history");
    addInspectCommand(app, ctx, "inspect", true);
    addInspectCommand(*app.get_subcommand("container"), ctx, "inspect", false, "container");
}

} // namespace strata::engine::cli
