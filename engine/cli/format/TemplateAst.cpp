// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TemplateAst.h"

namespace strata::engine::cli::tmpl {

namespace {

std::string joined(const std::vector<std::string> &parts, const char *separator)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i ? separator : "") + parts[i];
    return out;
}

// Go prints a parenthesised pipeline inside a command or chain with its
// parentheses.
std::string operand(const Node &node)
{
    return node.type == NodeType::Pipe ? "(" + node.str() + ")" : node.str();
}

} // namespace

std::string ListNode::str() const
{
    std::string out;
    for (const auto &node : nodes)
        out += node->str();
    return out;
}

std::string CommandNode::str() const
{
    std::string out;
    for (std::size_t i = 0; i < args.size(); ++i)
        out += (i ? " " : "") + operand(*args[i]);
    return out;
}

std::string PipeNode::str() const
{
    std::string out;
    if (!decl.empty())
        out = joined(decl, ", ") + (isAssign ? " = " : " := ");
    for (std::size_t i = 0; i < cmds.size(); ++i)
        out += (i ? " | " : "") + cmds[i]->str();
    return out;
}

std::string BranchNode::str() const
{
    const char *name = type == NodeType::If ? "if" : type == NodeType::Range ? "range" : "with";
    std::string out = std::string("{{") + name + " " + pipe->str() + "}}" + list->str();
    if (elseList)
        out += "{{else}}" + elseList->str();
    return out + "{{end}}";
}

std::string KeywordNode::str() const
{
    switch (type) {
    case NodeType::Break: return "{{break}}";
    case NodeType::Continue: return "{{continue}}";
    case NodeType::End: return "{{end}}";
    default: return "{{else}}";
    }
}

std::string FieldNode::str() const
{
    return "." + joined(ident, ".");
}

std::string VariableNode::str() const
{
    return joined(ident, ".");
}

std::string ChainNode::str() const
{
    std::string out = operand(*node);
    for (const auto &f : field)
        out += "." + f;
    return out;
}

} // namespace strata::engine::cli::tmpl
