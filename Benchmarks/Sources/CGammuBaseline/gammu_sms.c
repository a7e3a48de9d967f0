#include "gammu_sms.h"

#include <gammu/gammu.h>

uint64_t mk_gammu_decode_pdus(const uint8_t *bytes, const size_t *lengths, size_t count, size_t *failures) {
    static GSM_SMSMessage sms;   /* ~8 KiB: static, as gammu's own callers keep it off the stack */
    uint64_t checksum = 0;
    size_t failed = 0;
    size_t offset = 0;
    for (size_t i = 0; i < count; i++) {
        size_t final_pos = 0;
        GSM_Error error = GSM_DecodePDUFrame(NULL, &sms, bytes + offset, lengths[i], &final_pos, TRUE);
        if (error != ERR_NONE) {
            failed++;
        } else {
            checksum += (uint64_t)sms.Length * 31u + (uint64_t)sms.Text[1];
        }
        offset += lengths[i];
    }
    *failures = failed;
    return checksum;
}
