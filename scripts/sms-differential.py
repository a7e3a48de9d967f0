#!/usr/bin/env python3
"""Differential test, peer side: decodes every PDU of Fixtures/sms/differential-corpus.txt (written
by SMSDifferentialTests from ModemKit's encoder) with an independent decoder, the PyPI package
`smspdudecoder` (Qotto, tested with 2.2.0 and bitstring 4.2.3: bitstring 5 removed BitStream),
and writes one normalized record per line to Fixtures/sms/differential-smspdudecoder.txt.
The Swift test compares its own decoding, normalized the same way, against that file, so CI
needs no Python.

    pip install smspdudecoder==2.2.0 bitstring==4.2.3
    python3 scripts/sms-differential.py

Record: tab-separated key=value fields, values with \\t, \\n, \\r and \\\\ escaped.
"""
import os
import sys
from binascii import hexlify
from io import StringIO

from smspdudecoder.elements import TypeOfAddress
from smspdudecoder.fields import SMSDeliver, SMSSubmit

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "Fixtures", "sms", "differential-corpus.txt")
OUTPUT = os.path.join(ROOT, "Fixtures", "sms", "differential-smspdudecoder.txt")


def escape(value):
    return (str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"))


def address(field):
    number = field["number"] or ""
    toa = field["toa"]
    if toa is None:
        return "", "", ""
    ton = TypeOfAddress.TON_INV[toa["ton"]]
    npi = TypeOfAddress.NPI_INV.get(toa["npi"], "?")
    prefix = "+" if toa["ton"] == "international" else ""
    return prefix + number, str(ton), str(npi)


def utc(stamp):
    return stamp.strftime("%Y-%m-%dT%H:%M:%S")


def elements(header):
    if not header:
        return "-"
    parts = []
    for element in header["elements"]:
        data = element["data"]
        if isinstance(data, dict):
            parts.append("%02X:ref=%d,total=%d,seq=%d" % (element["iei"], data["reference"], data["parts_count"], data["part_number"]))
        else:
            parts.append("%02X:%s" % (element["iei"], data.upper()))
    return ";".join(parts)


def record(kind, hex_pdu):
    stream = StringIO(hex_pdu)
    pdu = SMSDeliver.decode(stream) if kind == "deliver" else SMSSubmit.decode(stream)
    smsc = pdu["smsc"]
    smsc_number = ("+" if smsc["toa"] and smsc["toa"]["ton"] == "international" else "") + (smsc["number"] or "")
    addr, ton, npi = address(pdu["sender"] if kind == "deliver" else pdu["recipient"])
    data = pdu["user_data"]["data"]
    text = hexlify(data).decode().upper() if isinstance(data, bytes) else data
    fields = [
        ("kind", kind), ("smsc", smsc_number), ("addr", addr), ("ton", ton), ("npi", npi),
        ("pid", pdu["pid"]), ("enc", pdu["dcs"]["encoding"]), ("udh", elements(pdu["user_data"]["header"])),
        ("udhi", int(pdu["header"]["udhi"])), ("rp", int(pdu["header"]["rp"])),
    ]
    if kind == "deliver":
        fields += [("sri", int(pdu["header"]["sri"])), ("mms", int(pdu["header"]["mms"])), ("time", utc(pdu["scts"]))]
    else:
        vp = pdu.get("vp")
        vp_text = "none" if vp is None else (utc(vp) if hasattr(vp, "strftime") else str(vp))
        if pdu["header"]["vpf"] == 1:
            vp_text = "enhanced"
        fields += [("srr", int(pdu["header"]["srr"])), ("rd", int(pdu["header"]["rd"])), ("mr", pdu["message-ref"]), ("vp", vp_text)]
    fields.append(("text", text))
    return "\t".join("%s=%s" % (key, escape(value)) for key, value in fields)


def main():
    out = []
    with open(CORPUS, encoding="utf-8") as corpus:
        for line in corpus:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            kind, hex_pdu = line.split("\t")
            try:
                out.append(record(kind, hex_pdu))
            except Exception as error:  # the peer's failure is itself a result to compare
                out.append("kind=%s\terror=%s" % (kind, escape(type(error).__name__)))
    with open(OUTPUT, "w", encoding="utf-8") as output:
        output.write("# smspdudecoder output for differential-corpus.txt (scripts/sms-differential.py)\n")
        output.write("\n".join(out) + "\n")
    print("%d records written to %s" % (len(out), OUTPUT), file=sys.stderr)


if __name__ == "__main__":
    main()
