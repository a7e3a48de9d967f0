import ModemKitTestSupport
import ModemReplay
import Testing

/// RFC 1662 framing of `payload`: FCS appended, control characters, flag and escape escaped
/// (the default ACCM), flags around.
func hdlcFrame(_ payload: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x7E]
    for byte in payload + PPPFCS.trailer(for: payload) {
        if byte < 0x20 || byte == 0x7D || byte == 0x7E {
            out += [0x7D, byte ^ 0x20]
        } else {
            out.append(byte)
        }
    }
    return out + [0x7E]
}

func frames(_ stream: [UInt8], chunks: [Int]? = nil) -> [PPPFrameSplitter.Frame] {
    var splitter = PPPFrameSplitter()
    var result: [PPPFrameSplitter.Frame] = []
    var index = 0
    var sizes = (chunks ?? [stream.count]).makeIterator()
    while index < stream.count {
        let size = max(1, sizes.next() ?? 1)
        splitter.append(stream[index..<min(stream.count, index + size)])
        index += size
        while let frame = splitter.next() { result.append(frame) }
    }
    return result
}

@Suite struct PPPFrameTests {
    /// Hand-built frames, as pppd and modems send them, and what they are called.
    static let summaries: [(name: String, frame: [UInt8], summary: String)] = [
        ("LCP Configure-Request as pppd opens", [0xFF, 0x03, 0xC0, 0x21, 1, 1, 0, 20, 1, 4, 0x05, 0xDC, 2, 6, 0, 0, 0, 0, 5, 6, 0x12, 0x34, 0x56, 0x78],
         "LCP Configure-Request id 1: MRU 1500, ACCM 0x00000000, magic 0x12345678"),
        ("LCP Configure-Ack with auth CHAP MD5, PFC and ACFC", [0xFF, 0x03, 0xC0, 0x21, 2, 9, 0, 13, 3, 5, 0xC2, 0x23, 5, 7, 2, 8, 2],
         "LCP Configure-Ack id 9: auth CHAP MD5, PFC, ACFC"),
        ("LCP Echo-Request, address and control compressed", [0xC0, 0x21, 9, 7, 0, 8, 0xDE, 0xAD, 0xBE, 0xEF],
         "LCP Echo-Request id 7: magic 0xdeadbeef"),
        ("LCP Terminate-Request", [0xFF, 0x03, 0xC0, 0x21, 5, 4, 0, 4], "LCP Terminate-Request id 4"),
        ("IPCP Configure-Nak from the network", [0xFF, 0x03, 0x80, 0x21, 3, 2, 0, 22, 3, 6, 10, 64, 0, 1, 129, 6, 8, 8, 8, 8, 131, 6, 8, 8, 4, 4],
         "IPCP Configure-Nak id 2: address 10.64.0.1, primary DNS 8.8.8.8, secondary DNS 8.8.4.4"),
        ("IPV6CP Configure-Request", [0x80, 0x57, 1, 1, 0, 14, 1, 10, 0x02, 0x11, 0x22, 0xFF, 0xFE, 0x33, 0x44, 0x55],
         "IPV6CP Configure-Request id 1: interface id 021122fffe334455"),
        ("PAP request: credentials not shown", [0xC0, 0x23, 1, 1, 0, 14, 4] + Array("user".utf8) + [4] + Array("pass".utf8),
         "PAP Authenticate-Request id 1: peer id of 4 bytes, password of 4 bytes (not shown)"),
        ("CHAP Challenge", [0xC2, 0x23, 1, 5, 0, 8, 3, 1, 2, 3], "CHAP Challenge id 5"),
        ("IPv4 UDP, protocol field compressed", [0x21, 0x45, 0, 0, 28, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 8, 8, 8, 8, 0x13, 0x89, 0, 53, 0, 8, 0, 0],
         "IPv4 UDP 10.0.0.1:5001 → 8.8.8.8:53, 28 bytes"),
        ("IPv6 TCP", [0x00, 0x57, 0x60, 0, 0, 0, 0, 20, 6, 64, 0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                      0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0x01, 0xBB, 0xC3, 0x50],
         "IPv6 TCP [2001:db8::1]:443 → [2001:db8::2]:50000, 60 bytes"),
        ("IPv4 ICMP", [0x00, 0x21, 0x45, 0, 0, 84, 0, 0, 0, 0, 64, 1, 0, 0, 192, 168, 1, 2, 192, 168, 1, 1],
         "IPv4 ICMP 192.168.1.2 → 192.168.1.1, 84 bytes"),
        ("unknown protocol", [0x02, 0x81, 1, 2, 3], "protocol 0x0281 3 bytes"),
        // Malformed: each says what is wrong, none traps.
        ("LCP cut after its code", [0xC0, 0x21, 1], "LCP truncated packet (1 bytes)"),
        ("LCP length past the frame", [0xC0, 0x21, 1, 1, 0, 40, 1, 4], "LCP Configure-Request id 1: length 40 does not fit the 6 bytes"),
        ("LCP option longer than the packet", [0xC0, 0x21, 1, 1, 0, 6, 1, 9], "LCP Configure-Request id 1: malformed option at byte 4"),
        ("IPv4 header cut", [0x00, 0x21, 0x45, 0, 0], "IPv4 malformed packet (3 bytes)"),
        ("protocol field cut", [0xFF, 0x03, 0xC0], "truncated frame"),
        ("address and control only", [0xFF, 0x03], "empty frame"),
    ]

