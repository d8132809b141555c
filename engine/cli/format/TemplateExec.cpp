// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TemplateExec.h"

#include "engine/Error.h"
#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/GoJson.h"
#include "engine/cli/format/TemplateFuncs.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace strata::engine::cli::tmpl {

namespace {

using Json = nlohmann::ordered_json;
using Args = std::vector<NodePtr>;
using Final = std::optional<Value>; // the previous pipeline stage's value, if any

// A copy of `object` with its top-level keys in Go's map order (sorted).
Json sortedKeys(const Json &object)
{
    if (!object.is_object())
        return object;
    std::vector<std::string> keys;
    for (const auto &item : object.items())
        keys.push_back(item.key());
    std::sort(keys.begin(), keys.end());
    Json out = Json::object();
    for (const auto &k : keys)
        out[k] = object.at(k);
    return out;
}

struct BreakSignal {};
struct ContinueSignal {};

class State {
public:
    State(std::string_view text, const TemplateOptions &options, std::string &out)
        : m_text(text)
        , m_options(options)
        , m_out(out)
    {
    }

    void run(const ListNode &root, const Json &data)
    {
        Value dot = Value::of(data);
        dot.root = true;
        m_vars.emplace_back("$", dot);
        walk(dot, root);
    }

private:
    // ---- errors --------------------------------------------------------

    void at(const Node &node) { m_node = &node; }

    [[noreturn]] void errorf(const std::string &message) const
    {
        if (!m_node)
            throw Error(ErrorCode::InvalidArgument, "template: : " + message);
        // Go's ErrorContext: 1-based line, 0-based byte column in that line.
        const std::string_view before = m_text.substr(0, m_node->pos);
        const auto line = 1 + std::count(before.begin(), before.end(), '\n');
        const auto lastNewline = before.rfind('\n');
        const std::size_t column = lastNewline == std::string_view::npos ? m_node->pos : m_node->pos - lastNewline - 1;
        throw Error(ErrorCode::InvalidArgument, "template: :" + std::to_string(line) + ":" + std::to_string(column) +
                                                    ": executing \"\" at <" + m_node->str() + ">: " + message);
    }

    void notAFunction(const Args &args, const Final &final)
    {
        if (args.size() > 1 || final)
            errorf("can't give argument to non-function " + args[0]->str());
    }

    // ---- variables -----------------------------------------------------

    std::size_t mark() const { return m_vars.size(); }
    void pop(std::size_t mark) { m_vars.resize(mark); }

    void setVar(const std::string &name, const Value &value)
    {
        for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it) {
            if (it->first == name) {
                it->second = value;
                return;
            }
        }
        errorf("undefined variable: " + name);
    }

