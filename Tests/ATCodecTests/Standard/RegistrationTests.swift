import Testing
@testable import ATCodec

@Suite("Registration: CREG, CGREG, CEREG")
struct RegistrationTests {
    typealias S = StandardTestSupport

    /// What a line should parse to; `nil` fields are expected empty.
    struct Expected: Sendable {
        var n: Int? = nil
        var status: Registration.Status
        var area: String? = nil
        var cell: String? = nil
        var act: AccessTechnology? = nil
        var rac: String? = nil
        var cause: (type: Int, reject: Int)? = nil
        var active: Int? = nil       // seconds; -1 = deactivated
        var periodic: Int? = nil
        var ready: Int? = nil
    }

    static let reads: [StandardCase<Expected>] = [
        StandardCase("SIM800, roaming", "+CREG: 0,5", Expected(n: 0, status: .roaming)),
        StandardCase("SIM800", "+CREG: 0,1", Expected(n: 0, status: .home)),
        StandardCase("SARA-R422, searching", "+CGREG: 2,4", Expected(n: 2, status: .unknown)),
        StandardCase("SARA-R422, searching", "+CEREG: 4,2", Expected(n: 4, status: .searching)),
        StandardCase("nRF9160", "+CEREG: 1,2", Expected(n: 1, status: .searching)),
        StandardCase("BG96, NB-IoT", "+CEREG: 2,1,\"1A2B\",\"01A2D001\",9",
                 Expected(n: 2, status: .home, area: "1A2B", cell: "01A2D001", act: .eutranNBS1)),
        StandardCase("SARA-R410, PSM timers (12 s active, 10 h TAU)",
                 "+CEREG: 4,1,\"0001\",\"01A2D001\",7,,,\"00000110\",\"00101010\"",
                 Expected(n: 4, status: .home, area: "0001", cell: "01A2D001", act: .eutran, active: 12, periodic: 36_000)),
        StandardCase("TS 27.007 §10.1.22 n=5: cause and timers (4 min, 70 h)",
                 "+CEREG: 5,1,\"1A2B\",\"01A2D001\",7,0,0,\"00100100\",\"01000111\"",
                 Expected(n: 5, status: .home, area: "1A2B", cell: "01A2D001", act: .eutran, cause: (0, 0),
                          active: 240, periodic: 252_000)),
        StandardCase("TS 27.007 §10.1.22 n=3: denied with EMM cause 15",
                 "+CEREG: 3,3,\"FFFE\",\"0FFFFFFF\",7,0,15",
                 Expected(n: 3, status: .denied, area: "FFFE", cell: "0FFFFFFF", act: .eutran, cause: (0, 15))),
        StandardCase("TS 27.007 §10.1.20: CGREG with <rac>",
                 "+CGREG: 2,1,\"1A2B\",\"01A2D001\",3,\"05\"",
                 Expected(n: 2, status: .home, area: "1A2B", cell: "01A2D001", act: .gsmEGPRS, rac: "05")),
        StandardCase("TS 27.007 §10.1.20 n=4: active, RAU, READY (deactivated)",
                 "+CGREG: 4,1,\"1A2B\",\"01A2D001\",3,\"05\",,,\"00000101\",\"00100001\",\"11100000\"",
                 Expected(n: 4, status: .home, area: "1A2B", cell: "01A2D001", act: .gsmEGPRS, rac: "05",
                          active: 10, periodic: 3_600, ready: -1)),
        StandardCase("TS 27.007 §7.2 n=3: CREG with cause",
                 "+CREG: 3,3,\"00C3\",\"0000A13F\",0,0,17",
                 Expected(n: 3, status: .denied, area: "00C3", cell: "0000A13F", act: .gsm, cause: (0, 17))),
        StandardCase("no space after the colon (as SARA-G450 prints +CGATT:0)", "+CEREG:2,5",
                 Expected(n: 2, status: .roaming)),
        StandardCase("lower-case hex is upper-cased", "+CEREG: 2,1,\"1a2b\",\"01a2d001\",7",
                 Expected(n: 2, status: .home, area: "1A2B", cell: "01A2D001", act: .eutran)),
        StandardCase("stat beyond the table is kept", "+CEREG: 2,11", Expected(n: 2, status: .other(11))),
        StandardCase("SIM800 (2G): CREG n=2 with AcT", "+CREG: 2,1,\"1A2B\",\"3C4D\",0",
                 Expected(n: 2, status: .home, area: "1A2B", cell: "3C4D", act: .gsm)),
    ]

