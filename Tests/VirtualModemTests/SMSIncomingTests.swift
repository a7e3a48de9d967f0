import SMSPDU
import Testing
import VirtualModem

@Suite("Virtual modem: incoming SMS, +CNMI routing, +CNMA, multipart, USSD")
struct SMSIncomingTests {
    @Test("mt=0 stores silently, mt=1 stores with +CMTI, mt=2 sends +CMT (PDU and text), mt=3 only class 3")
    func routing() throws {
        var harness = ModemHarness.sms()
        _ = harness.send("AT+CNMI=2,0")
        #expect(harness.inject(.incomingSMS(from: "+447700900123", text: "quiet")) == "")
        _ = harness.send("AT+CNMI=2,1")
        #expect(harness.inject(.incomingSMS(from: "+447700900123", text: "stored")) == "\r\n+CMTI: \"SM\",2\r\n")
        _ = harness.send("AT+CPMS=\"ME\",\"ME\",\"ME\"")
        #expect(harness.inject(.incomingSMS(from: "+447700900123", text: "in ME")) == "\r\n+CMTI: \"ME\",1\r\n")
        _ = harness.send("AT+CNMI=2,2")
        let direct = harness.inject(.incomingSMS(from: "+447700900123", text: "direct"))
        #expect(direct.hasPrefix("\r\n+CMT: \"\",25\r\n07915155100000F0040C9144770009103200006210100000"))
        let message = try #require(pdu(after: "+CMT:", in: direct))
        guard case .deliver(let deliver) = message.tpdu else { Issue.record("not a DELIVER"); return }
        #expect(deliver.userData.text == "direct")
        _ = harness.send("AT+CMGF=1")
        #expect(harness.inject(.incomingSMS(from: "ModemKit", text: "alpha")) == "\r\n+CMT: \"ModemKit\",,\"26/01/01,00:00:30+00\"\r\nalpha\r\n")
        _ = harness.send("AT+CSDH=1")
        #expect(harness.inject(.incomingSMS(from: "+447700900123", text: "hdr")) == "\r\n+CMT: \"+447700900123\",,\"26/01/01,00:00:30+00\",145,4,0,0,\"+15550100000\",145,3\r\nhdr\r\n")
        _ = harness.send("AT+CNMI=2,3")
        #expect(harness.inject(.incomingSMS(from: "+447700900123", text: "no class")) == "\r\n+CMTI: \"ME\",2\r\n")
        #expect(harness.modem.status.storedMessages == 4)
    }

    @Test("flash (class 0) messages follow mt like unclassed ones")
    func flash() {
        var harness = ModemHarness.sms(textMode: true)
        _ = harness.send("AT+CSDH=1;+CNMI=2,2")
        #expect(harness.inject(.flashSMS(from: "+4917", text: "now")) == "\r\n+CMT: \"+4917\",,\"26/01/01,00:00:30+00\",145,4,0,16,\"+15550100000\",145,3\r\nnow\r\n")
        _ = harness.send("AT+CNMI=2,1")
        #expect(harness.inject(.flashSMS(from: "+4917", text: "later")) == "\r\n+CMTI: \"SM\",1\r\n")
    }

    @Test("an incoming message is held until the running command ends, never inside its response")
    func heldDuringCommand() {
        var harness = ModemHarness.sms()
        #expect(harness.send("AT+CMGS=23") == "\r\n> ")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "x")) == "")
        #expect(harness.type(Array(SMSFixtures.submitHelloHello.utf8) + [0x1A]) == "")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CMGS: 0\r\n\r\nOK\r\n\r\n+CMTI: \"SM\",1\r\n")
    }

