// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TemplateParser.h"

#include "engine/Error.h"
#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/TemplateLexer.h"
#include "engine/cli/format/TemplateLiterals.h"

#include <algorithm>
#include <vector>

namespace strata::engine::cli::tmpl {

namespace {

bool isOperandStart(TokenType t)
{
    switch (t) {
    case TokenType::Bool: case TokenType::CharConstant: case TokenType::Dot: case TokenType::Field:
    case TokenType::Identifier: case TokenType::Number: case TokenType::Nil: case TokenType::RawString:
    case TokenType::String: case TokenType::Variable: case TokenType::LeftParen:
        return true;
    default:
        return false;
    }
}

std::vector<std::string> splitDots(const std::string &text)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t dot; (dot = text.find('.', start)) != std::string::npos; start = dot + 1)
        parts.push_back(text.substr(start, dot - start));
    parts.push_back(text.substr(start));
    return parts;
}

class Parser {
public:
    Parser(std::string_view text, const std::function<bool(std::string_view)> &isFunction)
        : m_tokens(lex(text))
        , m_isFunction(isFunction)
    {
    }

    std::unique_ptr<ListNode> parseTemplate()
    {
        auto root = std::make_unique<ListNode>(peek().pos);
        while (peek().type != TokenType::Eof) {
            NodePtr n = textOrAction();
            if (n->type == NodeType::End || n->type == NodeType::Else)
                errorf("unexpected " + n->str());
            root->nodes.push_back(std::move(n));
        }
        return root;
    }

private:
    // Token access. The token vector ends with Eof or Error; reading never
    // moves past it. Errors report the line of the furthest token read, as
    // Go's parser reports the line of its last lexed item.
    const Token &next()
    {
        const Token &t = m_tokens[std::min(m_i, m_tokens.size() - 1)];
        m_furthest = std::max(m_furthest, std::min(m_i, m_tokens.size() - 1));
        ++m_i;
        return t;
    }
    void backup() { --m_i; }
    const Token &peek()
    {
        const Token &t = next();
        backup();
        return t;
    }
    const Token &nextNonSpace()
    {
        for (;;) {
            const Token &t = next();
            if (t.type != TokenType::Space)
                return t;
        }
    }
    const Token &peekNonSpace()
    {
        const Token &t = nextNonSpace();
        backup();
        return t;
    }

    [[noreturn]] void errorf(const std::string &message)
    {
        throw Error(ErrorCode::InvalidArgument,
                    "template: :" + std::to_string(m_tokens[m_furthest].line) + ": " + message);
    }
    [[noreturn]] void unexpected(const Token &token, const std::string &context)
    {
        if (token.type == TokenType::Error) {
            std::string extra;
            if (m_actionLine != 0 && m_actionLine != token.line) {
                extra = " in action started at :" + std::to_string(m_actionLine);
                if (token.val.size() >= 7 && token.val.compare(token.val.size() - 7, 7, " action") == 0)
                    extra = extra.substr(10); // "unclosed action started at", not "action in action"
            }
            errorf(token.val + extra);
        }
        errorf("unexpected " + tokenString(token) + " in " + context);
    }
    const Token &expect(TokenType type, const std::string &context)
    {
        const Token &t = nextNonSpace();
        if (t.type != type)
            unexpected(t, context);
        return t;
    }

    // textOrAction: text | action. Comments never reach the parser.
    NodePtr textOrAction()
    {
        const Token &t = nextNonSpace();
        if (t.type == TokenType::Text)
            return std::make_unique<TextNode>(t.pos, t.val);
        if (t.type == TokenType::LeftDelim) {
            m_actionLine = t.line;
            NodePtr n = action();
            m_actionLine = 0;
            return n;
        }
        unexpected(t, "input");
    }

    // itemList: textOrAction* up to {{end}} or {{else}}, which is returned.
    std::pair<std::unique_ptr<ListNode>, NodePtr> itemList()
    {
        auto list = std::make_unique<ListNode>(peekNonSpace().pos);
        while (peekNonSpace().type != TokenType::Eof) {
            NodePtr n = textOrAction();
            if (n->type == NodeType::End || n->type == NodeType::Else)
                return {std::move(list), std::move(n)};
            list->nodes.push_back(std::move(n));
        }
        errorf("unexpected EOF");
    }

