// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/util/Digest.h"

#include "engine/Error.h"
#include "engine/util/Libcrypto.h"
#include "engine/util/Sha256Portable.h"

#include <atomic>

namespace strata::engine {
namespace {

std::string toHex(const unsigned char *bytes, std::size_t size)
{
    static const char *digits = "0123456789abcdef";
    std::string hex;
    hex.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        hex.push_back(digits[bytes[i] >> 4]);
        hex.push_back(digits[bytes[i] & 15]);
    }
    return hex;
}

// What a process hashes without OpenSSL (Sha256Portable.h): enough for the
// config, manifest and chain ids of a `run` (a few KiB), so it never loads
// libcrypto; a command that hashes more (a listing of 1,000 images, a load)
// soon loads it and hashes several times faster from then on.
constexpr std::size_t kPortableBudget = 128 * 1024;
std::atomic<std::size_t> g_portableLeft{kPortableBudget};

bool takePortableBudget(std::size_t size)
{
    std::size_t left = g_portableLeft.load(std::memory_order_relaxed);
    while (size <= left)
        if (g_portableLeft.compare_exchange_weak(left, left - size, std::memory_order_relaxed))
            return true;
    return false;
}

bool isLowerHex(std::string_view s)
{
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace

bool Digest::isValid(std::string_view text)
{
    constexpr std::string_view prefix = "sha256:";
    return text.size() == prefix.size() + 64 && text.substr(0, prefix.size()) == prefix &&
           isLowerHex(text.substr(prefix.size()));
}

Digest Digest::parse(std::string_view text)
{
    if (!isValid(text))
        throw Error(ErrorCode::InvalidArgument,
                    "invalid digest \"" + std::string(text) + "\": expected sha256:<64 lowercase hex>");
    return fromHex(text.substr(7));
}

Digest Digest::fromHex(std::string_view hex)
{
    if (hex.size() != 64 || !isLowerHex(hex))
        throw Error(ErrorCode::InvalidArgument, "invalid sha256 hex \"" + std::string(hex) + "\"");
    Digest d;
    d.m_hex = std::string(hex);
    return d;
}

Digest Digest::ofBytes(std::string_view bytes)
{
    if (takePortableBudget(bytes.size())) {
        const auto sum = sha256Portable(bytes.data(), bytes.size());
        return fromHex(toHex(sum.data(), sum.size()));
    }
    Sha256 h;
    h.update(bytes);
    return h.finish();
}

struct Sha256::Ctx {
    EVP_MD_CTX *md = nullptr;
    ~Ctx()
    {
        if (md)
            libcrypto().ctxFree(md);
    }
};

namespace {

// OpenSSL 3 looks the implementation of EVP_sha256() up in its providers at
// every init (locks, property matching): a listing hashing 2,000 small
// blobs spent 4% of its time there. Fetched once, it is looked up once.
const EVP_MD *sha256Md()
{
    static const EVP_MD *const md = [] {
        const EVP_MD *fetched = libcrypto().mdFetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : libcrypto().sha256();
    }();
    return md;
}

} // namespace

Sha256::Sha256() : m_ctx(std::make_unique<Ctx>())
{
    m_ctx->md = libcrypto().ctxNew();
    if (!m_ctx->md || libcrypto().digestInit(m_ctx->md, sha256Md(), nullptr) != 1)
        throw Error(ErrorCode::Internal, "cannot initialise sha256");
}

Sha256::~Sha256() = default;
Sha256::Sha256(Sha256 &&) noexcept = default;
Sha256 &Sha256::operator=(Sha256 &&) noexcept = default;

void Sha256::update(const void *data, std::size_t size)
{
    if (size == 0)
        return;
    libcrypto().digestUpdate(m_ctx->md, data, size);
    m_bytes += size;
}

Digest Sha256::finish()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    libcrypto().digestFinal(m_ctx->md, out, &len);
    return Digest::fromHex(toHex(out, len));
}

} // namespace strata::engine
