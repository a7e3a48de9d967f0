import ModemKitTestSupport
import Testing

/// Layer 3: the demo modem's behaviour as event-by-event transcripts.
@Suite struct DemoModemBehaviourTests {
    typealias Behaviour = DemoModem.Behaviour

    private func text(_ actions: [Behaviour.Action]) -> [String] {
        actions.compactMap { if case .write(let bytes) = $0 { String(decoding: bytes, as: UTF8.self) } else { nil } }
    }

    @Test func firstCommandIsEchoedAnsweredAndStartsTheAttach() {
        var modem = Behaviour(configuration: .init())
        let actions = modem.handle(.lineReceived("AT+CSQ"))
        #expect(text(actions) == ["AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n", "\r\n+CREG: 2\r\n"])
        #expect(actions.last == .startTimer(.attach, .milliseconds(300)))
    }

    @Test func attachReportsRegistrationAndSchedulesMessages() {
        var modem = Behaviour(configuration: .init())
        _ = modem.handle(.lineReceived("AT"))
        let attached = modem.handle(.timerFired(.attach))
        #expect(text(attached) == ["\r\n+CREG: 1,\"00C3\",\"01A2D101\",7\r\n"])
        #expect(attached.last == .startTimer(.newMessage, .seconds(2)))
        let message = modem.handle(.timerFired(.newMessage))
        #expect(text(message) == ["\r\n+CMTI: \"SM\",1\r\n"])
        #expect(text(modem.handle(.lineReceived("AT+CSQ"))) == ["AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n"])
    }

    @Test func echoOffAndErrorsFollowCMEE() {
        var modem = Behaviour(configuration: .init())
        #expect(text(modem.handle(.lineReceived("ATE0"))).first == "ATE0\r\r\nOK\r\n")
        #expect(text(modem.handle(.lineReceived("AT+FOO"))) == ["\r\nERROR\r\n"])
        _ = modem.handle(.lineReceived("AT+CMEE=1"))
        #expect(text(modem.handle(.lineReceived("AT+FOO"))) == ["\r\n+CME ERROR: 4\r\n"])
        _ = modem.handle(.lineReceived("AT+CMEE=2"))
        #expect(text(modem.handle(.lineReceived("AT+FOO"))) == ["\r\n+CME ERROR: operation not supported\r\n"])
        #expect(text(modem.handle(.lineReceived("AT+CREG=7"))) == ["\r\n+CME ERROR: incorrect parameters\r\n"])
    }

    @Test func registrationReportingFollowsCREGSet() {
        var modem = Behaviour(configuration: .init())
        _ = modem.handle(.lineReceived("AT+CREG=0"))
        #expect(text(modem.handle(.timerFired(.attach))).isEmpty)
        #expect(text(modem.handle(.lineReceived("AT+CREG?"))) == ["AT+CREG?\r\r\n+CREG: 0,1\r\n\r\nOK\r\n"])
        _ = modem.handle(.lineReceived("AT+CEREG=2"))
        #expect(text(modem.handle(.lineReceived("AT+CEREG?"))) == ["AT+CEREG?\r\r\n+CEREG: 2,1,\"00C3\",\"01A2D101\",7\r\n\r\nOK\r\n"])
    }

    @Test func radioOffDetaches() {
        var modem = Behaviour(configuration: .init())
        _ = modem.handle(.lineReceived("ATE0"))
        _ = modem.handle(.timerFired(.attach))
        let off = modem.handle(.lineReceived("AT+CFUN=0"))
        #expect(text(off) == ["\r\nOK\r\n", "\r\n+CREG: 0\r\n"])
        #expect(off.contains(.cancelTimer(.newMessage)))
        #expect(text(modem.handle(.lineReceived("AT+COPS?"))) == ["\r\n+COPS: 0\r\n\r\nOK\r\n"])
        let on = modem.handle(.lineReceived("AT+CFUN=1"))
        #expect(text(on) == ["\r\nOK\r\n", "\r\n+CREG: 2\r\n"])
    }

    @Test func missingSIM() {
        var configuration = DemoModem.Configuration()
        configuration.simInserted = false
        configuration.cmee = 1
        var modem = Behaviour(configuration: configuration)
        #expect(text(modem.handle(.lineReceived("AT+CPIN?"))) == ["AT+CPIN?\r\r\n+CME ERROR: 10\r\n"])
        #expect(text(modem.handle(.lineReceived("AT+CGMI"))) == ["AT+CGMI\r\r\nModemKit\r\n\r\nOK\r\n"])
    }
}
