import Testing
@testable import ATCodec

/// Every parser in Standard/ fed seeded random lines: it must return or throw, never trap.
@Suite("Standard parsers never trap")
struct StandardRobustnessTests {
    /// SplitMix64: a small deterministic generator, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let prefixes = [
        "+CSQ: ", "+CESQ: ", "+CREG: ", "+CGREG: ", "+CEREG: ", "+COPS: ", "+CPIN: ", "+CFUN: ",
        "+CMEE: ", "+CCLK: ", "+CGATT: ", "+CGDCONT: ", "+CGACT: ", "+CGPADDR: ", "+CGEV: ",
        "+CGEV: NW DEACT ", "+CGEV: ME PDN ACT ", "+CCID: ", "+ICCID: ", "+QCCID: ", "+CGSN: ", "",
    ]
    static let pieces = [
        "0", "1", "2", "7", "99", "255", "-", "+", ",", ",,", "\"", "(", ")", ":", "::", ".", "/",
        " ", "F", "1A2B", "00100100", "IP", "READY", "ME", "NW", "PDN", "ACT", "é", "\u{0}", "\t",
        "999999999999999999999", "24/05/17", "14:03:22", "32.1.13.184",
    ]

    static func line(_ generator: inout Generator) -> String {
        var line = prefixes.randomElement(using: &generator) ?? ""
        for _ in 0..<Int.random(in: 0...16, using: &generator) {
            line += pieces.randomElement(using: &generator) ?? ""
        }
        return line
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomLines(seed: UInt64) {
        var generator = Generator(state: seed)
        for _ in 0..<2_000 {
            let line = Self.line(&generator)
            let response = ATResponse(command: "AT", lines: [line])
            _ = try? CSQ.Execute().parse(response)
            _ = try? CESQ.Execute().parse(response)
            _ = try? CREG.Read().parse(response)
            _ = try? CGREG.Read().parse(response)
            _ = try? CEREG.Read().parse(response)
            _ = try? Registration.parse(line, form: .read)
            _ = try? Registration.parse(line, form: .unsolicited)
            _ = CEREG.Read.ownsLine(ArraySlice(line.utf8))
            _ = try? COPS.Read().parse(response)
            _ = try? COPS.Test().parse(response)
            _ = try? CPIN.Read().parse(response)
            _ = try? CFUN.Read().parse(response)
            _ = try? CMEE.Read().parse(response)
            _ = try? CCLK.Read().parse(response)
            _ = try? CGATT.Read().parse(response)
            _ = try? CGDCONT.Read().parse(response)
            _ = try? CGACT.Read().parse(response)
            _ = try? CGPADDR.Execute().parse(response)
            _ = try? CGEV.Unsolicited.parse(line)
            _ = try? BootURC.parse(line)
            _ = try? CGSN.Execute().parse(response)
            _ = try? CIMI.Execute().parse(response)
            _ = try? CCID.Execute().parse(response)
            _ = try? ATI.Execute().parse(response)
            _ = try? CGMR.Execute().parse(response)
            _ = IPAddress(line)
        }
    }
}

@Suite("Standard value types never trap on extreme values")
struct StandardExtremeValueTests {
    @Test func extremes() {
        let huge = CCLK.Time(year: .max, month: .max, day: .min, hour: .max, minute: .max, second: .max, timeZoneQuarterHours: .min)
        #expect(huge.secondsSince1970 == nil && huge.utcOffsetSeconds == nil)
        let cesq = CESQ.SignalQuality(rxlev: .min, ber: .max, rscp: .max, ecno: .min, rsrq: .max, rsrp: .min)
        #expect(cesq.rxlevDBm == nil && cesq.rscpDBm == nil && cesq.ecnoDB == nil && cesq.rsrqDB == nil && cesq.rsrpDBm == nil)
        #expect(CSQ.SignalQuality(rssi: .min, ber: nil).rssiDBm == nil)
        #expect(AccessTechnology(code: .min).code == .min && Registration.Status(code: .max).code == .max)
        #expect(CFUN.Level(code: .min).code == .min)
        let registration = Registration(domain: .eps, status: .home, areaCode: "FFFFFFFFFFFFFFFFFFFF", cellID: "zz")
        #expect(registration.areaCodeValue == nil && registration.cellIDValue == nil)
    }
}
