import Testing
@testable import ATCodec

@Suite("COPS")
struct COPSTests {
    typealias S = StandardTestSupport

    static let reads: [StandardCase<COPS.Selection>] = [
        StandardCase("LTE modem in Germany", "+COPS: 0,0,\"Vodafone.de\",7",
                 COPS.Selection(mode: .automatic, format: .longAlphanumeric, operatorName: "Vodafone.de", accessTechnology: .eutran)),
        StandardCase("no operator", "+COPS: 0", COPS.Selection(mode: .automatic)),
        StandardCase("deregistered", "+COPS: 2", COPS.Selection(mode: .deregister)),
        StandardCase("BG96: Cat-M1 printed as 8 (standard: EC-GSM-IoT)", "+COPS: 0,0,\"AT&T 4G\",8",
                 COPS.Selection(mode: .automatic, format: .longAlphanumeric, operatorName: "AT&T 4G", accessTechnology: .ecGSMIoT)),
        StandardCase("SIM7600", "+COPS: 0,0,\"Mint\",7",
                 COPS.Selection(mode: .automatic, format: .longAlphanumeric, operatorName: "Mint", accessTechnology: .eutran)),
        StandardCase("SIM800 (2G, no AcT)", "+COPS: 0,0,\"T-Mobile D\"",
                 COPS.Selection(mode: .automatic, format: .longAlphanumeric, operatorName: "T-Mobile D")),
        StandardCase("numeric format, manual", "+COPS: 1,2,\"26202\",7",
                 COPS.Selection(mode: .manual, format: .numeric, operatorName: "26202", accessTechnology: .eutran)),
        StandardCase("comma inside the name", "+COPS: 0,0,\"Vodafone, D2\",2",
                 COPS.Selection(mode: .automatic, format: .longAlphanumeric, operatorName: "Vodafone, D2", accessTechnology: .utran)),
    ]

    @Test("COPS.Read parses", arguments: reads)
    func read(_ c: StandardCase<COPS.Selection>) throws {
        #expect(try S.parse(COPS.Read(), [c.line]) == c.expected)
    }

