import ModemCore
import ModemKitTestSupport
import ModemReplay
import ModemTrace
import ModemTransport
import Testing

private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

private let session = ReplayScript.parse(header + """
    0.000000 ev open
    2.000000 rx \\r\\nRDY\\r\\n
    3.000000 tx AT+CSQ\\r
    3.021000 rx \\r\\n+CSQ: 21,99\\r\\n\\r\\nOK\\r\\n
    4.000000 tx:redacted AT+CPIN="***"\\r
    4.100000 rx \\r\\nOK\\r\\n
    """).script

@Suite struct ReplayStateMachineTests {
    @Test func scriptMergesWritesAndKeepsDelaysAndLines() {
        #expect(session.steps == [
            .reply(bytes: bytes("\r\nRDY\r\n"), delay: .seconds(2), line: 4),
            .expect(.init(bytes: bytes("AT+CSQ\r"), redacted: false, line: 5)),
            .reply(bytes: bytes("\r\n+CSQ: 21,99\r\n\r\nOK\r\n"), delay: .milliseconds(21), line: 6),
            .expect(.init(bytes: bytes("AT+CPIN=\"***\"\r"), redacted: true, line: 7)),
            .reply(bytes: bytes("\r\nOK\r\n"), delay: .milliseconds(100), line: 8),
        ])
    }

    @Test func playsWithRecordedTimingAndAnyChunking() {
        var machine = ReplayStateMachine(script: session, options: .init(matching: .strict, timing: .recorded))
        #expect(machine.handle(.started) == [.startTimer(.seconds(2))])
        #expect(machine.handle(.timerFired) == [.emit(bytes("\r\nRDY\r\n"), line: 4)])
        #expect(machine.handle(.written(bytes("AT+C"))) == [])
        #expect(machine.handle(.written(bytes("SQ\r"))) == [.startTimer(.milliseconds(21))])
        #expect(machine.handle(.timerFired) == [.emit(bytes("\r\n+CSQ: 21,99\r\n\r\nOK\r\n"), line: 6)])
        // The redacted PIN matches whatever PIN the host sends now.
        #expect(machine.handle(.written(bytes("AT+CPIN=\"4711\"\r"))) == [.startTimer(.milliseconds(100))])
        #expect(machine.handle(.timerFired) == [.emit(bytes("\r\nOK\r\n"), line: 8), .finished])
        #expect(machine.isFinished)
    }

    @Test func scaledAndImmediateTiming() {
        var scaled = ReplayStateMachine(script: session, options: .init(timing: .scaled(0.5)))
        #expect(scaled.handle(.started) == [.startTimer(.seconds(1))])
        var immediate = ReplayStateMachine(script: session, options: .init(timing: .immediate))
        #expect(immediate.handle(.started) == [.emit(bytes("\r\nRDY\r\n"), line: 4)])
        #expect(immediate.handle(.written(bytes("AT+CSQ\r"))) == [.emit(bytes("\r\n+CSQ: 21,99\r\n\r\nOK\r\n"), line: 6)])
    }

    @Test func writesAheadOfTheRecordingWaitForTheirTurn() {
        var machine = ReplayStateMachine(script: session, options: .init(timing: .recorded))
        _ = machine.handle(.started)
        // The host writes before the boot URC was played: matched once the URC is out.
        #expect(machine.handle(.written(bytes("AT+CSQ\r"))) == [])
        #expect(machine.handle(.timerFired) == [.emit(bytes("\r\nRDY\r\n"), line: 4), .startTimer(.milliseconds(21))])
    }

    @Test func aWholeSessionWrittenAtOncePlaysThrough() {
        var records: [TraceRecord] = []
        for index in 0..<5_000 {
            records.append(.tx(bytes("AT\r"), at: TraceTime(microseconds: Int64(index) * 10)))
            records.append(.rx(bytes("\r\nOK\r\n"), at: TraceTime(microseconds: Int64(index) * 10 + 5)))
        }
        var machine = ReplayStateMachine(script: ReplayScript(records: records), options: .init(timing: .immediate))
        #expect(machine.handle(.started) == [])
        let actions = machine.handle(.written(Array(repeating: bytes("AT\r"), count: 5_000).flatMap { $0 }))
        #expect(actions.count == 5_001)
        #expect(actions.last == .finished)
    }

    @Test func strictMismatchNamesTheLineTheOffsetAndBothSides() {
        var machine = ReplayStateMachine(script: session, options: .init(matching: .strict, timing: .immediate))
        _ = machine.handle(.started)
        let actions = machine.handle(.written(bytes("at+csq\r")))
        let expected = ReplayMismatch(line: 5, offset: 0, expected: "AT+CSQ\\r", written: "at+csq\\r", reason: "the host wrote something else")
        #expect(actions == [.mismatch(expected)])
        #expect(expected.description == "line 5: expected 'AT+CSQ\\r', the host wrote 'at+csq\\r' (at byte 0 of the write): the host wrote something else")
        // After a mismatch the replay has stopped.
        #expect(machine.handle(.written(bytes("AT+CSQ\r"))) == [])
    }

    @Test func mismatchInTheMiddleOfAWriteCountsTheMatchedBytes() {
        var machine = ReplayStateMachine(script: session, options: .init(matching: .strict, timing: .immediate))
        _ = machine.handle(.started)
        guard case .mismatch(let mismatch) = machine.handle(.written(bytes("AT+CREG?\r"))).first else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(mismatch.offset == 4)
        #expect(mismatch.written == "AT+CREG?\\r")
    }

    @Test func tolerantMatchingIgnoresCaseSpacesAndLineEnds() {
        var machine = ReplayStateMachine(script: session, options: .init(matching: .tolerant, timing: .immediate))
        _ = machine.handle(.started)
        #expect(machine.handle(.written(bytes("at + csq\r\n"))) == [.emit(bytes("\r\n+CSQ: 21,99\r\n\r\nOK\r\n"), line: 6)])
        #expect(machine.handle(.written(bytes("at+cpin=\"1234\"\n"))) == [.emit(bytes("\r\nOK\r\n"), line: 8), .finished])
    }

    @Test func writingAfterTheEndIsReported() {
        var machine = ReplayStateMachine(script: session, options: .init(timing: .immediate))
        _ = machine.handle(.started)
        _ = machine.handle(.written(bytes("AT+CSQ\rAT+CPIN=\"1\"\r")))
        #expect(machine.isFinished)
        guard case .mismatch(let mismatch) = machine.handle(.written(bytes("AT\r"))).first else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(mismatch.description == "line 8: the host wrote after the recorded session ended: 'AT\\r'")
    }

    @Test func playerKeepsRecordedTimingOnAVirtualClock() async throws {
        let clock = ManualClock()
        let transport = ReplayTransport(script: session, options: .init(timing: .recorded), clock: clock)
        try await bounded {
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(2))
            #expect(try await transport.read() == bytes("\r\nRDY\r\n"))
            try await transport.write(bytes("AT+CSQ\r"))
            await clock.waitForSleepers(1)
            clock.advance(by: .milliseconds(21))
            #expect(try await transport.read() == bytes("\r\n+CSQ: 21,99\r\n\r\nOK\r\n"))
            try await transport.write(bytes("AT+CSQ\r"))
            // The player closes the connection at the first mismatch.
            await #expect(throws: TransportError.closed) { try await transport.read() }
        }
        let report = await transport.report
        #expect(report.mismatches.map(\.line) == [7])
        #expect(!report.succeeded)
    }
}
