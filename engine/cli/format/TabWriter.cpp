// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/cli/format/TabWriter.h"

#include "engine/cli/format/TextWidth.h"

#include <ostream>
#include <sstream>

namespace strata::engine::cli {

TabWriter::TabWriter(std::ostream &out, Options options)
    : m_out(out)
    , m_options(options)
{
    if (m_options.minWidth < 0 || m_options.tabWidth < 0 || m_options.padding < 0)
        m_options = dockerTable();
    if (m_options.padChar == '\t')
        m_options.flags &= ~AlignRight; // tab padding can only align left
    reset();
}

void TabWriter::reset()
{
    m_text.clear();
    m_widthPos = 0;
    m_cell = {};
    m_endChar = 0;
    m_lines.clear();
    m_widths.clear();
    addLine();
}

void TabWriter::addLine()
{
    m_lines.emplace_back();
}

void TabWriter::appendText(std::string_view text)
{
    m_text.append(text);
    m_cell.size += text.size();
}

void TabWriter::updateWidth()
{
    m_cell.width += static_cast<int>(displayWidth(std::string_view(m_text).substr(m_widthPos)));
    m_widthPos = m_text.size();
}

void TabWriter::startEscape(char ch)
{
    if (ch == kEscape)
        m_endChar = kEscape;
    else if (ch == '<')
        m_endChar = '>';
    else if (ch == '&')
        m_endChar = ';';
}

void TabWriter::endEscape()
{
    if (m_endChar == kEscape) {
        updateWidth();
        if (!(m_options.flags & StripEscape))
            m_cell.width -= 2; // the two Escape bytes take no room
    } else if (m_endChar == ';') {
        ++m_cell.width; // an HTML entity shows as one character; tags as none
    }
    m_widthPos = m_text.size();
    m_endChar = 0;
}

std::size_t TabWriter::terminateCell(bool hardTab)
{
    m_cell.hardTab = hardTab;
    auto &line = m_lines.back();
    line.push_back(m_cell);
    m_cell = {};
    return line.size();
}

void TabWriter::write(std::string_view text)
{
    std::size_t start = 0; // first byte of `text` not yet appended
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (m_endChar != 0) {
            if (ch != m_endChar)
                continue;
            // End of the escaped run: keep the closing byte unless stripped.
            const std::size_t end = (ch == kEscape && (m_options.flags & StripEscape)) ? i : i + 1;
            appendText(text.substr(start, end - start));
            start = i + 1;
            endEscape();
            continue;
        }
        if (ch == '\t' || ch == '\v' || ch == '\n' || ch == '\f') {
            appendText(text.substr(start, i - start));
            updateWidth();
            start = i + 1;
            const std::size_t cells = terminateCell(ch == '\t');
            if (ch == '\n' || ch == '\f') {
                addLine();
                // A one-cell line cannot affect the columns after it, so what
                // is buffered can be written now; '\f' always forces that.
                if (ch == '\f' || cells == 1) {
                    flushBuffered();
                    if (ch == '\f' && (m_options.flags & Debug))
                        m_out << "---\n";
                }
            }
        } else if (ch == kEscape || ((ch == '<' || ch == '&') && (m_options.flags & FilterHtml))) {
            appendText(text.substr(start, i - start));
            updateWidth();
            start = (ch == kEscape && (m_options.flags & StripEscape)) ? i + 1 : i;
            startEscape(ch);
        }
    }
    appendText(text.substr(start));
}

void TabWriter::flush()
{
    flushBuffered();
}

void TabWriter::flushBuffered()
{
    if (m_cell.size > 0) {
        if (m_endChar != 0)
            endEscape(); // an unterminated escape ends here
        terminateCell(false);
    }
    format(0, 0, m_lines.size());
    reset();
}

// Lays out lines [line0, line1) for the columns right of those whose widths
// are already on m_widths. A column block starts at the first line that has
// a cell in the next column and runs while lines keep having one; its width
// is fixed before recursing into the columns to its right.
std::size_t TabWriter::format(std::size_t textPos, std::size_t line0, std::size_t line1)
{
    const std::size_t column = m_widths.size();
    for (std::size_t line = line0; line < line1; ++line) {
        // The last cell of a line is not tab-terminated, so it is in no column.
        if (column + 1 >= m_lines[line].size())
            continue;
        textPos = writeLines(textPos, line0, line);
        line0 = line;

        int width = m_options.minWidth;
        bool discardable = true; // every cell empty and '\v'-terminated
        for (; line < line1 && column + 1 < m_lines[line].size(); ++line) {
            const Cell &c = m_lines[line][column];
            width = std::max(width, c.width + m_options.padding);
            if (c.width > 0 || c.hardTab)
                discardable = false;
        }
        if (discardable && (m_options.flags & DiscardEmptyColumns))
            width = 0;

        m_widths.push_back(width);
        textPos = format(textPos, line0, line);
        m_widths.pop_back();
        line0 = line;
        // The loop's ++ skips `line`, which has no cell in this column.
    }
    return writeLines(textPos, line0, line1);
}

std::size_t TabWriter::writeLines(std::size_t textPos, std::size_t line0, std::size_t line1)
{
    for (std::size_t i = line0; i < line1; ++i) {
        const auto &cells = m_lines[i];
        bool useTabs = m_options.flags & TabIndent; // only while cells are empty
        for (std::size_t j = 0; j < cells.size(); ++j) {
            const Cell &c = cells[j];
            if (j > 0 && (m_options.flags & Debug))
                m_out << '|';
            const bool inColumn = j < m_widths.size();
            if (c.size == 0) {
                if (inColumn)
                    writePadding(c.width, m_widths[j], useTabs);
                continue;
            }
            useTabs = false;
            if (m_options.flags & AlignRight) {
                if (inColumn)
                    writePadding(c.width, m_widths[j], false);
                m_out.write(m_text.data() + textPos, static_cast<std::streamsize>(c.size));
            } else {
                m_out.write(m_text.data() + textPos, static_cast<std::streamsize>(c.size));
                if (inColumn)
                    writePadding(c.width, m_widths[j], false);
            }
            textPos += c.size;
        }
        if (i + 1 == m_lines.size()) {
            // The last buffered line has no newline yet: write the text of
            // the unfinished cell as it is.
            m_out.write(m_text.data() + textPos, static_cast<std::streamsize>(m_cell.size));
            textPos += m_cell.size;
        } else {
            m_out << '\n';
        }
    }
    return textPos;
}

void TabWriter::writePadding(int textWidth, int cellWidth, bool useTabs)
{
    if (m_options.padChar == '\t' || useTabs) {
        const int tab = m_options.tabWidth;
        if (tab == 0)
            return; // tabs of no width cannot pad
        // Round the cell up to a whole number of tabs, then fill with tabs.
        cellWidth = (cellWidth + tab - 1) / tab * tab;
        const int missing = cellWidth - textWidth;
        m_out << std::string(static_cast<std::size_t>((missing + tab - 1) / tab), '\t');
        return;
    }
    if (cellWidth > textWidth)
        m_out << std::string(static_cast<std::size_t>(cellWidth - textWidth), m_options.padChar);
}

std::string tabulate(std::string_view text, TabWriter::Options options)
{
    std::ostringstream out;
    TabWriter writer(out, options);
    writer.write(text);
    writer.flush();
    return out.str();
}

} // namespace strata::engine::cli
