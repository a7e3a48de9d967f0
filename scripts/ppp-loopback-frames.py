#!/usr/bin/env python3
"""Writes a few real PPP frames (RFC 1662 framing) to a data-mode pseudo-terminal and reads them back.

Used to record Fixtures/traces/data/ppp-lcp-loopback.trace against the virtual modem, which
loops data-mode bytes back:

    modemkit ppp --sim generic --record ppp.trace        # prints "pty: /dev/pts/N"
    scripts/ppp-loopback-frames.py /dev/pts/N
    kill -INT <pid of modemkit ppp>                       # +++ (1 s guard), OK, ATH

Frames: LCP Configure-Request (MRU, ACCM, magic), IPCP Configure-Request (address and DNS
0.0.0.0), an IPv4 UDP packet, LCP Echo-Request, LCP Terminate-Request.
"""
import os, sys, time, tty, select
def fcs16(data):
    fcs = 0xFFFF
    for b in data:
        fcs ^= b
        for _ in range(8):
            fcs = (fcs >> 1) ^ 0x8408 if fcs & 1 else fcs >> 1
    return fcs ^ 0xFFFF
def frame(payload):
    f = fcs16(payload)
    body = payload + bytes([f & 0xFF, f >> 8])
    out = bytearray([0x7E])
    for b in body:
        if b < 0x20 or b in (0x7D, 0x7E):
            out += bytes([0x7D, b ^ 0x20])
        else:
            out.append(b)
    out.append(0x7E)
    return bytes(out)
lcp_req = bytes([0xFF,0x03,0xC0,0x21, 1,1,0,20, 1,4,0x05,0xDC, 2,6,0,0,0,0, 5,6,0x5A,0x3C,0x7E,0x11])
ipcp_req = bytes([0xFF,0x03,0x80,0x21, 1,2,0,22, 3,6,0,0,0,0, 129,6,0,0,0,0, 131,6,0,0,0,0])
udp = bytes([0x45,0,0,29, 0,1,0,0, 64,17,0,0, 10,64,0,2, 8,8,8,8, 0x13,0x89,0,53, 0,9,0,0, 0x2A])
ip = bytes([0xFF,0x03,0x00,0x21]) + udp
echo = bytes([0xFF,0x03,0xC0,0x21, 9,3,0,8, 0x5A,0x3C,0x7E,0x11])
term = bytes([0xFF,0x03,0xC0,0x21, 5,4,0,4])
path = sys.argv[1]
fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
tty.setraw(fd)
got = b""
for p in (lcp_req, ipcp_req, ip, echo, term):
    os.write(fd, frame(p))
    end = time.time() + 1.0
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            got += os.read(fd, 4096)
            if got.count(b"\x7e") >= 2 * (1 + [lcp_req, ipcp_req, ip, echo, term].index(p)): break
print("looped back %d bytes" % len(got), file=sys.stderr)
