import Testing
@testable import ATCodec

@Suite("GPRS timers (TS 24.008 §10.5.7.3, §10.5.7.4, §10.5.7.4a)")
struct GPRSTimerTests {
    static let timer3: [StandardCase<Int?>] = [
        StandardCase("SARA-R510 +CPSMS TAU: 24 × 10 min", "00011000", 14_400),
        StandardCase("1 h unit", "00100001", 3_600),
        StandardCase("10 h unit", "01000111", 252_000),
        StandardCase("2 s unit", "01100101", 10),
        StandardCase("30 s unit", "10000010", 60),
        StandardCase("1 min unit", "10100011", 180),
        StandardCase("320 h unit", "11000001", 1_152_000),
        StandardCase("deactivated", "11100000", nil),
    ]

    @Test("GPRS Timer 3", arguments: timer3)
    func gprsTimer3(_ c: StandardCase<Int?>) throws {
        let timer = try #require(GPRSTimer(bits: c.line, coding: .timer3))
        #expect(timer.duration == c.expected.map { .seconds($0) })
        #expect(timer.isDeactivated == (c.expected == nil))
        #expect(timer.bits == c.line)
    }

    static let timer2: [StandardCase<Int?>] = [
        StandardCase("SARA-R510 +CPSMS active time: 30 × 2 s", "00011110", 60),
        StandardCase("1 min unit", "00100100", 240),
        StandardCase("decihours", "01000010", 720),
        StandardCase("unit 011 read as 1 min", "01100001", 60),
        StandardCase("zero", "00000000", 0),
        StandardCase("deactivated", "11111111", nil),
    ]

    @Test("GPRS Timer 2", arguments: timer2)
    func gprsTimer2(_ c: StandardCase<Int?>) throws {
        let timer = try #require(GPRSTimer(bits: c.line, coding: .timer2))
        #expect(timer.duration == c.expected.map { .seconds($0) })
    }

    @Test(arguments: ["", "0001100", "000110000", "0001100a", "00O11000", "٠٠٠١١٠٠٠"])
    func invalidBits(_ bits: String) {
        #expect(GPRSTimer(bits: bits, coding: .timer3) == nil)
    }

    @Test func accessTechnologyCodes() {
        for code in 0...20 { #expect(AccessTechnology(code: code).code == code) }
        #expect(AccessTechnology(code: 7) == .eutran)
        #expect(AccessTechnology(code: 9) == .eutranNBS1)
        #expect(AccessTechnology(code: 13) == .eutraNRDualConnectivity)
        #expect(AccessTechnology(code: 14) == .other(14))
        #expect(AccessTechnology(code: -1) == .other(-1))
    }
}
