// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/registry/HttpClient.h"
#include "engine/util/Libcrypto.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <mutex>

namespace strata::engine::registry {
namespace {

void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Exchange {
    const HttpRequest *request = nullptr;
    HttpResponse *response = nullptr;
    bool aborted = false;
};

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    const auto e = s.find_last_not_of(" \t\r\n");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

std::size_t onHeader(char *data, std::size_t size, std::size_t n, void *user)
{
    auto *x = static_cast<Exchange *>(user);
    const std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) {
        // A redirect or 100-continue came before: keep the final answer's
        // headers, and its status, which decides whether onData sees the body.
        x->response->headers.clear();
        const auto sp = line.find(' ');
        x->response->status = sp == std::string::npos ? 0 : std::atol(line.c_str() + sp + 1);
        return size * n;
    }
    const auto colon = line.find(':');
    if (colon != std::string::npos)
        x->response->headers.emplace(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
    return size * n;
}

std::size_t onBody(char *data, std::size_t size, std::size_t n, void *user)
{
    auto *x = static_cast<Exchange *>(user);
    if (x->request->onData && x->response->status >= 200 && x->response->status < 300) {
        if (!x->request->onData(x->response->status, data, size * n)) {
            x->aborted = true;
            return 0;
        }
        return size * n;
    }
    x->response->body.append(data, size * n);
    return size * n;
}

int onProgress(void *user, curl_off_t, curl_off_t, curl_off_t, curl_off_t ulnow)
{
    auto *x = static_cast<Exchange *>(user);
    if (x->request->onSent && ulnow > 0 && !x->request->onSent(static_cast<std::uint64_t>(ulnow))) {
        x->aborted = true;
        return 1;
    }
    return 0;
}

bool isTransient(CURLcode c)
{
    switch (c) {
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_GOT_NOTHING:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

bool isTls(CURLcode c)
{
    return c == CURLE_SSL_CONNECT_ERROR || c == CURLE_PEER_FAILED_VERIFICATION || c == CURLE_SSL_CERTPROBLEM ||
           c == CURLE_SSL_CIPHER || c == CURLE_SSL_CACERT_BADFILE || c == CURLE_USE_SSL_FAILED;
}

struct FileCloser {
    void operator()(FILE *f) const { std::fclose(f); }
};

} // namespace

std::string HttpResponse::header(const std::string &lowerName) const
{
    auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

HttpResponse httpSend(const HttpRequest &request)
{
    initCurlOnce();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl)
        throw Error(ErrorCode::Internal, "curl_easy_init failed");
    HttpResponse response;
    Exchange x{&request, &response};
    CURL *h = curl.get();
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
    // A stalled transfer (under 1 byte/s for 30 s) is a failure worth retrying.
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 30L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "strata/" STRATA_VERSION);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &x);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);

    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
    curl_slist *list = nullptr;
    for (const auto &hd : request.headers)
        list = curl_slist_append(list, hd.c_str());
    // No "Expect: 100-continue" round trip for uploads.
    list = curl_slist_append(list, "Expect:");
    headers.reset(list);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);

    std::unique_ptr<FILE, FileCloser> upload;
    if (request.method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else if (request.method != "GET") {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (!request.bodyFile.empty()) {
            upload.reset(std::fopen(request.bodyFile.c_str(), "rb"));
            if (!upload)
                throwErrno("open " + request.bodyFile.string());
            std::error_code ec;
            const auto size = std::filesystem::file_size(request.bodyFile, ec);
            curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(h, CURLOPT_READDATA, upload.get());
            curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
        } else {
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        }
    }

    const CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
        if (x.aborted && rc == CURLE_WRITE_ERROR)
            throw TransportError("transfer cancelled", false, false);
        if (x.aborted && rc == CURLE_ABORTED_BY_CALLBACK)
            throw TransportError("transfer cancelled", false, false);
        std::string why = errbuf[0] ? std::string(errbuf) : std::string(curl_easy_strerror(rc));
        throw TransportError(why, isTransient(rc), isTls(rc));
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

std::string base64Encode(const std::string &bytes)
{
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = libcrypto().encodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

std::string base64Decode(const std::string &text)
{
    std::string in;
    for (char c : text)
        if (c != '\n' && c != '\r' && c != ' ')
            in += c;
    while (in.size() % 4)
        in += '=';
    std::string out(3 * in.size() / 4 + 1, '\0');
    const int n = libcrypto().decodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(in.data()), static_cast<int>(in.size()));
    if (n < 0)
        throw Error(ErrorCode::InvalidArgument, "invalid base64");
    std::size_t len = static_cast<std::size_t>(n);
    // EVP_DecodeBlock counts padding as zero bytes.
    for (auto it = in.rbegin(); it != in.rend() && *it == '=' && len > 0; ++it)
        --len;
    out.resize(len);
    return out;
}

std::string urlEncode(const std::string &text)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace strata::engine::registry
