#ifndef ROSTERMAIL_CCURL_SHIM_H
#define ROSTERMAIL_CCURL_SHIM_H

// Typed wrappers over libcurl's variadic curl_easy_setopt/curl_easy_getinfo, which Swift cannot call.
// Each wrapper takes exactly the C type of one option class and refuses (CURLE_BAD_FUNCTION_ARGUMENT /
// CURLE_UNKNOWN_OPTION) an option of another class, so a Swift caller cannot pass a long where libcurl
// reads a pointer. Only CurlMail imports this module.

#include <curl/curl.h>
#include <stddef.h>

// MARK: - setopt by option class

/// CURLOPTTYPE_LONG (and CURLOPTTYPE_VALUES) options.
static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    if (option >= CURLOPTTYPE_OBJECTPOINT) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPTTYPE_STRINGPOINT options; libcurl copies the string (NULL resets the option).
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    if (option < CURLOPTTYPE_OBJECTPOINT || option >= CURLOPTTYPE_FUNCTIONPOINT) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPTTYPE_CBPOINT / CURLOPTTYPE_OBJECTPOINT options that take an opaque pointer (READDATA, DEBUGDATA,
/// XFERINFODATA, ERRORBUFFER, …). libcurl does not copy what it points to.
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    if (option < CURLOPTTYPE_OBJECTPOINT || option >= CURLOPTTYPE_FUNCTIONPOINT) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPTTYPE_SLISTPOINT options (MAIL_RCPT, …). libcurl does not copy the list: keep it alive while set.
static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    if (option < CURLOPTTYPE_OBJECTPOINT || option >= CURLOPTTYPE_FUNCTIONPOINT) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

/// CURLOPTTYPE_OFF_T options (INFILESIZE_LARGE, …).
static inline CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    if (option < CURLOPTTYPE_OFF_T || option >= CURLOPTTYPE_BLOB) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, value);
}

// MARK: - setopt for function pointers, one per callback type

/// CURLOPT_READFUNCTION.
static inline CURLcode ccurl_setopt_read_function(CURL *handle, curl_read_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

/// CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION (same callback type).
static inline CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option, curl_write_callback callback) {
    if (option != CURLOPT_WRITEFUNCTION && option != CURLOPT_HEADERFUNCTION) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_setopt(handle, option, callback);
}

/// CURLOPT_XFERINFOFUNCTION (progress; return non-zero to abort the transfer).
static inline CURLcode ccurl_setopt_xferinfo_function(CURL *handle, curl_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// CURLOPT_DEBUGFUNCTION (called only while CURLOPT_VERBOSE is 1).
static inline CURLcode ccurl_setopt_debug_function(CURL *handle, curl_debug_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

// MARK: - options whose name depends on the libcurl version

/// CURLOPT_MAIL_RCPT_ALLOWFAILS, spelled CURLOPT_MAIL_RCPT_ALLLOWFAILS (three L) before 8.2.0.
/// RosterMail never sets it (one envelope per recipient); here so the spelling question is settled once.
static inline CURLcode ccurl_setopt_mail_rcpt_allowfails(CURL *handle, long value) {
#if LIBCURL_VERSION_NUM >= 0x080200
    return curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLOWFAILS, value);
#elif LIBCURL_VERSION_NUM >= 0x074500
    return curl_easy_setopt(handle, CURLOPT_MAIL_RCPT_ALLLOWFAILS, value);
#else
    (void)handle;
    (void)value;
    return CURLE_UNKNOWN_OPTION;
#endif
}

// MARK: - getinfo by info type

static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    if ((info & CURLINFO_TYPEMASK) != CURLINFO_LONG) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

/// The string belongs to the handle: copy it before the next transfer or cleanup.
static inline CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    if ((info & CURLINFO_TYPEMASK) != CURLINFO_STRING) return CURLE_BAD_FUNCTION_ARGUMENT;
    char *result = NULL;
    CURLcode code = curl_easy_getinfo(handle, info, &result);
    *value = result;
    return code;
}

static inline CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    if ((info & CURLINFO_TYPEMASK) != CURLINFO_OFF_T) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    if ((info & CURLINFO_TYPEMASK) != CURLINFO_DOUBLE) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ccurl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value) {
    if ((info & CURLINFO_TYPEMASK) != CURLINFO_SOCKET) return CURLE_BAD_FUNCTION_ARGUMENT;
    return curl_easy_getinfo(handle, info, value);
}

// MARK: - constants Swift does not import (function-like or cast macros)

/// CURL_READFUNC_ABORT: returned by a read callback to abort the transfer.
static inline size_t ccurl_readfunc_abort(void) { return CURL_READFUNC_ABORT; }

/// CURL_ERROR_SIZE: the size of the buffer CURLOPT_ERRORBUFFER writes into.
static inline size_t ccurl_error_size(void) { return CURL_ERROR_SIZE; }

/// The version of the libcurl actually loaded (not the headers'), e.g. 0x075801 for 7.88.1.
static inline unsigned int ccurl_runtime_version_num(void) {
    return curl_version_info(CURLVERSION_NOW)->version_num;
}

#endif