    NodePtr action()
    {
        const Token &t = nextNonSpace();
        switch (t.type) {
        case TokenType::Else: return elseControl();
        case TokenType::End: return std::make_unique<KeywordNode>(NodeType::End, expect(TokenType::RightDelim, "end").pos);
        case TokenType::If: return control(NodeType::If, "if");
        case TokenType::Range: return control(NodeType::Range, "range");
        case TokenType::With: return control(NodeType::With, "with");
        case TokenType::Break:
        case TokenType::Continue: return loopControl(t);
        case TokenType::Block:
        case TokenType::Define:
        case TokenType::Template: errorf("{{" + t.val + "}} is not supported");
        default: break;
        }
        backup();
        const std::size_t pos = peek().pos;
        // Variables declared here live until the enclosing {{end}}.
        return std::make_unique<ActionNode>(pos, pipeline("command", TokenType::RightDelim));
    }

    NodePtr loopControl(const Token &keyword)
    {
        const std::string name = "{{" + keyword.val + "}}";
        if (const Token &t = nextNonSpace(); t.type != TokenType::RightDelim)
            unexpected(t, name);
        if (m_rangeDepth == 0)
            errorf(name + " outside {{range}}");
        return std::make_unique<KeywordNode>(keyword.type == TokenType::Break ? NodeType::Break : NodeType::Continue,
                                             keyword.pos);
    }

    NodePtr elseControl()
    {
        // "{{else if ...}}" and "{{else with ...}}" leave the keyword pending:
        // the caller parses it as a nested if/with.
        const Token &p = peekNonSpace();
        if (p.type == TokenType::If || p.type == TokenType::With)
            return std::make_unique<KeywordNode>(NodeType::Else, p.pos);
        return std::make_unique<KeywordNode>(NodeType::Else, expect(TokenType::RightDelim, "else").pos);
    }

    NodePtr control(NodeType type, const std::string &context)
    {
        const std::size_t savedVars = m_vars.size();
        auto node = std::make_unique<BranchNode>(type, 0);
        node->pipe = pipeline(context, TokenType::RightDelim);
        node->pos = node->pipe->pos;
        if (type == NodeType::Range)
            ++m_rangeDepth;
        auto [list, next] = itemList();
        if (type == NodeType::Range)
            --m_rangeDepth;
        node->list = std::move(list);
        if (next->type == NodeType::Else) {
            const TokenType chained = type == NodeType::If ? TokenType::If : TokenType::With;
            if (type != NodeType::Range && peek().type == chained) {
                // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}.
                this->next();
                node->elseList = std::make_unique<ListNode>(next->pos);
                node->elseList->nodes.push_back(control(type, context));
            } else {
                auto [elseList, end] = itemList();
                if (end->type != NodeType::End)
                    errorf("expected end; found " + end->str());
                node->elseList = std::move(elseList);
            }
        }
        m_vars.resize(savedVars);
        return node;
    }

    // pipeline: declarations? command ("|" command)*
    std::unique_ptr<PipeNode> pipeline(const std::string &context, TokenType end)
    {
        auto pipe = std::make_unique<PipeNode>(peekNonSpace().pos);
        declarations(*pipe, context);
        for (;;) {
            const Token &t = nextNonSpace();
            if (t.type == end) {
                checkPipeline(*pipe, context);
                return pipe;
            }
            if (!isOperandStart(t.type))
                unexpected(t, context);
            backup();
            pipe->cmds.push_back(command());
        }
    }

    void declarations(PipeNode &pipe, const std::string &context)
    {
        for (;;) {
            if (peekNonSpace().type != TokenType::Variable)
                return;
            const std::size_t mark = m_i;
            const Token &v = nextNonSpace();
            const Token &after = peekNonSpace();
            if (after.type == TokenType::Assign || after.type == TokenType::Declare) {
                pipe.isAssign = after.type == TokenType::Assign;
                nextNonSpace();
                pipe.decl.push_back(v.val);
                m_vars.push_back(v.val);
                return;
            }
            if (after.type == TokenType::Char && after.val == ",") {
                nextNonSpace();
                pipe.decl.push_back(v.val);
                m_vars.push_back(v.val);
                if (context == "range" && pipe.decl.size() < 2) {
                    const TokenType t = peekNonSpace().type;
                    if (t == TokenType::Variable || t == TokenType::RightDelim || t == TokenType::RightParen)
                        continue; // the second variable of "range $i, $e :="
                    errorf("range can only initialize variables");
                }
                errorf("too many declarations in " + context);
            }
            m_i = mark; // "$x" was an operand, not a declaration
            return;
        }
    }

    void checkPipeline(const PipeNode &pipe, const std::string &context)
    {
        if (pipe.cmds.empty())
            errorf("missing value for " + context);
        // Only the first command may start with a non-executable operand.
        for (std::size_t i = 1; i < pipe.cmds.size(); ++i) {
            switch (pipe.cmds[i]->args.front()->type) {
            case NodeType::Bool: case NodeType::Dot: case NodeType::Nil: case NodeType::Number: case NodeType::String:
                errorf("non executable command in pipeline stage " + std::to_string(i + 1));
            default:
                break;
            }
        }
    }

