// SPDX-License-Identifier: GPL-3.0-or-later
// Not a test: times applyLayer on a blob, for bench_extract.sh, which pairs
// it with bsdtar and GNU tar on the same layer.
//   bench_ApplyLayer LAYER DEST [diff|flatten]

#include "engine/Error.h"
#include "engine/layer/LayerApplier.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

int main(int argc, char **argv)
{
    namespace L = strata::engine::layer;
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s LAYER DEST [diff|flatten]\n", argv[0]);
        return 2;
    }
    try {
        L::ApplyOptions options;
        if (argc > 3 && std::string(argv[3]) == "flatten")
            options.mode = L::ApplyMode::Flatten;
        std::filesystem::create_directories(argv[2]);
        const auto start = std::chrono::steady_clock::now();
        auto source = L::openFileSource(argv[1]);
        const L::ApplyResult r = L::applyLayer(*source, argv[2], options);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        std::printf("%.3f s  %llu entries  %llu bytes  %s  diff_id %s\n", took.count(),
                    static_cast<unsigned long long>(r.entries), static_cast<unsigned long long>(r.contentBytes),
                    L::toString(r.compression), r.diffId.str().c_str());
        return 0;
    } catch (const strata::engine::Error &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
