// SPDX-License-Identifier: GPL-3.0-or-later
// pull, push, login, logout, search — and `image pull|push`.
#include "engine/Error.h"
#include "engine/cli/CliContext.h"
#include "engine/cli/Output.h"
#include "engine/cli/TransferPrinter.h"
#include "engine/image/Reference.h"
#include "engine/registry/DockerCredentials.h"
#include "engine/registry/RegistryClient.h"
#include "engine/registry/RegistrySearch.h"

#include <algorithm>
#include <memory>
#include <termios.h>
#include <unistd.h>

namespace strata::engine::cli {
namespace {

using Row = nlohmann::ordered_json;

// Docker announces the default tag when NAME has neither tag nor digest.
void announceDefaultTag(CliContext &ctx, const std::string &reference, bool quiet)
{
    const image::Reference typed = image::Reference::parse(reference, false);
    if (!typed.hasTag() && !typed.hasDigest() && !quiet)
        ctx.out << "Using default tag: latest\n";
}

void addPull(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    struct Opts {
        registry::PullRequest request;
        bool quiet = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, "Pull an image or a repository from a registry");
    c->add_option("name", o->request.reference, "NAME[:TAG|@DIGEST]")->required();
    c->add_flag("-a,--all-tags", o->request.allTags, "Download all tagged images in the repository");
    c->add_flag("-q,--quiet", o->quiet, "Suppress verbose output");
    c->add_option("--platform", o->request.platform, "Set platform if server is multi-platform capable (os/arch[/variant])");
    c->callback([&ctx, o] {
        announceDefaultTag(ctx, o->request.reference, o->quiet || o->request.allTags);
        TransferPrinter printer(ctx.out, ctx.stdoutIsTerminal());
        auto *host = ctx.remoteHost();
        const registry::PullResult result = host ? host->lifecycle().pull(o->request.reference, printer.sink(o->quiet))
                                                 : ctx.engine().pull(o->request, printer.sink(o->quiet));
        ctx.out << result.reference << "\n";
    });
}

void addPush(CLI::App &parent, CliContext &ctx, const std::string &name)
{
    struct Opts {
        std::string reference;
        bool quiet = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = parent.add_subcommand(name, "Push an image to a registry");
    c->add_option("name", o->reference, "NAME[:TAG]")->required();
    c->add_flag("-q,--quiet", o->quiet, "Suppress verbose output");
    c->callback([&ctx, o] {
        announceDefaultTag(ctx, o->reference, o->quiet);
        TransferPrinter printer(ctx.out, ctx.stdoutIsTerminal());
        ctx.engine().push(o->reference, printer.sink(o->quiet));
        if (o->quiet)
            ctx.out << image::Reference::parse(o->reference).normalisedStr() << "\n";
    });
}

// "https://index.docker.io/v1/" -> "docker.io"; "http://host:5000/" -> "host:5000".
std::string serverDomain(std::string server)
{
    if (server.empty())
        return "docker.io";
    for (const char *scheme : {"https://", "http://"})
        if (server.rfind(scheme, 0) == 0)
            server = server.substr(std::string(scheme).size());
    server = server.substr(0, server.find('/'));
    if (server == "index.docker.io" || server == "registry-1.docker.io" || server == "docker.io")
        return "docker.io";
    return server;
}

std::string readLine(std::istream &in)
{
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

// Reads a password from the terminal without echo.
std::string readSecret(CliContext &ctx)
{
    termios old{};
    const bool tty = ::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const std::string secret = readLine(std::cin);
    if (tty) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
        ctx.out << "\n";
    }
    return secret;
}

void addLogin(CLI::App &app, CliContext &ctx)
{
    struct Opts {
        std::string server, username, password;
        bool passwordStdin = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = app.add_subcommand("login", "Log in to a Docker registry (credentials go to ~/.docker/config.json)");
    c->add_option("server", o->server, "SERVER (default Docker Hub)");
    c->add_option("-u,--username", o->username, "Username");
    c->add_option("-p,--password", o->password, "Password");
    c->add_flag("--password-stdin", o->passwordStdin, "Take the password from stdin");
    c->callback([&ctx, o] {
        if (!o->password.empty() && o->passwordStdin)
            throw Error(ErrorCode::InvalidArgument, "--password and --password-stdin are mutually exclusive");
        if (o->passwordStdin && o->username.empty())
            throw Error(ErrorCode::InvalidArgument, "Must provide --username with --password-stdin");
        if (!o->password.empty())
            ctx.err << "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n";
        const std::string domain = serverDomain(o->server);
        registry::Credentials creds{o->username, o->password};
        if (o->passwordStdin) {
            std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            while (!all.empty() && (all.back() == '\n' || all.back() == '\r'))
                all.pop_back();
            creds.password = all;
        }
        if (creds.username.empty()) {
            const registry::Credentials stored = registry::loadCredentials(domain);
            ctx.out << "Username" << (stored.username.empty() ? "" : " (" + stored.username + ")") << ": " << std::flush;
            creds.username = readLine(std::cin);
            if (creds.username.empty())
                creds.username = stored.username;
        }
        if (creds.username.empty())
            throw Error(ErrorCode::InvalidArgument, "Error: Non-null Username Required");
        if (creds.password.empty()) {
            ctx.out << "Password: " << std::flush;
            creds.password = readSecret(ctx);
        }
        if (creds.password.empty())
            throw Error(ErrorCode::InvalidArgument, "Error: Non-null Password Required");
        registry::RegistryClient client(domain, "");
        try {
            client.checkLogin(creds);
        } catch (const Error &e) {
            throw Error(e.code() == ErrorCode::InvalidArgument ? ErrorCode::Io : e.code(),
                        std::string("login ") + registry::credentialKey(domain) + ": " + e.what());
        }
        if (registry::storeCredentials(domain, creds))
            ctx.err << "WARNING! Your password will be stored unencrypted in "
                    << (registry::dockerConfigDir() / "config.json").string()
                    << ".\nConfigure a credential helper to remove this warning. See\n"
                       "https://docs.docker.com/engine/reference/commandline/login/#credentials-store\n\n";
        ctx.out << "Login Succeeded\n";
    });
}

void addLogout(CLI::App &app, CliContext &ctx)
{
    auto server = std::make_shared<std::string>();
    CLI::App *c = app.add_subcommand("logout", "Log out from a Docker registry");
    c->add_option("server", *server, "SERVER (default Docker Hub)");
    c->callback([&ctx, server] {
        const std::string key = registry::credentialKey(serverDomain(*server));
        if (!registry::eraseCredentials(serverDomain(*server))) {
            ctx.out << "Not logged in to " << key << "\n";
            return;
        }
        ctx.out << "Removing login credentials for " << key << "\n";
    });
}

// `search -f`: stars=N, is-official=true|false, is-automated=true|false.
struct SearchFilters {
    int stars = 0;
    std::optional<bool> official, automated;

    static SearchFilters parse(const std::vector<std::string> &specs)
    {
        SearchFilters f;
        for (const auto &spec : specs) {
            const auto eq = spec.find('=');
            if (eq == std::string::npos)
                throw Error(ErrorCode::InvalidArgument, "bad format of filter (expected name=value)");
            const std::string key = spec.substr(0, eq);
            const std::string value = spec.substr(eq + 1);
            auto boolean = [&]() {
                if (value == "true" || value == "1")
                    return true;
                if (value == "false" || value == "0")
                    return false;
                throw Error(ErrorCode::InvalidArgument, "Invalid filter '" + key + "'");
            };
            if (key == "stars") {
                try {
                    f.stars = std::stoi(value);
                } catch (const std::exception &) {
                    throw Error(ErrorCode::InvalidArgument, "Invalid filter 'stars=" + value + "'");
                }
            } else if (key == "is-official") {
                f.official = boolean();
            } else if (key == "is-automated") {
                f.automated = boolean();
            } else {
                throw Error(ErrorCode::InvalidArgument, "Invalid filter '" + key + "'");
            }
        }
        return f;
    }
    [[nodiscard]] bool accepts(const registry::SearchResult &r) const
    {
        return r.stars >= stars && (!official || *official == r.official) && (!automated || *automated == r.automated);
    }
};

ListFormat searchFormat(const std::string &source)
{
    ListFormat f;
    f.contextType = "*formatter.searchContext";
    f.headers = {{"Name", "NAME"},
                 {"Description", "DESCRIPTION"},
                 {"StarCount", "STARS"},
                 {"IsOfficial", "OFFICIAL"},
                 {"IsAutomated", "AUTOMATED"}};
    f.format = source.empty() || source == "table"
                   ? "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}\t{{.IsAutomated}}"
                   : source;
    return f;
}

void addSearch(CLI::App &app, CliContext &ctx)
{
    struct Opts {
        std::string term, format;
        int limit = 25;
        std::vector<std::string> filters;
        bool noTrunc = false;
    };
    auto o = std::make_shared<Opts>();
    CLI::App *c = app.add_subcommand("search", "Search Docker Hub (or REGISTRY/TERM) for images");
    c->add_option("term", o->term, "TERM")->required();
    c->add_option("--limit", o->limit, "Max number of search results (default 25)");
    c->add_option("-f,--filter", o->filters, "Filter output based on conditions provided");
    c->add_flag("--no-trunc", o->noTrunc, "Don't truncate output");
    c->add_option("--format", o->format, "Pretty-print search using a Go template");
    c->callback([&ctx, o] {
        if (o->limit < 1 || o->limit > 100)
            throw Error(ErrorCode::Io, "Limit " + std::to_string(o->limit) + " is outside the range of [1, 100]");
        const SearchFilters filters = SearchFilters::parse(o->filters);
        std::vector<Row> rows;
        for (const auto &r : registry::searchRegistry(o->term, o->limit)) {
            if (!filters.accepts(r))
                continue;
            std::string description = r.description;
            std::replace(description.begin(), description.end(), '\n', ' ');
            std::replace(description.begin(), description.end(), '\r', ' ');
            Row row = Row::object();
            row["Name"] = r.name;
            row["Description"] = o->noTrunc ? description : ellipsis(description, 45);
            row["StarCount"] = std::to_string(r.stars);
            row["IsOfficial"] = r.official ? "[OK]" : "";
            row["IsAutomated"] = r.automated ? "[OK]" : "";
            rows.push_back(std::move(row));
        }
        printList(ctx.out, searchFormat(o->format), rows);
    });
}

} // namespace

void registerRegistryCommands(CLI::App &app, CliContext &ctx)
{
    CLI::App *image = app.get_subcommand("image");
    addPull(*image, ctx, "pull");
    addPush(*image, ctx, "push");
    addPull(app, ctx, "pull");
    addPush(app, ctx, "push");
    addLogin(app, ctx);
    addLogout(app, ctx);
    addSearch(app, ctx);
}

} // namespace strata::engine::cli