    Value varValue(const std::string &name)
    {
        for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it)
            if (it->first == name)
                return it->second;
        errorf("undefined variable: " + name);
    }

    // ---- statements ----------------------------------------------------

    void walk(const Value &dot, const Node &node)
    {
        at(node);
        switch (node.type) {
        case NodeType::List:
            for (const auto &child : static_cast<const ListNode &>(node).nodes)
                walk(dot, *child);
            break;
        case NodeType::Text: m_out += static_cast<const TextNode &>(node).text; break;
        case NodeType::Action: {
            const auto &pipe = *static_cast<const ActionNode &>(node).pipe;
            const Value value = evalPipeline(dot, pipe);
            if (pipe.decl.empty())
                printValue(node, value);
            break;
        }
        case NodeType::If:
        case NodeType::With: walkIfOrWith(dot, static_cast<const BranchNode &>(node)); break;
        case NodeType::Range: walkRange(dot, static_cast<const BranchNode &>(node)); break;
        case NodeType::Break: throw BreakSignal{};
        case NodeType::Continue: throw ContinueSignal{};
        default: errorf("unknown node: " + node.str());
        }
    }

    void walkIfOrWith(const Value &dot, const BranchNode &node)
    {
        const std::size_t saved = mark();
        const Value value = evalPipeline(dot, *node.pipe);
        if (truth(value))
            walk(node.type == NodeType::With ? value : dot, *node.list);
        else if (node.elseList)
            walk(dot, *node.elseList);
        pop(saved);
    }

    void walkRange(const Value &dot, const BranchNode &node)
    {
        at(node);
        const std::size_t saved = mark();
        const Value value = evalPipeline(dot, *node.pipe);
        const std::size_t bodyMark = mark();
        const auto &decl = node.pipe->decl;
        auto iteration = [&](const Value &index, const Value &element) {
            if (!decl.empty()) {
                if (node.pipe->isAssign)
                    setVar(decl[0], decl.size() > 1 ? index : element);
                else
                    m_vars[m_vars.size() - 1].second = element; // the last declared variable
            }
            if (decl.size() > 1) {
                if (node.pipe->isAssign)
                    setVar(decl[1], element);
                else
                    m_vars[m_vars.size() - 2].second = index;
            }
            try {
                walk(element, *node.list);
            } catch (const ContinueSignal &) {
            }
            pop(bodyMark);
        };
        bool ran = false;
        try {
            ran = rangeOver(value, decl.size(), iteration);
        } catch (const BreakSignal &) {
            ran = true;
            pop(bodyMark);
        }
        if (!ran && node.elseList)
            walk(dot, *node.elseList);
        pop(saved);
    }

    // Calls `iteration` per element; false when there was nothing to visit.
    template <typename F>
    bool rangeOver(const Value &value, std::size_t variables, F &&iteration)
    {
        const Json &j = value.json;
        if (!value.valid || j.is_null())
            return false; // like a nil map or slice
        if (j.is_array()) {
            for (std::size_t i = 0; i < j.size(); ++i)
                iteration(Value::of(static_cast<std::int64_t>(i)), Value::of(j[i]));
            return !j.empty();
        }
        if (j.is_object()) {
            // Go ranges over maps in sorted key order.
            std::vector<std::string> keys;
            for (const auto &item : j.items())
                keys.push_back(item.key());
            std::sort(keys.begin(), keys.end());
            for (const auto &k : keys)
                iteration(Value::of(k), Value::of(j.at(k)));
            return !keys.empty();
        }
        if (j.is_number_integer()) { // Go 1.22: range over an integer
            if (variables > 1)
                errorf("can't use " + goFormatValue(j) + " to iterate over more than one variable");
            const std::int64_t n = j.is_number_unsigned() ? static_cast<std::int64_t>(j.get<std::uint64_t>())
                                                          : j.get<std::int64_t>();
            for (std::int64_t i = 0; i < n; ++i)
                iteration(Value::of(i), Value::of(i));
            return n > 0;
        }
        errorf("range can't iterate over " + goFormatValue(j));
    }

    void printValue(const Node &node, const Value &value)
    {
        at(node);
        if (!value.valid)
            m_out += "<no value>";
        else if (value.json.is_null())
            m_out += m_options.nullText;
        else
            m_out += goFormatValue(value.json);
    }

    // ---- pipelines and commands ----------------------------------------

    Value evalPipeline(const Value &dot, const PipeNode &pipe)
    {
        at(pipe);
        Final value;
        for (const auto &cmd : pipe.cmds)
            value = evalCommand(dot, *cmd, value);
        for (const auto &name : pipe.decl) {
            if (pipe.isAssign)
                setVar(name, *value);
            else
                m_vars.emplace_back(name, *value);
        }
        return *value;
    }

    Value evalCommand(const Value &dot, const CommandNode &cmd, const Final &final)
    {
        const Node &first = *cmd.args[0];
        switch (first.type) {
        case NodeType::Field: return evalFieldNode(dot, static_cast<const FieldNode &>(first), &cmd.args, final);
        case NodeType::Chain: return evalChainNode(dot, static_cast<const ChainNode &>(first), &cmd.args, final);
        case NodeType::Identifier:
            return evalFunction(dot, static_cast<const IdentifierNode &>(first), cmd, &cmd.args, final);
        case NodeType::Pipe:
            notAFunction(cmd.args, final);
            return evalPipeline(dot, static_cast<const PipeNode &>(first));
        case NodeType::Variable:
            return evalVariableNode(dot, static_cast<const VariableNode &>(first), &cmd.args, final);
        default: break;
        }
        at(first);
        notAFunction(cmd.args, final);
        switch (first.type) {
        case NodeType::Bool: return Value::of(static_cast<const BoolNode &>(first).value);
        case NodeType::Dot: return dot;
        case NodeType::Nil: errorf("nil is not a command");
        case NodeType::Number: return idealConstant(static_cast<const NumberNode &>(first));
        case NodeType::String: return Value::of(static_cast<const StringNode &>(first).text);
        default: errorf("can't evaluate command " + goQuote(first.str()));
        }
    }

    // An untyped constant used where no type is known: floats when written
    // as floats, ints otherwise.
    Value idealConstant(const NumberNode &n)
    {
        at(n);
        const bool hex = n.text.size() > 2 && n.text[0] == '0' && (n.text[1] == 'x' || n.text[1] == 'X');
        const bool looksFloat = n.text.find_first_of(".eEpP") != std::string::npos && !hex && n.text[0] != '\'';
        if (n.isFloat && (looksFloat || !n.isInt))
            return Value::of(n.floatValue);
        return Value::of(n.intValue);
    }

    Value evalFieldNode(const Value &dot, const FieldNode &field, const Args *args, const Final &final)
    {
        at(field);
        return evalFieldChain(dot, dot, field, field.ident, args, final);
    }

    Value evalChainNode(const Value &dot, const ChainNode &chain, const Args *args, const Final &final)
    {
        at(chain);
        if (chain.node->type == NodeType::Nil)
            errorf("indirection through explicit nil in " + chain.str());
        const Value receiver = evalArg(dot, ArgKind::Any, *chain.node, true);
        return evalFieldChain(dot, receiver, chain, chain.field, args, final);
    }

    Value evalVariableNode(const Value &dot, const VariableNode &variable, const Args *args, const Final &final)
    {
        at(variable);
        const Value value = varValue(variable.ident[0]);
        if (variable.ident.size() == 1) {
            if (args)
                notAFunction(*args, final);
            return value;
        }
        const std::vector<std::string> fields(variable.ident.begin() + 1, variable.ident.end());
        return evalFieldChain(dot, value, variable, fields, args, final);
    }

    // .X.Y.Z: all but the last field are plain lookups; the last one gets
    // the command's arguments (it may be a method).
    Value evalFieldChain(const Value &dot, Value receiver, const Node &node, const std::vector<std::string> &ident,
                         const Args *args, const Final &final)
    {
        for (std::size_t i = 0; i + 1 < ident.size(); ++i)
            receiver = evalField(dot, ident[i], node, nullptr, std::nullopt, receiver);
        return evalField(dot, ident.back(), node, args, final, receiver);
    }

    Value evalField(const Value &dot, const std::string &name, const Node &node, const Args *args,
                    const Final &final, const Value &receiver)
    {
        if (!receiver.valid) {
            if (m_options.missingKey == MissingKey::Error)
                errorf("nil data; no entry for key " + goQuote(name));
            return Value::invalid();
        }
        if (receiver.root) {
            if (const auto it = m_options.methods.find(name); it != m_options.methods.end())
                return evalMethod(dot, receiver, name, it->second, node, args, final);
        }
        const bool hasArgs = (args && args->size() > 1) || final;
        const Json &j = receiver.json;
        if (j.is_null())
            errorf("nil pointer evaluating interface {}." + name);
        const bool typed = receiver.root && !m_options.rootType.empty();
        if (!j.is_object())
            errorf("can't evaluate field " + name + " in type " + goTypeName(j));
        const auto it = j.find(name);
        if (it != j.end()) {
            // Docker's list contexts expose methods without parameters.
            if (hasArgs && typed)
                errorf("wrong number of args for " + name + ": want 0 got " +
                       std::to_string((args ? args->size() - 1 : 0) + (final ? 1 : 0)));
            if (hasArgs)
                errorf(name + " is not a method but has arguments");
            return Value::of(*it);
        }
        if (typed)
            errorf("can't evaluate field " + name + " in type " + m_options.rootType);
        if (hasArgs)
            errorf(name + " is not a method but has arguments");
        if (m_options.missingKey == MissingKey::Error)
            errorf("map has no entry for key " + goQuote(name));
        return Value::invalid();
    }

    Value evalMethod(const Value &dot, const Value &receiver, const std::string &name, const TemplateMethod &method,
                     const Node &node, const Args *args, const Final &final)
    {
        Function fn;
        fn.params.assign(method.arity, ArgKind::Any);
        fn.call = [&method, &receiver](const std::vector<Value> &argv) {
            std::vector<Json> values;
            for (const auto &v : argv)
                values.push_back(v.valid ? v.json : Json());
            try {
                return Value::of(method.call(receiver.json, values));
            } catch (const Error &e) {
                throw FuncError{e.what()};
            }
        };
        return evalCall(dot, fn, name, node, args, final);
    }

    Value evalFunction(const Value &dot, const IdentifierNode &ident, const Node &cmd, const Args *args,
                       const Final &final)
    {
        at(ident);
        const Function *fn = findFunction(ident.name, m_options.headerFunctions);
        if (!fn)
            errorf(goQuote(ident.name) + " is not a defined function");
        return evalCall(dot, *fn, ident.name, cmd, args, final);
    }

    // Checks the argument count and types against the function's Go
    // signature, evaluates the arguments and calls it.
    Value evalCall(const Value &dot, const Function &fn, const std::string &name, const Node &node, const Args *args,
                   const Final &final)
    {
        const std::size_t given = args ? args->size() - 1 : 0; // args[0] is the function itself
        const std::size_t numIn = given + (final ? 1 : 0);
        const std::size_t numFixed = fn.params.size();
        if (fn.variadic && numIn < numFixed)
            errorf("wrong number of args for " + name + ": want at least " + std::to_string(numFixed) + " got " +
                   std::to_string(given));
        if (!fn.variadic && numIn != numFixed)
            errorf("wrong number of args for " + name + ": want " + std::to_string(numFixed) + " got " +
                   std::to_string(numIn));

        if (!fn.call) // and, or: evaluate lazily, stop at the deciding value
            return andOr(dot, name == "or", args, final);

        std::vector<Value> argv;
        for (std::size_t i = 0; i < given; ++i)
            argv.push_back(evalArg(dot, i < numFixed ? fn.params[i] : fn.rest, *(*args)[i + 1]));
        if (final) {
            const ArgKind kind = (fn.variadic && numIn - 1 >= numFixed) ? fn.rest : fn.params[numIn - 1];
            argv.push_back(validate(*final, kind));
        }
        if (name == "json" && m_options.rootMarshalsAsMap && !m_options.headerFunctions && argv[0].root)
            return Value::of(goJsonCompact(sortedKeys(argv[0].json), true));
        try {
            return fn.call(argv);
        } catch (const FuncError &e) {
            at(node);
            errorf("error calling " + name + ": " + e.message);
        }
    }

    Value andOr(const Value &dot, bool isOr, const Args *args, const Final &final)
    {
        Value v = Value::invalid();
        for (std::size_t i = 1; args && i < args->size(); ++i) {
            v = evalArg(dot, ArgKind::Any, *(*args)[i]);
            if (truth(v) == isOr)
                return v;
        }
        return final ? *final : v;
    }

    Value evalArg(const Value &dot, ArgKind kind, const Node &n, bool untyped = false)
    {
        at(n);
        switch (n.type) {
        case NodeType::Dot: return validate(dot, kind, untyped);
        case NodeType::Nil:
            if (kind == ArgKind::Any || kind == ArgKind::StringList)
                return Value::of(kind == ArgKind::Any ? Json() : Json::array());
            errorf(std::string("cannot assign nil to ") + goTypeOf(kind));
        case NodeType::Field:
            return validate(evalFieldNode(dot, static_cast<const FieldNode &>(n), nullptr, std::nullopt), kind, untyped);
        case NodeType::Variable:
            return validate(evalVariableNode(dot, static_cast<const VariableNode &>(n), nullptr, std::nullopt), kind,
                            untyped);
        case NodeType::Pipe: return validate(evalPipeline(dot, static_cast<const PipeNode &>(n)), kind, untyped);
        case NodeType::Identifier:
            return validate(evalFunction(dot, static_cast<const IdentifierNode &>(n), n, nullptr, std::nullopt), kind,
                            untyped);
        case NodeType::Chain:
            return validate(evalChainNode(dot, static_cast<const ChainNode &>(n), nullptr, std::nullopt), kind, untyped);
        default: break;
        }
        return evalLiteral(kind, n);
    }

    // A literal argument must already have the parameter's type.
    Value evalLiteral(ArgKind kind, const Node &n)
    {
        switch (kind) {
        case ArgKind::String:
            if (n.type == NodeType::String)
                return Value::of(static_cast<const StringNode &>(n).text);
            errorf("expected string; found " + n.str());
        case ArgKind::Int:
            if (n.type == NodeType::Number && static_cast<const NumberNode &>(n).isInt)
                return Value::of(static_cast<const NumberNode &>(n).intValue);
            errorf("expected integer; found " + n.str());
        case ArgKind::StringList: errorf("can't handle " + n.str() + " for arg of type []string");
        case ArgKind::Any: break;
        }
        switch (n.type) {
        case NodeType::Bool: return Value::of(static_cast<const BoolNode &>(n).value);
        case NodeType::Number: return idealConstant(static_cast<const NumberNode &>(n));
        case NodeType::String: return Value::of(static_cast<const StringNode &>(n).text);
        default: errorf("can't handle assignment of " + n.str() + " to empty interface argument");
        }
    }

    // Go's validateType: does the value fit the parameter? `untyped` keeps
    // invalid values as they are (a chain's receiver has no parameter type).
    Value validate(const Value &v, ArgKind kind, bool untyped = false)
    {
        if (!v.valid || v.json.is_null()) {
            if (untyped)
                return v;
            if (kind == ArgKind::Any)
                return Value::of(Json());
            if (kind == ArgKind::StringList)
                return Value::of(Json::array());
            errorf(std::string("invalid value; expected ") + goTypeOf(kind));
        }
        const Json &j = v.json;
        bool fits = true;
        switch (kind) {
        case ArgKind::Any: return v;
        case ArgKind::String: fits = j.is_string(); break;
        case ArgKind::Int: fits = j.is_number_integer(); break;
        case ArgKind::StringList:
            fits = j.is_array() && std::all_of(j.begin(), j.end(), [](const Json &e) { return e.is_string(); });
            break;
        }
        if (!fits)
            errorf(std::string("wrong type for value; expected ") + goTypeOf(kind) + "; got " + goTypeName(j));
        return v;
    }

    std::string_view m_text;
    const TemplateOptions &m_options;
    std::string &m_out;
    const Node *m_node = nullptr; // the node being evaluated, for error locations
    std::vector<std::pair<std::string, Value>> m_vars;
};

} // namespace

void execute(const ListNode &root, std::string_view text, const nlohmann::ordered_json &data,
             const TemplateOptions &options, std::string &out)
{
    State(text, options, out).run(root, data);
}

} // namespace strata::engine::cli::tmpl
