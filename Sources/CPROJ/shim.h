// PROJ's coordinate operations (proj.h) and its geodesic routines
// (geodesic.h, Karney's algorithms on the ellipsoid).
#include <proj.h>
#include <geodesic.h>