    // command: operand (space operand)*, ending at "|", "}}" or ")".
    std::unique_ptr<CommandNode> command()
    {
        auto cmd = std::make_unique<CommandNode>(peekNonSpace().pos);
        for (;;) {
            peekNonSpace();
            if (NodePtr op = operand())
                cmd->args.push_back(std::move(op));
            const Token &t = next();
            if (t.type == TokenType::Space)
                continue;
            if (t.type == TokenType::RightDelim || t.type == TokenType::RightParen)
                backup();
            else if (t.type != TokenType::Pipe)
                unexpected(t, "operand");
            break;
        }
        if (cmd->args.empty())
            errorf("empty command");
        return cmd;
    }

    // operand: term .Field*
    NodePtr operand()
    {
        NodePtr node = term();
        if (!node || peek().type != TokenType::Field)
            return node;
        auto chain = std::make_unique<ChainNode>(peek().pos, nullptr);
        const NodeType termType = node->type;
        const std::string termText = node->str();
        chain->node = std::move(node);
        while (peek().type == TokenType::Field)
            chain->field.push_back(next().val.substr(1));
        switch (termType) {
        case NodeType::Field:
        case NodeType::Variable: {
            // ".A" ".B" and "$x" ".B" fold into one field or variable node.
            const std::string text = chain->str();
            auto parts = splitDots(termType == NodeType::Field ? text.substr(1) : text);
            if (termType == NodeType::Field)
                return std::make_unique<FieldNode>(chain->pos, std::move(parts));
            return std::make_unique<VariableNode>(chain->pos, std::move(parts));
        }
        case NodeType::Bool: case NodeType::String: case NodeType::Number: case NodeType::Nil: case NodeType::Dot:
            errorf("unexpected . after term " + goQuote(termText));
        default:
            return chain;
        }
    }

    NodePtr term()
    {
        const Token &t = nextNonSpace();
        switch (t.type) {
        case TokenType::Identifier:
            if (!m_isFunction(t.val))
                errorf("function " + goQuote(t.val) + " not defined");
            return std::make_unique<IdentifierNode>(t.pos, t.val);
        case TokenType::Dot: return std::make_unique<DotNode>(t.pos);
        case TokenType::Nil: return std::make_unique<NilNode>(t.pos);
        case TokenType::Variable: return useVariable(t);
        case TokenType::Field: return std::make_unique<FieldNode>(t.pos, std::vector<std::string>{t.val.substr(1)});
        case TokenType::Bool: return std::make_unique<BoolNode>(t.pos, t.val == "true");
        case TokenType::CharConstant:
        case TokenType::Number: {
            auto n = std::make_unique<NumberNode>(t.pos, t.val);
            if (std::string err = parseNumber(*n, t.type == TokenType::CharConstant); !err.empty())
                errorf(err);
            return n;
        }
        case TokenType::LeftParen: {
            if (++m_depth > 1000)
                errorf("max expression depth exceeded");
            auto pipe = pipeline("parenthesized pipeline", TokenType::RightParen);
            --m_depth;
            return pipe;
        }
        case TokenType::String:
        case TokenType::RawString: {
            std::string text;
            if (!goUnquote(t.val, text))
                errorf("invalid syntax");
            return std::make_unique<StringNode>(t.pos, t.val, std::move(text));
        }
        default:
            backup();
            return nullptr;
        }
    }

    NodePtr useVariable(const Token &t)
    {
        auto v = std::make_unique<VariableNode>(t.pos, splitDots(t.val));
        if (std::find(m_vars.begin(), m_vars.end(), v->ident[0]) == m_vars.end())
            errorf("undefined variable " + goQuote(v->ident[0]));
        return v;
    }

    std::vector<Token> m_tokens;
    std::size_t m_i = 0;        // next token
    std::size_t m_furthest = 0; // furthest token read, for error lines
    const std::function<bool(std::string_view)> &m_isFunction;
    std::vector<std::string> m_vars{"$"}; // variables in scope
    int m_rangeDepth = 0;
    int m_actionLine = 0; // line of the "{{" of the action being parsed
    int m_depth = 0;      // nesting of parenthesised pipelines
};

} // namespace

std::unique_ptr<ListNode> parse(std::string_view text, const std::function<bool(std::string_view)> &isFunction)
{
    return Parser(text, isFunction).parseTemplate();
}

} // namespace strata::engine::cli::tmpl
