#ifndef MODEMKIT_CGAMMU_SMS_H
#define MODEMKIT_CGAMMU_SMS_H

#include <stddef.h>
#include <stdint.h>

/// The peer baselines of the SMS benchmarks: Debian's libgammu (libgammu-dev).

/// Decodes PDUs with GSM_DecodePDUFrame, the function gammu itself uses for PDUs read from a modem:
/// decodes `count` PDUs laid end to end in `bytes` (PDU i has `lengths[i]` bytes, SMSC prefix
/// included) and returns a checksum over the decoded text lengths and first characters, so that
/// the work cannot be dropped; `*failures` counts PDUs libgammu refused.
uint64_t mk_gammu_decode_pdus(const uint8_t *bytes, const size_t *lengths, size_t count, size_t *failures);

/// Encodes single-part SMS-SUBMITs with GSM_EncodeSMSFrame and the PHONE_SMSSubmit layout, as
/// gammu's AT driver does before AT+CMGS: per message, the UTF-8 text goes to gammu's UCS-2 with
/// DecodeUTF8, the destination with EncodeUnicode, then the frame is encoded and its fields
/// (scattered over the layout's offsets) are laid end to end as the PDU a modem takes.
///
/// Text i is `lengths[i]` UTF-8 bytes of `texts` (end to end); `ucs2[i]` nonzero asks for UCS-2,
/// else the default alphabet (the caller chooses: libgammu is not asked to pick the coding). No
/// SMSC number (gammu writes `01 81`), no validity period, TP-MR 0. When `out` is not NULL, PDU i
/// (SMSC part included) is written at `out + i * MK_GAMMU_PDU_STRIDE` and its length to
/// `out_lengths[i]`. Returns the sum of the TPDU lengths (the AT+CMGS lengths); `*failures` counts
/// texts libgammu refused.
#define MK_GAMMU_PDU_STRIDE 192
uint64_t mk_gammu_encode_submits(const char *texts, const size_t *lengths, const uint8_t *ucs2, size_t count,
                                 const char *destination, uint8_t *out, size_t *out_lengths, size_t *failures);

#endif
