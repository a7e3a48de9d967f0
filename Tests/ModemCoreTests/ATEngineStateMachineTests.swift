import ATCodec
import ModemCore
import ModemDialects
import Testing

@Suite("ATEngineStateMachine transcripts")
struct ATEngineStateMachineTests {
    static let cmti = Engine.URC(name: "+CMTI", line: "+CMTI: \"SM\",3")

    @Test("a command is written, answered and completed; its timer is stopped")
    func roundTrip() {
        var engine = Engine()
        #expect(engine.steps(.submitted(.command(1, "AT+CSQ", prefixes: ["+CSQ:"]))) == [
            .write("AT+CSQ\r"), .startTimer(.command(1), .seconds(5)),
        ])
        #expect(engine.receive("AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n") == [
            .cancelTimer(.command(1)), .lines(1, ["+CSQ: 21,99"]),
        ])
        #expect(engine.inFlightID == nil)
        #expect(engine.echoDetected == true)
        _ = engine.steps(.submitted(.command(2, "ATE0")))
        _ = engine.receive("ATE0\r\r\nOK\r\n")
        _ = engine.steps(.submitted(.command(3, "AT")))
        _ = engine.receive("\r\nOK\r\n")
        #expect(engine.echoDetected == false, "echo off is detected from the answer")
    }

    @Test("commands wait in FIFO order; the next is written only after the final result")
    func fifo() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CGMI", bare: true)))
        #expect(engine.steps(.submitted(.command(2, "AT+CGMM", bare: true))) == [])
        #expect(engine.queuedCount == 1)
        #expect(engine.receive("\r\nQuectel\r\n\r\nOK\r\n") == [
            .cancelTimer(.command(1)), .lines(1, ["Quectel"]),
            .write("AT+CGMM\r"), .startTimer(.command(2), .seconds(5)),
        ])
        #expect(engine.receive("\r\nBG96\r\n\r\nOK\r\n") == [.cancelTimer(.command(2)), .lines(2, ["BG96"])])
    }

    @Test("a URC between the lines of a response is published, not attributed to the command")
    func urcInsideResponse() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+COPS?", prefixes: ["+COPS:"])))
        #expect(engine.receive("\r\n+COPS: 0,0,\"Vodafone.de\",7\r\n\r\n+CMTI: \"SM\",3\r\n\r\nOK\r\n") == [
            .urc(Self.cmti), .cancelTimer(.command(1)), .lines(1, ["+COPS: 0,0,\"Vodafone.de\",7"]),
        ])
    }

    @Test("errors complete the command with their typed final")
    func errors() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CPIN?", prefixes: ["+CPIN:"])))
        #expect(engine.receive("\r\n+CME ERROR: 10\r\n") == [.cancelTimer(.command(1)), .lines(1, [], .cmeError(.simNotInserted))])
    }

    @Test("the prompt flow: command, prompt, payload, echo of the payload, result")
    func prompt() {
        var engine = Engine()
        let pdu = "0011000B916407281553F80000AA0AE8329BFD4697D9EC37\u{1A}"
        _ = engine.steps(.submitted(.command(1, "AT+CMGS=23", prefixes: ["+CMGS:"], timeout: .seconds(60), payload: pdu)))
        #expect(engine.receive("AT+CMGS=23\r\r\n> ") == [.write(pdu)])
        #expect(engine.receive("0011000B916407281553F80000AA0AE8329BFD4697D9EC37\u{1A}\r\n+CMGS: 12\r\n\r\nOK\r\n") == [
            .cancelTimer(.command(1)), .lines(1, ["+CMGS: 12"]),
        ])
    }

    @Test("an error instead of a prompt ends the command")
    func errorInsteadOfPrompt() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CMGS=23", payload: "00\u{1A}")))
        #expect(engine.receive("\r\n+CMS ERROR: 330\r\n") == [.cancelTimer(.command(1)), .lines(1, [], .cmsError(CMSError(code: 330)))])
    }

    @Test("an announced payload holding CR, LF and OK is read by length (Quectel +QIRD)")
    func announcedPayload() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+QIRD=0,1500", prefixes: ["+QIRD:"], payloadLength: { line in
            Int(ATText.decode(line.dropFirst(7)).filter(\.isNumber))
        })))
        #expect(engine.receive("\r\n+QIRD: 8\r\nOK\r\nA\rB\r\n\r\nOK\r\n") == [
            .cancelTimer(.command(1)),
            .completed(1, [.line("+QIRD: 8"), .payload(Array("OK\r\nA\rB\r".utf8))], .ok),
        ])
    }

    @Test("a URC with a payload after it (Quectel push mode)")
    func urcPayload() {
        var engine = Engine(classifier: ModemDialect.quectel.classifier)
        #expect(engine.receive("\r\n+QIURC: \"recv\",0,4\r\nOK\r\n\r\n+QIURC: \"closed\",0\r\n") == [
            .urc(Engine.URC(name: "+QIURC", line: "+QIURC: \"recv\",0,4", payload: Array("OK\r\n".utf8))),
            .urc(Engine.URC(name: "+QIURC", line: "+QIURC: \"closed\",0")),
        ])
    }

    @Test("multi-line URCs carry their following line (+CMT with its PDU)")
    func multiLineURC() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CSQ", prefixes: ["+CSQ:"])))
        let pdu = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"
        #expect(engine.receive("\r\n+CMT: ,24\r\n\(pdu)\r\n\r\n+CSQ: 9,0\r\n\r\nOK\r\n") == [
            .urc(Engine.URC(name: "+CMT", line: "+CMT: ,24", followingLines: [pdu])),
            .cancelTimer(.command(1)), .lines(1, ["+CSQ: 9,0"]),
        ])
    }

    @Test("a timeout fails only that command, then the engine resynchronises before the next")
    func timeoutAndResync() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+COPS=?", prefixes: ["+COPS:"], timeout: .seconds(180))))
        _ = engine.steps(.submitted(.command(2, "AT+CSQ", prefixes: ["+CSQ:"])))
        #expect(engine.steps(.timerFired(.command(1))) == [
            .failed(1, .timedOut), .write("ATS3?\r"), .startTimer(.resync, .milliseconds(500)),
        ])
        // Garbage, then the probe's answer (echoed); then command 2 goes out.
        #expect(engine.receive("\u{0}\u{FF}junk\r\nATS3?\r\r\n013\r\n\r\nOK\r\n") == [
            .notice(.unknownLine(ATText.decode([0x00, 0xFF] + Array("junk".utf8)))),
            .cancelTimer(.resync), .notice(.resynchronised(true)),
            .write("AT+CSQ\r"), .startTimer(.command(2), .seconds(5)),
        ])
    }

    @Test("the late OK of the command that timed out is not taken for the probe's, nor for the next command's")
    func lateFinalDuringResync() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CMEE=1", timeout: .milliseconds(100))))
        _ = engine.steps(.submitted(.command(2, "AT+CGMI", bare: true)))
        #expect(engine.steps(.timerFired(.command(1))) == [
            .failed(1, .timedOut), .write("ATS3?\r"), .startTimer(.resync, .milliseconds(500)),
        ])
        // Echo off: command 1's OK arrives late; it is dropped, and the probe keeps waiting.
        #expect(engine.receive("\r\nOK\r\n") == [.notice(.strayFinal(.ok))])
        // The probe's own answer: S3 and OK. Only now does command 2 go out.
        #expect(engine.receive("\r\n013\r\n\r\nOK\r\n") == [
            .cancelTimer(.resync), .notice(.resynchronised(true)),
            .write("AT+CGMI\r"), .startTimer(.command(2), .seconds(5)),
        ])
        #expect(engine.receive("\r\nQuectel\r\n\r\nOK\r\n").contains(.completed(2, [.line("Quectel")], .ok)))
    }

    @Test("the first probe's late answer is not taken for the second's: nothing is shifted by one")
    func lateProbeAnswer() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT", timeout: .milliseconds(100))))
        _ = engine.steps(.submitted(.command(2, "AT+CEREG=2")))
        _ = engine.steps(.timerFired(.command(1)))
        _ = engine.steps(.timerFired(.resync))   // a slow modem: the second probe, ATS4?, goes out
        // Now everything arrives: command 1's OK, the first probe's answer, the second's.
        #expect(engine.receive("\r\nOK\r\n") == [.notice(.strayFinal(.ok))])
        #expect(engine.receive("\r\n013\r\n\r\nOK\r\n") == [.notice(.unknownLine("013")), .notice(.strayFinal(.ok))])
        #expect(engine.receive("\r\n010\r\n\r\nOK\r\n") == [
            .cancelTimer(.resync), .notice(.resynchronised(true)),
            .write("AT+CEREG=2\r"), .startTimer(.command(2), .seconds(5)),
        ])
        // Command 2 gets its own answer (SIM800 has no +CEREG), not a stale OK.
        #expect(engine.receive("\r\nERROR\r\n").contains(.completed(2, [], .error)))
    }

    @Test("a silent modem: the resync gives up after its attempts and the queue goes on")
    func resyncGivesUp() {
        var engine = Engine(configuration: .init(resyncAttempts: 2, resyncTimeout: .seconds(1)))
        _ = engine.steps(.submitted(.command(1, "AT", timeout: .seconds(1))))
        _ = engine.steps(.submitted(.command(2, "ATI", bare: true)))
        #expect(engine.steps(.timerFired(.command(1))) == [.failed(1, .timedOut), .write("ATS3?\r"), .startTimer(.resync, .seconds(1))])
        // The second probe comes after ESCs that end any send the modem still waits for.
        // It reads another register (S4), so the first probe's late answer is not taken for it.
        #expect(engine.steps(.timerFired(.resync)) == [.write(String(repeating: "\u{1B}", count: 1500) + "ATS4?\r"), .startTimer(.resync, .seconds(1))])
        #expect(engine.steps(.timerFired(.resync)) == [
            .notice(.resynchronised(false)), .write("ATI\r"), .startTimer(.command(2), .seconds(5)),
        ])
    }

    @Test("a stale timer for a command that already finished does nothing")
    func staleTimer() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT")))
        _ = engine.receive("\r\nOK\r\n")
        #expect(engine.steps(.timerFired(.command(1))) == [])
        #expect(engine.steps(.timerFired(.resync)) == [])
    }

    @Test("cancelling a queued command removes it; cancelling the one in flight discards its answer")
    func cancellation() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+COPS=?", prefixes: ["+COPS:"])))
        _ = engine.steps(.submitted(.command(2, "AT+CGMR", bare: true)))
        _ = engine.steps(.submitted(.command(3, "AT+CSQ", prefixes: ["+CSQ:"])))
        #expect(engine.steps(.cancelled(id: 2)) == [.failed(2, .cancelled)])
        #expect(engine.steps(.cancelled(id: 1)) == [.failed(1, .cancelled)])
        #expect(engine.steps(.cancelled(id: 1)) == [])
        // Command 1's late answer is not taken for command 3's.
        #expect(engine.receive("\r\n+COPS: (2,\"Vodafone.de\",\"Vodafone\",\"26202\",7),,(0-4),(0-2)\r\n\r\nOK\r\n") == [
            .notice(.discardedAfterCancel("+COPS: (2,\"Vodafone.de\",\"Vodafone\",\"26202\",7),,(0-4),(0-2)")),
            .cancelTimer(.command(1)),
            .write("AT+CSQ\r"), .startTimer(.command(3), .seconds(5)),
        ])
        #expect(engine.receive("\r\n+CSQ: 21,99\r\n\r\nOK\r\n") == [.cancelTimer(.command(3)), .lines(3, ["+CSQ: 21,99"])])
    }

    @Test("a command cancelled while waiting for its prompt gets ESC instead of its payload")
    func cancelAtPrompt() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CMGS=5", payload: "0001\u{1A}")))
        _ = engine.steps(.cancelled(id: 1))
        #expect(engine.receive("\r\n> ") == [.write("\u{1B}")])
        #expect(engine.receive("\r\nOK\r\n") == [.cancelTimer(.command(1))])
    }

    @Test("a power-on line during a command fails it as rebooted and is reported")
    func reboot() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT+CSQ", prefixes: ["+CSQ:"])))
        _ = engine.steps(.submitted(.command(2, "AT", prefixes: [])))
        #expect(engine.receive("\r\nRDY\r\n") == [
            .notice(.rebootDetected), .cancelTimer(.command(1)), .failed(1, .modemRebooted),
            .write("AT\r"), .startTimer(.command(2), .seconds(5)),
            .urc(Engine.URC(name: "RDY", line: "RDY", bootRole: .powerOn)),
        ])
        #expect(engine.receive("\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nOK\r\n") == [
            .urc(Engine.URC(name: "+CFUN", line: "+CFUN: 1", bootRole: .readiness)),
            .urc(Engine.URC(name: "+CPIN", line: "+CPIN: READY", bootRole: .readiness)),
            .cancelTimer(.command(2)), .lines(2, []),
        ])
    }

    @Test("transport loss fails the command in flight and every queued one")
    func transportClosed() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "AT")))
        _ = engine.steps(.submitted(.command(2, "AT")))
        #expect(engine.steps(.transportClosed) == [.cancelTimer(.command(1)), .failed(1, .transportClosed), .failed(2, .transportClosed)])
        #expect(engine.steps(.submitted(.command(3, "AT"))) == [.failed(3, .transportClosed)])
    }

    @Test("CONNECT enters data mode: bytes pass raw until data mode is left")
    func dataMode() {
        var engine = Engine()
        _ = engine.steps(.submitted(.command(1, "ATD*99***1#", timeout: .seconds(30), dataMode: true)))
        _ = engine.steps(.submitted(.command(2, "AT+CSQ", prefixes: ["+CSQ:"])))
        #expect(engine.receive("\r\nCONNECT 150000000\r\n~\u{FF}\u{7D}OK\r\n") == [
            .cancelTimer(.command(1)), .lines(1, [], .connect("150000000")), .notice(.dataModeEntered),
            .data([0x7E, 0xC3, 0xBF, 0x7D] + Array("OK\r\n".utf8)),
        ])
        #expect(engine.isInDataMode)
        #expect(engine.steps(.dataModeLeft) == [.write("AT+CSQ\r"), .startTimer(.command(2), .seconds(5))])
    }

    @Test("stray finals and unknown lines with nothing in flight are reported, never dropped")
    func strays() {
        var engine = Engine()
        #expect(engine.receive("\r\nNO CARRIER\r\n\r\nwhat is this\r\n") == [
            .notice(.strayFinal(.noCarrier)), .notice(.unknownLine("what is this")),
        ])
    }

    @Test("SIMCom deferred results are URCs, even inside another command's response")
    func simcomDeferred() {
        var engine = Engine(classifier: ModemDialect.simcomSIM800.classifier)
        _ = engine.steps(.submitted(.command(1, "AT+CIPSTATUS=0", prefixes: ["+CIPSTATUS:"])))
        #expect(engine.receive("\r\n0, CONNECT FAIL\r\n\r\n+CIPSTATUS: 0,,\"TCP\",\"10.0.0.1\",\"80\",\"CLOSED\"\r\n\r\nOK\r\n") == [
            .urc(Engine.URC(name: "CONNECT FAIL", line: "0, CONNECT FAIL")),
            .cancelTimer(.command(1)), .lines(1, ["+CIPSTATUS: 0,,\"TCP\",\"10.0.0.1\",\"80\",\"CLOSED\""]),
        ])
    }
}
