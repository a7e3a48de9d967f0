import SMSPDU
import Testing
import VirtualModem

@Suite("Virtual modem: stored SMS (+CMGL, +CMGR, +CMGD, +CMGW) and full storage")
struct SMSStorageTests {
    /// A modem with three received messages in SM (1, 2 read later) and one written in ME.
    static func stocked(textMode: Bool) -> ModemHarness {
        var harness = ModemHarness.sms(textMode: textMode)
        for text in ["one", "two", "three"] { _ = harness.inject(.incomingSMS(from: "+447700900123", text: text)) }
        return harness
    }

    @Test("PDU mode: +CMGL=4 lists header and PDU lines without blank lines between; reading marks read")
    func listPDU() throws {
        var harness = Self.stocked(textMode: false)
        let listing = harness.send("AT+CMGL=0")
        let rows = lines(listing)
        #expect(rows.count == 7 && rows.last == "OK")
        #expect(rows[0] == "+CMGL: 1,0,,22" && rows[2] == "+CMGL: 2,0,,22" && rows[4] == "+CMGL: 3,0,,24")
        #expect(listing.hasPrefix("\r\n+CMGL: 1,0,,22\r\n07915155100000F0"))
        #expect(!listing.contains("\r\n\r\n+CMGL"))
        let first = try #require(try? SMSPDU.decode(hex: rows[1], direction: .toMobile))
        guard case .deliver(let deliver) = first.tpdu else { Issue.record("not a DELIVER"); return }
        #expect(deliver.userData.text == "one")
        #expect(deliver.originator.description == "+447700900123")
        #expect(first.smsc?.description == "+15550100000")
        #expect(harness.send("AT+CMGL=0") == "\r\nOK\r\n")  // all read now
        #expect(harness.send("AT+CMGL").hasPrefix("\r\nOK"))  // no argument: REC UNREAD
        #expect(lines(harness.send("AT+CMGL=1")).count == 7)
        #expect(harness.send("AT+CMGL=?") == "\r\n+CMGL: (0-4)\r\n\r\nOK\r\n")
    }

