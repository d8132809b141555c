// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Elastic tabstops with the exact rules of Go's text/tabwriter, in the form
// docker/cli vendors it (cli/command/formatter/tabwriter), which measures
// cells in terminal columns (wide CJK = 2) instead of runes.
//
// Text is cut into cells at '\t' (and '\v'); '\n' ends a line, '\f' ends a
// line and the whole table. A cell is part of a column only if a tab
// terminates it, so the last cell of each line is never padded. A column is
// a run of consecutive lines that all have a cell at that index; its width
// is max(minWidth, widest cell + padding). A line with fewer cells ends the
// column for the lines below it, so later rows start fresh widths.
//
// Docker's tables use TabWriter(out, {10, 1, 3, ' ', 0}): columns at least
// ten wide, three spaces between the widest cell and the next column.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace strata::engine::cli {

class TabWriter {
public:
    enum Flag : unsigned {
        FilterHtml = 1 << 0,          // <tags> have width 0, &entities; width 1
        StripEscape = 1 << 1,         // drop the 0xff bytes around escaped text
        AlignRight = 1 << 2,          // pad on the left of each cell
        DiscardEmptyColumns = 1 << 3, // columns of empty '\v'-terminated cells vanish
        TabIndent = 1 << 4,           // pad leading empty cells with tabs
        Debug = 1 << 5,               // print '|' between columns
    };
    // Text between two Escape bytes is passed through unsplit; its width
    // excludes the Escape bytes.
    static constexpr char kEscape = '\xff';

    struct Options {
        int minWidth = 10; // minimal cell width including padding
        int tabWidth = 1;  // width of a tab when padding with tabs
        int padding = 3;   // added to the widest cell of a column
        char padChar = ' ';
        unsigned flags = 0;
    };
    // docker/cli formatter's NewWriter(out, 10, 1, 3, ' ', 0).
    [[nodiscard]] static Options dockerTable() { return Options{}; }

    explicit TabWriter(std::ostream &out, Options options = dockerTable());

    // Buffers `text`; complete tables are written as soon as they are known
    // (at '\f' or a line without tabs).
    void write(std::string_view text);
    // Writes everything buffered. Call once at the end.
    void flush();

private:
    struct Cell {
        std::size_t size = 0; // bytes in m_text
        int width = 0;        // terminal columns
        bool hardTab = false; // terminated by '\t' rather than '\v'
    };

    void appendText(std::string_view text);
    void updateWidth();
    void startEscape(char ch);
    void endEscape();
    std::size_t terminateCell(bool hardTab);
    void addLine();
    void reset();
    void flushBuffered();
    std::size_t format(std::size_t textPos, std::size_t line0, std::size_t line1);
    std::size_t writeLines(std::size_t textPos, std::size_t line0, std::size_t line1);
    void writePadding(int textWidth, int cellWidth, bool useTabs);

    std::ostream &m_out;
    Options m_options;

    std::string m_text;              // all cell text so far, without separators
    std::size_t m_widthPos = 0;      // m_text offset up to which m_cell.width is known
    Cell m_cell;                     // the cell being filled
    char m_endChar = 0;              // closes the current escape ('\xff', '>', ';'), 0 if none
    std::vector<std::vector<Cell>> m_lines;
    std::vector<int> m_widths;       // column widths while formatting
};

// Convenience: runs `text` through a TabWriter with `options` and returns
// the result (flushed).
[[nodiscard]] std::string tabulate(std::string_view text, TabWriter::Options options = TabWriter::dockerTable());

} // namespace strata::engine::cli
