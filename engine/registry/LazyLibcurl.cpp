// SPDX-License-Identifier: GPL-3.0-or-later
// libcurl, loaded on first use. Linking libcurl makes every `strata` process
// map and relocate it and its 20-odd dependencies (gnutls, krb5, ldap, ssh2,
// idn2…): 2 to 7 ms at each start measured with LD_DEBUG=statistics, paid by
// `run`, `ps` and every other verb that never talks HTTP. The engine is linked
// against these definitions instead: the first call opens libcurl.so.4 and
// each function forwards to the real one. The callers (HttpClient,
// remote/ApiClient) keep using <curl/curl.h> as before.
//
// A curl function the engine starts to use must be added here (the link
// fails with an undefined reference until it is).
// The function definitions below must not be curl.h's type-checking macros.
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include "engine/util/LazyLibrary.h"

#include <cstdarg>

namespace {

// The library's ABI 4 soname (Debian's libcurl4: the one the engine builds against).
strata::engine::LazyLibrary &libcurl()
{
    static strata::engine::LazyLibrary lib("libcurl.so.4");
    return lib;
}

#define STRATA_REAL(fn) static const auto real_##fn = libcurl().symbol<decltype(&::fn)>(#fn)

} // namespace

extern "C" {

CURLcode curl_global_init(long flags)
{
    STRATA_REAL(curl_global_init);
    return real_curl_global_init ? real_curl_global_init(flags) : CURLE_FAILED_INIT;
}

CURL *curl_easy_init(void)
{
    STRATA_REAL(curl_easy_init);
    return real_curl_easy_init ? real_curl_easy_init() : nullptr;
}

// Only a handle from curl_easy_init reaches the functions below, so libcurl
// is loaded by then.
void curl_easy_cleanup(CURL *h)
{
    STRATA_REAL(curl_easy_cleanup);
    real_curl_easy_cleanup(h);
}

void curl_easy_reset(CURL *h)
{
    STRATA_REAL(curl_easy_reset);
    real_curl_easy_reset(h);
}

CURLcode curl_easy_perform(CURL *h)
{
    STRATA_REAL(curl_easy_perform);
    return real_curl_easy_perform(h);
}

// A hijacked Engine API connection (remote/HijackedConnection): CONNECT_ONLY, then raw bytes.
CURLcode curl_easy_send(CURL *h, const void *buffer, size_t length, size_t *sent)
{
    STRATA_REAL(curl_easy_send);
    return real_curl_easy_send(h, buffer, length, sent);
}

CURLcode curl_easy_recv(CURL *h, void *buffer, size_t length, size_t *received)
{
    STRATA_REAL(curl_easy_recv);
    return real_curl_easy_recv(h, buffer, length, received);
}

// The one argument's type follows from the option's range (curl.h's
// CURLOPTTYPE_*): read it as that type, pass it on as that type.
CURLcode curl_easy_setopt(CURL *h, CURLoption option, ...)
{
    STRATA_REAL(curl_easy_setopt);
    va_list ap;
    va_start(ap, option);
    CURLcode rc;
    if (option < CURLOPTTYPE_OBJECTPOINT)
        rc = real_curl_easy_setopt(h, option, va_arg(ap, long));
    else if (option < CURLOPTTYPE_FUNCTIONPOINT)
        rc = real_curl_easy_setopt(h, option, va_arg(ap, void *));
    else if (option < CURLOPTTYPE_OFF_T)
        rc = real_curl_easy_setopt(h, option, va_arg(ap, void (*)()));
    else if (option < CURLOPTTYPE_BLOB)
        rc = real_curl_easy_setopt(h, option, va_arg(ap, curl_off_t));
    else
        rc = real_curl_easy_setopt(h, option, va_arg(ap, void *));
    va_end(ap);
    return rc;
}

// Every CURLINFO_* takes a pointer to where the answer goes.
CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
    STRATA_REAL(curl_easy_getinfo);
    va_list ap;
    va_start(ap, info);
    void *out = va_arg(ap, void *);
    va_end(ap);
    return real_curl_easy_getinfo(h, info, out);
}

const char *curl_easy_strerror(CURLcode code)
{
    STRATA_REAL(curl_easy_strerror);
    return real_curl_easy_strerror ? real_curl_easy_strerror(code) : "libcurl.so.4 could not be loaded";
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *s)
{
    STRATA_REAL(curl_slist_append);
    return real_curl_slist_append ? real_curl_slist_append(list, s) : nullptr;
}

void curl_slist_free_all(struct curl_slist *list)
{
    STRATA_REAL(curl_slist_free_all);
    if (real_curl_slist_free_all)
        real_curl_slist_free_all(list);
}

} // extern "C"
