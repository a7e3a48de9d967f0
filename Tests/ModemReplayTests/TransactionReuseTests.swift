import ATCodec
import ModemReplay
import ModemTrace
import Testing

/// The decoder keeps the transaction in flight from one command to the next and empties it in
/// place (its arrays' storage reused). Events it handed out before must not change, and nothing
/// of one transaction may show in the next.
@Suite struct TransactionReuseTests {
    /// A `+CMGL` answer of `count` lines, then a prompted `+CMGS`, then `AT+CSQ`, then `AT`.
    static func trace(listedLines count: Int) -> String {
        let listed = (1...count).map { "+CMGL: \($0),\"REC READ\",\"+31612345678\",,\"26/11/25,10:00:00+04\"\\r\\nhello \($0)\\r\\n" }
        return header + """
            0.010000 tx AT+CMGF=1\\r
            0.011000 rx \\r\\nOK\\r\\n
            0.020000 tx AT+CMGL="ALL"\\r
            0.030000 rx \\r\\n\(listed.joined())\\r\\nOK\\r\\n
            0.040000 tx AT+CMGS="+31612345678"\\r
            0.041000 rx \\r\\n>\\x20
            0.042000 tx hi\\x1a
            0.050000 rx \\r\\n+CMGS: 7\\r\\n\\r\\nOK\\r\\n
            0.060000 tx AT+CSQ\\r
            0.061000 rx \\r\\n+CEREG: 1\\r\\n\\r\\n+CSQ: 21,99\\r\\n\\r\\nOK\\r\\n
            0.070000 tx AT\\r
            0.071000 rx \\r\\nOK\\r\\n
            """
    }

    /// Events kept by the caller of `forEachReady`, while the decoder goes on reusing its arrays.
    static func keptEvents(_ text: String) -> [DecodedEvent] {
        var stream = TraceDecodeStream()
        stream.append(Array(text.utf8))
        stream.finish()
        var events: [DecodedEvent] = []
        stream.forEachReady { events.append($0) }
        return events
    }

    @Test(arguments: [1, 2, 16, 17, 40])
    func keptTransactionsKeepWhatTheyHadAndTheNextStartEmpty(listedLines: Int) throws {
        let all = transactions(Self.keptEvents(Self.trace(listedLines: listedLines)))
        try #require(all.count == 5)
        let (mode, list, send, signal, plain) = (all[0], all[1], all[2], all[3], all[4])
        #expect(mode.command == "AT+CMGF=1" && mode.lines.isEmpty && mode.final == .ok)
        #expect(list.lines.count == 2 * listedLines)
        #expect(list.lines.first == "+CMGL: 1,\"REC READ\",\"+31612345678\",,\"26/11/25,10:00:00+04\"")
        #expect(list.lines.last == "hello \(listedLines)")
        #expect(list.payload == nil && !list.prompted && list.urcs.isEmpty)
        #expect(send.prompted && send.payload == Array("hi\u{1A}".utf8))
        #expect(send.lines == ["+CMGS: 7"])
        #expect(send.observations.count == 1)
        #expect(signal.lines == ["+CSQ: 21,99"])
        #expect(signal.urcs.map(\.name) == ["+CEREG"])
        #expect(!signal.prompted && signal.payload == nil)
        #expect(signal.observations.count == 1)
        #expect(plain.lines.isEmpty && plain.urcs.isEmpty && plain.observations.isEmpty)
        #expect(!plain.prompted && plain.payload == nil && !plain.echoed && plain.final == .ok)
        #expect(plain.start == TraceTime(microseconds: 70_000) && plain.end == TraceTime(microseconds: 71_000))
    }

    @Test func keptEventsEqualTheEventsNextReturns() {
        for count in [1, 17, 40] {
            let text = Self.trace(listedLines: count)
            #expect(Self.keptEvents(text) == decode(text))
        }
    }

    /// What `replay decode` writes to standard output for each event: JSON Lines, or text
    /// without the problems (those go to standard error).
    @Test func outputIsTextWithoutProblemsOrJSONLines() throws {
        let events = decode(Self.trace(listedLines: 2) + "0.080000 zz nonsense\n")
        let problem = try #require(events.first { if case .problem = $0 { true } else { false } })
        for event in events {
            var text = TextBuffer(capacity: 64)
            var json = TextBuffer(capacity: 64)
            event.writeOutput(into: &text, json: false)
            event.writeOutput(into: &json, json: true)
            var expectedText = TextBuffer(capacity: 64)
            if event != problem { event.writeText(into: &expectedText) }
            var expectedJSON = TextBuffer(capacity: 64)
            event.writeJSON(into: &expectedJSON)
            expectedJSON.append(UInt8(ascii: "\n"))
            #expect(text.bytes == expectedText.bytes)
            #expect(json.bytes == expectedJSON.bytes)
            if case .transaction(let transaction) = event {
                var fromTransaction = TextBuffer(capacity: 64)
                transaction.writeOutput(into: &fromTransaction, json: false)
                #expect(fromTransaction.bytes == text.bytes)
                var jsonFromTransaction = TextBuffer(capacity: 64)
                transaction.writeOutput(into: &jsonFromTransaction, json: true)
                #expect(jsonFromTransaction.bytes == json.bytes)
            }
        }
    }
}
