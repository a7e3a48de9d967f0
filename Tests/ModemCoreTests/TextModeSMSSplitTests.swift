import ATCodec
import ModemCore
import ModemDialects
import ModemKitTestSupport
import Testing

/// Layer 2 for SMS text mode: `+CMT` with its data line, `+CDS` on one line and a text-mode
/// `+CMGR` frame the same in every chunking (whole, byte by byte, seeded random chunks).
@Suite("Text-mode SMS split invariance")
struct TextModeSMSSplitTests {
    static let cmt = "+CMT: \"+8613918186089\",\"\",\"02/01/30,20:40:31+00\",145,4,0,0,\"+8613800210500\",145,5"
    static let cds = "+CDS: 6,46,\"+8613918186089\",145,\"02/01/30,20:40:31+00\",\"02/01/30,20:40:32+00\",0"
    static let stream = "\r\n\(cmt)\r\nabcde\r\n"
        + "\r\n\(cds)\r\n"
        + "AT+CMGR=1\r\r\n+CMGR: \"REC UNREAD\",\"+8613918186089\",\"\",\"02/01/30,20:40:31+00\"\r\nThis is a test\r\n\r\nOK\r\n"
        + "\r\n+CMTI: \"SM\",2\r\n"

    static func run(_ chunks: [[UInt8]]) -> [Step] {
        var engine = Engine(classifier: ModemDialect.simcomSIM800.classifier)
        var steps = engine.steps(.submitted(.command(1, "AT+CMGR=1", prefixes: ["+CMGR:"], bare: true)))
        steps += engine.receive(chunks)
        return steps
    }

    @Test func sameStepsInEveryChunking() {
        let bytes = Array(Self.stream.utf8)
        let expected = Self.run([bytes])
        let urcs = expected.compactMap { step -> Engine.URC? in if case .urc(let urc) = step { urc } else { nil } }
        #expect(urcs.map(\.name) == ["+CMT", "+CDS", "+CMTI"])
        #expect(urcs.first?.followingLines == ["abcde"])
        #expect(urcs.dropFirst().first?.followingLines == [])
        #expect(expected.contains { step in
            if case .completed(1, let items, .ok) = step { return items.count == 2 } else { return false }
        })
        for split in StreamSplits.all(bytes, randomRuns: 60, maxChunk: 17) {
            #expect(Self.run(split.chunks) == expected, "\(split.name)")
        }
    }
}