    static let urcs: [StandardCase<Expected>] = [
        StandardCase("nRF9160, searching", "+CEREG: 2", Expected(status: .searching)),
        StandardCase("SARA-R422: every optional field empty", "+CEREG: 2,,,,,,,,", Expected(status: .searching)),
        StandardCase("old modems: unquoted, with spaces", "+CREG: 1, 5C9, 39E5", Expected(status: .home, area: "5C9", cell: "39E5")),
        StandardCase("SARA-R510 after AT+CFUN=4", "+CREG: 0", Expected(status: .notRegistered)),
        StandardCase("SARA-R510 after AT+CFUN=4", "+CGREG: 0", Expected(status: .notRegistered)),
        StandardCase("SARA-R510 after AT+CFUN=4", "+CEREG: 0", Expected(status: .notRegistered)),
        StandardCase("BG96 n=2 URC", "+CEREG: 1,\"1A2B\",\"01A2D001\",9",
                 Expected(status: .home, area: "1A2B", cell: "01A2D001", act: .eutranNBS1)),
        StandardCase("SARA-R410 n=4 URC", "+CEREG: 1,\"0001\",\"01A2D001\",7,,,\"00000110\",\"00101010\"",
                 Expected(status: .home, area: "0001", cell: "01A2D001", act: .eutran, active: 12, periodic: 36_000)),
        StandardCase("n=4 URC, PSM refused (both timers deactivated)", "+CEREG: 5,\"0001\",\"01A2D001\",7,,,\"11100000\",\"11100000\"",
                 Expected(status: .roaming, area: "0001", cell: "01A2D001", act: .eutran, active: -1, periodic: -1)),
        StandardCase("n=3 URC: denied", "+CEREG: 3,\"1A2B\",\"01A2D001\",7,0,11",
                 Expected(status: .denied, area: "1A2B", cell: "01A2D001", act: .eutran, cause: (0, 11))),
        StandardCase("CGREG n=2 URC", "+CGREG: 5,\"1A2B\",\"01A2D001\",2,\"05\"",
                 Expected(status: .roaming, area: "1A2B", cell: "01A2D001", act: .utran, rac: "05")),
        StandardCase("emergency only", "+CEREG: 8", Expected(status: .emergencyOnly)),
    ]

    static func check(_ r: Registration, _ e: Expected) {
        #expect(r.reportingLevel == e.n)
        #expect(r.status == e.status)
        #expect(r.areaCode == e.area)
        #expect(r.cellID == e.cell)
        #expect(r.accessTechnology == e.act)
        #expect(r.routingArea == e.rac)
        #expect(r.causeType == e.cause?.type)
        #expect(r.rejectCause == e.cause?.reject)
        func seconds(_ timer: GPRSTimer?) -> Int? {
            guard let timer else { return nil }
            guard let duration = timer.duration else { return -1 }
            return Int(duration.components.seconds)
        }
        #expect(seconds(r.activeTime) == e.active)
        #expect(seconds(r.periodicUpdate) == e.periodic)
        #expect(seconds(r.readyTimer) == e.ready)
    }

    @Test("read form parses", arguments: reads)
    func readForm(_ c: StandardCase<Expected>) throws {
        Self.check(try Registration.parse(c.line, form: .read), c.expected)
        #expect(Registration.hasReadShape(S.bytes(c.line)))
    }

    @Test("URC form parses", arguments: urcs)
    func urcForm(_ c: StandardCase<Expected>) throws {
        Self.check(try Registration.parse(c.line, form: .unsolicited), c.expected)
        #expect(!Registration.hasReadShape(S.bytes(c.line)))
    }

    @Test func typedParsersPickTheirDomain() throws {
        #expect(try CREG.Unsolicited.parse("+CREG: 5").domain == .circuitSwitched)
        #expect(try CGREG.Unsolicited.parse("+CGREG: 5").domain == .gprs)
        #expect(try CEREG.Unsolicited.parse("+CEREG: 5").domain == .eps)
        #expect(try S.parse(CREG.Read(), ["+CREG: 0,5"]).status == .roaming)
        #expect(try S.parse(CGREG.Read(), ["+CGREG: 2,4"]).status == .unknown)
        S.expectParseError(line: "+CGREG: 1") { () throws(ATParseError) in try CEREG.Unsolicited.parse("+CGREG: 1") }
    }

