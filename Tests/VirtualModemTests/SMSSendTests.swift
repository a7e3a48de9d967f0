import SMSPDU
import Testing
import VirtualModem

@Suite("Virtual modem: sending SMS (+CMGS, +CMSS) and status reports")
struct SMSSendTests {
    @Test("PDU mode: prompt, TPDU length, +CMGS: <mr> after the network's round trip, references count up")
    func pduMode() {
        var harness = ModemHarness.sms()
        let length = tpduLength(SMSFixtures.submitHelloHello)
        #expect(length == 23)
        #expect(harness.send("AT+CMGS=\(length)") == "\r\n> ")
        #expect(harness.type(Array(SMSFixtures.submitHelloHello.utf8) + [0x1A]) == "")  // the network takes a moment
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CMGS: 0\r\n\r\nOK\r\n")
        #expect(harness.submit("AT+CMGS=\(length)", SMSFixtures.submitHelloHello) == "\r\n> \r\n+CMGS: 1\r\n\r\nOK\r\n")
        let sent = harness.modem.sentMessages
        #expect(sent.map(\.reference) == [0, 1])
        #expect(sent.first == SentSMS(reference: 0, destination: "+46708251358", text: "hellohello"))
        // UCS-2 with an SMSC address in the PDU, typed in lower case.
        let ucs2 = SMSFixtures.submitUCS2.lowercased()
        #expect(harness.submit("AT+CMGS=\(tpduLength(ucs2))", ucs2).hasSuffix("+CMGS: 2\r\n\r\nOK\r\n"))
        #expect(harness.modem.sentMessages.last?.text == "Hi€")
    }

    @Test("echo on: the PDU is echoed as typed; Ctrl-Z is not")
    func echo() {
        var harness = ModemHarness()
        #expect(harness.send("AT+CMGS=23") == "AT+CMGS=23\r\r\n> ")
        #expect(harness.type(Array("0011".utf8)) == "0011")
        #expect(harness.type(Array(SMSFixtures.submitHelloHello.dropFirst(4).utf8) + [0x1A]) == String(SMSFixtures.submitHelloHello.dropFirst(4)))
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CMGS: 0\r\n\r\nOK\r\n")
    }

    @Test("malformed or mismatched PDUs get +CMS ERROR: 304 and send nothing")
    func badPDUs() {
        var harness = ModemHarness.sms()
        for (command, payload) in [
            ("AT+CMGS=22", SMSFixtures.submitHelloHello),  // length off by one
            ("AT+CMGS=23", "0011000B916407281553F80000AA0AE8329BFD4697D9EC3"),  // odd hex
            ("AT+CMGS=23", "0011000B916407281553F80000AA0AE8329BFD4697D9EC3Z"),  // not hex
            ("AT+CMGS=23", "0004000B916407281553F80000AA0AE8329BFD4697D9EC37"),  // a DELIVER, not a SUBMIT
            ("AT+CMGS=4", "0011000B"),  // truncated
            ("AT+CMGS=1", ""),
        ] {
            #expect(harness.submit(command, payload) == "\r\n> \r\n+CMS ERROR: 304\r\n", "\(command) \(payload)")
        }
        #expect(harness.modem.sentMessages.isEmpty)
        #expect(harness.send("AT") == "\r\nOK\r\n")
    }

    @Test("ESC cancels: OK and nothing sent; the next command works")
    func escapeCancels() {
        var harness = ModemHarness.sms(textMode: true)
        #expect(harness.send("AT+CMGS=\"+447700900123\"") == "\r\n> ")
        #expect(harness.type(Array("never mind".utf8) + [0x1B]) == "\r\nOK\r\n")
        #expect(harness.modem.sentMessages.isEmpty)
        #expect(harness.send("AT+CMGF?") == "\r\n+CMGF: 1\r\n\r\nOK\r\n")
    }

