import ModemKitTestSupport
import Testing
@testable import ATCodec

/// TS 27.005 text mode (`+CMGF=1`): `+CMT`, `+CDS`, `+CMGR`, `+CMGL` as modems print them, each
/// case naming where the line comes from, and malformed lines that fail with the line.
@Suite("SMS text mode parsers")
struct SMSTextModeTests {
    typealias S = StandardTestSupport

    @Test func commandLines() throws {
        #expect(try CMGR.TextExecute(index: 2).text == "AT+CMGR=2")
        #expect(CMGL.TextExecute().text == "AT+CMGL=\"ALL\"")
        #expect(CMGL.TextExecute(status: .receivedUnread).text == "AT+CMGL=\"REC UNREAD\"")
        #expect(CSDH.Set(show: true).text == "AT+CSDH=1")
        #expect(CSCS.Set.hex.text == "AT+CSCS=\"HEX\"")
        #expect(throws: ATArgumentError.self) { try CMGR.TextExecute(index: -1) }
    }

    @Test func cmtWithFullHeader() throws {
        // SIM800 series AT manual, +CNMI example with AT+CSDH=1.
        let line = "+CMT: \"+8613918186089\",\"\",\"02/01/30,20:40:31+00\",145,4,0,0,\"+8613800210500\",145,5"
        let message = try CMT.TextUnsolicited.parse(line, following: ["abcde"])
        #expect(message == SMSTextMessage(
            kind: .deliver, address: "+8613918186089", timestamp: "02/01/30,20:40:31+00", typeOfAddress: 145, firstOctet: 4,
            protocolIdentifier: 0, dataCodingScheme: 0, serviceCentre: "+8613800210500", serviceCentreType: 145, length: 5, data: "abcde"
        ))
        #expect(!message.hasUserDataHeader)
    }

    static let shortCMTs: [StandardCase<String>] = [
        StandardCase("BG96 format (CSDH=0, empty alpha unquoted)", "+CMT: \"+393475234652\",,\"14/06/24,16:02:40+08\"", "+393475234652"),
        StandardCase("SIM800 (CSDH=0, alpha quoted)", "+CMT: \"+8613918186089\",\"\",\"02/01/30,20:40:31+00\"", "+8613918186089"),
        StandardCase("SIM808 manual (no alpha field)", "+CMT: \"+8613918186089\",\"02/01/30,20:40:31+00\"", "+8613918186089"),
        StandardCase("UCS2 character set", "+CMT: \"002B0034003400370037\",,\"26/01/01,00:00:30+00\"", "002B0034003400370037"),
    ]

    @Test("+CMT without +CSDH", arguments: shortCMTs)
    func cmtShort(_ c: StandardCase<String>) throws {
        let message = try CMT.TextUnsolicited.parse(c.line, following: ["Test"])
        #expect(message.address == c.expected)
        #expect(message.timestamp != nil && message.firstOctet == nil && message.data == "Test")
    }

    @Test func concatenatedPartShowsItsHeader() throws {
        // fo 0x44 (TP-UDHI, no more messages), UCS-2; data is hex of TP-UD with the 05 00 03 header.
        let line = "+CMT: \"+447700900123\",,\"26/01/01,00:00:30+00\",145,68,0,8,\"+447785016005\",145,10"
        let message = try CMT.TextUnsolicited.parse(line, following: ["050003070201004F004B"])
        #expect(message.hasUserDataHeader && message.dataCodingScheme == 8 && message.length == 10)
    }

    static let reports: [StandardCase<SMSTextStatusReport>] = [
        StandardCase("SIM800 shape", "+CDS: 6,46,\"+8613918186089\",145,\"02/01/30,20:40:31+00\",\"02/01/30,20:40:32+00\",0",
                     SMSTextStatusReport(index: nil, status: nil, firstOctet: 6, reference: 46, recipient: "+8613918186089", recipientType: 145,
                                         serviceCentreTimestamp: "02/01/30,20:40:31+00", dischargeTime: "02/01/30,20:40:32+00", reportStatus: 0)),
        StandardCase("recipient left empty", "+CDS: 6,12,,,\"24/03/01,10:00:00+04\",\"24/03/01,10:00:05+04\",48",
                     SMSTextStatusReport(index: nil, status: nil, firstOctet: 6, reference: 12, recipient: nil, recipientType: nil,
                                         serviceCentreTimestamp: "24/03/01,10:00:00+04", dischargeTime: "24/03/01,10:00:05+04", reportStatus: 48)),
        StandardCase("recipient pair omitted (Telit <ra>,<tora> optional)", "+CDS: 6,255,\"24/03/01,10:00:00-08\",\"24/03/01,10:00:05-08\",70",
                     SMSTextStatusReport(index: nil, status: nil, firstOctet: 6, reference: 255, recipient: nil, recipientType: nil,
                                         serviceCentreTimestamp: "24/03/01,10:00:00-08", dischargeTime: "24/03/01,10:00:05-08", reportStatus: 70)),
    ]

    @Test("+CDS in text mode", arguments: reports)
    func cds(_ c: StandardCase<SMSTextStatusReport>) throws {
        #expect(try CDS.TextUnsolicited.parse(c.line) == c.expected)
    }

    @Test func cmgrDeliverSubmitAndReport() throws {
        // SIM800 manual, AT+CMGR=1 in text mode with CSDH=0.
        let read = try CMGR.TextExecute(index: 1)
        let deliver = try S.parse(read, ["+CMGR: \"REC UNREAD\",\"+8613918186089\",\"\",\"02/01/30,20:40:31+00\"", "This is a test"])
        guard case .message(let message) = deliver else { Issue.record("not a message"); return }
        #expect(message.index == 1 && message.status == .receivedUnread && message.kind == .deliver && message.data == "This is a test")
        // The BG96 manual's message in the CSDH=1 format (fields composed here).
        let full = try S.parse(read, ["+CMGR: \"REC READ\",\"+8615021012496\",,\"13/12/13,15:06:37+32\",145,4,0,0,\"+8613800210500\",145,27",
                                      "<This is a test from Quectel>"])
        guard case .message(let long) = full else { Issue.record("not a message"); return }
        #expect(long.serviceCentre == "+8613800210500" && long.length == 27 && long.timestamp == "13/12/13,15:06:37+32")
        let sent = try S.parse(read, ["+CMGR: \"STO SENT\",\"+447700900123\",,145,17,0,0,167,\"+447785016005\",145,5", "Hello"])
        guard case .message(let submit) = sent else { Issue.record("not a message"); return }
        #expect(submit.kind == .submit && submit.firstOctet == 17 && submit.data == "Hello")
        let report = try S.parse(read, ["+CMGR: \"REC READ\",6,46,\"+8613918186089\",145,\"02/01/30,20:40:31+00\",\"02/01/30,20:40:32+00\",0"])
        guard case .statusReport(let status) = report else { Issue.record("not a report"); return }
        #expect(status.reference == 46 && status.index == 1 && status.status == .receivedRead)
        #expect(try S.parse(read, []) == nil)
    }

    @Test func cmglWithAndWithoutHeader() throws {
        let list = try S.parse(CMGL.TextExecute(), [
            "+CMGL: 1,\"REC UNREAD\",\"+8615021012496\",,\"13/12/13,15:06:37+32\"", "<This is a test from Quectel>",   // BG96 manual
            "+CMGL: 2,\"REC READ\",\"+8615021012496\",,\"13/12/13,15:07:10+32\",145,4", "Test",                       // CSDH=1
            "+CMGL: 3,\"STO UNSENT\",\"+447700900123\",,", "Draft",
            "+CMGL: 4,\"REC READ\",6,46,\"+8613918186089\",145,\"02/01/30,20:40:31+00\",\"02/01/30,20:40:32+00\",0",
        ])
        #expect(list.count == 4)
        guard case .message(let first) = list[0], case .message(let second) = list[1], case .message(let third) = list[2],
              case .statusReport(let fourth) = list[3] else { Issue.record("shapes"); return }
        #expect(first.index == 1 && first.data == "<This is a test from Quectel>" && first.typeOfAddress == nil)
        #expect(second.index == 2 && second.typeOfAddress == 145 && second.length == 4)
        #expect(third.kind == .submit && third.status == .storedUnsent)
        #expect(fourth.index == 4 && fourth.reference == 46)
    }

    static let malformed: [(String, [String])] = [
        ("+CMT: ,24", ["0791..."]),                                                        // PDU mode
        ("+CMT: \"+44\",,\"26/01/01,00:00:30+00\"", []),                                   // no data line
        ("+CMT: \"+44\",,\"\"", ["x"]),                                                    // empty <scts>
        ("+CMT: \"+44\",,\"26/01/01,00:00:30+00\",145,x,0,0,\"+44\",145,5", ["x"]),        // bad <fo>
        ("+CMT: \"+44\",,\"26/01/01,00:00:30+00\",145,4,0", ["x"]),                        // half a header
    ]

    @Test func malformedLinesFailWithTheLine() {
        for (line, following) in Self.malformed {
            #expect(performing: { _ = try CMT.TextUnsolicited.parse(line, following: following) }, throws: { ($0 as? ATParseError)?.line == line })
        }
        for line in ["+CDS: 30", "+CDS: 6,300,\"+44\",145,\"a\",\"b\",0", "+CDS: 6,1,\"+44\",145,,\"b\",0"] {
            #expect(performing: { _ = try CDS.TextUnsolicited.parse(line) }, throws: { ($0 as? ATParseError)?.line == line })
        }
        let read = try? CMGR.TextExecute(index: 1)
        #expect(throws: ATParseError.self) { _ = try read?.parse(ATResponse(command: "AT+CMGR=1", lines: ["+CMGR: \"REC FOO\",\"+44\",,\"x\"", "y"])) }
        #expect(throws: ATParseError.self) { _ = try read?.parse(ATResponse(command: "AT+CMGR=1", lines: ["+CMGR: \"REC READ\",\"+44\",,\"x\""])) }
        #expect(throws: ATParseError.self) { _ = try CMGL.TextExecute().parse(ATResponse(command: "AT+CMGL", lines: ["+CMGL: x,\"REC READ\",\"+44\",,\"x\"", "y"])) }
    }

    @Test(arguments: 0..<4)
    func mutatedLinesNeverTrap(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let seeds = [Self.reports[0].line, "+CMT: \"+8613918186089\",\"\",\"02/01/30,20:40:31+00\",145,4,0,0,\"+8613800210500\",145,5",
                     "+CMGR: \"REC UNREAD\",\"+8613918186089\",\"\",\"02/01/30,20:40:31+00\"", "+CMGL: 2,\"REC READ\",\"+86150\",,\"13/12/13,15:07:10+32\",145,4"]
        let read = try? CMGR.TextExecute(index: 1)
        for _ in 0..<300 {
            let line = SMSParserRobustnessTests.mutate(seeds.randomElement(using: &generator) ?? "", &generator)
            let response = ATResponse(command: "AT", lines: [line, "abc"])
            SMSParserRobustnessTests.check { () throws(ATParseError) in _ = try CMT.TextUnsolicited.parse(line, following: ["abc"]) }
            SMSParserRobustnessTests.check { () throws(ATParseError) in _ = try CDS.TextUnsolicited.parse(line) }
            SMSParserRobustnessTests.check { () throws(ATParseError) in _ = try read?.parse(response) }
            SMSParserRobustnessTests.check { () throws(ATParseError) in _ = try CMGL.TextExecute().parse(response) }
        }
    }
}
