#include <zlib.h>

// deflateInit2 is a macro over deflateInit2_, which Swift cannot import; this wrapper passes the
// library version and stream size the way the macro does.
static inline int sakura_deflate_init_gzip(z_streamp stream, int level) {
    // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of a zlib wrapper.
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

static inline int sakura_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
