// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/fs/TreeEntry.h"

#include <cstdio>
#include <sys/stat.h>

namespace strata::engine::fs {

std::string_view toString(EntryType t)
{
    switch (t) {
    case EntryType::File: return "file";
    case EntryType::Dir: return "dir";
    case EntryType::Symlink: return "symlink";
    case EntryType::Fifo: return "fifo";
    case EntryType::Char: return "chr";
    case EntryType::Block: return "blk";
    case EntryType::Socket: return "socket";
    }
    return "file";
}

EntryType entryTypeOf(unsigned stMode)
{
    switch (stMode & S_IFMT) {
    case S_IFDIR: return EntryType::Dir;
    case S_IFLNK: return EntryType::Symlink;
    case S_IFIFO: return EntryType::Fifo;
    case S_IFCHR: return EntryType::Char;
    case S_IFBLK: return EntryType::Block;
    case S_IFSOCK: return EntryType::Socket;
    default: return EntryType::File;
    }
}

std::string modeString(unsigned mode)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0%o", mode & 07777);
    std::string s = buf;
    // "0755" for plain permissions; "04755"/"01777" when special bits are set.
    if ((mode & 07000) == 0 && s.size() < 4)
        s.insert(1, 4 - s.size(), '0');
    return s;
}

} // namespace strata::engine::fs
