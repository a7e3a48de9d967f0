import ATCodec
import ModemCore
import ModemDialects
import ModemKitTestSupport
import Testing

/// Layers 1 and 2 for the retries counters and PSM: each answer framed by the engine whole,
/// byte by byte and in seeded random chunks, then parsed by its typed command.
///
/// No capture from real hardware of `+CPINR`, `+QPINC` or `+SPIC` was available: those lines
/// follow the layouts of TS 27.007 §8.65 and the Quectel / SIMCom manuals (the virtual modem
/// prints the same). The `+CPSMS` read is the one observed on a SARA-R510.
@Suite("SIM retries, PSM and eDRX commands")
struct SIMRetriesAndPowerSavingParserTests {
    /// The response lines of `command` as the engine frames `stream`, in every chunking.
    static func frame<C: ATCommand>(_ command: C, _ stream: String) -> [ATResponse] {
        let bytes = Array(stream.utf8)
        return StreamSplits.all(bytes, randomRuns: 20, maxChunk: 9).map { split in
            var engine = Engine(classifier: ModemDialect.quectel.classifier)
            var steps = engine.steps(.submitted(.command(1, command.text, prefixes: C.prefixes)))
            steps += engine.receive(split.chunks)
            for case .completed(_, let items, let final) in steps {
                return ATResponse(command: command.text, items: items, final: final)
            }
            return ATResponse(command: command.text, lines: [], final: .error)
        }
    }

    @Test("+CPINR, quoted or bare codes; PIN2 lines skipped", arguments: [
        ("AT+CPINR=\"SIM*\"\r\r\n+CPINR: SIM PIN,3,3\r\n+CPINR: SIM PUK,10,10\r\n\r\nOK\r\n", SIMRetries(pin: 3, puk: 10)),
        ("\r\n+CPINR: \"SIM PIN\",0,3\r\n+CPINR: \"SIM PIN2\",3,3\r\n+CPINR: \"SIM PUK\",7,10\r\n\r\nOK\r\n", SIMRetries(pin: 0, puk: 7)),
        ("\r\n+CPINR: SIM PUK,9\r\n\r\nOK\r\n", SIMRetries(pin: nil, puk: 9)),
    ])
    func cpinr(_ stream: String, _ expected: SIMRetries) throws {
        for response in Self.frame(CPINR.Execute(), stream) {
            #expect(try CPINR.Execute().parse(response) == expected)
        }
        #expect(CPINR.Execute().text == "AT+CPINR=\"SIM*\"")
    }

    @Test("Quectel +QPINC and SIMCom +SPIC")
    func vendorCounters() throws {
        for response in Self.frame(Quectel.QPINC(), "AT+QPINC=\"SC\"\r\r\n+QPINC: \"SC\",2,10\r\n\r\nOK\r\n") {
            #expect(try Quectel.QPINC().parse(response) == SIMRetries(pin: 2, puk: 10))
        }
        for response in Self.frame(SIMCom.SPIC(), "AT+SPIC\r\r\n+SPIC: 0,8,3,10\r\n\r\nOK\r\n") {
            #expect(try SIMCom.SPIC().parse(response) == SIMRetries(pin: 0, puk: 8))
        }
    }

    @Test("malformed counters are errors carrying the line", arguments: [
        "+CPINR: SIM PIN,x,3", "+CPINR: SIM PIN,-1,3", "+CPINR: \"SIM PIN,3,3", "+CPINR: SIM PIN2,3,3",
    ])
    func cpinrMalformed(_ line: String) {
        let response = ATResponse(command: "AT+CPINR=\"SIM*\"", lines: [line])
        #expect(throws: ATParseError.self) { try CPINR.Execute().parse(response) }
    }

    @Test("malformed vendor counters", arguments: ["+QPINC: \"SC\",3", "+QPINC: \"P2\",3,10", "+QPINC: \"SC\",a,10", "+SPIC: 3", "+SPIC: -1,10,0,10", "OK"])
    func vendorMalformed(_ line: String) {
        let response = ATResponse(command: "AT", lines: [line])
        if line.hasPrefix("+QPINC") || line == "OK" {
            #expect(throws: ATParseError.self) { try Quectel.QPINC().parse(response) }
        }
        if line.hasPrefix("+SPIC") || line == "OK" {
            #expect(throws: ATParseError.self) { try SIMCom.SPIC().parse(response) }
        }
    }