    @Test("mode 0 buffers indications; mode 2 with bfr=0 flushes them, bfr=1 discards them")
    func buffering() {
        var harness = ModemHarness.sms()
        _ = harness.send("AT+CNMI=0,1")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "a")) == "")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "b")) == "")
        #expect(harness.send("AT+CNMI=2,1,0,0,0") == "\r\nOK\r\n\r\n+CMTI: \"SM\",1\r\n\r\n+CMTI: \"SM\",2\r\n")
        _ = harness.send("AT+CNMI=0,1")
        _ = harness.inject(.incomingSMS(from: "+4917", text: "c"))
        #expect(harness.send("AT+CNMI=1,1,0,0,1") == "\r\nOK\r\n")
        #expect(harness.modem.status.storedMessages == 3)
    }

    @Test("+CSMS=1: +CMT waits for +CNMA; the next one comes after it; no +CNMA in time switches routing off")
    func acknowledgement() {
        var harness = ModemHarness.sms(textMode: true)
        _ = harness.send("AT+CSMS=1;+CNMI=2,2")
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "first")).contains("first"))
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "second")) == "")  // the network waits
        #expect(harness.send("AT+CNMA") == "\r\nOK\r\n\r\n+CMT: \"+4917\",,\"26/01/01,00:00:30+00\"\r\nsecond\r\n")
        #expect(harness.send("AT+CNMA") == "\r\nOK\r\n")
        #expect(harness.send("AT+CNMA") == "\r\n+CMS ERROR: 340\r\n")
        _ = harness.inject(.incomingSMS(from: "+4917", text: "ignored"))
        #expect(harness.advance(by: .seconds(16)) == "")
        #expect(harness.send("AT+CNMI?") == "\r\n+CNMI: 2,0,0,0,0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CMGL=\"ALL\"").contains("\r\nignored\r\n"))
        // PDU mode: +CNMA=0 and +CNMA=2,<length> with an RP-ERROR TPDU after the prompt.
        _ = harness.send("AT+CMGF=0;+CNMI=2,2")
        _ = harness.inject(.incomingSMS(from: "+4917", text: "pdu"))
        #expect(harness.send("AT+CNMA=0") == "\r\nOK\r\n")
        _ = harness.inject(.incomingSMS(from: "+4917", text: "nack"))
        #expect(harness.send("AT+CNMA=2,2") == "\r\n> ")
        #expect(harness.type(Array("00D3".utf8) + [0x1A]) == "\r\nOK\r\n")
        #expect(harness.send("AT+CNMA=3") == "\r\n+CMS ERROR: 304\r\n")
    }

    @Test("a long message arrives as parts, in the order asked, with a part missing; the codec reassembles what came")
    func multipartOutOfOrder() throws {
        var harness = ModemHarness.sms()
        _ = harness.send("AT+CNMI=2,2")
        let text = (1...60).map { "word\($0)" }.joined(separator: " ")  // 411 characters: 3 parts
        let output = harness.inject(.incomingSMS(from: "+447700900123", text: text, parts: [3, 1]))
        let rows = lines(output)
        #expect(rows.count == 4)
        var reassembler = SMSReassembler(configuration: .init(timeout: .seconds(60)))
        var sequences: [Int] = []
        var delivered: [SMSReassembler.Message] = []
        for index in stride(from: 1, to: rows.count, by: 2) {
            let message = try SMSPDU.decode(hex: rows[index], direction: .toMobile)
            guard case .deliver(let deliver) = message.tpdu, let concatenation = deliver.userData.header?.concatenation else {
                Issue.record("part without a concatenation header")
                return
            }
            #expect(concatenation.total == 3)
            sequences.append(Int(concatenation.sequence))
            for action in reassembler.handle(.partReceived(deliver, at: .seconds(index))) {
                if case .deliver(let done) = action { delivered.append(done) }
            }
        }
        #expect(sequences == [3, 1])
        for action in reassembler.handle(.timerFired(at: .seconds(120))) {
            if case .deliver(let done) = action { delivered.append(done) }
        }
        let message = try #require(delivered.first)
        #expect(message.missingParts == [2])
        #expect(message.text.hasPrefix("word1 word2"))
        #expect(message.text.hasSuffix("word59 word60"))
        // Out-of-range part numbers are ignored; a second long message gets a new reference.
        let next = harness.inject(.incomingSMS(from: "+447700900123", text: text, parts: [9, 2]))
        let part = try #require(pdu(after: "+CMT:", in: next))
        guard case .deliver(let deliver) = part.tpdu else { return }
        #expect(deliver.userData.header?.concatenation?.sequence == 2)
        #expect(deliver.userData.header?.concatenation?.reference == 1)
    }

    @Test("text mode shows a part with a header as hex user data (TS 27.005 §3.1)")
    func multipartTextMode() {
        var harness = ModemHarness.sms(textMode: true)
        _ = harness.send("AT+CNMI=2,2;+CSDH=1")
        let output = harness.inject(.incomingSMS(from: "+4917", text: String(repeating: "ab", count: 100), parts: [2]))
        #expect(output.hasPrefix("\r\n+CMT: \"+4917\",,\"26/01/01,00:00:30+00\",145,68,0,0,\"+15550100000\",145,"))
        let data = lines(output)[1]
        #expect(data.hasPrefix("050003000202"))
    }

    @Test("messages wait in the network while the modem is unregistered and arrive once it registers")
    func heldWhileUnregistered() {
        var harness = ModemHarness.sms()
        _ = harness.inject(.registrationLost(recoverAfter: .seconds(5)))
        #expect(harness.inject(.incomingSMS(from: "+4917", text: "later")) == "")
        #expect(harness.advance(by: .seconds(6)).contains("+CMTI: \"SM\",1"))
    }

    @Test("USSD: request, answer, unknown code, cancel, network-initiated, UCS2")
    func ussd() {
        var harness = ModemHarness.sms()
        #expect(harness.send("AT+CUSD=?") == "\r\n+CUSD: (0-2)\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CUSD=1,\"*100#\",15") == "\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CUSD: 0,\"Balance: 10.00 EUR. Valid until 31/12/2026.\",15\r\n")
        #expect(harness.send("AT+CUSD?") == "\r\n+CUSD: 1\r\n\r\nOK\r\n")
        _ = harness.send("AT+CUSD=1,\"*999#\"")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CUSD: 4\r\n")
        _ = harness.send("AT+CUSD=1,\"*100#\"")
        #expect(harness.send("AT+CUSD=2") == "\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(2)) == "")
        #expect(harness.inject(.ussd(text: "Promo!")) == "\r\n+CUSD: 0,\"Promo!\",15\r\n")
        _ = harness.send("AT+CSCS=\"UCS2\"")
        _ = harness.send("AT+CUSD=1,\"002A00230031003000300023\"")
        #expect(harness.advance(by: .seconds(1)).hasPrefix("\r\n+CUSD: 0,\"0059006F0075"))
        _ = harness.send("AT+CUSD=0")
        #expect(harness.inject(.ussd(text: "quiet")) == "")
        _ = harness.send("AT+CSCS=\"IRA\"")
        #expect(harness.send("AT+CUSD=1,\"hello\"") == "\r\nERROR\r\n")
        #expect(harness.send("AT+CUSD=5") == "\r\nERROR\r\n")
    }

    @Test("random bytes in SMS prompts and commands never stop the modem")
    func fuzz() {
        var harness = ModemHarness.sms()
        var generator = SplitMix64(seed: 0x5A5)
        let commands = ["AT+CMGS=23", "AT+CMGF=1;+CMGS=\"+4917\"", "AT+CMGW=5", "AT+CNMA=1,3", "AT+CMGL=", "AT+CMGR=",
                        "AT+CPMS=", "AT+CSCA=", "AT+CNMI=", "AT+CSMP=", "AT+CUSD=1,", "AT+CMGD="]
        for round in 0..<300 {
            let command = commands[round % commands.count]
            let noise = (0..<Int.random(in: 0...40, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = harness.type(Array(command.utf8) + noise + [0x0D])
            if round % 7 == 0 { _ = harness.inject(.incomingSMS(from: "+4917", text: "n\(round)", parts: [2, 1])) }
            harness.advance(by: .seconds(3))
            _ = harness.type([0x1B, 0x0D])
        }
        harness.advance(by: .seconds(30))
        _ = harness.type([0x1B, 0x1A, 0x0D])
        let answer = harness.send("AT&F")
        #expect(answer.contains("OK") || answer.contains("0\r"), "answer: \(answer.debugDescription)")
    }
}
