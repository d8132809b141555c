// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parse tree of a Go text/template, shaped like Go's text/template/parse
// nodes so that errors can quote a node the way Go does ("at <.Foo>").
// Every node records its byte offset in the template text; str() rebuilds
// Go's String() form of the node.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace strata::engine::cli::tmpl {

enum class NodeType {
    List, Text, Action, If, Range, With, Break, Continue, // statements
    Pipe, Command,                                       // pipelines
    Field, Variable, Chain, Identifier, Dot, Nil, Bool, Number, String, // operands
    End, Else,                                           // parser-internal markers
};

struct Node {
    Node(NodeType t, std::size_t p) : type(t), pos(p) {}
    virtual ~Node() = default;
    [[nodiscard]] virtual std::string str() const = 0;

    NodeType type;
    std::size_t pos; // byte offset in the template text
};
using NodePtr = std::unique_ptr<Node>;

struct ListNode : Node {
    explicit ListNode(std::size_t p) : Node(NodeType::List, p) {}
    [[nodiscard]] std::string str() const override;
    std::vector<NodePtr> nodes;
};

struct TextNode : Node {
    TextNode(std::size_t p, std::string t) : Node(NodeType::Text, p), text(std::move(t)) {}
    [[nodiscard]] std::string str() const override { return text; }
    std::string text;
};

struct CommandNode : Node {
    explicit CommandNode(std::size_t p) : Node(NodeType::Command, p) {}
    [[nodiscard]] std::string str() const override;
    std::vector<NodePtr> args; // args[0] is the function, field or operand
};

// declarations ":=" or "=" followed by commands joined with "|".
struct PipeNode : Node {
    explicit PipeNode(std::size_t p) : Node(NodeType::Pipe, p) {}
    [[nodiscard]] std::string str() const override;
    bool isAssign = false;          // "$x = ..." rather than "$x := ..."
    std::vector<std::string> decl;  // variable names, "$x"
    std::vector<std::unique_ptr<CommandNode>> cmds;
};

struct ActionNode : Node {
    ActionNode(std::size_t p, std::unique_ptr<PipeNode> pp) : Node(NodeType::Action, p), pipe(std::move(pp)) {}
    [[nodiscard]] std::string str() const override { return "{{" + pipe->str() + "}}"; }
    std::unique_ptr<PipeNode> pipe;
};

// if, range and with share one shape.
struct BranchNode : Node {
    BranchNode(NodeType t, std::size_t p) : Node(t, p) {}
    [[nodiscard]] std::string str() const override;
    std::unique_ptr<PipeNode> pipe;
    std::unique_ptr<ListNode> list;
    std::unique_ptr<ListNode> elseList; // may be null
};

// A keyword-only node: {{break}}, {{continue}}, and the {{end}} / {{else}}
// markers the parser returns while building lists.
struct KeywordNode : Node {
    KeywordNode(NodeType t, std::size_t p) : Node(t, p) {}
    [[nodiscard]] std::string str() const override;
};

struct FieldNode : Node {
    FieldNode(std::size_t p, std::vector<std::string> i) : Node(NodeType::Field, p), ident(std::move(i)) {}
    [[nodiscard]] std::string str() const override;
    std::vector<std::string> ident; // ".A.B" -> {"A", "B"}
};

struct VariableNode : Node {
    VariableNode(std::size_t p, std::vector<std::string> i) : Node(NodeType::Variable, p), ident(std::move(i)) {}
    [[nodiscard]] std::string str() const override;
    std::vector<std::string> ident; // "$x.A" -> {"$x", "A"}
};

// A term followed by field accesses, e.g. (index .M "k").Name.
struct ChainNode : Node {
    ChainNode(std::size_t p, NodePtr n) : Node(NodeType::Chain, p), node(std::move(n)) {}
    [[nodiscard]] std::string str() const override;
    NodePtr node;
    std::vector<std::string> field;
};

struct IdentifierNode : Node {
    IdentifierNode(std::size_t p, std::string n) : Node(NodeType::Identifier, p), name(std::move(n)) {}
    [[nodiscard]] std::string str() const override { return name; }
    std::string name;
};

struct DotNode : Node {
    explicit DotNode(std::size_t p) : Node(NodeType::Dot, p) {}
    [[nodiscard]] std::string str() const override { return "."; }
};

struct NilNode : Node {
    explicit NilNode(std::size_t p) : Node(NodeType::Nil, p) {}
    [[nodiscard]] std::string str() const override { return "nil"; }
};

struct BoolNode : Node {
    BoolNode(std::size_t p, bool v) : Node(NodeType::Bool, p), value(v) {}
    [[nodiscard]] std::string str() const override { return value ? "true" : "false"; }
    bool value;
};

// A numeric constant. Like Go's NumberNode it may be usable both as an
// integer and a float ("3", "1e3", 'a').
struct NumberNode : Node {
    NumberNode(std::size_t p, std::string t) : Node(NodeType::Number, p), text(std::move(t)) {}
    [[nodiscard]] std::string str() const override { return text; }
    std::string text;
    bool isInt = false;
    bool isFloat = false;
    std::int64_t intValue = 0;
    double floatValue = 0;
};

struct StringNode : Node {
    StringNode(std::size_t p, std::string q, std::string t)
        : Node(NodeType::String, p), quoted(std::move(q)), text(std::move(t)) {}
    [[nodiscard]] std::string str() const override { return quoted; }
    std::string quoted; // as written, quotes included
    std::string text;   // unquoted value
};

} // namespace strata::engine::cli::tmpl
