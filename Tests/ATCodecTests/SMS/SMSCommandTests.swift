import Testing
@testable import ATCodec

/// TS 27.005 commands: lines as real modems print them, and malformed ones.
@Suite("SMS commands")
struct SMSCommandTests {
    typealias S = StandardTestSupport
    /// SMS-DELIVER from +31641600986, "How are you?" (the dreamfabric.com PDU example), 30 TPDU octets.
    static let pdu = "07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07"

    @Test func commandLines() throws {
        #expect(CMGF.Set(.pdu).text == "AT+CMGF=0")
        #expect(CMGF.Read().text == "AT+CMGF?")
        #expect(try CSCS.Set("UCS2").text == "AT+CSCS=\"UCS2\"" && CSCS.Set.ucs2.text == "AT+CSCS=\"UCS2\"")
        #expect(CSCS.Set.ira.text == "AT+CSCS=\"IRA\"")
        #expect(try CSMP.Set(.init(firstOctet: 49, dataCodingScheme: 8)).text == "AT+CSMP=49,167,0,8")
        #expect(try CNMI.Set(.init(mode: 2, messages: 2, statusReports: 1)).text == "AT+CNMI=2,2,0,1,0")
        #expect(try CPMS.Set(read: .modem, write: .modem, receive: .modem).text == "AT+CPMS=\"ME\",\"ME\",\"ME\"")
        #expect(try CPMS.Set(read: .sim).text == "AT+CPMS=\"SM\"")
        #expect(try CMGR.Execute(index: 3).text == "AT+CMGR=3")
        #expect(CMGL.Execute().text == "AT+CMGL=4")
        #expect(CMGL.Execute(status: .receivedUnread).text == "AT+CMGL=0")
        #expect(try CMGD.Set(index: 3).text == "AT+CMGD=3")
        #expect(try CMGD.Set(index: 1, scope: .all).text == "AT+CMGD=1,4")
        #expect(CNMA.Execute().text == "AT+CNMA")
        #expect(try CSCA.Set(number: "+447785016005").text == "AT+CSCA=\"+447785016005\",145")
        #expect(try CUSD.Set(code: "*100#").text == "AT+CUSD=1,\"*100#\",15")
        #expect(CUSD.Set(cancelling: ()).text == "AT+CUSD=2")
    }

    @Test func sendPDUHasPromptPayloadEndingInCtrlZ() throws {
        let command = try CMGS.PDU(hex: "0011000b911326880736f40000aa05c8329bfd06", tpduLength: 19)
        #expect(command.text == "AT+CMGS=19")
        #expect(command.payload == Array("0011000B911326880736F40000AA05C8329BFD06".utf8) + [0x1A])
        #expect(command.context.payloadEcho != nil)
        #expect(try S.parse(command, ["+CMGS: 12"]) == 12)                       // BG96, SIM800
        #expect(try S.parse(command, ["+CMGS: 255,\"0791...\""]) == 255)         // SIM7600 with <ackpdu>
    }

    @Test func sendTextRefusesWhatWouldEndThePayload() throws {
        let command = try CMGS.Text(destination: "+447700900123", body: "Hello")
        #expect(command.text == "AT+CMGS=\"+447700900123\"")
        #expect(command.payload == Array("Hello".utf8) + [0x1A])
        #expect(try S.parse(command, ["+CMGS: 13,\"26/01/01,10:00:00+00\""]) == 13)   // text mode with <scts>
        let ucs2 = try CMGS.Text(destination: "+44", body: "041F", ucs2: true)               // SIM800 with AT+CSCS="UCS2"
        #expect(ucs2.text == "AT+CMGS=\"002B00340034\"")
        #expect(throws: ATArgumentError.self) { try CMGS.Text(destination: "+44", body: "Hi", ucs2: true) }
        #expect(throws: ATArgumentError.self) { try CMGS.Text(destination: "+44770\"", body: "x") }
        #expect(throws: ATArgumentError.self) { try CMGS.Text(destination: "+447700900123", body: "a\u{1A}AT+CFUN=0") }
        #expect(throws: ATArgumentError.self) { try CMGS.Text(destination: "+447700900123", body: "a\u{1B}") }
        #expect(throws: ATArgumentError.self) { try CMGS.PDU(hex: "0011ZZ", tpduLength: 2) }
        #expect(throws: ATArgumentError.self) { try CMGS.PDU(hex: "0011", tpduLength: 19) }
        #expect(throws: ATArgumentError.self) { try CMGS.PDU(hex: "001", tpduLength: 1) }
    }

