import Testing
@testable import ATCodec

@Suite("CCLK")
struct CCLKTests {
    typealias S = StandardTestSupport
    typealias Time = CCLK.Time

    static let times: [StandardCase<(Time, epoch: Int?)>] = [
        StandardCase("TS 27.007 §8.15, +2 h", "+CCLK: \"24/05/17,14:03:22+08\"",
                 (Time(year: 2024, month: 5, day: 17, hour: 14, minute: 3, second: 22, timeZoneQuarterHours: 8), 1_715_947_402)),
        StandardCase("negative zone, −4 h", "+CCLK: \"24/05/17,14:03:22-16\"",
                 (Time(year: 2024, month: 5, day: 17, hour: 14, minute: 3, second: 22, timeZoneQuarterHours: -16), 1_715_969_002)),
        StandardCase("SIM800 before network time (2004 default)", "+CCLK: \"04/01/01,00:00:04+00\"",
                 (Time(year: 2004, month: 1, day: 1, hour: 0, minute: 0, second: 4, timeZoneQuarterHours: 0), 1_072_915_204)),
        StandardCase("no zone", "+CCLK: \"24/05/17,14:03:22\"",
                 (Time(year: 2024, month: 5, day: 17, hour: 14, minute: 3, second: 22), nil)),
        StandardCase("four-digit year, +8 h", "+CCLK: \"2024/05/17,14:03:22+32\"",
                 (Time(year: 2024, month: 5, day: 17, hour: 14, minute: 3, second: 22, timeZoneQuarterHours: 32), 1_715_925_802)),
        StandardCase("unquoted", "+CCLK: 24/05/17,14:03:22+08",
                 (Time(year: 2024, month: 5, day: 17, hour: 14, minute: 3, second: 22, timeZoneQuarterHours: 8), 1_715_947_402)),
        StandardCase("no space after the colon", "+CCLK:\"24/02/29,23:59:59+00\"",
                 (Time(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, timeZoneQuarterHours: 0), 1_709_251_199)),
    ]

    @Test("CCLK.Read parses", arguments: times)
    func read(_ c: StandardCase<(Time, epoch: Int?)>) throws {
        let time = try S.parse(CCLK.Read(), [c.line])
        #expect(time == c.expected.0)
        #expect(time.secondsSince1970 == c.expected.epoch)
    }

    @Test func offsets() {
        #expect(Time(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0, timeZoneQuarterHours: -16).utcOffsetSeconds == -14_400)
        #expect(Time(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0).utcOffsetSeconds == nil)
        #expect(Time(year: 1969, month: 12, day: 31, hour: 23, minute: 0, second: 0, timeZoneQuarterHours: 0).secondsSince1970 == -3_600)
    }

    static let malformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("month 13", "+CCLK: \"24/13/17,14:03:22+08\""),
        StandardMalformedCase("hour 25", "+CCLK: \"24/05/17,25:03:22+08\""),
        StandardMalformedCase("date only", "+CCLK: \"24/05/17\""),
        StandardMalformedCase("zone not digits", "+CCLK: \"24/05/17,14:03:22+8a\""),
        StandardMalformedCase("zone out of range", "+CCLK: \"24/05/17,14:03:22+99\""),
        StandardMalformedCase("three-digit year", "+CCLK: \"124/05/17,14:03:22+08\""),
        StandardMalformedCase("missing seconds", "+CCLK: \"24/05/17,14:03+08\""),
        StandardMalformedCase("empty", "+CCLK: \"\""),
        StandardMalformedCase("sign without zone", "+CCLK: \"24/05/17,14:03:22+\""),
    ]

    @Test("malformed times fail with the raw line", arguments: malformedCases)
    func malformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(CCLK.Read(), [c.line]) }
    }

    @Test func setText() throws {
        let time = Time(year: 2024, month: 5, day: 17, hour: 14, minute: 3, second: 22, timeZoneQuarterHours: -16)
        #expect(try CCLK.Set(time: time).text == "AT+CCLK=\"24/05/17,14:03:22-16\"")
        let noZone = Time(year: 2030, month: 12, day: 1, hour: 9, minute: 5, second: 0)
        #expect(try CCLK.Set(time: noZone).text == "AT+CCLK=\"30/12/01,09:05:00\"")
        #expect(CCLK.Read().text == "AT+CCLK?")
        #expect(throws: ATArgumentError.self) { try CCLK.Set(time: Time(year: 1999, month: 1, day: 1, hour: 0, minute: 0, second: 0)) }
        #expect(throws: ATArgumentError.self) { try CCLK.Set(time: Time(year: 2024, month: 0, day: 1, hour: 0, minute: 0, second: 0)) }
    }
}
