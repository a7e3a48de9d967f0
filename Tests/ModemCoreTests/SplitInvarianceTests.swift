import ATCodec
import ModemCore
import ModemDialects
import ModemKitTestSupport
import Testing

/// Layer 2: the same stream in any chunking gives the same actions; a URC at any byte
/// boundary of a response is still attributed right; random bytes never trap.
@Suite("Engine split invariance")
struct SplitInvarianceTests {
    /// A session with prompt, announced payload, multi-line URC, push payload and errors, as a
    /// Quectel BG96 prints it with echo on.
    static let session: (submissions: [Engine.Submission], stream: String) = (
        [
            .command(1, "AT+CPIN?", prefixes: ["+CPIN:"]),
            .command(2, "AT+CMGS=23", prefixes: ["+CMGS:"], payload: "0011000B916407281553F80000AA0AE8329BFD4697D9EC37\u{1A}"),
            .command(3, "AT+QIRD=0,1500", prefixes: ["+QIRD:"], payloadLength: { line in
                Int(ATText.decode(line.dropFirst(7)).filter(\.isNumber))
            }),
            .command(4, "AT+CEREG?", prefixes: ["+CEREG:"], ownsLine: { $0.contains(UInt8(ascii: ",")) }),
            .command(5, "AT+CGSN", bare: true),
            .command(6, "AT+CMGR=9", prefixes: ["+CMGR:"]),
        ],
        "AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n"
            + "AT+CMGS=23\r\r\n> 0011000B916407281553F80000AA0AE8329BFD4697D9EC37\u{1A}\r\n+CMGS: 12\r\n\r\nOK\r\n"
            + "\r\n+CMT: ,24\r\n07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07\r\n"
            + "AT+QIRD=0,1500\r\r\n+QIRD: 10\r\n\r\nOK\r\n+Q\r\n\r\n\r\nOK\r\n"
            + "\r\n+QIURC: \"recv\",1,3\r\n\r\nA\r\n+CEREG: 2\r\n"
            + "AT+CEREG?\r\r\n+CEREG: 5\r\n+CEREG: 2,5,\"1A2B\",\"01A2D001\",7\r\n\r\nOK\r\n"
            + "AT+CGSN\r\r\n490154203237518\r\n\r\nOK\r\n"
            + "AT+CMGR=9\r\r\n+CME ERROR: 321\r\n\r\nRDY\r\n"
    )

    static func run(_ chunks: [[UInt8]]) -> [Step] {
        var engine = Engine(classifier: ModemDialect.quectel.classifier)
        var steps: [Step] = []
        for submission in session.submissions { steps += engine.steps(.submitted(submission)) }
        steps += engine.receive(chunks)
        return steps
    }

    @Test("a whole session gives the same actions in every chunking")
    func session() {
        let stream = Array(Self.session.stream.utf8)
        let expected = Self.run([stream])
        let completions = expected.filter { if case .completed = $0 { true } else { false } }
        #expect(completions.count == 6)
        let urcs = expected.compactMap { step -> String? in if case .urc(let urc) = step { urc.name } else { nil } }
        #expect(urcs == ["+CMT", "+QIURC", "+CEREG", "+CEREG", "RDY"])
        #expect(expected.contains(.completed(3, [.line("+QIRD: 10"), .payload(Array("\r\nOK\r\n+Q\r\n".utf8))], .ok)))
        #expect(!expected.contains { if case .notice(.unknownLine) = $0 { true } else { false } })
        for split in StreamSplits.all(stream, randomRuns: 100, maxChunk: 23) {
            #expect(Self.run(split.chunks) == expected, "\(split.name)")
        }
    }

    /// The response to `AT+COPS?` with a URC inserted at byte `position`.
    static func copsWithURC(at position: Int) -> [UInt8] {
        let response = Array("AT+COPS?\r\r\n+COPS: 0,0,\"Vodafone.de\",7\r\n\r\nOK\r\n".utf8)
        let urc = Array("\r\n+CMTI: \"SM\",3\r\n".utf8)
        return Array(response[..<position]) + urc + Array(response[position...])
    }

