#include "COutboxBaseline.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(sqlite3 *db, int code, char *error, int error_capacity) {
    snprintf(error, (size_t)error_capacity, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    if (db) sqlite3_close(db);
    return code;
}

int outbox_baseline_insert(const char *path, int synchronous_full, int count, int batch,
                           const unsigned char *payload, int payload_length,
                           double *seconds, char *error, int error_capacity) {
    sqlite3 *db = NULL;
    int rc = sqlite3_open(path, &db);
    if (rc != SQLITE_OK) return fail(db, rc, error, error_capacity);
    const char *setup = synchronous_full
        ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
    rc = sqlite3_exec(db, setup, NULL, NULL, NULL);
    if (rc != SQLITE_OK) return fail(db, rc, error, error_capacity);
    rc = sqlite3_exec(db,
        "CREATE TABLE IF NOT EXISTS reading (sequence INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "enqueuedAt INTEGER NOT NULL, payload BLOB NOT NULL, attempts INTEGER NOT NULL DEFAULT 0);",
        NULL, NULL, NULL);
    if (rc != SQLITE_OK) return fail(db, rc, error, error_capacity);

    sqlite3_stmt *insert = NULL;
    rc = sqlite3_prepare_v2(db, "INSERT INTO reading (sequence, id, enqueuedAt, payload) VALUES (?, ?, ?, ?)",
                            -1, &insert, NULL);
    if (rc != SQLITE_OK) return fail(db, rc, error, error_capacity);

    if (batch < 1) batch = 1;
    char id[40];
    double start = now_seconds();
    for (int done = 0; done < count;) {
        rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK) break;
        for (int row = 0; row < batch && done < count; row++, done++) {
            // A UUID-shaped ID, unique per row.
            snprintf(id, sizeof id, "%08x-0000-4000-8000-%012x", (unsigned)done, (unsigned)(done * 2654435761u));
            sqlite3_bind_int64(insert, 1, done + 1);
            sqlite3_bind_text(insert, 2, id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(insert, 3, 1764112345000LL + done);
            sqlite3_bind_blob(insert, 4, payload, payload_length, SQLITE_STATIC);
            rc = sqlite3_step(insert);
            sqlite3_reset(insert);
            if (rc != SQLITE_DONE) break;
            rc = SQLITE_OK;
        }
        if (rc != SQLITE_OK) break;
        rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) break;
    }
    *seconds = now_seconds() - start;
    sqlite3_finalize(insert);
    if (rc != SQLITE_OK) return fail(db, rc, error, error_capacity);
    sqlite3_close(db);
    return 0;
}

const char *sqlite3_libversion_string(void) { return sqlite3_libversion(); }
