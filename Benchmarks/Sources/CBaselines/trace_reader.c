#include "CBaselines.h"

#include <string.h>

// The reading half of `replay decode` in plain C: each line found with memchr, `#` and blank
// lines skipped, the time's digits parsed, the `tx`/`rx` tag checked and the payload's escapes
// (\r \n \t \\ \xHH) undone into a buffer. No framing, no classification, no output.

static int hex_value(uint8_t byte) {
    if (byte >= '0' && byte <= '9') return byte - '0';
    if (byte >= 'a' && byte <= 'f') return byte - 'a' + 10;
    if (byte >= 'A' && byte <= 'F') return byte - 'A' + 10;
    return -1;
}

static void read_line(const uint8_t *line, size_t length, uint8_t *payload, mk_trace_result *result) {
    if (length > 0 && line[length - 1] == '\r') length -= 1;
    if (length == 0 || line[0] == '#') return;
    size_t index = 0;
    uint64_t micros = 0;
    while (index < length && line[index] >= '0' && line[index] <= '9') micros = micros * 10 + (uint64_t)(line[index++] - '0');
    if (index < length && line[index] == '.') {
        index += 1;
        int digits = 0;
        while (index < length && line[index] >= '0' && line[index] <= '9') {
            micros = micros * 10 + (uint64_t)(line[index++] - '0');
            digits += 1;
        }
        for (; digits < 6; digits++) micros *= 10;
    }
    if (index + 3 > length || line[index] != ' ' || line[index + 2] != 'x' || (line[index + 1] != 't' && line[index + 1] != 'r')) {
        result->other += 1;
        return;
    }
    index += 4;
    size_t count = 0;
    while (index < length) {
        uint8_t byte = line[index];
        if (byte != '\\') {
            payload[count++] = byte;
            index += 1;
            continue;
        }
        if (index + 1 >= length) break;
        switch (line[index + 1]) {
        case 'r': payload[count++] = '\r'; index += 2; break;
        case 'n': payload[count++] = '\n'; index += 2; break;
        case 't': payload[count++] = '\t'; index += 2; break;
        case '\\': payload[count++] = '\\'; index += 2; break;
        case 'x': {
            int high = index + 3 < length ? hex_value(line[index + 2]) : -1;
            int low = index + 3 < length ? hex_value(line[index + 3]) : -1;
            if (high < 0 || low < 0) { index = length; break; }
            payload[count++] = (uint8_t)(high << 4 | low);
            index += 4;
            break;
        }
        default: index = length; break;
        }
    }
    result->records += 1;
    result->payload_bytes += count;
    result->checksum = result->checksum * 31 + micros + (count > 0 ? payload[count - 1] : 0);
}

__attribute__((noinline))
mk_trace_result mk_read_trace(const uint8_t *bytes, size_t count) {
    mk_trace_result result = {0, 0, 0, 0};
    static uint8_t payload[1 << 16];
    const uint8_t *p = bytes;
    const uint8_t *end = bytes + count;
    while (p < end) {
        const uint8_t *newline = memchr(p, '\n', (size_t)(end - p));
        const uint8_t *line_end = newline ? newline : end;
        size_t length = (size_t)(line_end - p);
        if (length <= sizeof payload) read_line(p, length, payload, &result);
        p = newline ? newline + 1 : end;
    }
    return result;
}
