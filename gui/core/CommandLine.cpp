// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/CommandLine.h"

namespace strata::gui {

std::optional<std::vector<std::string>> splitCommandLine(const std::string &line)
{
    std::vector<std::string> words;
    std::string cur;
    bool inWord = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < line.size())
                cur += line[++i];
            else
                cur += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            cur += line[++i];
            inWord = true;
        } else if (c == ' ' || c == '\t') {
            if (inWord)
                words.push_back(cur);
            cur.clear();
            inWord = false;
        } else {
            cur += c;
            inWord = true;
        }
    }
    if (quote)
        return std::nullopt;
    if (inWord)
        words.push_back(cur);
    return words;
}

std::vector<std::string> consoleArgs(const std::string &line)
{
    auto words = splitCommandLine(line).value_or(std::vector<std::string>{});
    if (!words.empty() && (words.front() == "strata" || words.front() == "docker"))
        words.erase(words.begin());
    return words;
}

} // namespace strata::gui