    @Test(arguments: summaries.indices)
    func framesAreNamed(_ index: Int) {
        let (name, frame, summary) = Self.summaries[index]
        #expect(PPPFrameSummary(frame: frame).description == summary, "\(name)")
    }

    @Test func fcsMatchesTheRFC1662CheckValue() {
        // CRC-16/X-25 (the PPP FCS) of "123456789" is 0x906E, sent least significant byte first.
        #expect(PPPFCS.trailer(for: Array("123456789".utf8)) == [0x6E, 0x90])
        #expect(PPPFCS.check(Array("123456789".utf8) + [0x6E, 0x90]))
    }

    @Test func escapedBytesAreUndoneAndTheFCSChecked() throws {
        // Every byte that must be escaped: flag, escape, control characters.
        let payload: [UInt8] = [0xFF, 0x03, 0xC0, 0x21, 9, 1, 0, 12, 0x7E, 0x7D, 0x00, 0x11, 0x13, 0x1F, 0x20, 0x5E]
        let stream = hdlcFrame(payload)
        #expect(stream.contains(0x7D))
        let split = frames(stream)
        #expect(split.count == 1)
        let frame = try #require(split.first)
        #expect(frame.bytes == payload)
        #expect(frame.fcsValid)
        #expect(!frame.aborted)
    }

    @Test func aBadFCSIsFlagged() throws {
        var stream = hdlcFrame([0xFF, 0x03, 0xC0, 0x21, 5, 4, 0, 4])
        stream[6] ^= 0x01  // a bit flipped on the line
        let frame = try #require(frames(stream).first)
        #expect(!frame.fcsValid)
        #expect(!frame.aborted)
    }

    @Test func anAbortSequenceEndsTheFrameAsAborted() throws {
        let stream: [UInt8] = [0x7E, 0xFF, 0x03, 0xC0, 0x21, 0x7D, 0x7E] + hdlcFrame([0xC0, 0x21, 5, 1, 0, 4])
        let split = frames(stream)
        #expect(split.map(\.aborted) == [true, false])
        #expect(split.map(\.fcsValid) == [false, true])
    }

    @Test func sharedFlagsAndIdleFlagsMakeNoEmptyFrames() {
        let one = hdlcFrame([0xC0, 0x21, 5, 1, 0, 4])
        let two = hdlcFrame([0xC0, 0x21, 6, 1, 0, 4])
        // The closing flag of one frame opens the next; idle flags between frames.
        let stream = [0x7E, 0x7E] + one + two.dropFirst() + [0x7E, 0x7E]
        #expect(frames(stream).map(\.fcsValid) == [true, true])
    }

    @Test func splitInvariance() {
        var stream: [UInt8] = []
        for (_, frame, _) in Self.summaries { stream += hdlcFrame(frame) }
        var bad = hdlcFrame([0xC0, 0x21, 9, 1, 0, 8, 1, 2, 3, 4])
        bad[3] ^= 0x40
        stream += bad
        let whole = frames(stream)
        #expect(whole.count == Self.summaries.count + 1)
        #expect(frames(stream, chunks: Array(repeating: 1, count: stream.count)) == whole)
        var generator = SeededGenerator(seed: 1662)
        for _ in 0..<20 {
            let chunks = (0..<stream.count).map { _ in Int.random(in: 1...17, using: &generator) }
            #expect(frames(stream, chunks: chunks) == whole)
        }
    }

    @Test func randomBytesNeverTrapAndFramesStayBounded() {
        var generator = SeededGenerator(seed: 7)
        var splitter = PPPFrameSplitter(maximumFrameLength: 256)
        for _ in 0..<200 {
            let chunk = (0..<Int.random(in: 0...600, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            splitter.append(chunk)
            while let frame = splitter.next() {
                #expect(frame.bytes.count <= 256)
                _ = PPPFrameSummary(frame: frame.bytes).description
            }
            #expect(splitter.pendingCount <= 256)
        }
    }
}
