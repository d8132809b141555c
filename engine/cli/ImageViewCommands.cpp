// SPDX-License-Identifier: GPL-3.0-or-later
// The teaching verbs: `image layers` (the stack, bottom to top, with what each
// layer changed) and `image tree` (the merged view, and who provides what).
#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"
#include "engine/cli/format/GoJson.h"
#include "engine/cli/format/TextWidth.h"
#include "engine/fs/UnionView.h"
#include "engine/layer/Change.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <unordered_map>

namespace strata::engine::cli {
namespace {

using Json = nlohmann::ordered_json;

Json treeEntryJson(const fs::TreeEntry &e, bool withShadowed)
{
    Json j = Json::object();
    j["path"] = e.path;
    j["type"] = fs::toString(e.type);
    j["mode"] = fs::modeString(e.mode);
    j["size"] = e.size;
    if (e.type == fs::EntryType::File)
        j["sha256"] = fs::fileSha256Hex(e.source);
    if (e.type == fs::EntryType::Symlink)
        j["target"] = e.target;
    j["layer"] = e.layer;
    if (e.linkGroup >= 0)
        j["link_group"] = e.linkGroup;
    if (withShadowed && !e.shadowed.empty())
        j["shadowed"] = e.shadowed;
    return j;
}

constexpr std::size_t kTreeTextChunk = 1 << 16;

// `text` as coerceUtf8 prints it; plain ASCII (most names) is copied as is.
void appendUtf8(std::string &out, std::string_view text)
{
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
        out += text;
    else
        out += coerceUtf8(text);
}

// Hardlink groups are per layer in the view; number them image-wide.
int globalLinkGroup(const fs::TreeEntry &e, std::map<std::pair<int, int>, int> &ids)
{
    if (e.linkGroup < 0)
        return -1;
    auto [it, inserted] = ids.try_emplace({e.layer, e.linkGroup}, static_cast<int>(ids.size()));
    return it->second;
}

void runTree(CliContext &ctx, const std::string &ref, bool json, bool all)
{
    auto *host = ctx.remoteHost();
    // --json hashes every file: a host's cached layers must be unpacked for it.
    // Without --all only the merged tree is printed: the view need not keep the rest.
    const fs::UnionView view = host ? host->imageTree(ref, json)
                                    : ctx.engine().imageTree(ref, all ? fs::ViewContents::Full : fs::ViewContents::MergedOnly);
    if (host && ctx.debug)
        ctx.err << "image tree: layers from the " << host->layerSource() << "\n";
    std::map<std::pair<int, int>, int> groups;
    if (json) {
        Json out = Json::array();
        for (const auto &[path, e] : view.merged()) {
            fs::TreeEntry copy = e;
            copy.linkGroup = globalLinkGroup(e, groups);
            Json j = treeEntryJson(copy, all);
            if (all) {
                Json versions = Json::array();
                for (const auto &v : view.versions().at(path))
                    if (v.layer != e.layer)
                        versions.push_back(treeEntryJson(v, false));
                if (!versions.empty())
                    j["versions"] = versions;
            }
            out.push_back(std::move(j));
        }
        ctx.out << goJsonIndent(out, "", "  ") << "\n"; // names that are not UTF-8 print as \ufffd, as Go writes them
        return;
    }
    // Lines are gathered in a buffer written in large pieces: an image of
    // 100,000 paths is 100,000 lines.
    std::string text;
    text.reserve(kTreeTextChunk + 4096);
    // Most paths share a handful of modes, and many files a size.
    std::map<unsigned, std::string> modes;
    std::unordered_map<std::uint64_t, std::string> sizes;
    for (const auto &[path, e] : view.merged()) {
        const std::size_t start = text.size();
        auto mode = modes.find(e.mode);
        if (mode == modes.end())
            mode = modes.emplace(e.mode, fs::modeString(e.mode)).first;
        text += mode->second;
        text += "  ";
        text += fs::toString(e.type);
        text.resize(start + 16, ' '); // padded or cut, as a 16-wide column
        const std::size_t sizeAt = text.size();
        if (e.type == fs::EntryType::File) {
            auto size = sizes.find(e.size);
            if (size == sizes.end())
                size = sizes.emplace(e.size, humanSize(e.size)).first;
            text += size->second;
        } else {
            text += '-';
        }
        text.resize(sizeAt + 9, ' ');
        // Names that are not UTF-8 print with U+FFFD, as `diff` prints them.
        text += 'L';
        text += std::to_string(e.layer + 1); // bottom layer = L1, as everywhere
        text += "  /";
        appendUtf8(text, path);
        if (e.type == fs::EntryType::Symlink) {
            text += " -> ";
            appendUtf8(text, e.target);
        }
        if (!e.shadowed.empty()) {
            text += "   (shadows L";
            for (std::size_t i = 0; i < e.shadowed.size(); ++i) {
                if (i)
                    text += ",L";
                text += std::to_string(e.shadowed[i] + 1);
            }
            text += ')';
        }
        text += '\n';
        if (all) {
            for (const auto &v : view.versions().at(path))
                if (v.layer != e.layer) {
                    text += "                         L" + std::to_string(v.layer + 1) + "  (hidden) /";
                    appendUtf8(text, path);
                    text += '\n';
                }
        }
        if (text.size() >= kTreeTextChunk) {
            ctx.out.write(text.data(), static_cast<std::streamsize>(text.size()));
            text.clear();
        }
    }
    ctx.out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void runLayers(CliContext &ctx, const std::string &ref, bool json)
{
    auto *host = ctx.remoteHost();
    const auto layers = host ? host->imageLayers(ref) : ctx.engine().imageLayers(ref);
    if (host && ctx.debug)
        ctx.err << "image layers: layers from the " << host->layerSource() << "\n";
    if (json) {
        Json out = Json::array();
        for (const auto &l : layers) {
            Json changes = Json::array();
            for (const auto &c : l.changes) {
                Json cj = {{"path", c.change.path},
                           {"kind", std::string(1, layer::changeLetter(c.change.kind))},
                           {"type", fs::toString(c.type)}};
                if (c.change.opaque)
                    cj["opaque"] = true;
                changes.push_back(cj);
            }
            out.push_back({{"index", l.index},
                           {"diff_id", l.diffId.str()},
                           {"chain_id", l.chainId.str()},
                           {"blob", l.blob.str()},
                           {"size", l.size},
                           {"created_by", l.createdBy},
                           {"comment", l.comment},
                           {"changes", changes}});
        }
        ctx.out << goJsonIndent(out, "", "  ") << "\n"; // names that are not UTF-8 print as \ufffd, as Go writes them
        return;
    }
    for (const auto &l : layers) {
        ctx.out << "L" << l.index + 1 << "  " << l.diffId.str().substr(0, 19) << "  " << humanSize(l.size) << "  "
                << ellipsis(l.createdBy.empty() ? l.comment : l.createdBy, 60) << "\n";
        for (const auto &c : l.changes) {
            ctx.out << "    " << layer::changeLetter(c.change.kind) << (c.change.opaque ? "O" : " ") << " /"
                    << coerceUtf8(c.change.path) << (c.type == fs::EntryType::Dir ? "/" : "") << "\n";
        }
    }
}

} // namespace

void registerImageViewCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *image = app.get_subcommand("image");
    {
        struct Opts {
            std::string ref;
            bool json = false, all = false;
        };
        auto o = std::make_shared<Opts>();
        CLI::App *c = image->add_subcommand(
            "tree", "Show an image's merged view: every path, its type, mode, size and the layer providing it");
        c->add_option("image", o->ref, "IMAGE")->required();
        c->add_flag("--json", o->json, "One JSON array sorted by path");
        c->add_flag("--all", o->all, "Also list versions shadowed by upper layers");
        c->callback([&ctx, o] { runTree(ctx, o->ref, o->json, o->all); });
    }
    {
        struct Opts {
            std::string ref;
            bool json = false;
        };
        auto o = std::make_shared<Opts>();
        CLI::App *c = image->add_subcommand(
            "layers", "Show an image's layers bottom to top with the paths each adds (A), modifies (C), deletes (D)");
        c->add_option("image", o->ref, "IMAGE")->required();
        c->add_flag("--json", o->json, "Print JSON");
        c->callback([&ctx, o] { runLayers(ctx, o->ref, o->json); });
    }
}

} // namespace strata::engine::cli
