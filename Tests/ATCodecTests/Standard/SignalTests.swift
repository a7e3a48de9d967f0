import Testing
@testable import ATCodec

@Suite("CSQ and CESQ")
struct SignalTests {
    typealias S = StandardTestSupport

    static let csq: [StandardCase<(rssi: Int?, ber: Int?, dBm: Int?)>] = [
        StandardCase("SIM800", "+CSQ: 14,0", (14, 0, -85)),
        StandardCase("any modem without signal (SIM800 at boot)", "+CSQ: 99,99", (nil, nil, nil)),
        StandardCase("TS 27.007 §8.5: 31 is −51 dBm or more", "+CSQ: 31,99", (31, nil, -51)),
        StandardCase("TS 27.007 §8.5: 0 is −113 dBm or less", "+CSQ: 0,7", (0, 7, -113)),
        StandardCase("SARA-G450: no space after the colon", "+CSQ:21,3", (21, 3, -71)),
        StandardCase("SIM7600 TD-SCDMA range: kept raw, no dBm", "+CSQ: 120,99", (120, nil, nil)),
    ]

    @Test("CSQ.Execute parses", arguments: csq)
    func csqParses(_ c: StandardCase<(rssi: Int?, ber: Int?, dBm: Int?)>) throws {
        let quality = try S.parse(CSQ.Execute(), [c.line])
        #expect(quality.rssi == c.expected.rssi)
        #expect(quality.ber == c.expected.ber)
        #expect(quality.rssiDBm == c.expected.dBm)
    }

    static let csqMalformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("one field", "+CSQ: 14"),
        StandardMalformedCase("not a number", "+CSQ: x,0"),
        StandardMalformedCase("negative", "+CSQ: -1,0"),
        StandardMalformedCase("empty", "+CSQ: "),
        StandardMalformedCase("unterminated quote", "+CSQ: \"14,0"),
    ]

    @Test("CSQ.Execute rejects malformed lines with the raw line", arguments: csqMalformedCases)
    func csqMalformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(CSQ.Execute(), [c.line]) }
    }

    @Test func csqWithoutLine() {
        S.expectParseError(line: nil) { () throws(ATParseError) in try S.parse(CSQ.Execute(), []) }
        #expect(CSQ.Execute().text == "AT+CSQ")
    }

    static let cesq: [StandardCase<[Double?]>] = [
        // rxlevDBm, ber, rscpDBm, ecnoDB, rsrqDB, rsrpDBm
        StandardCase("LTE modem (SARA-R4 style): RSRQ and RSRP only", "+CESQ: 99,99,255,255,20,47", [nil, nil, nil, nil, -10, -94]),
        StandardCase("no signal", "+CESQ: 99,99,255,255,255,255", [nil, nil, nil, nil, nil, nil]),
        StandardCase("GSM (SIM800 style)", "+CESQ: 40,0,255,255,255,255", [-71, 0, nil, nil, nil, nil]),
        StandardCase("UTRA", "+CESQ: 99,99,50,30,255,255", [nil, nil, -71, -9.5, nil, nil]),
        StandardCase("TS 27.007 §8.69 lower ends", "+CESQ: 0,7,0,0,0,0", [-111, 7, -121, -24.5, -20, -141]),
        StandardCase("TS 27.007 §8.69 upper ends", "+CESQ: 63,0,96,49,34,97", [-48, 0, -25, 0, -3, -44]),
    ]

    @Test("CESQ.Execute parses and converts", arguments: cesq)
    func cesqParses(_ c: StandardCase<[Double?]>) throws {
        let q = try S.parse(CESQ.Execute(), [c.line])
        let got: [Double?] = [
            q.rxlevDBm.map(Double.init), q.ber.map(Double.init), q.rscpDBm.map(Double.init),
            q.ecnoDB, q.rsrqDB, q.rsrpDBm.map(Double.init),
        ]
        #expect(got == c.expected)
    }

    @Test func cesqKeepsRawValues() throws {
        let q = try S.parse(CESQ.Execute(), ["+CESQ: 99,99,255,255,20,47"])
        #expect(q == CESQ.SignalQuality(rxlev: nil, ber: nil, rscp: nil, ecno: nil, rsrq: 20, rsrp: 47))
        #expect(CESQ.Execute().text == "AT+CESQ")
    }

    static let cesqMalformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("five fields", "+CESQ: 99,99,255,255,20"),
        StandardMalformedCase("not a number", "+CESQ: 99,99,255,255,x,47"),
        StandardMalformedCase("empty field", "+CESQ: 99,,255,255,20,47"),
        StandardMalformedCase("negative", "+CESQ: 99,99,255,255,20,-4"),
    ]

    @Test("CESQ.Execute rejects malformed lines with the raw line", arguments: cesqMalformedCases)
    func cesqMalformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(CESQ.Execute(), [c.line]) }
    }
}