    @Test func registrationValues() throws {
        let r = try CEREG.Unsolicited.parse("+CEREG: 1,\"1A2B\",\"01A2D001\",7")
        #expect(r.areaCodeValue == 0x1A2B)
        #expect(r.cellIDValue == 0x01A2_D001)
        #expect(r.status.isRegistered && !r.status.isRoaming)
        #expect(Registration.Status.smsOnlyRoaming.isRoaming && Registration.Status.smsOnlyRoaming.isRegistered)
        #expect(!Registration.Status.searching.isRegistered && !Registration.Status.denied.isRegistered)
        for code in 0...12 { #expect(Registration.Status(code: code).code == code) }
    }

    /// nRF9160 prints a URC-shaped line inside the read answer (reference §1.2).
    @Test func readSkipsAURCShapedLineInsideTheAnswer() throws {
        let r = try S.parse(CEREG.Read(), ["+CEREG: 2", "+CEREG: 1,2"])
        #expect(r.reportingLevel == 1 && r.status == .searching)
    }

    /// `+CEREG:` is both the read answer and a URC: the classifier asks `ownsLine`.
    @Test func classifierPrecedenceForTheSharedPrefix() {
        let classifier = ATLineClassifier()
        let read = CEREG.Read().context
        guard case .urc(let id) = classifier.classify(S.bytes("+CEREG: 2"), inFlight: read) else {
            Issue.record("+CEREG: 2 during AT+CEREG? should be a URC")
            return
        }
        #expect(classifier.urcs[id].name == CEREG.name)
        #expect(classifier.classify(S.bytes("+CEREG: 2,,,,,,,,"), inFlight: read) == .urc(id))
        #expect(classifier.classify(S.bytes("+CEREG: 1,2"), inFlight: read) == .information)
        #expect(classifier.classify(S.bytes("+CEREG: 1,2"), inFlight: nil) == .urc(id))
        let creg = CREG.Read().context
        #expect(classifier.classify(S.bytes("+CREG: 0,5"), inFlight: creg) == .information)
        #expect(classifier.classify(S.bytes("+CREG: 1, 5C9, 39E5"), inFlight: creg) != .information)
    }

    @Test func ownsLineShapes() {
        for line in ["+CEREG: 2", "+CEREG:", "+CEREG", "+CEREG: 1,\"1A2B\"", "+CEREG: ,1", ""] {
            #expect(!CEREG.Read.ownsLine(S.bytes(line)), "\(line)")
        }
        for line in ["+CEREG: 0,4", "+CEREG:1,1", "+CGREG: 2,1,\"1A2B\",\"01A2D001\",2,\"05\""] {
            #expect(CEREG.Read.ownsLine(S.bytes(line)), "\(line)")
        }
    }

    static let malformed: [StandardMalformedCase] = [
        StandardMalformedCase("no fields", "+CEREG: "),
        StandardMalformedCase("<n> not a number", "+CEREG: x,1"),
        StandardMalformedCase("<stat> missing", "+CEREG: 2,"),
        StandardMalformedCase("<stat> negative", "+CEREG: 2,-1"),
        StandardMalformedCase("<tac> not hex", "+CEREG: 2,1,\"XYZ\",\"01A2D001\",7"),
        StandardMalformedCase("<ci> too long", "+CEREG: 2,1,\"1A2B\",\"01A2D001FF\",7"),
        StandardMalformedCase("<AcT> not a number", "+CEREG: 2,1,\"1A2B\",\"01A2D001\",LTE"),
        StandardMalformedCase("<Active-Time> 7 bits", "+CEREG: 4,1,\"0001\",\"01A2D001\",7,,,\"0000011\",\"00101010\""),
        StandardMalformedCase("<Periodic-TAU> not binary", "+CEREG: 4,1,\"0001\",\"01A2D001\",7,,,\"00000110\",\"0010102A\""),
        StandardMalformedCase("unterminated quote", "+CEREG: 2,1,\"1A2B"),
        StandardMalformedCase("not a registration line", "+CSQ: 2,1"),
    ]

    @Test("malformed lines fail with the raw line", arguments: malformed)
    func malformedLines(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try Registration.parse(c.line, form: .read) }
    }

    @Test func readWithoutAReadShapedLine() {
        S.expectParseError(line: "+CEREG: 2") { () throws(ATParseError) in try S.parse(CEREG.Read(), ["+CEREG: 2"]) }
        S.expectParseError(line: nil) { () throws(ATParseError) in try S.parse(CREG.Read(), []) }
    }

    @Test func commandText() {
        #expect(CREG.Read().text == "AT+CREG?")
        #expect(CGREG.Read().text == "AT+CGREG?")
        #expect(CEREG.Read().text == "AT+CEREG?")
        #expect(CREG.Set(mode: .location).text == "AT+CREG=2")
        #expect(CGREG.Set(mode: .disabled).text == "AT+CGREG=0")
        #expect(CEREG.Set(mode: .locationPSMAndCause).text == "AT+CEREG=5")
    }
}
