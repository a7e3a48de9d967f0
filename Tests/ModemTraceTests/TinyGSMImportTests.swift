import ModemTrace
import Testing

/// Arduino serial monitor captures of TinyGSM sketches with StreamDebugger.
@Suite struct TinyGSMImportTests {
    @Test func fixtureDirectionsEchoPromptNotesTimesAndGarbage() throws {
        let log = importLog(try LogFixtures.bytes("tinygsm-streamdebugger.log"), as: .tinyGSM)
        let first = log.records.prefix(7).map { "\($0.line) \($0.record.direction == .tx ? "tx" : "rx") \(TraceEscaping.escape($0.record.bytes))" }
        #expect(first == [
            "4 rx \\r\\nRDY\\r\\n", "6 rx \\r\\n+CFUN: 1\\r\\n", "8 rx \\r\\n+CPIN: READY\\r\\n",
            "9 tx AT\\r", "10 rx AT\\r", "12 rx \\r\\nOK\\r\\n", "13 tx ATE0\\r",
        ])
        // After ATE0 the modem no longer echoes: AT+CMEE=2 is written once.
        let cmee = try #require(log.records.firstIndex { $0.record.bytes == Array("AT+CMEE=2\r".utf8) })
        #expect(log.records[cmee].record.direction == .tx)
        #expect(log.records[cmee + 1].record.bytes == Array("\r\nOK\r\n".utf8))
        // The prompt line: the modem's "> ", then the PDU the sketch wrote, ended by Ctrl-Z.
        let prompt = try #require(log.records.firstIndex { $0.record.bytes == Array("> ".utf8) })
        #expect(log.records[prompt].line == 55)
        #expect(log.records[prompt + 1].record == .tx(Array("0011000B911326880736F40000AA05C8329BFD06\u{1A}".utf8), at: TraceTime(microseconds: 6_278_000)))
        // The sketch's own prints are notes; times come from the [millis] DBG lines.
        let notes = log.records.filter { $0.record.direction == nil }
        #expect(notes.map(\.record) == [
            .event("note", text: "sketch: Waiting for network...", at: TraceTime(microseconds: 3_128_000)),
            .event("note", text: "sketch: success", at: TraceTime(microseconds: 6_199_000)),
        ])
        #expect(log.records.first { $0.record.bytes == Array("\r\n+CMTI: \"SM\",3\r\n".utf8) }?.record.direction == .rx)
        #expect(log.errors.map(\.description) == [
            "line 3: cannot place this line: control characters outside a prompt: \\x00\\xf8\\x00",
        ])
    }

    @Test func echoedPayloadAfterThePromptAndRepeatedCommandsWithEchoOff() {
        let dump = """
            AT+CMGS=19
            AT+CMGS=19
            > 0011000B911326880736F40000AA05C8329BFD06\u{1A}0011000B911326880736F40000AA05C8329BFD06\u{1A}
            +CMGS: 5
            OK
            ATE0
            ATE0
            OK
            AT
            OK
            AT
            OK
            """
        let log = importLog(dump, as: .tinyGSM)
        #expect(log.directions == [.tx, .rx, .rx, .tx, .rx, .rx, .rx, .tx, .rx, .rx, .tx, .rx, .tx, .rx])
        #expect(log.texts[3] == "0011000B911326880736F40000AA05C8329BFD06\u{1A}")
        #expect(log.texts[4] == "0011000B911326880736F40000AA05C8329BFD06\u{1A}")
        #expect(log.texts.suffix(4) == ["AT\r", "\r\nOK\r\n", "AT\r", "\r\nOK\r\n"])
        #expect(log.errors.isEmpty)
    }

    @Test func aMonitorThatDroppedCtrlZShowsThePayloadTwice() {
        let log = importLog("AT+CMGS=2\r\n> 4142\r\n> 41424142\r\n", as: .tinyGSM)
        // The first prompt ends the first payload: the next prompt line is read on its own.
        #expect(log.texts == ["AT+CMGS=2\r", "> ", "4142\u{1A}", "> ", "4142\u{1A}", "4142\u{1A}"])
    }
}
