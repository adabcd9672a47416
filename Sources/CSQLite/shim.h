#include <sqlite3.h>

/* SQLITE_TRANSIENT is a cast macro Swift cannot import: this binds a copy of the text. */
static inline int csqlite_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

/* sqlite3_db_config is variadic, which Swift cannot call. On (1) before a VACUUM, it empties the
   database file, even a damaged one; off (0) after it. */
static inline int csqlite_reset_database(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_RESET_DATABASE, on, (int *)0);
}
