import ATCodec
import ModemKitTestSupport
import ModemReplay
import ModemTrace
import Testing

/// Decodes a trace given as text, whole, and returns its events.
func decode(_ text: String, dialect: ModemDialectName? = nil) -> [DecodedEvent] {
    var stream = TraceDecodeStream(dialect: dialect.map(\.dialect))
    stream.append(Array(text.utf8))
    stream.finish()
    var events: [DecodedEvent] = []
    while let event = stream.next() { events.append(event) }
    return events
}

/// Decodes a trace fed in chunks of the sizes `chunkSize` returns (at least 1), events taken
/// after each chunk.
func decode(_ text: String, chunkSize: () -> Int) -> [DecodedEvent] {
    var stream = TraceDecodeStream()
    var events: [DecodedEvent] = []
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let count = max(1, chunkSize())
        stream.append(bytes.prefix(count))
        bytes = bytes.dropFirst(count)
        while let event = stream.next() { events.append(event) }
    }
    stream.finish()
    while let event = stream.next() { events.append(event) }
    return events
}

/// Whether `text` decodes to the same events in seeded random chunkings of 1...`largestChunk` bytes.
func decodesTheSameInAnyChunking(_ text: String, seed: UInt64, rounds: Int, largestChunk: Int) -> Bool {
    let whole = decode(text)
    var generator = SeededGenerator(seed: seed)
    return (0..<rounds).allSatisfy { _ in decode(text, chunkSize: { Int.random(in: 1...largestChunk, using: &generator) }) == whole }
}

func transactions(_ events: [DecodedEvent]) -> [DecodedTransaction] {
    events.compactMap { if case .transaction(let transaction) = $0 { transaction } else { nil } }
}

func problems(_ events: [DecodedEvent]) -> [DecodeProblem] {
    events.compactMap { if case .problem(let problem) = $0 { problem } else { nil } }
}

let header = "#modemkit-trace v1\n# tool: test\n"

@Suite struct TraceDecoderTests {
    @Test func commandWithEchoInformationAndFinal() throws {
        let events = decode(header + """
            0.010000 tx AT+CSQ\\r
            0.031000 rx AT+CSQ\\r\\r\\n+CSQ: 21,99\\r\\n\\r\\nOK\\r\\n
            """)
        let all = transactions(events)
        #expect(all.count == 1)
        let csq = try #require(all.first)
        #expect(csq.command == "AT+CSQ")
        #expect(csq.echoed)
        #expect(csq.lines == ["+CSQ: 21,99"])
        #expect(csq.final == .ok)
        #expect(csq.duration == .milliseconds(21))
        #expect(csq.line == 3)
        #expect(csq.observations.map(\.description) == ["signal: rssi 21 (-71 dBm)"])
        #expect(problems(events).isEmpty)
    }

    @Test func errorsAreExplainedFromTheTables() throws {
        let events = decode(header + """
            0.0 tx AT+COPS=0\\r
            0.5 rx \\r\\n+CME ERROR: 30\\r\\n
            1.0 tx AT+CMGS=20\\r
            1.1 rx \\r\\n+CMS ERROR: 330\\r\\n
            """)
        let all = transactions(events)
        #expect(all.map(\.explanation) == ["no network service", "SMSC address unknown"])
        #expect(all.map(\.succeeded) == [false, false])
    }

    @Test func urcInsideAResponseIsAttributedToTheCommandAndNamed() throws {
        let events = decode(header + """
            0.0 tx AT+CEREG?\\r
            0.1 rx \\r\\n+CEREG: 2\\r\\n+CEREG: 2,1,"1A2B","01A2D001",7\\r\\n
            0.2 rx \\r\\nOK\\r\\n
            """)
        let read = try #require(transactions(events).first)
        #expect(read.lines == [#"+CEREG: 2,1,"1A2B","01A2D001",7"#])
        #expect(read.urcs.map(\.name) == ["+CEREG"])
        #expect(read.urcs.first?.during == "AT+CEREG?")
        // The URC said searching, the answer says home.
        #expect(read.urcs.first?.observations.map(\.description) == ["registration +CEREG: searching"])
        #expect(read.observations.map(\.description) == ["registration +CEREG: searching → home, E-UTRAN"])
    }

    @Test func urcAfterASetCommandOfTheSameNameIsAURC() throws {
        let events = decode(header + """
            0.0 tx AT+CREG=2\\r
            0.1 rx \\r\\nOK\\r\\n\\r\\n+CREG: 5,"1A2B","01A2D001",0\\r\\n
            """)
        #expect(transactions(events).first?.lines == [])
        guard case .urc(let urc) = events.last else {
            Issue.record("expected a URC, got \(events)")
            return
        }
        #expect(urc.during == nil)
        #expect(urc.observations.map(\.description) == ["registration +CREG: roaming, GSM"])
    }

    @Test func incomingSMSPDUIsDecoded() throws {
        let events = decode(header + """
            3.0 rx \\r\\n+CMT: "",26\\r\\n07915155100000F0040C9144770009103200006210100000600007737A985E9FFF00\\r\\n
            """)
        guard case .urc(let urc) = events.first else {
            Issue.record("expected a URC, got \(events)")
            return
        }
        #expect(urc.name == "+CMT")
        #expect(urc.following.count == 1)
        #expect(urc.observations.map(\.description) == [#"SMS deliver from +447700900123: "status?""#])
    }

