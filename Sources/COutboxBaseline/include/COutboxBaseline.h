#ifndef COUTBOX_BASELINE_H
#define COUTBOX_BASELINE_H

/// The floor the outbox's enqueue rate is measured against: a plain C loop that inserts the
/// same rows (id text, enqueue time, payload blob) into the same `reading` table through
/// libsqlite3, with the outbox's pragmas (WAL; synchronous FULL or NORMAL), `batch` rows per
/// transaction. No validation, no counters row, no Swift.
///
/// Returns 0 and sets `*seconds` to the time the inserts took, or returns the SQLite error
/// code and copies its message into `error`.
int outbox_baseline_insert(const char *path, int synchronous_full, int count, int batch,
                           const unsigned char *payload, int payload_length,
                           double *seconds, char *error, int error_capacity);

/// The version of the libsqlite3 the baseline links (and GRDB too).
const char *sqlite3_libversion_string(void);

#endif
