import Testing
@testable import ATCodec

@Suite("Identity: AT, ATE, ATI, CGMI, CGMM, CGMR, CGSN, CIMI")
struct IdentityTests {
    typealias S = StandardTestSupport

    @Test func basicCommandText() {
        #expect(AT.Execute().text == "AT")
        #expect(Echo.Set(on: false).text == "ATE0")
        #expect(Echo.Set(on: true).text == "ATE1")
        #expect(ATI.Execute().text == "ATI")
        #expect(CGMI.Execute().text == "AT+CGMI")
        #expect(CGMM.Execute().text == "AT+CGMM")
        #expect(CGMR.Execute().text == "AT+CGMR")
        #expect(CGSN.Execute().text == "AT+CGSN")
        #expect(CIMI.Execute().text == "AT+CIMI")
        #expect(ATI.Execute.acceptsBareLines && CGSN.Execute.acceptsBareLines && CIMI.Execute.acceptsBareLines)
    }

    @Test func atiKeepsEveryLine() throws {
        // Quectel BG96
        let lines = try S.parse(ATI.Execute(), ["Quectel", "BG96", "Revision: BG96MAR02A07M1G", ""])
        #expect(lines == ["Quectel", "BG96", "Revision: BG96MAR02A07M1G"])
        #expect(try S.parse(ATI.Execute(), []) == [])
    }

    static let names: [StandardCase<String>] = [
        StandardCase("SIM800 AT+CGMI", "SIMCOM_Ltd", "SIMCOM_Ltd"),
        StandardCase("SIM7600 AT+CGMI", "+CGMI: SIMCOM INCORPORATED", "SIMCOM INCORPORATED"),
        StandardCase("BG96 AT+CGMI", "Quectel", "Quectel"),
        StandardCase("SARA-R410 AT+CGMI", "u-blox", "u-blox"),
        StandardCase("nRF9160 AT+CGMI", "Nordic Semiconductor ASA", "Nordic Semiconductor ASA"),
    ]

    @Test("CGMI parses", arguments: names)
    func manufacturer(_ c: StandardCase<String>) throws {
        #expect(try S.parse(CGMI.Execute(), [c.line]) == c.expected)
    }

    @Test("boot URCs the classifier does not know yet, taken in as bare lines, are not the answer")
    func bootURCsAmongBareLines() throws {
        // BG96 booting while AT+CGMI runs, before the Quectel dialect is chosen.
        #expect(try S.parse(CGMI.Execute(), ["+QUSIM: 1", "+QIND: SMS DONE", "Quectel"]) == "Quectel")
        #expect(try S.parse(CGMM.Execute(), ["+QUSIM: 1", "BG96"]) == "BG96")
        #expect(try S.parse(CGMI.Execute(), ["+QUSIM: 1", "+CGMI: SIMCOM INCORPORATED"]) == "SIMCOM INCORPORATED")
    }

    @Test func model() throws {
        #expect(try S.parse(CGMM.Execute(), ["SARA-R410M-02B"]) == "SARA-R410M-02B")     // u-blox SARA-R410
        #expect(try S.parse(CGMM.Execute(), ["+CGMM: SIMCOM_SIM7600E"]) == "SIMCOM_SIM7600E")
        #expect(try S.parse(CGMM.Execute(), ["  BG96  "]) == "BG96")
    }

    static let revisions: [StandardCase<String>] = [
        StandardCase("SIM800 (Revision: without a space)", "Revision:1418B04SIM800L24", "1418B04SIM800L24"),
        StandardCase("BG96", "BG96MAR02A07M1G", "BG96MAR02A07M1G"),
        StandardCase("SIM7600", "+CGMR: LE20B04SIM7600M22", "LE20B04SIM7600M22"),
        StandardCase("Revision: with a space, as Quectel ATI prints it", "Revision: EC25EFAR06A06M4G", "EC25EFAR06A06M4G"),
        StandardCase("nRF9160", "mfw_nrf9160_1.3.0", "mfw_nrf9160_1.3.0"),
    ]

    @Test("CGMR parses", arguments: revisions)
    func revision(_ c: StandardCase<String>) throws {
        #expect(try S.parse(CGMR.Execute(), [c.line]) == c.expected)
    }

    @Test func emptyTextIsAnError() {
        S.expectParseError(line: "+CGMI: ") { () throws(ATParseError) in try S.parse(CGMI.Execute(), ["+CGMI: "]) }
        S.expectParseError(line: nil) { () throws(ATParseError) in try S.parse(CGMR.Execute(), []) }
    }

    static let imeis: [StandardCase<Bool>] = [
        StandardCase("bare (SIM800, BG96, SARA)", "490154203237518", true),
        StandardCase("nRF9160 AT+CGSN=1 form", "+CGSN: \"352656100367872\"", true),
        StandardCase("prefixed without quotes", "+CGSN: 352656100367872", true),
        StandardCase("wrong check digit: returned, flagged", "490154203237519", false),
    ]

    @Test("CGSN parses, Luhn reported", arguments: imeis)
    func imei(_ c: StandardCase<Bool>) throws {
        let imei = try S.parse(CGSN.Execute(), [c.line])
        #expect(imei.digits.utf8.count == 15)
        #expect(imei.isValidLuhn == c.expected)
    }

    @Test func imeiParts() throws {
        let imei = try #require(IMEI("490154203237518"))
        #expect(imei.typeAllocationCode == "49015420")
        #expect(imei.serialNumber == "323751")
        #expect(imei.description == "490154203237518")
    }

    static let badIMEIs: [StandardMalformedCase] = [
        StandardMalformedCase("too short", "12345"),
        StandardMalformedCase("16 digits (IMEISV)", "3526561003678720"),
        StandardMalformedCase("a letter", "49015420323751A"),
        StandardMalformedCase("prefix without value", "+CGSN: \"\""),
    ]

    @Test("CGSN rejects malformed numbers with the raw line", arguments: badIMEIs)
    func badIMEI(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(CGSN.Execute(), [c.line]) }
    }

    @Test func imsi() throws {
        let imsi = try S.parse(CIMI.Execute(), ["262011234567890"])
        #expect(imsi.digits == "262011234567890" && imsi.mcc == "262")
        #expect(try S.parse(CIMI.Execute(), ["", "310410123456789"]).mcc == "310")
        for line in ["26201ABC", "1234567890123456", "12345"] {
            S.expectParseError(line: line) { () throws(ATParseError) in try S.parse(CIMI.Execute(), [line]) }
        }
    }
}
