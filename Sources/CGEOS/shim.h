// Only the re-entrant (_r) GEOS C API is visible: every call takes an explicit
// context handle, so no global GEOS state is shared between threads.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
