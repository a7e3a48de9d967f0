#include "CBaselines.h"

#include <string.h>

enum { CARRY_CAPACITY = 8192 };

static inline void take_line(const uint8_t *line, size_t length, mk_split_result *result) {
    if (length > 0 && line[length - 1] == '\r') length -= 1;
    result->lines += 1;
    result->checksum = result->checksum * 31 + length + (length > 0 ? line[0] : 0);
}

__attribute__((noinline))
mk_split_result mk_split_lines(const uint8_t *bytes, size_t count, size_t chunk_size) {
    mk_split_result result = {0, 0};
    uint8_t carry[CARRY_CAPACITY];
    size_t carried = 0;
    int dropping = 0; // the carried line outgrew the buffer: skip to its end
    if (chunk_size == 0) chunk_size = count;

    for (size_t offset = 0; offset < count; offset += chunk_size) {
        const uint8_t *p = bytes + offset;
        const uint8_t *end = p + (count - offset < chunk_size ? count - offset : chunk_size);
        const uint8_t *newline;
        while ((newline = memchr(p, '\n', (size_t)(end - p))) != NULL) {
            size_t length = (size_t)(newline - p);
            if (carried > 0 || dropping) {
                if (!dropping && carried + length <= CARRY_CAPACITY) {
                    memcpy(carry + carried, p, length);
                    take_line(carry, carried + length, &result);
                }
                carried = 0;
                dropping = 0;
            } else {
                take_line(p, length, &result);
            }
            p = newline + 1;
        }
        size_t rest = (size_t)(end - p);
        if (rest > 0 && !dropping) {
            if (carried + rest <= CARRY_CAPACITY) {
                memcpy(carry + carried, p, rest);
                carried += rest;
            } else {
                carried = 0;
                dropping = 1;
            }
        }
    }
    return result;
}
