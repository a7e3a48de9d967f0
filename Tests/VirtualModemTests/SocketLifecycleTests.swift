import Testing
import VirtualModem

@Suite("Virtual modem sockets: radio off, reboot, registration loss, random input")
struct SocketLifecycleTests {
    @Test("radio off closes sockets with the dialect's URC")
    func radioOff() {
        var quectel = ModemHarness.sockets(.quectelBG96)
        _ = quectel.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0")
        _ = quectel.event(.opened(id: 1))
        _ = quectel.takeRequests()
        #expect(quectel.send("AT+CFUN=0") == "\r\nOK\r\n\r\n+QIURC: \"closed\",0\r\n")
        #expect(quectel.takeRequests() == [.close(id: 1)])
        #expect(quectel.send("AT+QISTATE?") == "\r\nOK\r\n")

        var ublox = ModemHarness.sockets(.ubloxSARAR4)
        _ = ublox.send("AT+USOCR=17")
        #expect(ublox.send("AT+CFUN=4") == "\r\nOK\r\n\r\n+UUSOCL: 0\r\n")
    }

    @Test("a reboot forgets every socket, closes the real ones and ignores late events")
    func reboot() {
        var harness = ModemHarness.sockets(.simcomSIM7600)
        _ = harness.send("AT+NETOPEN")
        harness.advance(by: .seconds(1))
        _ = harness.send("AT+CIPRXGET=1")
        _ = harness.send("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",7000")
        _ = harness.event(.opened(id: 1))
        _ = harness.takeRequests()
        _ = harness.inject(.reboot)
        #expect(harness.takeRequests() == [.close(id: 1)])
        #expect(harness.receive(1, "late") == "")
        _ = harness.boot()
        _ = harness.send("ATE0")
        #expect(harness.send("AT+CIPRXGET?") == "\r\n+CIPRXGET: 0\r\n\r\nOK\r\n")  // settings reset too
        #expect(harness.send("AT+NETOPEN?") == "\r\n+NETOPEN: 0\r\n\r\nOK\r\n")
        // New sockets get new bridge ids.
        _ = harness.send("AT+NETOPEN")
        harness.advance(by: .seconds(1))
        _ = harness.send("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",7000")
        #expect(harness.takeRequests() == [.open(id: 2, kind: .tcp, host: "127.0.0.1", port: 7000)])
    }

    @Test("registration loss detaches and closes sockets as a PDP deactivation does")
    func registrationLoss() {
        var harness = ModemHarness.sockets(.quectelBG96)
        _ = harness.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0")
        _ = harness.event(.opened(id: 1))
        _ = harness.takeRequests()
        #expect(harness.inject(.registrationLost(recoverAfter: nil)).contains("+QIURC: \"pdpdeact\",1"))
        #expect(harness.takeRequests() == [.close(id: 1)])
    }

    @Test("a blocking u-blox connect ends when the socket closes under it")
    func suspendedConnectInterrupted() {
        var harness = ModemHarness.sockets(.ubloxSARAR4)
        _ = harness.send("AT+USOCR=6")
        #expect(harness.send("AT+USOCO=0,\"127.0.0.1\",7000") == "")
        #expect(harness.inject(.pdpDeactivated(cid: 1)) == "\r\nERROR\r\n\r\n+UUPSDD: 0\r\n\r\n+UUSOCL: 0\r\n")
        #expect(harness.event(.opened(id: 1)) == "")
        // And one whose real socket never answers gives up after its timeout.
        _ = harness.send("AT+CGACT=1,1")
        harness.advance(by: .seconds(1))
        _ = harness.send("AT+USOCR=6")
        _ = harness.send("AT+USOCO=0,\"127.0.0.1\",7000")
        #expect(harness.advance(by: .seconds(31)) == "\r\nERROR\r\n")
        #expect(harness.send("AT+USOER") == "\r\n+USOER: 110\r\n\r\nOK\r\n")
    }

    @Test("random socket commands and events never stop any dialect from answering", arguments: [
        VirtualModemProfile.simcomSIM800, .simcomSIM7600, .quectelBG96, .ubloxSARAR4,
    ])
    func randomInput(profile: VirtualModemProfile) {
        var harness = ModemHarness.sockets(profile)
        var generator = SplitMix64(seed: 11)
        let names = [
            "+CIPMUX", "+CSTT", "+CIICR", "+CIFSR", "+CIPSTART", "+CIPSEND", "+CIPRXGET", "+CIPCLOSE", "+CIPSHUT",
            "+CIPSTATUS", "+NETOPEN", "+CIPOPEN", "+QIACT", "+QIOPEN", "+QISEND", "+QISENDEX", "+QIRD", "+QICLOSE",
            "+QISTATE", "+USOCR", "+USOCO", "+USOWR", "+USOST", "+USORD", "+USORF", "+USOCL", "+UDCONF",
            "+CDNSGIP", "+QIDNSGIP", "+UDNSRN",
        ]
        let pieces = ["0", "1", "5", "-1", "99999", "\"TCP\"", "\"UDP\"", "\"127.0.0.1\"", "\"8.8.8.8\"", "7000", "", "\"", "x", "\"UDP SERVICE\""]
        for _ in 0..<400 {
            let name = names.randomElement(using: &generator)!
            let count = Int.random(in: 0...6, using: &generator)
            let arguments = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: ",")
            let form = ["=" + arguments, "?", "=?", ""].randomElement(using: &generator)!
            _ = harness.send("AT" + name + form)
            if Bool.random(using: &generator) {
                _ = harness.type((0..<Int.random(in: 0...8, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            }
            let id = Int.random(in: 1...8, using: &generator)
            switch Int.random(in: 0...4, using: &generator) {
            case 0: _ = harness.event(.opened(id: id))
            case 1: _ = harness.receive(id, "data")
            case 2: _ = harness.event(.closed(id: id))
            case 3: _ = harness.event(.failed(id: id, reason: "x"))
            default: harness.advance(by: .seconds(Int64.random(in: 0...40, using: &generator)))
            }
        }
        _ = harness.type([0x1B, 0x0D])
        harness.advance(by: .seconds(60))
        let answer = harness.send("AT&F")
        #expect(answer.contains("OK") || answer.contains("0\r"), "\(answer.debugDescription)")
        #expect(harness.modem.openSockets <= profile.maxSockets)
    }
}
