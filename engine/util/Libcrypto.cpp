// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/Libcrypto.h"

#include "engine/Error.h"
#include "engine/util/LazyLibrary.h"

namespace strata::engine {

const LibcryptoApi &libcrypto()
{
    // The ABI 3 soname: Debian 12's libssl3, the one the engine builds against.
    static LazyLibrary lib("libcrypto.so.3");
    static const LibcryptoApi api = [] {
        LibcryptoApi a{};
        bool complete = true;
        const auto load = [&](auto &fn, const char *name) {
            fn = lib.symbol<std::remove_reference_t<decltype(fn)>>(name);
            complete = complete && fn != nullptr;
        };
        load(a.mdFetch, "EVP_MD_fetch");
        load(a.sha256, "EVP_sha256");
        load(a.ctxNew, "EVP_MD_CTX_new");
        load(a.ctxFree, "EVP_MD_CTX_free");
        load(a.digestInit, "EVP_DigestInit_ex");
        load(a.digestUpdate, "EVP_DigestUpdate");
        load(a.digestFinal, "EVP_DigestFinal_ex");
        load(a.encodeBlock, "EVP_EncodeBlock");
        load(a.decodeBlock, "EVP_DecodeBlock");
        if (!complete)
            throw Error(ErrorCode::Internal, "cannot load libcrypto.so.3 (OpenSSL 3): " +
                                                 std::string(lib.handle() ? "a function is missing" : "not installed"));
        return a;
    }();
    return api;
}

} // namespace strata::engine
