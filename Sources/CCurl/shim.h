#ifndef ROSTERMAIL_CCURL_SHIM_H
#define ROSTERMAIL_CCURL_SHIM_H
#include <curl/curl.h>
#endif