    @Test func refusedArguments() {
        #expect(throws: ATArgumentError.self) { try CPMS.Set(read: SMSStorage(rawValue: "SM\",\"ME")) }
        #expect(throws: ATArgumentError.self) { try CMGR.Execute(index: -1) }
        #expect(throws: ATArgumentError.self) { try CSCA.Set(number: "+44 77") }
        #expect(throws: ATArgumentError.self) { try CUSD.Set(code: "*100#\";+CFUN=0") }
        #expect(throws: ATArgumentError.self) { try CSMP.Set(.init(firstOctet: 256)) }
        #expect(throws: ATArgumentError.self) { try CNMI.Set(.init(statusReports: 3)) }
    }

    static let reads: [StandardCase<SMSStoredPDU?>] = [
        StandardCase("BG96", "+CMGR: 0,,30", SMSStoredPDU(index: 3, status: .receivedUnread, tpduLength: 30, pdu: pdu)),
        StandardCase("SIM800", "+CMGR: 1,\"\",30", SMSStoredPDU(index: 3, status: .receivedRead, tpduLength: 30, pdu: pdu)),
        StandardCase("phone-book name", "+CMGR: 1,\"Alice\",30", SMSStoredPDU(index: 3, status: .receivedRead, alpha: "Alice", tpduLength: 30, pdu: pdu)),
        StandardCase("no alpha field", "+CMGR: 3,30", SMSStoredPDU(index: 3, status: .storedSent, tpduLength: 30, pdu: pdu)),
    ]

    @Test("CMGR parses", arguments: reads)
    func read(_ c: StandardCase<SMSStoredPDU?>) throws {
        #expect(try S.parse(CMGR.Execute(index: 3), [c.line, Self.pdu]) == c.expected)
    }

    @Test func readEmptySlotAndList() throws {
        #expect(try S.parse(CMGR.Execute(index: 7), []) == nil)                      // BG96: bare OK
        let list = try S.parse(CMGL.Execute(), ["+CMGL: 1,1,,30", Self.pdu, "", "+CMGL: 4,0,\"\",30", Self.pdu])
        #expect(list.map(\.index) == [1, 4])
        #expect(list.map(\.status) == [.receivedRead, .receivedUnread])
        #expect(try S.parse(CMGL.Execute(), []).isEmpty)
    }

    @Test func storageUsage() throws {
        let bg96 = try S.parse(CPMS.Read(), ["+CPMS: \"SM\",2,30,\"SM\",2,30,\"SM\",2,30"])
        #expect(bg96 == [CPMS.Usage(storage: .sim, used: 2, total: 30), .init(storage: .sim, used: 2, total: 30), .init(storage: .sim, used: 2, total: 30)])
        let sim800 = try S.parse(CPMS.Read(), ["+CPMS: \"SM_P\",50,50,\"SM_P\",50,50,\"SM_P\",50,50"])
        #expect(sim800[2].storage?.rawValue == "SM_P" && sim800[2].isFull)
        let set = try S.parse(CPMS.Set(read: .modem, write: .modem, receive: .modem), ["+CPMS: 3,50,3,50,3,50"])
        #expect(set.map(\.used) == [3, 3, 3] && set.allSatisfy { $0.storage == nil && !$0.isFull })
    }

    @Test func settingsReads() throws {
        #expect(try S.parse(CMGF.Read(), ["+CMGF: 1"]) == .text)
        #expect(try S.parse(CSCS.Read(), ["+CSCS: \"IRA\""]) == "IRA")
        #expect(try S.parse(CSMP.Read(), ["+CSMP: 17,167,0,0"]) == CSMP.Parameters())
        #expect(try S.parse(CSMP.Read(), ["+CSMP: 17,\"26/01/01,00:00:00+00\",0,8"]).dataCodingScheme == 8)   // absolute <vp>
        #expect(try S.parse(CNMI.Read(), ["+CNMI: 2,1,0,0,0"]) == CNMI.Settings())
        #expect(try S.parse(CNMI.Read(), ["+CNMI: 1,2"]) == CNMI.Settings(mode: 1, messages: 2, statusReports: 0))
        let csca = try S.parse(CSCA.Read(), ["+CSCA: \"+447785016005\",145"])
        #expect(csca?.number == "+447785016005" && csca?.type == 145)
        #expect(try S.parse(CSCA.Read(), ["+CSCA: \"\",129"]) == nil)
    }

