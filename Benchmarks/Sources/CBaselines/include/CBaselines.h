#ifndef MODEMKIT_CBASELINES_H
#define MODEMKIT_CBASELINES_H

#include <stddef.h>
#include <stdint.h>

/// What the C line splitter found: lines ending in '\n' and a checksum over their lengths and
/// first bytes, so that the compiler cannot drop the work.
typedef struct {
    uint64_t lines;
    uint64_t checksum;
} mk_split_result;

/// Splits `count` bytes into '\n'-terminated lines with memchr, fed `chunk_size` bytes at a time
/// like reads from a port. A line cut by a chunk boundary is carried over in an 8 KiB buffer
/// (the framer's default line limit), as a real splitter must.
mk_split_result mk_split_lines(const uint8_t *bytes, size_t count, size_t chunk_size);

/// What the C trace reader found: `tx`/`rx` records, other lines that are not comments or
/// blank, unescaped payload bytes, and a checksum over times and last payload bytes.
typedef struct {
    uint64_t records;
    uint64_t other;
    uint64_t payload_bytes;
    uint64_t checksum;
} mk_trace_result;

/// Reads a ModemKit trace held in memory the way `replay decode` reads one before decoding:
/// lines split with memchr, times parsed, tags checked, payload escapes undone (lines over
/// 64 KiB are skipped). The floor for the reading half of a decode.
mk_trace_result mk_read_trace(const uint8_t *bytes, size_t count);

/// A pseudo-terminal set up as `PseudoTerminalPair` does it: the slave in raw mode and held
/// open for the pair's life, so the master never sees EIO between clients.
typedef struct {
    int master;
    int held_slave;
    char slave_path[128];
} mk_pty;

/// Opens a pty; returns 0, or -1 with errno set.
int mk_pty_open(mk_pty *pty);

/// Closes the held slave (the master's reads then fail with EIO once clients are gone).
void mk_pty_release_slave(mk_pty *pty);

/// A thread answering on a descriptor.
typedef struct mk_responder mk_responder;

/// Starts a thread that reads `fd` with blocking reads and answers every '\r' it reads (the end
/// of a command line) with "\r\nOK\r\n", without echo, until a read fails or ends.
/// Returns NULL with errno set when the thread could not be started.
mk_responder *mk_ok_responder_start(int fd);

/// Waits for the responder's thread to end (after its descriptor's far side was closed) and
/// frees it; returns how many answers it wrote.
uint64_t mk_ok_responder_join(mk_responder *responder);

/// Opens a terminal path for blocking reads and writes, in raw mode; returns the descriptor,
/// or -1 with errno set.
int mk_open_raw_blocking(const char *path);

/// One blocking round trip on `fd`: writes "AT\r", then reads until the bytes read end in
/// "OK\r\n". Returns the number of bytes read, or -1 with errno set.
long mk_raw_round_trip(int fd);

/// `count` round trips in a tight loop, each timed with CLOCK_MONOTONIC into `nanoseconds`.
/// Returns 0, or -1 with errno set.
int mk_raw_round_trips(int fd, size_t count, uint64_t *nanoseconds);

/// Like mk_raw_round_trips, but a second thread does the blocking reads and hands each answer
/// to the writing thread through a condition variable: the kernel's wake-up plus one thread
/// handoff, the floor for a client whose reader is not its caller. Returns 0, or -1.
int mk_handoff_round_trips(int fd, size_t count, uint64_t *nanoseconds);

/// CLOCK_MONOTONIC in nanoseconds.
uint64_t mk_now_ns(void);

#endif