    static let readMalformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("mode out of range", "+COPS: 9"),
        StandardMalformedCase("format out of range", "+COPS: 0,5,\"x\""),
        StandardMalformedCase("mode not a number", "+COPS: a"),
        StandardMalformedCase("empty", "+COPS: "),
        StandardMalformedCase("unterminated quote", "+COPS: 0,0,\"Voda"),
        StandardMalformedCase("AcT not a number", "+COPS: 0,0,\"Mint\",LTE"),
    ]

    @Test("COPS.Read rejects malformed lines", arguments: readMalformedCases)
    func readMalformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(COPS.Read(), [c.line]) }
    }

    typealias Op = COPS.Operator

    static let lists: [StandardCase<[Op]>] = [
        StandardCase("TS 27.007 §7.3 shape, two German operators",
                 "+COPS: (2,\"Vodafone.de\",\"Vodafone\",\"26202\",7),(1,\"Telekom.de\",\"TDG\",\"26201\",7),,(0-4),(0-2)",
                 [Op(status: .current, longName: "Vodafone.de", shortName: "Vodafone", numeric: "26202", accessTechnology: .eutran),
                  Op(status: .available, longName: "Telekom.de", shortName: "TDG", numeric: "26201", accessTechnology: .eutran)]),
        StandardCase("commas and parentheses inside quoted names; mode list spelled out",
                 "+COPS: (3,\"Vodafone, D2\",\"Voda(D2)\",\"26202\",2),(0,\"O2 - DE\",\"O2\",\"26203\",0),,(0,1,2,3,4),(0,1,2)",
                 [Op(status: .forbidden, longName: "Vodafone, D2", shortName: "Voda(D2)", numeric: "26202", accessTechnology: .utran),
                  Op(status: .unknown, longName: "O2 - DE", shortName: "O2", numeric: "26203", accessTechnology: .gsm)]),
        StandardCase("SIM800 (2G): no AcT", "+COPS: (2,\"T-Mobile D\",\"TMO D\",\"26201\"),,(0-4),(0-2)",
                 [Op(status: .current, longName: "T-Mobile D", shortName: "TMO D", numeric: "26201")]),
        StandardCase("nothing found", "+COPS: ,,(0-4),(0-2)", []),
        StandardCase("no empty item before the mode list",
                 "+COPS: (2,\"Mint\",\"Mint\",\"310260\",7),(0,1,2,3,4),(0,1,2)",
                 [Op(status: .current, longName: "Mint", shortName: "Mint", numeric: "310260", accessTechnology: .eutran)]),
        StandardCase("spaces between groups", "+COPS: (1,\"A\",\"A\",\"00101\",7), (1,\"B\",\"B\",\"00102\",9) ,,(0-4),(0-2)",
                 [Op(status: .available, longName: "A", shortName: "A", numeric: "00101", accessTechnology: .eutran),
                  Op(status: .available, longName: "B", shortName: "B", numeric: "00102", accessTechnology: .eutranNBS1)]),
        StandardCase("empty answer", "+COPS: ", []),
    ]

    @Test("COPS.Test parses the operator list", arguments: lists)
    func list(_ c: StandardCase<[Op]>) throws {
        #expect(try S.parse(COPS.Test(), [c.line]) == c.expected)
    }

    @Test func plmnParts() {
        let op = Op(status: .current, longName: nil, shortName: nil, numeric: "310410")
        #expect(op.mcc == "310" && op.mnc == "410")
        let two = Op(status: .current, longName: nil, shortName: nil, numeric: "26202")
        #expect(two.mcc == "262" && two.mnc == "02")
        let bad = Op(status: .current, longName: nil, shortName: nil, numeric: "Mint")
        #expect(bad.mcc == nil && bad.mnc == nil)
    }

    static let listMalformedCases: [StandardMalformedCase] = [
        StandardMalformedCase("parenthesis never closed", "+COPS: (2,\"A\",\"A\",\"26201\",7"),
        StandardMalformedCase("quote never closed", "+COPS: (2,\"A,\"A\",\"26201\",7),,(0-4)"),
        StandardMalformedCase("stat out of range", "+COPS: (9,\"A\",\"A\",\"26201\",7),,(0-4),(0-2)"),
        StandardMalformedCase("text between groups", "+COPS: x(1,\"A\",\"A\",\"26201\")"),
        StandardMalformedCase("AcT not a number", "+COPS: (2,\"A\",\"A\",\"26201\",x),,(0-4),(0-2)"),
    ]

    @Test("COPS.Test rejects malformed lists", arguments: listMalformedCases)
    func listMalformed(_ c: StandardMalformedCase) {
        S.expectParseError(line: c.line) { () throws(ATParseError) in try S.parse(COPS.Test(), [c.line]) }
    }

    @Test func commandText() throws {
        #expect(COPS.Read().text == "AT+COPS?")
        #expect(COPS.Test().text == "AT+COPS=?")
        #expect(COPS.Set.automatic.text == "AT+COPS=0")
        #expect(COPS.Set.deregister.text == "AT+COPS=2")
        #expect(COPS.Set(mode: .setFormat).text == "AT+COPS=3")
        #expect(try COPS.Set(mode: .manual, format: .numeric, operator: "26202", accessTechnology: .eutran).text
            == "AT+COPS=1,2,\"26202\",7")
        #expect(try COPS.Set(mode: .manualThenAutomatic, format: .longAlphanumeric, operator: "Vodafone.de").text
            == "AT+COPS=4,0,\"Vodafone.de\"")
        #expect(COPS.Set.timeout == .seconds(180) && COPS.Test.timeout == .seconds(180))
    }

    @Test func userValuesAreRefused() {
        #expect(throws: ATEncodingError.forbiddenCharacter(parameter: 2, offset: 5, byte: 0x0D)) {
            try COPS.Set(mode: .manual, format: .longAlphanumeric, operator: "inter\rnet")
        }
        #expect(throws: ATEncodingError.unescapableCharacter(parameter: 2, offset: 1, character: "\"")) {
            try COPS.Set(mode: .manual, format: .longAlphanumeric, operator: "a\"b")
        }
    }
}
