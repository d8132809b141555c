// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TemplateLexer.h"

#include "engine/cli/format/GoFmt.h"
#include "engine/cli/format/TextWidth.h"

#include <algorithm>
#include <map>

namespace strata::engine::cli::tmpl {

namespace {

constexpr char32_t kEof = 0xFFFFFFFF;
constexpr std::string_view kLeftDelim = "{{";
constexpr std::string_view kRightDelim = "}}";

bool isSpace(char32_t r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }

// Go accepts any Unicode letter or digit in identifiers; beyond ASCII we
// treat every non-ASCII rune as a letter.
bool isAlphaNumeric(char32_t r)
{
    if (r == kEof)
        return false;
    return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') ||
           (r >= 0x80 && r != kRuneError);
}

// "- " right after "{{" trims the white space before the action.
bool hasLeftTrimMarker(std::string_view s) { return s.size() >= 2 && s[0] == '-' && isSpace(s[1]); }
// " -" right before "}}" trims the white space after it.
bool hasRightTrimMarker(std::string_view s) { return s.size() >= 2 && isSpace(s[0]) && s[1] == '-'; }

const std::map<std::string_view, TokenType> &keywords()
{
    static const std::map<std::string_view, TokenType> table{
        {"block", TokenType::Block}, {"break", TokenType::Break}, {"continue", TokenType::Continue},
        {"define", TokenType::Define}, {"else", TokenType::Else}, {"end", TokenType::End},
        {"if", TokenType::If}, {"nil", TokenType::Nil}, {"range", TokenType::Range},
        {"template", TokenType::Template}, {"with", TokenType::With},
    };
    return table;
}

class Lexer {
public:
    explicit Lexer(std::string_view input) : m_in(input) {}

    std::vector<Token> run()
    {
        State state = &Lexer::lexText;
        while (state)
            state = (this->*state)();
        return std::move(m_out);
    }

private:
    // Each state scans a little input and returns the next state, null to stop.
    struct StateFn;
    using State = StateFn (Lexer::*)();
    struct StateFn {
        StateFn(State s) : fn(s) {} // NOLINT(google-explicit-constructor): lets states return each other
        StateFn(std::nullptr_t) : fn(nullptr) {}
        operator State() const { return fn; } // NOLINT(google-explicit-constructor)
        State fn;
    };