    @Test("text mode: +CSMP parameters, backspace editing, the character sets")
    func textMode() {
        var harness = ModemHarness.sms(textMode: true)
        #expect(harness.submit("AT+CMGS=\"+447700900123\"", "hellp\u{8}o") == "\r\n> \r\n+CMGS: 0\r\n\r\nOK\r\n")
        #expect(harness.modem.sentMessages.last?.text == "hello")
        #expect(harness.modem.sentMessages.last?.destination == "+447700900123")
        // UCS2: the number and the text are hex of UTF-16.
        _ = harness.send("AT+CSCS=\"UCS2\"")
        #expect(harness.submit("AT+CMGS=\"002B0034003400370037\"", "0048006920AC").hasSuffix("+CMGS: 1\r\n\r\nOK\r\n"))
        #expect(harness.modem.sentMessages.last?.destination == "+4477")
        #expect(harness.modem.sentMessages.last?.text == "Hi€")
        _ = harness.submit("AT+CMGS=\"1234\"", "0041")  // plain digits, not U+1234
        #expect(harness.modem.sentMessages.last?.destination == "1234")
        // GSM: one septet per byte (0x00 is @, 0x1B 0x65 is €).
        _ = harness.send("AT+CSCS=\"GSM\"")
        _ = harness.submit("AT+CMGS=\"12345\"", "\u{0}x")
        #expect(harness.modem.sentMessages.last?.text == "@x")
        #expect(harness.modem.sentMessages.last?.destination == "12345")
        // HEX: the septets in hex.
        _ = harness.send("AT+CSCS=\"HEX\"")
        _ = harness.submit("AT+CMGS=\"+4917\"", "00781B65")
        #expect(harness.modem.sentMessages.last?.text == "@x€")
        // IRA with characters GSM 7-bit lacks: they become '?'.
        _ = harness.send("AT+CSCS=\"IRA\"")
        _ = harness.submit("AT+CMGS=\"+4917\"", "a\u{7}b")
        #expect(harness.modem.sentMessages.last?.text == "a?b")
        // +CSMP DCS 8 takes the text as UCS-2 hex whatever +CSCS says.
        _ = harness.send("AT+CSMP=17,167,0,8")
        _ = harness.submit("AT+CMGS=\"+4917\"", "00E9")
        #expect(harness.modem.sentMessages.last?.text == "é")
        #expect(harness.submit("AT+CMGS=\"+4917\"", "00E") == "\r\n> \r\n+CMS ERROR: 305\r\n")
        // Too long for one message.
        _ = harness.send("AT+CSMP=17,167,0,0")
        #expect(harness.submit("AT+CMGS=\"+4917\"", String(repeating: "x", count: 161)) == "\r\n> \r\n+CMS ERROR: 305\r\n")
        #expect(harness.submit("AT+CMGS=\"+4917\"", String(repeating: "x", count: 160)).hasSuffix("OK\r\n"))
        #expect(harness.send("AT+CMGS=\"not a number\"") == "\r\n+CMS ERROR: 305\r\n")
    }

    @Test("no network: +CMS ERROR: 331; no service centre: 330")
    func noNetwork() {
        var harness = ModemHarness.sms(VirtualModemConfiguration(network: NetworkConfiguration(registration: .noCoverage)))
        #expect(harness.submit("AT+CMGS=23", SMSFixtures.submitHelloHello) == "\r\n> \r\n+CMS ERROR: 331\r\n")
        var registered = ModemHarness.sms()
        _ = registered.send("AT+CSCA=\"\"")
        #expect(registered.submit("AT+CMGS=23", SMSFixtures.submitHelloHello) == "\r\n> \r\n+CMS ERROR: 330\r\n")
        // A PDU that names its own SMSC needs none configured.
        #expect(registered.submit("AT+CMGS=\(tpduLength(SMSFixtures.submitUCS2))", SMSFixtures.submitUCS2).hasSuffix("+CMGS: 0\r\n\r\nOK\r\n"))
    }

