import ModemKitTestSupport
import ModemReplay
import ModemTrace
import Testing

@Suite struct TraceDecoderBadInputTests {
    @Test func corruptLinesAreReportedWithTheirNumberAndTheRestDecoded() throws {
        let events = decode(header + """
            0.0 tx AT+CSQ\\r
            garbage here
            0.1 rx \\r\\n+CSQ: 21,99\\r\\n\\r\\nOK\\r\\n
            0.2 zz what
            0.3 tx AT\\q\\r
            """)
        #expect(problems(events).map(\.line) == [4, 6, 7])
        #expect(problems(events)[0].description.hasPrefix("line 4: invalid time 'garbage'"))
        #expect(transactions(events).first?.final == .ok)
    }

    @Test func truncatedTraceReportsTheOpenCommandAndTheCutLine() throws {
        let events = decode(header + """
            0.0 tx AT+COPS=?\\r
            0.5 rx \\r\\n+COPS: (2,"Mod
            """)
        let open = try #require(transactions(events).first)
        #expect(open.unfinished == "the trace ends before a final result")
        #expect(problems(events).map(\.description) == [
            "line 4: 14 bytes of modem output at the end of the trace have no line end",
        ])
    }

    @Test func unterminatedCommandLineIsReported() {
        let events = decode(header + "0.0 tx AT+CS")
        #expect(problems(events).map(\.description) == [
            "line 3: the trace ends inside a command line: 'AT+CS' has no CR",
        ])
    }

    @Test func notATraceAtAll() {
        let events = decode("hello\nworld\n")
        #expect(problems(events).map(\.line) == [1, 1, 2])
        #expect(transactions(events).isEmpty)
    }

    @Test func invalidPDUIsReportedNotFatal() throws {
        let events = decode(header + "0.0 rx \\r\\n+CMT: ,5\\r\\n00FFFF\\r\\n")
        guard case .urc(let urc) = events.first, case .sms(let sms) = urc.observations.first else {
            Issue.record("expected a URC with an SMS observation: \(events)")
            return
        }
        #expect(sms.error != nil)
    }

    @Test func splitInvarianceOverEveryChunking() throws {
        let text = header + """
            0.0 tx AT+CEREG?\\r
            0.1 rx \\r\\n+CEREG: 2\\r\\n+CEREG: 2,1\\r\\n\\r\\nOK\\r\\n
            0.2 tx AT+CMGS=19\\r
            0.3 rx \\r\\n>\\x20
            0.4 tx 0011000B911326880736F40000AA05C8329BFD06\\x1a
            0.5 rx \\r\\n+CMGS: 0\\r\\n\\r\\nOK\\r\\n
            """
        #expect(decodesTheSameInAnyChunking(text, seed: 7, rounds: 50, largestChunk: 17))
    }

    @Test func randomBytesNeverTrap() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<200 {
            var decoder = TraceDecoder()
            var events: [DecodedEvent] = []
            for line in 0..<20 {
                let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
                let record: TraceRecord = Bool.random(using: &generator) ? .tx(bytes, at: .zero) : .rx(bytes, at: .zero)
                decoder.consume(record, line: line, into: &events)
            }
            decoder.finish(into: &events)
            events.removeAll()
        }
    }
}

@Suite struct TraceDecoderLimitsTests {
    @Test func longResponsesAreCappedAndCounted() throws {
        var decoder = TraceDecoder(limits: .init(linesPerTransaction: 100, urcsPerTransaction: 2))
        var events: [DecodedEvent] = []
        decoder.consume(.tx(Array("AT+CMGL=4\r".utf8), at: .zero), line: 1, into: &events)
        let lines = (0..<5_000).map { "+CMGL: \($0),1,,0\r\n" }.joined()
        decoder.consume(.rx(Array(lines.utf8), at: .zero), line: 2, into: &events)
        decoder.consume(.rx(Array("RING\r\nRING\r\nRING\r\nOK\r\n".utf8), at: .zero), line: 3, into: &events)
        decoder.finish(into: &events)
        let list = try #require(transactions(events).first)
        #expect(list.lines.count == 100)
        #expect(list.droppedLines == 4_900)
        #expect(list.urcs.count == 2)
        // The third RING is emitted on its own rather than kept.
        #expect(events.filter { if case .urc = $0 { true } else { false } }.count == 1)
    }
}