    char32_t next()
    {
        if (m_pos >= m_in.size()) {
            m_width = 0;
            return kEof;
        }
        const std::size_t before = m_pos;
        const char32_t r = decodeRune(m_in, m_pos);
        m_width = m_pos - before;
        return r;
    }
    void backup() { m_pos -= m_width; }
    char32_t peek()
    {
        const char32_t r = next();
        backup();
        return r;
    }
    bool accept(std::string_view valid)
    {
        const char32_t r = next();
        if (r != kEof && r < 0x80 && valid.find(static_cast<char>(r)) != std::string_view::npos)
            return true;
        backup();
        return false;
    }
    void acceptRun(std::string_view valid)
    {
        while (accept(valid)) {
        }
    }
    std::string_view rest() const { return m_in.substr(m_pos); }
    int lineAt(std::size_t pos) const
    {
        return 1 + static_cast<int>(std::count(m_in.begin(), m_in.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    }
    void emit(TokenType type)
    {
        m_out.push_back({type, m_start, std::string(m_in.substr(m_start, m_pos - m_start)), lineAt(m_start)});
        m_start = m_pos;
    }
    void ignore() { m_start = m_pos; }
    StateFn fail(std::string message)
    {
        m_out.push_back({TokenType::Error, m_start, std::move(message), lineAt(m_pos)});
        return nullptr;
    }
    // At "}}", possibly preceded by a " -" trim marker?
    std::pair<bool, bool> atRightDelim() const
    {
        if (rest().substr(0, 2) == kRightDelim)
            return {true, false};
        if (hasRightTrimMarker(rest()) && rest().substr(2, 2) == kRightDelim)
            return {true, true};
        return {false, false};
    }
    // Can an identifier end here?
    bool atTerminator()
    {
        const char32_t r = peek();
        if (isSpace(r) || r == kEof)
            return true;
        switch (r) {
        case '.': case ',': case '|': case ':': case ')': case '(': case '}':
            return true;
        default:
            return false;
        }
    }

    StateFn lexText()
    {
        const auto x = m_in.find(kLeftDelim, m_pos);
        if (x == std::string_view::npos) {
            m_pos = m_in.size();
            if (m_pos > m_start)
                emit(TokenType::Text);
            emit(TokenType::Eof);
            return nullptr;
        }
        m_pos = x;
        std::size_t trim = 0;
        if (hasLeftTrimMarker(m_in.substr(m_pos + kLeftDelim.size()))) {
            const std::string_view text = m_in.substr(m_start, m_pos - m_start);
            trim = text.size() - (text.find_last_not_of(" \t\r\n") + 1);
        }
        m_pos -= trim;
        if (m_pos > m_start)
            emit(TokenType::Text);
        m_pos += trim;
        ignore();
        return &Lexer::lexLeftDelim;
    }

    StateFn lexLeftDelim()
    {
        m_pos += kLeftDelim.size();
        const std::size_t marker = hasLeftTrimMarker(rest()) ? 2 : 0;
        if (rest().substr(marker, 2) == "/*") {
            m_pos += marker;
            ignore();
            return &Lexer::lexComment;
        }
        emit(TokenType::LeftDelim);
        m_pos += marker;
        ignore();
        m_parenDepth = 0;
        return &Lexer::lexInsideAction;
    }

    StateFn lexComment()
    {
        m_pos += 2;
        const auto end = m_in.find("*/", m_pos);
        if (end == std::string_view::npos)
            return fail("unclosed comment");
        m_pos = end + 2;
        const auto [delim, trim] = atRightDelim();
        if (!delim)
            return fail("comment ends before closing delimiter");
        m_pos += (trim ? 2 : 0) + kRightDelim.size();
        if (trim)
            skipLeadingSpace();
        ignore();
        return &Lexer::lexText;
    }

    void skipLeadingSpace()
    {
        while (m_pos < m_in.size() && isSpace(static_cast<unsigned char>(m_in[m_pos])))
            ++m_pos;
    }

    StateFn lexRightDelim()
    {
        const bool trim = atRightDelim().second;
        if (trim) {
            m_pos += 2;
            ignore();
        }
        m_pos += kRightDelim.size();
        emit(TokenType::RightDelim);
        if (trim) {
            skipLeadingSpace();
            ignore();
        }
        return &Lexer::lexText;
    }

    StateFn lexInsideAction()
    {
        if (atRightDelim().first) {
            if (m_parenDepth == 0)
                return &Lexer::lexRightDelim;
            return fail("unclosed left paren");
        }
        const char32_t r = next();
        if (r == kEof)
            return fail("unclosed action");
        if (isSpace(r)) {
            backup(); // the space may belong to a " -}}" marker
            return &Lexer::lexSpace;
        }
        switch (r) {
        case '=': emit(TokenType::Assign); break;
        case ':':
            if (next() != '=')
                return fail("expected :=");
            emit(TokenType::Declare);
            break;
        case '|': emit(TokenType::Pipe); break;
        case '"': return &Lexer::lexQuote;
        case '`': return &Lexer::lexRawQuote;
        case '$': return &Lexer::lexVariable;
        case '\'': return &Lexer::lexChar;
        case '(':
            emit(TokenType::LeftParen);
            ++m_parenDepth;
            break;
        case ')':
            emit(TokenType::RightParen);
            if (--m_parenDepth < 0)
                return fail("unexpected right paren");
            break;
        default:
            if (r == '.' && m_pos < m_in.size() && !(m_in[m_pos] >= '0' && m_in[m_pos] <= '9'))
                return &Lexer::lexField;
            if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
                backup();
                return &Lexer::lexNumber;
            }
            if (isAlphaNumeric(r)) {
                backup();
                return &Lexer::lexIdentifier;
            }
            if (r < 0x7F && r >= 0x20) {
                emit(TokenType::Char);
                break;
            }
            return fail("unrecognized character in action: " + goRuneName(r));
        }
        return &Lexer::lexInsideAction;
    }

    StateFn lexSpace()
    {
        int spaces = 0;
        while (isSpace(peek())) {
            next();
            ++spaces;
        }
        // " -}}": the last space belongs to the trim marker.
        if (hasRightTrimMarker(m_in.substr(m_pos - 1)) && m_in.substr(m_pos + 1, 2) == kRightDelim) {
            --m_pos;
            if (spaces == 1)
                return &Lexer::lexRightDelim;
        }
        emit(TokenType::Space);
        return &Lexer::lexInsideAction;
    }

    StateFn lexIdentifier()
    {
        char32_t r;
        while (isAlphaNumeric(r = next())) {
        }
        backup();
        if (!atTerminator())
            return fail("bad character " + goRuneName(r));
        const std::string_view word = m_in.substr(m_start, m_pos - m_start);
        if (const auto it = keywords().find(word); it != keywords().end())
            emit(it->second);
        else if (word == "true" || word == "false")
            emit(TokenType::Bool);
        else
            emit(TokenType::Identifier);
        return &Lexer::lexInsideAction;
    }

    StateFn lexField() { return lexFieldOrVariable(TokenType::Field); }

    StateFn lexVariable()
    {
        if (atTerminator()) { // a lone "$"
            emit(TokenType::Variable);
            return &Lexer::lexInsideAction;
        }
        return lexFieldOrVariable(TokenType::Variable);
    }

    StateFn lexFieldOrVariable(TokenType type)
    {
        if (atTerminator()) { // "." alone is the dot, "$" alone the root
            emit(type == TokenType::Variable ? TokenType::Variable : TokenType::Dot);
            return &Lexer::lexInsideAction;
        }
        char32_t r;
        while (isAlphaNumeric(r = next())) {
        }
        backup();
        if (!atTerminator())
            return fail("bad character " + goRuneName(r));
        emit(type);
        return &Lexer::lexInsideAction;
    }

    // A '…' or "…" literal up to `close`; an escape may quote anything but the
    // end of input or line.
    StateFn lexEscaped(char32_t close, TokenType type, const char *unterminated)
    {
        for (;;) {
            char32_t r = next();
            if (r == '\\') {
                r = next();
                if (r != kEof && r != '\n')
                    continue;
            }
            if (r == kEof || r == '\n')
                return fail(unterminated);
            if (r == close)
                break;
        }
        emit(type);
        return &Lexer::lexInsideAction;
    }

    StateFn lexChar() { return lexEscaped('\'', TokenType::CharConstant, "unterminated character constant"); }

    bool scanNumber()
    {
        accept("+-");
        std::string_view digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX"))
                digits = "0123456789abcdefABCDEF_";
            else if (accept("oO"))
                digits = "01234567_";
            else if (accept("bB"))
                digits = "01_";
        }
        acceptRun(digits);
        if (accept("."))
            acceptRun(digits);
        if (digits.size() == 11 && accept("eE")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        if (digits.size() == 23 && accept("pP")) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    StateFn lexNumber()
    {
        if (!scanNumber())
            return fail("bad number syntax: " + goQuote(m_in.substr(m_start, m_pos - m_start)));
        if (const char32_t sign = peek(); sign == '+' || sign == '-') {
            // Complex constant "1+2i"; lexed so the parser can reject it.
            if (!scanNumber() || m_in[m_pos - 1] != 'i')
                return fail("bad number syntax: " + goQuote(m_in.substr(m_start, m_pos - m_start)));
        }
        emit(TokenType::Number);
        return &Lexer::lexInsideAction;
    }

    StateFn lexQuote() { return lexEscaped('"', TokenType::String, "unterminated quoted string"); }

    StateFn lexRawQuote()
    {
        for (;;) {
            const char32_t r = next();
            if (r == kEof)
                return fail("unterminated raw quoted string");
            if (r == '`')
                break;
        }
        emit(TokenType::RawString);
        return &Lexer::lexInsideAction;
    }

    std::string_view m_in;
    std::size_t m_pos = 0;   // scan position
    std::size_t m_start = 0; // start of the token being scanned
    std::size_t m_width = 0; // width of the last rune read, for backup()
    int m_parenDepth = 0;
    std::vector<Token> m_out;
};

bool isKeyword(TokenType type)
{
    return type >= TokenType::Block;
}

} // namespace

std::vector<Token> lex(std::string_view input)
{
    return Lexer(input).run();
}

std::string tokenString(const Token &token)
{
    if (token.type == TokenType::Eof)
        return "EOF";
    if (token.type == TokenType::Error)
        return token.val;
    if (isKeyword(token.type))
        return "<" + token.val + ">";
    if (runeCount(token.val) > 10) {
        std::size_t pos = 0;
        for (int i = 0; i < 10; ++i)
            (void)decodeRune(token.val, pos);
        return goQuote(std::string_view(token.val).substr(0, pos)) + "...";
    }
    return goQuote(token.val);
}

std::string goRuneName(char32_t rune)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string digits;
    for (char32_t v = rune; v != 0; v >>= 4)
        digits.insert(digits.begin(), hex[v & 0xF]);
    if (digits.size() < 4)
        digits.insert(0, 4 - digits.size(), '0');
    std::string out = "U+" + digits;
    std::string text;
    appendRune(text, rune);
    // Go adds the character itself when it is printable.
    const bool printable = rune == '"' || rune == '\\' || goQuote(text).find('\\') == std::string::npos;
    if (printable)
        out += " '" + text + "'";
    return out;
}

} // namespace strata::engine::cli::tmpl
