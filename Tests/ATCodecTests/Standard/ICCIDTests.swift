import Testing
@testable import ATCodec

@Suite("ICCID: CCID, ICCID, QCCID")
struct ICCIDTests {
    typealias S = StandardTestSupport

    /// Expected digits and whether the check digit is right.
    static let ccidCases: [StandardCase<(String, Bool)>] = [
        StandardCase("SIM800: bare", "89860318740200040000", ("89860318740200040000", false)),
        StandardCase("SIM800: bare, 19 digits padded with F", "8944500601200017854F", ("8944500601200017854", true)),
        StandardCase("SIMCom SIM7000: prefixed", "+CCID: 89011703278101043720", ("89011703278101043720", true)),
        StandardCase("quoted", "+CCID: \"89011703278101043720\"", ("89011703278101043720", true)),
    ]

    @Test("CCID.Execute parses", arguments: ccidCases)
    func ccid(_ c: StandardCase<(String, Bool)>) throws {
        let iccid = try S.parse(CCID.Execute(), [c.line])
        #expect(iccid.digits == c.expected.0)
        #expect(iccid.isValidLuhn == c.expected.1)
    }

    @Test func iccidAndQCCID() throws {
        // SIMCom SIM7600 and u-blox: +ICCID:
        #expect(try S.parse(ICCID.Execute(), ["+ICCID: 8944500601200017854F"]).digits == "8944500601200017854")
        #expect(try S.parse(ICCID.Execute(), ["+ICCID: 8944500601200017854f"]).digits == "8944500601200017854")
        // Quectel BG96: +QCCID:
        #expect(try S.parse(QCCID.Execute(), ["+QCCID: 89860318740200040000"]).digits == "89860318740200040000")
        #expect(CCID.Execute().text == "AT+CCID")
        #expect(ICCID.Execute().text == "AT+ICCID")
        #expect(QCCID.Execute().text == "AT+QCCID")
        #expect(CCID.Execute.acceptsBareLines && !QCCID.Execute.acceptsBareLines)
    }

    static let malformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("16 digits", "+QCCID: 8986031874020004"),
        StandardMalformedCase("a letter inside", "+QCCID: 89860318740200040X00"),
        StandardMalformedCase("only padding", "+QCCID: FFFF"),
        StandardMalformedCase("21 digits", "+QCCID: 898603187402000400001"),
        StandardMalformedCase("empty", "+QCCID: "),
    ]

    @Test("malformed ICCIDs fail with the raw line", arguments: malformedCases)
    func malformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(QCCID.Execute(), [c.line]) }
    }
}
