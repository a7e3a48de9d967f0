#include "gammu_sms.h"

#include <gammu/gammu.h>
#include <string.h>

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

/* Lays the fields GSM_EncodeSMSFrame scattered over the PHONE_SMSSubmit layout end to end:
 * SMSC, first octet, TP-MR, TP-DA, TP-PID, TP-DCS, TP-VP (when TP-VPF says so), TP-UDL, TP-UD. */
static size_t mk_gammu_wire(const unsigned char *frame, int frame_length, uint8_t *pdu) {
    const GSM_SMSMessageLayout layout = PHONE_SMSSubmit;
    size_t n = 0;
    for (int i = 0; i <= frame[layout.SMSCNumber]; i++) pdu[n++] = frame[layout.SMSCNumber + i];
    unsigned char first = frame[layout.firstbyte];
    pdu[n++] = first;
    pdu[n++] = frame[layout.TPMR];
    int address_octets = 2 + (frame[layout.Number] + 1) / 2;
    for (int i = 0; i < address_octets; i++) pdu[n++] = frame[layout.Number + i];
    pdu[n++] = frame[layout.TPPID];
    pdu[n++] = frame[layout.TPDCS];
    int validity = (first >> 3) & 0x03;
    int validity_octets = validity == 0 ? 0 : validity == 2 ? 1 : 7;
    for (int i = 0; i < validity_octets; i++) pdu[n++] = frame[layout.TPVP + i];
    pdu[n++] = frame[layout.TPUDL];
    for (int i = layout.Text; i < frame_length; i++) pdu[n++] = frame[i];
    return n;
}

uint64_t mk_gammu_encode_submits(const char *texts, const size_t *lengths, const uint8_t *ucs2, size_t count,
                                 const char *destination, uint8_t *out, size_t *out_lengths, size_t *failures) {
    static GSM_SMSMessage sms;   /* ~5 KiB, reused as gammu's callers do */
    static unsigned char frame[400];
    static uint8_t scratch[MK_GAMMU_PDU_STRIDE];
    GSM_SetDefaultSMSData(&sms);
    sms.PDU = SMS_Submit;
    sms.Class = -1;
    sms.UDH.Type = UDH_NoUDH;
    sms.SMSC.Validity.Format = SMS_Validity_NotAvailable;
    sms.SMSC.Number[0] = 0;
    sms.SMSC.Number[1] = 0;
    size_t destination_length = strlen(destination);
    uint64_t checksum = 0;
    size_t failed = 0;
    size_t offset = 0;
    for (size_t i = 0; i < count; i++) {
        EncodeUnicode(sms.Number, destination, destination_length);
        DecodeUTF8(sms.Text, texts + offset, lengths[i]);
        sms.Length = (int)UnicodeLength(sms.Text);
        sms.Coding = ucs2[i] ? SMS_Coding_Unicode_No_Compression : SMS_Coding_Default_No_Compression;
        offset += lengths[i];
        int frame_length = 0;
        if (GSM_EncodeSMSFrame(NULL, &sms, frame, PHONE_SMSSubmit, &frame_length, TRUE) != ERR_NONE) {
            failed++;
            continue;
        }
        uint8_t *pdu = out ? out + i * MK_GAMMU_PDU_STRIDE : scratch;
        size_t pdu_length = mk_gammu_wire(frame, frame_length, pdu);
        if (out_lengths) out_lengths[i] = pdu_length;
        checksum += pdu_length - 1 - frame[PHONE_SMSSubmit.SMSCNumber];
    }
    *failures = failed;
    return checksum;
}