    @Test func indications() throws {
        #expect(try CMTI.Unsolicited.parse("+CMTI: \"SM\",3") == CMTI.Indication(storage: .sim, index: 3))      // SIM800
        #expect(try CMTI.Unsolicited.parse("+CMTI: \"ME\",0") == CMTI.Indication(storage: .modem, index: 0))    // EC25
        #expect(try CDSI.Unsolicited.parse("+CDSI: \"SR\",2") == CMTI.Indication(storage: .statusReports, index: 2))
        let sim800 = try CMT.Unsolicited.parse("+CMT: \"\",30", following: [Self.pdu])
        #expect(sim800.tpduLength == 30 && sim800.pdu == Self.pdu && sim800.alpha == nil)
        #expect(try CMT.Unsolicited.parse("+CMT: ,30", following: [Self.pdu]).pdu == Self.pdu)            // BG96
        #expect(try CDS.Unsolicited.parse("+CDS: 30", following: [Self.pdu]).tpduLength == 30)
        let balance = try CUSD.Unsolicited.parse("+CUSD: 0,\"Your balance is 5.00 GBP\",15")              // SIM800
        #expect(balance == CUSD.Notification(status: 0, string: "Your balance is 5.00 GBP", dataCodingScheme: 15))
        #expect(try CUSD.Unsolicited.parse("+CUSD: 0,\"00420061006C\",72").dataCodingScheme == 72)      // BG96, UCS-2
        #expect(try CUSD.Unsolicited.parse("+CUSD: 4") == CUSD.Notification(status: 4))
    }

    @Test func malformed() throws {
        let read = try CMGR.Execute(index: 1)
        let send = try CMGS.Text(destination: "1", body: "")
        S.expectParseError(line: "+CMGR: 9,,30") { () throws(ATParseError) in try S.parse(read, ["+CMGR: 9,,30", Self.pdu]) }
        S.expectParseError(line: "+CMGR: 0,,30") { () throws(ATParseError) in try S.parse(read, ["+CMGR: 0,,30"]) }
        S.expectParseError(line: "07911326XYZ") { () throws(ATParseError) in try S.parse(read, ["+CMGR: 0,,30", "07911326XYZ"]) }
        S.expectParseError(line: "0791") { () throws(ATParseError) in try S.parse(read, ["+CMGR: 0,,30", "0791"]) }
        S.expectParseError(line: "0791") { () throws(ATParseError) in try S.parse(read, ["0791"]) }
        S.expectParseError(line: "+CMGL: x,0,,30") { () throws(ATParseError) in try S.parse(CMGL.Execute(), ["+CMGL: x,0,,30", Self.pdu]) }
        S.expectParseError(line: "+CPMS: \"SM\",2") { () throws(ATParseError) in try S.parse(CPMS.Read(), ["+CPMS: \"SM\",2"]) }
        S.expectParseError(line: "+CMGS: 300") { () throws(ATParseError) in try S.parse(send, ["+CMGS: 300"]) }
        S.expectParseError(line: "+CMGF: 7") { () throws(ATParseError) in try S.parse(CMGF.Read(), ["+CMGF: 7"]) }
        S.expectParseError(line: "+CMTI: \"SM\"") { () throws(ATParseError) in try CMTI.Unsolicited.parse("+CMTI: \"SM\"") }
        S.expectParseError(line: "+CMT: \"+4477\",,\"26/01/01\"") { () throws(ATParseError) in
            try CMT.Unsolicited.parse("+CMT: \"+4477\",,\"26/01/01\"", following: ["hello"])   // text mode
        }
        S.expectParseError(line: "+CMT: ,30") { () throws(ATParseError) in try CMT.Unsolicited.parse("+CMT: ,30", following: []) }
        S.expectParseError(line: "+CDS: 6,12,\"+4477\"") { () throws(ATParseError) in try CDS.Unsolicited.parse("+CDS: 6,12,\"+4477\"", following: []) }
        S.expectParseError(line: "+CUSD: 9") { () throws(ATParseError) in try CUSD.Unsolicited.parse("+CUSD: 9") }
        S.expectParseError(line: "+CUSD: 0,\"abc") { () throws(ATParseError) in try CUSD.Unsolicited.parse("+CUSD: 0,\"abc") }
    }
}
