#ifndef ROSTERMAIL_CCRYPTO_SHIM_H
#define ROSTERMAIL_CCRYPTO_SHIM_H
// OpenSSL's libcrypto (Debian libssl-dev), already linked by libcurl: digests and HMAC without
// compiling a crypto library of our own.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#endif
