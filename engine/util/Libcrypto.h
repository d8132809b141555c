// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// OpenSSL's libcrypto, loaded on first use. Mapping it costs every `strata`
// process 3,500 symbol relocations (two thirds of the CLI's dynamic loading)
// and its first digest reads openssl.cnf: about 2 ms of CPU per start,
// measured with perf stat, paid by `run`, `ps` and every verb that hashes
// nothing big. The engine calls the few functions it needs through this
// table (Digest.cpp: SHA-256; registry/HttpClient.cpp: base64); the first
// call opens libcrypto.so.3.

#include <openssl/evp.h>

namespace strata::engine {

struct LibcryptoApi {
    decltype(&::EVP_MD_fetch) mdFetch;
    decltype(&::EVP_sha256) sha256;
    decltype(&::EVP_MD_CTX_new) ctxNew;
    decltype(&::EVP_MD_CTX_free) ctxFree;
    decltype(&::EVP_DigestInit_ex) digestInit;
    decltype(&::EVP_DigestUpdate) digestUpdate;
    decltype(&::EVP_DigestFinal_ex) digestFinal;
    decltype(&::EVP_EncodeBlock) encodeBlock;
    decltype(&::EVP_DecodeBlock) decodeBlock;
};

// The functions, resolved once; throws Internal naming the library when it
// cannot be loaded or lacks one of them.
const LibcryptoApi &libcrypto();

} // namespace strata::engine
