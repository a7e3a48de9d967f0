import ATCodec
import ModemKitTestSupport
import Testing

/// `nextRange(expecting:)` and `classify(_:in:inFlight:)` read the framer's buffer in place;
/// they must agree with `next(expecting:)` and `classify(_:inFlight:)` on every stream.
@Suite("ATFramer ranges")
struct ATFramerRangeTests {
    static let contexts: [ATCommandContext?] = [
        nil,
        ATCommandContext(echo: "AT+CSQ", prefixes: ["+CSQ:"]),
        ATCommandContext(echo: "AT+CGSN", acceptsBareLines: true),
        ATCommandContext(echo: "AT+CMGS=23", prefixes: ["+CMGS:"], payloadEcho: Array("0011000B911326880736F4\u{1A}".utf8)),
        ATCommandContext(
            echo: "AT+CEREG?", prefixes: ["+CEREG:"],
            finals: ATFinalPattern.sendResult("SEND OK", success: true),
            ownsLine: { line in line.contains(UInt8(ascii: ",")) }
        ),
    ]

    /// Feeds the same chunks and hints to two framers, one read with `next`, one with
    /// `nextRange`, and checks that every token and every line's class agree.
    static func compare(_ chunks: [[UInt8]], hints: inout some RandomNumberGenerator, classifier: ATLineClassifier) {
        var owned = ATFramer(limits: .init(maxLineLength: 256))
        var ranged = ATFramer(limits: .init(maxLineLength: 256))
        let choices: [FramingHint] = [.lines, .lines, .prompt, .payload(count: 5), .data]
        for chunk in chunks {
            owned.append(chunk)
            ranged.append(chunk)
            while true {
                let hint = choices.randomElement(using: &hints)!
                let token = owned.next(expecting: hint)
                let range = ranged.nextRange(expecting: hint)
                #expect(token == range.map { ranged.token($0) })
                guard let range else { break }
                if case .line(let line) = range {
                    for context in contexts {
                        #expect(classifier.classify(line, in: ranged, inFlight: context)
                            == classifier.classify(ranged.bytes(in: line), inFlight: context))
                    }
                }
            }
            #expect(owned.bufferedCount == ranged.bufferedCount)
        }
    }

    @Test("ranges give the same tokens and classes as slices on a real transcript, in any chunking")
    func transcript() {
        let stream = Array((ATFramerTests.transcript + "AT+CEREG?\r\r\n+CEREG: 2,1\r\n+CEREG: 5\r\n0, SEND OK\r\n> 0011000B911326880736F4\r\n").utf8)
        var hints = SeededGenerator(seed: 7)
        for split in StreamSplits.all(stream, randomRuns: 20) {
            Self.compare(split.chunks, hints: &hints, classifier: ATLineClassifier(numericResults: true))
        }
    }

    @Test("ranges give the same tokens and classes as slices on random bytes", arguments: 0..<20)
    func randomBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let alphabet = Array("\r\n> @AOK+CME ERROR: 1,SEND\u{1A}".utf8)
        let chunks = (0..<100).map { _ in
            (0..<Int.random(in: 0...48, using: &generator)).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
        }
        Self.compare(chunks, hints: &generator, classifier: ATLineClassifier())
    }
}