    @Test func smsSentAfterThePromptIsDecodedAndItsEchoRecognised() throws {
        let events = decode(header + """
            7.0 tx AT+CMGS=19\\r
            7.1 rx AT+CMGS=19\\r\\r\\n>\\x20
            7.2 tx 0011000B911326880736F40000AA05C8329BFD06\\x1a
            7.3 rx 0011000B911326880736F40000AA05C8329BFD06
            8.0 rx \\r\\n+CMGS: 0\\r\\n\\r\\nOK\\r\\n
            """)
        let send = try #require(transactions(events).first)
        #expect(send.prompted)
        #expect(send.lines == ["+CMGS: 0"])
        #expect(send.final == .ok)
        #expect(send.observations.map(\.description) == [#"SMS submit to +31628870634: "Hello""#])
        #expect(events.count == 1)
    }

    @Test func textModeMessagesAreShownAsText() throws {
        let events = decode(header + """
            0.0 tx AT+CMGF=1\\r
            0.1 rx \\r\\nOK\\r\\n
            1.0 rx \\r\\n+CMT: "+447700900123",,"26/11/25,12:00:00+00"\\r\\nstatus?\\r\\n
            """)
        guard case .urc(let urc) = events.last else {
            Issue.record("expected a URC, got \(events)")
            return
        }
        #expect(urc.observations.map(\.description) == [#"SMS deliver from +447700900123: "status?""#])
    }

    @Test func storedMessagesListedInPDUModeAreDecodedWithTheirDirection() throws {
        let events = decode(header + """
            0.0 tx AT+CMGL=4\\r
            0.1 rx \\r\\n+CMGL: 1,1,,26\\r\\n07915155100000F0040C9144770009103200006210100000600007737A985E9FFF00\\r\\n+CMGL: 2,2,,19\\r\\n0011000B911326880736F40000AA05C8329BFD06\\r\\n\\r\\nOK\\r\\n
            """)
        let list = try #require(transactions(events).first)
        #expect(list.lines.count == 4)
        #expect(list.observations.map(\.description) == [
            #"SMS deliver from +447700900123: "status?""#, #"SMS submit to +31628870634: "Hello""#,
        ])
    }

    @Test func signalChangesAreNoted() throws {
        let events = decode(header + """
            0.0 tx AT+CSQ\\r
            0.1 rx \\r\\n+CSQ: 20,99\\r\\n\\r\\nOK\\r\\n
            1.0 tx AT+CSQ\\r
            1.1 rx \\r\\n+CSQ: 99,99\\r\\n\\r\\nOK\\r\\n
            """)
        #expect(transactions(events).flatMap(\.observations).map(\.description) == [
            "signal: rssi 20 (-73 dBm)", "signal: rssi 20 → rssi unknown",
        ])
    }

    @Test func vendorURCPayloadsUseTheDialect() throws {
        let events = decode(header + """
            0.0 rx \\r\\n+QIURC: "recv",0,4\\r\\ntest\\r\\n+QIURC: "closed",0\\r\\n
            """, dialect: .quectel)
        let urcs = events.compactMap { if case .urc(let urc) = $0 { urc } else { nil } }
        #expect(urcs.map(\.name) == ["+QIURC", "+QIURC"])
        #expect(urcs.first?.payload == Array("test".utf8))
    }

    @Test func rebootEndsTheCommandInFlight() throws {
        let events = decode(header + """
            0.0 tx AT+CFUN=1,1\\r
            0.1 rx \\r\\nOK\\r\\n
            0.2 tx AT\\r
            0.3 rx \\r\\nRDY\\r\\n
            5.0 tx AT\\r
            5.1 rx \\r\\nOK\\r\\n
            """)
        let all = transactions(events)
        #expect(all.map(\.command) == ["AT+CFUN=1,1", "AT", "AT"])
        #expect(all[1].unfinished == "the modem restarted")
        let urc = events.compactMap { if case .urc(let urc) = $0 { urc } else { nil } }.first
        #expect(urc?.observations == [.restart("RDY")])
    }
}

/// Dialect names the tests pick, so that tests need not import ModemDialects.
enum ModemDialectName {
    case quectel, simcomSIM800

    var dialect: ModemDialects.ModemDialect {
        switch self {
        case .quectel: .quectel
        case .simcomSIM800: .simcomSIM800
        }
    }
}

import ModemDialects

@Suite struct TraceDecoderSocketTests {
    @Test func socketSendAfterPromptKeepsItsPayloadAndVendorFinal() throws {
        let events = decode(header + """
            0.0 tx AT+CIPSEND\\r
            0.1 rx AT+CIPSEND\\r\\r\\n>\\x20
            0.2 tx hello\\x1a
            0.3 rx hello\\x1a\\r\\nSEND OK\\r\\n
            """, dialect: .simcomSIM800)
        let send = try #require(transactions(events).first)
        #expect(send.prompted)
        #expect(send.payload == Array("hello".utf8) + [0x1A])
        #expect(send.lines == [])
        #expect(send.final == .vendor("SEND OK", success: true))
        #expect(send.succeeded)
    }
}
