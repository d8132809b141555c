// SPDX-License-Identifier: GPL-3.0-or-later
// Prints a registry transfer (pull, push) as the Docker CLI prints the
// daemon's progress stream: used by `pull`, `push` and by `run`/`create`
// when they pull a missing image.
#pragma once

#include "engine/registry/Transfer.h"

#include <cstddef>
#include <map>
#include <ostream>
#include <string>

namespace strata::engine::cli {

// jsonmessage.DisplayJSONMessagesStream: off a terminal one line per status,
// progress updates dropped; on a terminal one line per id, rewritten in place
// with cursor movements as its state and bar change.
class TransferPrinter {
public:
    TransferPrinter(std::ostream &out, bool terminal) : m_out(out), m_terminal(terminal) {}

    void operator()(const registry::ProgressMessage &m);

    // The sink pull/push report to: this printer, or nothing with -q.
    registry::ProgressSink sink(bool quiet);

private:
    std::ostream &m_out;
    bool m_terminal;
    std::map<std::string, std::size_t> m_lines;
};

} // namespace strata::engine::cli
