import Foundation
import ModemReplay
import ModemTrace
import Testing

/// Other tools' logs, detected and decoded like traces (samples in Fixtures/logs/).
@Suite struct ImportedLogDecodeTests {
    static func decodeFixture(_ name: String) throws -> [DecodedEvent] {
        let bytes = Array(try Data(contentsOf: TraceFixtures.directory.deletingLastPathComponent()
            .appendingPathComponent("logs/\(name)")))
        var stream = TraceDecodeStream(format: try #require(LogFormat.detect(bytes)))
        stream.append(bytes)
        stream.finish()
        var events: [DecodedEvent] = []
        while let event = stream.next() { events.append(event) }
        return events
    }

    @Test func modemManagerJournal() throws {
        let events = try Self.decodeFixture("modemmanager-journal.log")
        let all = transactions(events)
        #expect(all.map(\.command) == ["AT+CSQ", "AT+CEREG?", "AT+CMGS=19", "AT"])
        #expect(all[0].duration == .milliseconds(21))
        #expect(all[2].explanation == "no network service")
        #expect(all[2].observations.map(\.description) == [#"SMS submit to +31628870634: "Hello""#])
        #expect(all[3].unfinished == "the trace ends before a final result")
        #expect(problems(events).map(\.line) == [4, 14])
    }

    @Test func terminalCaptureWithEcho() throws {
        let events = try Self.decodeFixture("terminal-echo.log")
        let all = transactions(events)
        #expect(all.count == 8)
        #expect(all.allSatisfy { $0.echoed && $0.final != nil })
        #expect(all.first { $0.command.hasPrefix("AT+COPS") }?.final == .cmeError(.noNetworkService))
        #expect(all.first { $0.command.hasPrefix("AT+CMGS") }?.observations.map(\.description) == [
            #"SMS submit to +447700900123: "status ok""#,
        ])
        #expect(problems(events).map(\.description) == [
            "line 21: cannot place this line: control characters in a text capture: \\x01\\x02garbage",
        ])
    }

    @Test func tinyGSMStreamDebuggerDump() throws {
        let events = try Self.decodeFixture("tinygsm-streamdebugger.log")
        let all = transactions(events)
        #expect(all.map(\.command) == [
            "AT", "ATE0", "AT+CMEE=2", "AT+GMM", "AT+CPIN?", "AT+CREG?", "AT+CSQ", "AT+CMGF=0", "AT+CMGS=19", "AT+CMGR=3", "AT+CGATT=1",
        ])
        #expect(all.prefix(2).allSatisfy { $0.echoed })
        #expect(all.dropFirst(2).allSatisfy { !$0.echoed })
        #expect(all.first { $0.command == "AT+CMGS=19" }?.observations.map(\.description) == [#"SMS submit to +31628870634: "Hello""#])
        #expect(all.first { $0.command == "AT+CMGR=3" }?.observations.map(\.description) == [#"SMS deliver from +31641600986: "See you at 6""#])
        #expect(all.last?.final == .cmeError(.noNetworkService))
        #expect(all.last?.start == TraceTime(microseconds: 10_518_000))
        let urcs = events.compactMap { if case .urc(let urc) = $0 { urc.name } else { nil } }
        #expect(urcs == ["RDY", "+CFUN", "+CPIN", "Call Ready", "SMS Ready", "+CMTI"])
        let notes = events.compactMap { if case .annotation(let note) = $0 { note.text } else { nil } }
        #expect(notes == ["sketch: Waiting for network...", "sketch: success"])
        #expect(problems(events).map(\.line) == [3])
    }

    @Test func pythonGSMModemDebugLog() throws {
        let events = try Self.decodeFixture("python-gsmmodem.log")
        let all = transactions(events)
        #expect(all.count == 28)
        #expect(all.prefix(2).map(\.command) == ["ATZ", "ATE0"])
        #expect(all.prefix(2).allSatisfy { $0.echoed })
        #expect(all[0].duration == .milliseconds(1))
        let sent = all.filter { $0.command.hasPrefix("AT+CMGS") }
        #expect(sent.map { $0.observations.map(\.description) } == [
            [#"SMS submit to +31628870634: "Hello""#], [#"SMS submit to +31628870634: "Hello again""#],
        ])
        #expect(sent.map(\.explanation) == [nil, "no network service"])
        #expect(all.first { $0.command == "AT+CMGR=1" }?.observations.map(\.description) == [#"SMS deliver from +31641600986: "See you at 6""#])
        #expect(all.first { $0.command == #"AT+COPS=1,2,"99999""# }?.final == .cmeError(.noNetworkService))
        #expect(all.last?.unfinished == "the trace ends before a final result")
        #expect(problems(events).map(\.line) == [64])
    }

    @Test func gammuDebugLog() throws {
        let events = try Self.decodeFixture("gammu-textalldate.log")
        // gammu first writes ESC CR, to leave an SMS prompt it may have left open.
        #expect(transactions(events).first?.command == "\u{1B}")
        let all = transactions(events).dropFirst().map { $0 }
        #expect(all.map(\.command) == [
            "AT", "ATE1", "AT+MODE=2", "AT+CMEE=1", "AT+CFUN=1", "AT+CSCA?", "AT+CMGF=0", "AT+CMGS=19",
            "AT+CSCA?", "AT+CMGF=0", "AT+CMGS=24",
        ])
        #expect(all.allSatisfy { $0.echoed })
        #expect(all[7].observations.map(\.description) == [#"SMS submit to +31628870634: "Hello""#])
        #expect(all[7].lines == ["+CMGS: 12"])
        #expect(all[10].explanation == "no network service")
        #expect(all[10].duration == .seconds(1))
        #expect(problems(events).map(\.line) == [226, 226])
    }

    @Test func intercepttyCapture() throws {
        let events = try Self.decodeFixture("interceptty.log")
        let all = transactions(events)
        #expect(all.map(\.command) == ["AT+CSQ", "AT+CMGF=0", "AT+CMGS=19", #"AT+COPS=1,2,"99999""#, "AT+CEREG?"])
        #expect(all[2].observations.map(\.description) == [#"SMS submit to +31628870634: "Hello""#])
        #expect(all[3].final == .cmeError(.noNetworkService))
        #expect(events.contains { if case .urc(let urc) = $0 { urc.text == #"+CMTI: "SM",4"# } else { false } })
        #expect(problems(events).map(\.line) == [41, 274])
    }
}