    @Test("+CPSMS read (SARA-R510) and set; malformed timers refused")
    func cpsms() throws {
        let stream = "AT+CPSMS?\r\r\n+CPSMS: 1,,,\"00011000\",\"00011110\"\r\n\r\nOK\r\n"
        for response in Self.frame(CPSMS.Read(), stream) {
            let setting = try CPSMS.Read().parse(response)
            #expect(setting.enabled)
            #expect(setting.periodicTAU?.duration == .seconds(4 * 3600))
            #expect(setting.activeTime?.duration == .seconds(60))
        }
        let tau = try #require(GPRSTimer(encoding: .seconds(3600), coding: .timer3))
        let active = try #require(GPRSTimer(encoding: .seconds(10), coding: .timer2))
        #expect(CPSMS.Set(periodicTAU: tau, activeTime: active).text == "AT+CPSMS=1,,,\"00000110\",\"00000101\"")
        #expect(CPSMS.Set.disable.text == "AT+CPSMS=0")
        for bad in ["+CPSMS: 1,,,\"0001100\",\"00011110\"", "+CPSMS: 7", "+CPSMS: 1,,,\"000110002\"", "+CPSMS: 1,,,\"00011000"] {
            #expect(throws: ATParseError.self) { try CPSMS.Read().parse(ATResponse(command: "AT+CPSMS?", lines: [bad])) }
        }
    }

    @Test("GPRS timers encode exactly where a unit allows, else round up; decode gives the value back", arguments: [
        (3600, GPRSTimer.Coding.timer3, "00000110", 3600),
        (4 * 3600, .timer3, "00011000", 4 * 3600),
        (45 * 60, .timer3, "00000101", 50 * 60),
        (0, .timer3, "01100000", 0),
        (62, .timer3, "01111111", 62),
        (24 * 3600, .timer3, "00111000", 24 * 3600),
        (10, .timer2, "00000101", 10),
        (60, .timer2, "00011110", 60),
        (61, .timer2, "00011111", 62),
        (63, .timer2, "00100010", 120),
        (30 * 60, .timer2, "00111110", 30 * 60),
        (36 * 60, .timer2, "01000110", 36 * 60),
    ])
    func encode(_ seconds: Int, _ coding: GPRSTimer.Coding, _ bits: String, _ back: Int) throws {
        let timer = try #require(GPRSTimer(encoding: .seconds(seconds), coding: coding))
        #expect(timer.bits == bits)
        #expect(timer.duration == .seconds(back))
        #expect(GPRSTimer(bits: bits, coding: coding) == timer)
    }

    @Test("durations outside a coding are refused")
    func encodeOutOfRange() {
        #expect(GPRSTimer(encoding: .seconds(-2), coding: .timer3) == nil)
        #expect(GPRSTimer(encoding: .seconds(31 * 360 + 1), coding: .timer2) == nil)
        #expect(GPRSTimer(encoding: .seconds(31 * 1_152_000 + 1), coding: .timer3) == nil)
        #expect(GPRSTimer.deactivated(.timer2).duration == nil)
    }

    @Test("eDRX values: bits, LTE-M cycles, the shortest cycle not shorter than asked")
    func edrx() throws {
        #expect(CEDRXS.Value(bits: "1101")?.lteMCycleSeconds == 2621.44)
        #expect(CEDRXS.Value(lteMCycleAtLeast: 80).bits == "0101")
        #expect(CEDRXS.Value(lteMCycleAtLeast: 99_999).bits == "1111")
        #expect(CEDRXS.Value(bits: "012") == nil && CEDRXS.Value(bits: "00000") == nil)
        let value = try #require(CEDRXS.Value(bits: "0001"))
        #expect(CEDRXS.Set(accessType: .lteM, value: value).text == "AT+CEDRXS=1,4,\"0001\"")
    }
}