    @Test("text mode: +CMGR and +CMGL with and without +CSDH, +CMGR mode 1 keeps the status")
    func listText() {
        var harness = Self.stocked(textMode: true)
        #expect(harness.send("AT+CMGR=2,1") == "\r\n+CMGR: \"REC UNREAD\",\"+447700900123\",,\"26/01/01,00:00:30+00\"\r\ntwo\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=2") == "\r\n+CMGR: \"REC UNREAD\",\"+447700900123\",,\"26/01/01,00:00:30+00\"\r\ntwo\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=2").hasPrefix("\r\n+CMGR: \"REC READ\""))
        #expect(harness.send("AT+CMGL=\"REC READ\"") == "\r\n+CMGL: 2,\"REC READ\",\"+447700900123\",,\"26/01/01,00:00:30+00\"\r\ntwo\r\n\r\nOK\r\n")
        _ = harness.send("AT+CSDH=1")
        #expect(harness.send("AT+CMGL=\"REC UNREAD\"") == """
            \r\n+CMGL: 1,"REC UNREAD","+447700900123",,"26/01/01,00:00:30+00",145,3\r\none\r\n\
            +CMGL: 3,"REC UNREAD","+447700900123",,"26/01/01,00:00:30+00",145,5\r\nthree\r\n\r\nOK\r\n
            """)
        #expect(harness.send("AT+CMGR=1") == "\r\n+CMGR: \"REC READ\",\"+447700900123\",,\"26/01/01,00:00:30+00\",145,4,0,0,\"+15550100000\",145,3\r\none\r\n\r\nOK\r\n")
        #expect(lines(harness.send("AT+CMGL=\"all\"")).filter { $0.hasPrefix("+CMGL:") }.count == 3)
        #expect(harness.send("AT+CMGL=4") == "\r\n+CMS ERROR: 305\r\n")
        #expect(harness.send("AT+CMGL=?") == "\r\n+CMGL: (\"REC UNREAD\",\"REC READ\",\"STO UNSENT\",\"STO SENT\",\"ALL\")\r\n\r\nOK\r\n")
    }

    @Test("text mode in UCS2: addresses and text in hex; a UCS-2 message is hex in any character set")
    func textUCS2() {
        var harness = ModemHarness.sms(textMode: true)
        _ = harness.inject(.incomingSMS(from: "+4917", text: "Grüße"))
        _ = harness.inject(.incomingSMS(from: "+4917", text: "Привет"))
        _ = harness.send("AT+CSCS=\"UCS2\"")
        #expect(harness.send("AT+CMGR=1") == "\r\n+CMGR: \"REC UNREAD\",\"002B0034003900310037\",,\"26/01/01,00:00:30+00\"\r\n0047007200FC00DF0065\r\n\r\nOK\r\n")
        _ = harness.send("AT+CSCS=\"IRA\"")
        #expect(harness.send("AT+CMGR=2") == "\r\n+CMGR: \"REC UNREAD\",\"+4917\",,\"26/01/01,00:00:30+00\"\r\n041F04400438043204350442\r\n\r\nOK\r\n")
    }

    @Test("+CMGR: empty slot OK, outside the storage 321")
    func readSlots() {
        var harness = Self.stocked(textMode: false)
        #expect(harness.send("AT+CMGR=30") == "\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=31") == "\r\n+CMS ERROR: 321\r\n")
        _ = harness.send("AT+CPMS=\"MT\"")
        #expect(harness.send("AT+CMGR=80") == "\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=81") == "\r\n+CMS ERROR: 321\r\n")
        #expect(harness.send("AT+CMGR=3").hasPrefix("\r\n+CMGR: 0,,24\r\n"))
    }

    @Test("+CMGD: one index and every delete flag of TS 27.005 §3.5.4")
    func deleteFlags() {
        func prepared() -> ModemHarness {
            var harness = ModemHarness.sms(textMode: true)
            for text in ["read", "unread"] { _ = harness.inject(.incomingSMS(from: "+4917", text: text)) }
            _ = harness.send("AT+CMGR=1")                                   // 1 REC READ, 2 REC UNREAD
            _ = harness.submit("AT+CMGW=\"+4917\"", "unsent")               // 3 STO UNSENT
            _ = harness.submit("AT+CMGW=\"+4917\",145,\"STO SENT\"", "sent") // 4 STO SENT
            return harness
        }
        func remaining(_ harness: inout ModemHarness) -> [String] {
            lines(harness.send("AT+CMGL=\"ALL\"")).filter { $0.hasPrefix("+CMGL:") }.map { String($0.split(separator: ",")[1]) }
        }
        let expected: [(String, [String])] = [
            ("AT+CMGD=2", ["\"REC READ\"", "\"STO UNSENT\"", "\"STO SENT\""]),
            ("AT+CMGD=2,0", ["\"REC READ\"", "\"STO UNSENT\"", "\"STO SENT\""]),
            ("AT+CMGD=1,1", ["\"REC UNREAD\"", "\"STO UNSENT\"", "\"STO SENT\""]),
            ("AT+CMGD=1,2", ["\"REC UNREAD\"", "\"STO UNSENT\""]),
            ("AT+CMGD=1,3", ["\"REC UNREAD\""]),
            ("AT+CMGD=0,4", []),
        ]
        for (command, left) in expected {
            var harness = prepared()
            #expect(harness.send("AT+CMGD=?") == "\r\n+CMGD: (1,2,3,4),(0-4)\r\n\r\nOK\r\n")
            #expect(harness.send(command) == "\r\nOK\r\n", "\(command)")
            #expect(remaining(&harness) == left, "\(command)")
        }
        var harness = prepared()
        #expect(harness.send("AT+CMGD=7") == "\r\nOK\r\n")  // an empty slot
        #expect(harness.send("AT+CMGD=31") == "\r\n+CMS ERROR: 321\r\n")
    }

    @Test("+CMGW in PDU mode stores a SUBMIT or, with stat 0/1, a DELIVER; +CMGR gives the same PDU back")
    func writePDU() {
        var harness = ModemHarness.sms()
        #expect(harness.submit("AT+CMGW=23", SMSFixtures.submitHelloHello) == "\r\n> \r\n+CMGW: 1\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=1") == "\r\n+CMGR: 2,,23\r\n\(SMSFixtures.submitHelloHello)\r\n\r\nOK\r\n")
        let deliver = "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37"
        #expect(harness.submit("AT+CMGW=\(tpduLength(deliver)),1", deliver) == "\r\n> \r\n+CMGW: 2\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=2") == "\r\n+CMGR: 1,,\(tpduLength(deliver))\r\n\(deliver)\r\n\r\nOK\r\n")
        _ = harness.send("AT+CMGF=1;+CSDH=1")
        #expect(harness.send("AT+CMGR=2") == "\r\n+CMGR: \"REC READ\",\"27838890001\",,\"99/03/29,15:16:59+08\",200,4,0,0,\"+27381000015\",145,10\r\nhellohello\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGR=1") == "\r\n+CMGR: \"STO UNSENT\",\"+46708251358\",,145,17,0,0,170,\"+15550100000\",145,10\r\nhellohello\r\n\r\nOK\r\n")
        _ = harness.send("AT+CMGF=0")
        #expect(harness.submit("AT+CMGW=23,1", SMSFixtures.submitHelloHello) == "\r\n> \r\n+CMS ERROR: 304\r\n")
        #expect(harness.send("AT+CMGW=23,7") == "\r\n+CMS ERROR: 304\r\n")
    }

    @Test("full storage: +CMGW answers +CMS ERROR: 322; incoming messages wait in the network until a deletion")
    func fullStorage() {
        var profile = VirtualModemProfile.generic
        profile.smStorageCapacity = 2
        profile.meStorageCapacity = 1
        var harness = ModemHarness.sms(textMode: true, VirtualModemConfiguration(profile: profile))
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "a")) == "\r\n+CMTI: \"SM\",1\r\n")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "b")) == "\r\n+CMTI: \"SM\",2\r\n")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "c")) == "")  // refused: SIM full
        #expect(harness.send("AT+CPMS?") == "\r\n+CPMS: \"SM\",2,2,\"SM\",2,2,\"SM\",2,2\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGW=\"+4917\"") == "\r\n+CMS ERROR: 322\r\n")
        _ = harness.send("AT+CMEE=2")
        #expect(harness.send("AT+CMGW") == "\r\n+CMS ERROR: memory full\r\n")
        #expect(harness.send("AT+CMGD=1") == "\r\nOK\r\n\r\n+CMTI: \"SM\",1\r\n")
        #expect(harness.send("AT+CMGR=1").contains("\r\nc\r\n"))
        // MT spills over from SM to ME, then is full too.
        _ = harness.send("AT+CPMS=\"MT\",\"MT\",\"MT\"")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "d")) == "\r\n+CMTI: \"MT\",3\r\n")
        #expect(harness.submit("AT+CMGW=\"+4917\"", "e") == "\r\n+CMS ERROR: memory full\r\n")
        #expect(harness.modem.status.storedMessages == 3)
    }

    @Test("stored messages survive a reboot")
    func survivesReboot() {
        var harness = Self.stocked(textMode: false)
        _ = harness.send("AT+CPMS=\"ME\",\"ME\"")
        _ = harness.submit("AT+CMGW=23", SMSFixtures.submitHelloHello)
        _ = harness.inject(.reboot)
        harness.advance(by: .seconds(30))
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CPMS?") == "\r\n+CPMS: \"SM\",3,30,\"SM\",3,30,\"SM\",3,30\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CPMS=\"ME\";+CMGR=1").contains("+CMGR: 2,,23"))
    }
}
