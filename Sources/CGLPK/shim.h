// GLPK (GNU Linear Programming Kit), Debian package libglpk-dev.
// GLPK keeps its environment in thread-local storage, so separate problem objects may be
// used on separate threads; one problem object must stay on one thread at a time.
#ifndef CGLPK_SHIM_H
#define CGLPK_SHIM_H
#include <glpk.h>
#endif