    @Test("status report: +CDS (PDU) carries the TP-MR +CMGS printed, two seconds later")
    func statusReportPDU() throws {
        var harness = ModemHarness.sms()
        _ = harness.send("AT+CNMI=2,1,0,1,0")
        _ = harness.submit("AT+CMGS=23", SMSFixtures.submitHelloHello)  // no report asked: mr 0
        #expect(harness.submit("AT+CMGS=23", SMSFixtures.submitWithReport).contains("+CMGS: 1\r\n"))
        let output = harness.advance(by: .seconds(2))
        #expect(output.hasPrefix("\r\n+CDS: 25\r\n"))
        let report = try #require(pdu(after: "+CDS:", in: output))
        guard case .statusReport(let status) = report.tpdu else { Issue.record("not a status report"); return }
        #expect(status.messageReference == 1)
        #expect(status.recipient.description == "+46708251358")
        #expect(status.status.isDelivered)
        #expect(harness.advance(by: .seconds(10)) == "")  // one report only
    }

    @Test("status report: +CDS in text mode; +CDSI with ds=2 and +CMGR of the stored report")
    func statusReportTextAndStored() {
        var harness = ModemHarness.sms(textMode: true)
        _ = harness.send("AT+CSMP=49,167,0,0;+CNMI=2,1,0,1,0")
        #expect(harness.submit("AT+CMGS=\"+447700900123\"", "report me").contains("+CMGS: 0"))
        #expect(harness.advance(by: .seconds(2)) == "\r\n+CDS: 6,0,\"+447700900123\",145,\"26/01/01,00:00:30+00\",\"26/01/01,00:00:32+00\",0\r\n")
        _ = harness.send("AT+CNMI=2,1,0,2,0")
        #expect(harness.submit("AT+CMGS=\"+447700900123\"", "again").contains("+CMGS: 1"))
        #expect(harness.advance(by: .seconds(2)) == "\r\n+CDSI: \"SM\",1\r\n")
        #expect(harness.send("AT+CMGR=1") == "\r\n+CMGR: \"REC UNREAD\",6,1,\"+447700900123\",145,\"26/01/01,00:00:33+00\",\"26/01/01,00:00:35+00\",0\r\n\r\nOK\r\n")
        _ = harness.send("AT+CNMI=2,1,0,0,0")
        _ = harness.submit("AT+CMGS=\"+447700900123\"", "dropped")
        #expect(harness.advance(by: .seconds(5)) == "")
    }

    @Test("a message to the modem's own number comes back")
    func loopBack() {
        var harness = ModemHarness.sms(textMode: true)
        _ = harness.send("AT+CNMI=2,2,0,0,0")
        #expect(harness.submit("AT+CMGS=\"+15550100001\"", "ping").contains("+CMGS: 0"))
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CMT: \"+15550100001\",,\"26/01/01,00:00:31+00\"\r\nping\r\n")
    }

    @Test("+CMSS sends a stored message, optionally to another number, and marks it sent")
    func sendFromStorage() {
        var harness = ModemHarness.sms(textMode: true)
        #expect(harness.submit("AT+CMGW=\"+447700900123\"", "stored") == "\r\n> \r\n+CMGW: 1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMSS=1") == "")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CMSS: 0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMSS=1,\"+4917\"") + harness.advance(by: .seconds(1)) == "\r\n+CMSS: 1\r\n\r\nOK\r\n")
        #expect(harness.modem.sentMessages.map(\.destination) == ["+447700900123", "+4917"])
        #expect(harness.send("AT+CMGL=\"STO SENT\"") == "\r\n+CMGL: 1,\"STO SENT\",\"+447700900123\",,\r\nstored\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMSS=2") == "\r\n+CMS ERROR: 321\r\n")
        #expect(harness.send("AT+CMSS=99") == "\r\n+CMS ERROR: 321\r\n")
    }
}
