import Testing
@testable import ATCodec

@Suite("Boot URCs")
struct BootURCTests {
    typealias S = StandardTestSupport

    static let lines: [StandardCase<BootURC>] = [
        StandardCase("SIM7600, BG96, SIM7000E: power on", "RDY", .moduleReady),
        StandardCase("SIM800 / BG96", "+CFUN: 1", .functionality(.full)),
        StandardCase("SIM800 / SIM7600 / BG96", "+CPIN: READY", .sim(.ready)),
        StandardCase("SIM7000E after AT+CFUN=0", "+CPIN: NOT READY", .sim(.notReady)),
        StandardCase("SIM800 / Quectel M95", "SMS Ready", .smsReady),
        StandardCase("SIM800 / Quectel M95", "Call Ready", .callReady),
        StandardCase("SIM7600", "PB DONE", .phonebookDone),
        StandardCase("SIM7600", "SMS DONE", .smsDone),
        StandardCase("SIMCom", "+PBREADY", .phonebookReady),
    ]

    @Test("BootURC parses", arguments: lines)
    func parses(_ c: StandardCase<BootURC>) throws {
        let urc = try BootURC.parse(c.line)
        #expect(urc == c.expected)
        #expect(urc.role == (c.expected == .moduleReady ? .powerOn : .readiness))
    }

    /// The standard registry knows every line BootURC parses, with the same role.
    @Test("the registry agrees on the role", arguments: lines)
    func registryAgrees(_ c: StandardCase<BootURC>) throws {
        let registry = URCRegistry.standard
        let id = try #require(registry.match(S.bytes(c.line)))
        #expect(registry[id].bootRole == c.expected.role)
    }

    @Test(arguments: ["Ready", "READY", "RDY1", "+CFUN: x", "+CFUN:", "+CPIN: ", "", "APP RDY"])
    func notBootLines(_ line: String) {
        S.expectParseError(line: line) { () throws(ATParseError) in try BootURC.parse(line) }
    }
}
