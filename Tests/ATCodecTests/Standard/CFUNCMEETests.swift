import Testing
@testable import ATCodec

@Suite("CFUN and CMEE")
struct CFUNCMEETests {
    typealias S = StandardTestSupport

    @Test func cfunText() {
        #expect(CFUN.Set(level: .full).text == "AT+CFUN=1")
        #expect(CFUN.Set(level: .full, reset: true).text == "AT+CFUN=1,1")
        #expect(CFUN.Set(level: .minimum).text == "AT+CFUN=0")
        #expect(CFUN.Set(level: .flightMode).text == "AT+CFUN=4")
        #expect(CFUN.Set(level: .other(7)).text == "AT+CFUN=7")
        #expect(CFUN.Read().text == "AT+CFUN?")
        #expect(CFUN.Set.timeout == .seconds(15))
    }

    static let levels: [StandardCase<CFUN.Level>] = [
        StandardCase("SIM800 / BG96, full", "+CFUN: 1", .full),
        StandardCase("SARA-R510, airplane mode", "+CFUN: 4", .flightMode),
        StandardCase("minimum", "+CFUN: 0", .minimum),
        StandardCase("SIM7600 vendor level", "+CFUN: 7", .other(7)),
        StandardCase("extra field tolerated", "+CFUN: 1,0", .full),
    ]

    @Test("CFUN.Read parses", arguments: levels)
    func read(_ c: StandardCase<CFUN.Level>) throws {
        #expect(try S.parse(CFUN.Read(), [c.line]) == c.expected)
    }

    @Test func levelCodes() {
        for code in 0...9 { #expect(CFUN.Level(code: code).code == code) }
    }

    @Test(arguments: ["+CFUN: x", "+CFUN: ", "+CFUN: -1"])
    func cfunMalformed(_ line: String) {
        S.expectParseError(line: line) { () throws(ATParseError) in try S.parse(CFUN.Read(), [line]) }
    }

    /// `+CFUN:` is also a boot URC: while `AT+CFUN?` is in flight it is the answer.
    @Test func cfunPrecedence() {
        let classifier = ATLineClassifier()
        #expect(classifier.classify(S.bytes("+CFUN: 1"), inFlight: CFUN.Read().context) == .information)
        #expect(classifier.classify(S.bytes("+CPIN: READY"), inFlight: CPIN.Read().context) == .information)
        guard case .urc = classifier.classify(S.bytes("+CFUN: 1"), inFlight: nil) else {
            Issue.record("+CFUN: 1 with nothing in flight should be a URC")
            return
        }
        guard case .urc = classifier.classify(S.bytes("+CPIN: READY"), inFlight: AT.Execute().context) else {
            Issue.record("+CPIN: READY while AT is in flight should be a URC")
            return
        }
    }

    @Test func cmee() throws {
        #expect(CMEE.Set(.disabled).text == "AT+CMEE=0")
        #expect(CMEE.Set(.numeric).text == "AT+CMEE=1")
        #expect(CMEE.Set(.verbose).text == "AT+CMEE=2")
        #expect(CMEE.Read().text == "AT+CMEE?")
        #expect(try S.parse(CMEE.Read(), ["+CMEE: 2"]) == .verbose)
        #expect(try S.parse(CMEE.Read(), ["+CMEE: 0"]) == .disabled)
        for line in ["+CMEE: 3", "+CMEE: x", "+CMEE: "] {
            S.expectParseError(line: line) { () throws(ATParseError) in try S.parse(CMEE.Read(), [line]) }
        }
    }
}
