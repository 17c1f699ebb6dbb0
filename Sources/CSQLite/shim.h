#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which Swift
// cannot import; this constant tells sqlite3_bind_* to copy the bytes.
static const sqlite3_destructor_type sakura_sqlite_transient = (sqlite3_destructor_type)-1;