    @Test("a URC at every byte boundary of a response is published once and never taken into the response; the response is intact when the URC falls between lines, and every piece of a line it splits is still reported")
    func urcAtEveryBoundary() {
        let responseLength = 45
        for position in 0...responseLength {
            let stream = Self.copsWithURC(at: position)
            // The lines as framed, without the URC: the pieces the engine must account for.
            let pieces = FramerVerifier.tokens([stream]).compactMap { token -> String? in
                if case .line(let line) = token, line != "+CMTI: \"SM\",3" { line } else { nil }
            }
            let intact = pieces == ["AT+COPS?", "+COPS: 0,0,\"Vodafone.de\",7", "OK"]
            for split in StreamSplits.all(stream, randomRuns: 3, maxChunk: 9, seed: UInt64(position)) {
                var engine = Engine()
                _ = engine.steps(.submitted(.command(1, "AT+COPS?", prefixes: ["+COPS:"])))
                var steps = engine.receive(split.chunks)
                let urcs = steps.filter { if case .urc = $0 { true } else { false } }
                #expect(urcs == [.urc(Engine.URC(name: "+CMTI", line: "+CMTI: \"SM\",3"))], "position \(position), \(split.name)")
                var reported: [String] = []
                var completed = false
                if !pieces.contains("OK") {
                    // The final result itself was split: the response waits for one, holding its lines.
                    #expect(engine.inFlightID == 1)
                    steps += engine.receive("\r\nOK\r\n")
                }
                for step in steps {
                    switch step {
                    case .completed(_, let items, let final):
                        completed = true
                        #expect(final == .ok)
                        reported += items.map { if case .line(let line) = $0 { line } else { "" } }
                    case .notice(.unknownLine(let line)):
                        reported.append(line)
                    default:
                        break
                    }
                }
                if intact {
                    #expect(steps.contains(.lines(1, ["+COPS: 0,0,\"Vodafone.de\",7"])), "position \(position), \(split.name)")
                    #expect(reported == ["+COPS: 0,0,\"Vodafone.de\",7"])
                } else {
                    for piece in pieces where piece != "AT+COPS?" && piece != "OK" {
                        #expect(reported.contains(piece), "piece \(piece) of a split line is lost at position \(position)")
                    }
                    #expect(completed, "position \(position)")
                }
            }
        }
    }

    @Test("random bytes never trap, and a clean command works afterwards", arguments: 0..<30)
    func randomBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var engine = Engine(classifier: ModemDialect.simcomSIM7600.classifier, configuration: .init(framerLimits: .init(maxLineLength: 128)))
        let alphabet = Array("\r\n> @+CMT: ,24RDYOK ERROR CONNECT +RECEIVE,0,5:+IPD3\u{1A}".utf8)
        for id in 1...20 as ClosedRange<UInt64> {
            _ = engine.handle(.submitted(.command(id, "AT+X\(id)", prefixes: ["+X:"], payload: id % 3 == 0 ? "AB\u{1A}" : nil,
                                                  payloadLength: { _ in Int(id % 4) }, dataMode: id % 7 == 0)))
            let chunk = (0..<Int.random(in: 0...200, using: &generator)).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            _ = engine.handle(.bytesReceived(chunk))
            if Bool.random(using: &generator) { _ = engine.handle(.timerFired(.command(id))) }
            if Bool.random(using: &generator) { _ = engine.handle(.timerFired(.resync)) }
            if engine.isInDataMode { _ = engine.handle(.dataModeLeft) }
        }
        // Whatever state the noise left behind, the modem coming back to its senses works.
        _ = engine.handle(.timerFired(.resync))
        _ = engine.handle(.timerFired(.resync))
        _ = engine.handle(.timerFired(.resync))
        _ = engine.handle(.dataModeLeft)
        _ = engine.handle(.bytesReceived(Array("\r\n\r\nOK\r\n".utf8)))
        for id in 1...20 as ClosedRange<UInt64> {
            _ = engine.handle(.cancelled(id: id))
            _ = engine.handle(.timerFired(.command(id)))
        }
        _ = engine.handle(.timerFired(.resync))
        _ = engine.handle(.timerFired(.resync))
        _ = engine.handle(.timerFired(.resync))
        let steps = engine.steps(.submitted(.command(99, "AT+CSQ", prefixes: ["+CSQ:"])))
        #expect(steps == [.write("AT+CSQ\r"), .startTimer(.command(99), .seconds(5))])
        #expect(engine.receive("\r\n\r\n+CSQ: 21,99\r\n\r\nOK\r\n").last == .lines(99, ["+CSQ: 21,99"]))
    }
}
