#ifndef MODEMKIT_CGAMMU_SMS_H
#define MODEMKIT_CGAMMU_SMS_H

#include <stddef.h>
#include <stdint.h>

/// The peer baseline of the SMS benchmark: Debian's libgammu (libgammu-dev) decoding PDUs with
/// GSM_DecodePDUFrame, the function gammu itself uses for PDUs read from a modem.
///
/// Decodes `count` PDUs laid end to end in `bytes` (PDU i has `lengths[i]` bytes, SMSC prefix
/// included) and returns a checksum over the decoded text lengths and first characters, so that
/// the work cannot be dropped; `*failures` counts PDUs libgammu refused.
uint64_t mk_gammu_decode_pdus(const uint8_t *bytes, const size_t *lengths, size_t count, size_t *failures);

#endif
