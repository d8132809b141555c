// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/image/DockerfileWords.h"

#include "engine/Error.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace strata::engine::image {
namespace {

[[noreturn]] void bad(std::string_view word, const char *what)
{
    throw Error(ErrorCode::InvalidArgument, std::string(what) + " in \"" + std::string(word) + "\"");
}

bool isNameChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::string lookup(const Environment &env, const std::string &name, bool &set)
{
    auto it = env.find(name);
    set = it != env.end();
    return set ? it->second : std::string();
}

// Expands the variable starting at word[i] == '$'; advances i past it.
std::string expand(std::string_view word, std::size_t &i, const Environment &env)
{
    ++i; // '$'
    bool set = false;
    if (i < word.size() && word[i] == '{') {
        const std::size_t close = word.find('}', i);
        if (close == std::string_view::npos)
            bad(word, "missing '}'");
        const std::string body(word.substr(i + 1, close - i - 1));
        i = close + 1;
        const std::size_t op = body.find(':');
        if (op == std::string::npos)
            return lookup(env, body, set);
        const std::string value = lookup(env, body.substr(0, op), set);
        const std::string alt = body.substr(std::min(op + 2, body.size()));
        if (op + 1 < body.size() && body[op + 1] == '-')
            return set && !value.empty() ? value : processWord(alt, env);
        if (op + 1 < body.size() && body[op + 1] == '+')
            return set && !value.empty() ? processWord(alt, env) : std::string();
        bad(word, "unsupported modifier");
    }
    std::size_t end = i;
    while (end < word.size() && isNameChar(word[end]))
        ++end;
    if (end == i)
        return "$"; // a lone dollar stays
    const std::string name(word.substr(i, end - i));
    i = end;
    return lookup(env, name, set);
}

} // namespace

std::vector<std::string> splitWords(std::string_view text)
{
    std::vector<std::string> words;
    std::string current;
    bool inWord = false;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!quote && std::isspace(static_cast<unsigned char>(c))) {
            if (inWord)
                words.push_back(std::move(current));
            current.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        current += c;
        if (c == '\\' && quote != '\'' && i + 1 < text.size())
            current += text[++i];
        else if (!quote && (c == '"' || c == '\''))
            quote = c;
        else if (quote && c == quote)
            quote = 0;
    }
    if (inWord)
        words.push_back(std::move(current));
    return words;
}

std::string processWord(std::string_view word, const Environment &env)
{
    std::string out;
    char quote = 0;
    for (std::size_t i = 0; i < word.size();) {
        const char c = word[i];
        if (quote == '\'') {
            if (c == '\'')
                quote = 0;
            else
                out += c;
            ++i;
        } else if (c == '\\' && i + 1 < word.size()) {
            // Inside "...", a backslash escapes only what has meaning there.
            const char next = word[i + 1];
            if (quote == '"' && next != '"' && next != '$' && next != '\\')
                out += c;
            out += next;
            i += 2;
        } else if (c == '$') {
            out += expand(word, i, env);
        } else if (c == '"' || (c == '\'' && !quote)) {
            quote = quote == c ? 0 : c;
            ++i;
        } else {
            out += c;
            ++i;
        }
    }
    if (quote)
        bad(word, "unterminated quote");
    return out;
}

bool parseJsonArray(std::string_view text, std::vector<std::string> &out)
{
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_array())
        return false;
    std::vector<std::string> words;
    for (const auto &v : j) {
        if (!v.is_string())
            return false;
        words.push_back(v.get<std::string>());
    }
    out = std::move(words);
    return true;
}

} // namespace strata::engine::image
