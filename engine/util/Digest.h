// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A content digest "sha256:<64 hex>" (OCI image-spec descriptor.md#digests)
// and a streaming SHA-256 over OpenSSL's EVP interface.

#include <compare>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace strata::engine {

class Digest {
public:
    Digest() = default;
    // Parses "sha256:<64 lowercase hex>"; throws InvalidArgument naming `text`.
    static Digest parse(std::string_view text);
    // True when `text` is a well-formed sha256 digest.
    static bool isValid(std::string_view text);
    static Digest fromHex(std::string_view hex);
    static Digest ofBytes(std::string_view bytes);

    [[nodiscard]] bool empty() const { return m_hex.empty(); }
    [[nodiscard]] const std::string &hex() const { return m_hex; }
    [[nodiscard]] std::string str() const { return empty() ? std::string() : "sha256:" + m_hex; }
    // The 12-hex short id Docker prints.
    [[nodiscard]] std::string shortHex() const { return m_hex.substr(0, 12); }

    auto operator<=>(const Digest &) const = default;

private:
    std::string m_hex;
};

// Incremental SHA-256. finish() may be called once.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;
    Sha256(Sha256 &&) noexcept;
    Sha256 &operator=(Sha256 &&) noexcept;

    void update(const void *data, std::size_t size);
    void update(std::string_view bytes) { update(bytes.data(), bytes.size()); }
    [[nodiscard]] Digest finish();
    [[nodiscard]] std::uint64_t bytes() const { return m_bytes; }

private:
    struct Ctx;
    std::unique_ptr<Ctx> m_ctx;
    std::uint64_t m_bytes = 0;
};

} // namespace strata::engine

template <>
struct std::hash<strata::engine::Digest> {
    std::size_t operator()(const strata::engine::Digest &d) const noexcept
    {
        return std::hash<std::string>{}(d.hex());
    }
};
