// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/ImageChanges.h"

#include "engine/Error.h"
#include "engine/image/DockerfileWords.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace strata::engine::image {
namespace {

[[noreturn]] void invalid(const std::string &what)
{
    throw Error(ErrorCode::InvalidArgument, what);
}

class ChangeApplier {
public:
    explicit ChangeApplier(Json &config) : m_config(config) {}

    void apply(const std::string &change)
    {
        const std::size_t start = change.find_first_not_of(" \t");
        if (start == std::string::npos)
            return;
        const std::size_t end = std::min(change.find_first_of(" \t", start), change.size());
        std::string keyword = change.substr(start, end - start);
        std::transform(keyword.begin(), keyword.end(), keyword.begin(), [](unsigned char c) { return std::tolower(c); });
        std::string rest = change.substr(std::min(change.find_first_not_of(" \t", end), change.size()));
        while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back())))
            rest.pop_back();
        if (keyword == "cmd") {
            m_config["Cmd"] = commandOf(rest);
            m_cmdSet = true;
        } else if (keyword == "entrypoint") {
            m_config["Entrypoint"] = commandOf(rest);
            if (!m_cmdSet) // a new ENTRYPOINT drops an inherited CMD (dispatchers.go)
                m_config["Cmd"] = nullptr;
        } else if (keyword == "env") {
            for (const auto &[k, v] : pairs(rest, "ENV"))
                setEnv(k, v);
        } else if (keyword == "label") {
            for (const auto &[k, v] : pairs(rest, "LABEL"))
                m_config["Labels"][k] = v;
        } else if (keyword == "expose") {
            for (const auto &w : splitWords(rest))
                expose(processWord(w, env()));
        } else if (keyword == "volume") {
            for (const auto &v : listOf(rest))
                m_config["Volumes"][v] = Json::object();
        } else if (keyword == "user") {
            m_config["User"] = processWord(rest, env());
        } else if (keyword == "workdir") {
            workdir(processWord(rest, env()));
        } else if (keyword == "onbuild") {
            m_config["OnBuild"].push_back(rest);
        } else if (keyword == "healthcheck") {
            healthcheck(rest);
        } else {
            invalid(keyword + " is not a valid change command");
        }
    }

private:
    Environment env() const
    {
        Environment e;
        if (auto it = m_config.find("Env"); it != m_config.end() && it->is_array())
            for (const auto &kv : *it) {
                const std::string s = kv.get<std::string>();
                const std::size_t eq = s.find('=');
                e[s.substr(0, eq)] = eq == std::string::npos ? "" : s.substr(eq + 1);
            }
        return e;
    }

    void setEnv(const std::string &key, const std::string &value) { setConfigEnv(m_config, key, value); }

    // "k=v k2='v 2'" or the legacy "k value with spaces".
    std::vector<std::pair<std::string, std::string>> pairs(const std::string &text, const char *instruction) const
    {
        const std::vector<std::string> words = splitWords(text);
        if (words.empty())
            invalid(std::string(instruction) + " requires at least one argument");
        std::vector<std::pair<std::string, std::string>> out;
        if (words.front().find('=') == std::string::npos) {
            const std::size_t gap = text.find_first_of(" \t");
            if (gap == std::string::npos)
                invalid(std::string(instruction) + " names a key without a value: \"" + text + "\"");
            out.emplace_back(processWord(words.front(), env()),
                             processWord(text.substr(text.find_first_not_of(" \t", gap)), env()));
            return out;
        }
        for (const auto &w : words) {
            const std::size_t eq = w.find('=');
            if (eq == std::string::npos || eq == 0)
                invalid(std::string(instruction) + ": \"" + w + "\" is not key=value");
            out.emplace_back(processWord(w.substr(0, eq), env()), processWord(w.substr(eq + 1), env()));
        }
        return out;
    }

    static Json commandOf(const std::string &text)
    {
        std::vector<std::string> exec;
        if (parseJsonArray(text, exec))
            return exec;
        return Json::array({"/bin/sh", "-c", text});
    }

    std::vector<std::string> listOf(const std::string &text) const
    {
        std::vector<std::string> items;
        if (parseJsonArray(text, items))
            return items;
        for (const auto &w : splitWords(text))
            items.push_back(processWord(w, env()));
        return items;
    }

    // "80", "80/udp", "8000-8002/tcp" (nat.ParsePortSpecs without the IP forms).
    void expose(const std::string &spec)
    {
        const std::size_t slash = spec.find('/');
        const std::string proto = slash == std::string::npos ? "tcp" : spec.substr(slash + 1);
        const std::string ports = spec.substr(0, slash);
        const std::size_t dash = ports.find('-');
        try {
            const int first = std::stoi(ports.substr(0, dash));
            const int last = dash == std::string::npos ? first : std::stoi(ports.substr(dash + 1));
            if (first < 1 || last > 65535 || last < first || (proto != "tcp" && proto != "udp" && proto != "sctp"))
                throw std::out_of_range(spec);
            for (int p = first; p <= last; ++p)
                m_config["ExposedPorts"][std::to_string(p) + "/" + proto] = Json::object();
        } catch (const std::exception &) {
            invalid("invalid port specification: \"" + spec + "\"");
        }
    }

    void workdir(const std::string &dir)
    {
        namespace fs = std::filesystem;
        const std::string current = m_config.value("WorkingDir", std::string("/"));
        fs::path p = dir.empty() || dir.front() != '/' ? fs::path("/") / current / dir : fs::path(dir);
        std::string s = p.lexically_normal().generic_string();
        if (s.size() > 1 && s.back() == '/')
            s.pop_back();
        m_config["WorkingDir"] = s;
    }

    // "NONE", or "CMD ..." (options such as --interval are not supported here).
    void healthcheck(const std::string &text)
    {
        std::string upper = text.substr(0, 4);
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
        if (upper == "NONE" && text.size() == 4) {
            m_config["Healthcheck"] = {{"Test", {"NONE"}}};
            return;
        }
        if (upper != "CMD " && upper != "CMD\t")
            invalid("HEALTHCHECK: expected NONE or CMD ... (options are not supported with --change)");
        const std::string cmd = text.substr(text.find_first_not_of(" \t", 3));
        std::vector<std::string> exec;
        Json test = Json::array({"CMD-SHELL", cmd});
        if (parseJsonArray(cmd, exec)) {
            test = Json::array({"CMD"});
            for (auto &a : exec)
                test.push_back(a);
        }
        m_config["Healthcheck"] = {{"Test", test}};
    }

    Json &m_config;
    bool m_cmdSet = false;
};

} // namespace

void applyChanges(Json &config, const std::vector<std::string> &changes)
{
    if (!config.is_object())
        config = Json::object();
    ChangeApplier applier(config);
    for (const auto &change : changes)
        withErrorContext("--change \"" + change + "\"", [&] { applier.apply(change); });
}

void setConfigEnv(Json &config, const std::string &key, const std::string &value)
{
    Json &list = config["Env"];
    if (!list.is_array())
        list = Json::array();
    const std::string entry = key + "=" + value;
    for (auto &kv : list)
        if (kv.get<std::string>().rfind(key + "=", 0) == 0) {
            kv = entry;
            return;
        }
    list.push_back(entry);
}

} // namespace strata::engine::image
