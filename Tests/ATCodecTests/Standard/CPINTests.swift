import Testing
@testable import ATCodec

@Suite("CPIN")
struct CPINTests {
    typealias S = StandardTestSupport

    static let states: [StandardCase<SIMState>] = [
        StandardCase("every modem, SIM unlocked", "+CPIN: READY", .ready),
        StandardCase("TS 27.007 §8.3", "+CPIN: SIM PIN", .simPIN),
        StandardCase("TS 27.007 §8.3", "+CPIN: SIM PUK", .simPUK),
        StandardCase("TS 27.007 §8.3", "+CPIN: PH-SIM PIN", .phSIMPIN),
        StandardCase("TS 27.007 §8.3", "+CPIN: SIM PIN2", .simPIN2),
        StandardCase("TS 27.007 §8.3", "+CPIN: SIM PUK2", .simPUK2),
        StandardCase("TS 27.007 §8.3", "+CPIN: PH-NET PIN", .phNetPIN),
        StandardCase("TS 27.007 §8.3", "+CPIN: PH-NETSUB PUK", .phNetSubPUK),
        StandardCase("TS 27.007 §8.3", "+CPIN: PH-CORP PIN", .phCorpPIN),
        StandardCase("SIM7000E after AT+CFUN=0", "+CPIN: NOT READY", .notReady),
        StandardCase("SIMCom, no SIM", "+CPIN: NOT INSERTED", .notInserted),
        StandardCase("no space after the colon", "+CPIN:READY", .ready),
        StandardCase("quoted", "+CPIN: \"SIM PIN\"", .simPIN),
        StandardCase("unknown vendor word kept", "+CPIN: SIM REMOVED", .other("SIM REMOVED")),
    ]

    @Test("CPIN.Read parses", arguments: states)
    func read(_ c: StandardCase<SIMState>) throws {
        #expect(try S.parse(CPIN.Read(), [c.line]) == c.expected)
        #expect(try CPIN.Unsolicited.parse(c.line) == c.expected)
    }

    @Test func stateText() {
        #expect(SIMState.phNetSubPIN.text == "PH-NETSUB PIN")
        #expect(SIMState(text: "ph-sim pin") == .phSIMPIN)
        #expect(SIMState.simPUK.needsCode && !SIMState.ready.needsCode && !SIMState.notInserted.needsCode)
    }

    @Test func malformed() {
        S.expectParseError(line: "+CPIN: ") { () throws(ATParseError) in try S.parse(CPIN.Read(), ["+CPIN: "]) }
        S.expectParseError(line: nil) { () throws(ATParseError) in try S.parse(CPIN.Read(), []) }
        S.expectParseError(line: "+CPIN: \"\"") { () throws(ATParseError) in try CPIN.Unsolicited.parse("+CPIN: \"\"") }
        S.expectParseError(line: "+CPINX: READY") { () throws(ATParseError) in try CPIN.Unsolicited.parse("+CPINX: READY") }
    }

    @Test func enterText() throws {
        #expect(try CPIN.Enter(pin: "1234").text == "AT+CPIN=\"1234\"")
        #expect(try CPIN.Enter(pin: "12345678").text == "AT+CPIN=\"12345678\"")
        #expect(try CPIN.Enter(puk: "12345678", newPIN: "4321").text == "AT+CPIN=\"12345678\",\"4321\"")
        #expect(CPIN.Read().text == "AT+CPIN?")
        #expect(CPIN.Enter.timeout == .seconds(5))
    }

    static let badPINs = ["", "123", "123456789", "12a4", "12\r4", "a\"b\"", "１２３４", "12 4", "-123"]

    @Test("bad PINs are refused before any text exists", arguments: badPINs)
    func badPIN(_ pin: String) {
        #expect(throws: ATArgumentError.self) { try CPIN.Enter(pin: pin) }
        #expect(throws: ATArgumentError.self) { try CPIN.Enter(puk: "12345678", newPIN: pin) }
    }

    @Test(arguments: ["1234567", "123456789", "1234567a", "inter\rnet"])
    func badPUK(_ puk: String) {
        #expect(throws: ATArgumentError(command: "+CPIN", parameter: "puk", reason: "must be 8 digits")) {
            try CPIN.Enter(puk: puk, newPIN: "1234")
        }
    }

    @Test func argumentErrorDoesNotCarryTheSecret() {
        do {
            _ = try CPIN.Enter(pin: "12a4")
        } catch {
            #expect(!error.description.contains("12a4"))
            #expect(error.parameter == "pin")
        }
    }
}
