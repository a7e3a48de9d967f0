import Testing
import VirtualModem

@Suite("Virtual modem sockets: SIMCom SIM800 (CIP stack)")
struct SIM800SocketTests {
    /// Brings the CIP stack up to IP STATUS, multi-link or not.
    static func bearer(multi: Bool) -> ModemHarness {
        var harness = ModemHarness.sockets(.simcomSIM800)
        if multi { #expect(harness.send("AT+CIPMUX=1") == "\r\nOK\r\n") }
        #expect(harness.send("AT+CSTT=\"internet\",\"\",\"\"") == "\r\nOK\r\n")
        #expect(harness.send("AT+CIICR") == "")
        #expect(harness.advance(by: .seconds(1)) == "\r\nOK\r\n")
        let address = harness.send("AT+CIFSR")
        #expect(address.hasPrefix("\r\n10.") && !address.contains("OK"), "\(address.debugDescription)")
        return harness
    }

    @Test("multi-link: open, send, push receive, remote close, with the real SIM800's spacing")
    func multiLink() {
        var harness = Self.bearer(multi: true)
        #expect(harness.send("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"7000\"") == "\r\nOK\r\n")
        #expect(harness.takeRequests() == [.open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000)])
        #expect(harness.event(.opened(id: 1)) == "\r\n0, CONNECT OK\r\n")
        #expect(harness.send("AT+CIPSEND=0,5") == "\r\n> ")
        #expect(harness.type(bytes("hello")) == "\r\n0, SEND OK\r\n")
        #expect(harness.takeRequests() == [.send(id: 1, bytes: bytes("hello"))])
        #expect(harness.receive(1, "hi\r\nOK") == "\r\n+RECEIVE,0,6:\r\nhi\r\nOK")
        #expect(harness.send("AT+CIPSTATUS") == "\r\nOK\r\n\r\nSTATE: IP PROCESSING\r\n\r\nC: 0,0,\"TCP\",\"127.0.0.1\",\"7000\",\"CONNECTED\"\r\nC: 1,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 2,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 3,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 4,,\"\",\"\",\"\",\"INITIAL\"\r\nC: 5,,\"\",\"\",\"\",\"INITIAL\"\r\n")
        #expect(harness.event(.closed(id: 1)) == "\r\n0, CLOSED\r\n")
        #expect(harness.send("AT+CIPSEND=0,5") == "\r\nERROR\r\n")
        #expect(harness.takeRequests() == [])
    }

    @Test("single link: CONNECT OK without a link number, Ctrl-Z send, CIPQSEND, close")
    func singleLink() {
        var harness = Self.bearer(multi: false)
        #expect(harness.send("AT+CIPSTART=\"UDP\",\"localhost\",7001") == "\r\nOK\r\n")
        #expect(harness.send("AT+CIPSTART=\"UDP\",\"localhost\",7001") == "\r\nOK\r\n\r\nALREADY CONNECT\r\n")
        #expect(harness.takeRequests() == [.open(id: 1, kind: .udp, host: "127.0.0.1", port: 7001)])
        #expect(harness.event(.opened(id: 1)) == "\r\nCONNECT OK\r\n")
        #expect(harness.send("AT+CIPSEND") == "\r\n> ")
        #expect(harness.type(bytes("abc\u{1A}")) == "\r\nSEND OK\r\n")
        #expect(harness.send("AT+CIPQSEND=1") == "\r\nOK\r\n")
        #expect(harness.send("AT+CIPSEND=2") == "\r\n> ")
        #expect(harness.type(bytes("de")) == "\r\nDATA ACCEPT:2\r\n")
        #expect(harness.takeRequests() == [.send(id: 1, bytes: bytes("abc")), .send(id: 1, bytes: bytes("de"))])
        #expect(harness.receive(1, "xyz") == "xyz")
        #expect(harness.send("AT+CIPHEAD=1") == "\r\nOK\r\n")
        #expect(harness.receive(1, "xyz") == "\r\n+IPD,3:xyz")
        #expect(harness.send("AT+CIPCLOSE") == "\r\nCLOSE OK\r\n")
        #expect(harness.takeRequests() == [.close(id: 1)])
        #expect(harness.send("AT+CIPSTATUS") == "\r\nOK\r\n\r\nSTATE: TCP CLOSED\r\n")
        #expect(harness.send("AT+CIPCLOSE") == "\r\nERROR\r\n")
    }

    @Test("manual receive: +CIPRXGET: 1,0 once, then length, raw and hex reads")
    func manualReceive() {
        var harness = Self.bearer(multi: true)
        #expect(harness.send("AT+CIPRXGET=1") == "\r\nOK\r\n")
        _ = harness.send("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"7000\"")
        _ = harness.event(.opened(id: 1))
        #expect(harness.receive(1, "test") == "\r\n+CIPRXGET: 1,0\r\n")
        #expect(harness.receive(1, "ab") == "")
        #expect(harness.send("AT+CIPRXGET=4,0") == "\r\n+CIPRXGET: 4,0,6\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CIPRXGET=2,0,4") == "\r\n+CIPRXGET: 2,0,4,2\r\ntest\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CIPRXGET=3,0,100") == "\r\n+CIPRXGET: 3,0,2,0\r\n6162\r\n\r\nOK\r\n")
        #expect(harness.receive(1, "z") == "\r\n+CIPRXGET: 1,0\r\n")
        // The peer closes with data unread: the link stays readable until drained.
        #expect(harness.event(.closed(id: 1)) == "\r\n0, CLOSED\r\n")
        #expect(harness.send("AT+CIPRXGET=2,0,10") == "\r\n+CIPRXGET: 2,0,1,0\r\nz\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CIPRXGET=4,0") == "\r\nERROR\r\n")
    }

    @Test("URCs wait for a running command: data arriving at the prompt comes after SEND OK")
    func heldPush() {
        var harness = Self.bearer(multi: true)
        _ = harness.send("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"7000\"")
        _ = harness.event(.opened(id: 1))
        #expect(harness.send("AT+CIPSEND=0,2") == "\r\n> ")
        #expect(harness.receive(1, "in") == "")
        #expect(harness.type(bytes("ou")) == "\r\n0, SEND OK\r\n\r\n+RECEIVE,0,2:\r\nin")
    }

    @Test("CONNECT FAIL for a refused port, an unknown name, a non-loopback host and a fault")
    func connectFailures() {
        var harness = Self.bearer(multi: true)
        _ = harness.send("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"9\"")
        #expect(harness.event(.failed(id: 1, reason: "connection refused")) == "\r\n0, CONNECT FAIL\r\n")
        #expect(harness.send("AT+CIPSTART=1,\"TCP\",\"nowhere.example\",\"80\"") == "\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(1)) == "\r\n1, CONNECT FAIL\r\n")
        #expect(harness.send("AT+CIPSTART=2,\"TCP\",\"8.8.8.8\",\"53\"") == "\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(1)) == "")
        #expect(harness.advance(by: .seconds(5)) == "\r\n2, CONNECT FAIL\r\n")
        _ = harness.inject(.connectFailNext)
        _ = harness.send("AT+CIPSTART=3,\"TCP\",\"127.0.0.1\",\"7000\"")
        #expect(harness.advance(by: .seconds(1)) == "\r\n3, CONNECT FAIL\r\n")
        // Only the first one ever reached the real network.
        #expect(harness.takeRequests() == [.open(id: 1, kind: .tcp, host: "127.0.0.1", port: 9)])
    }

    @Test("single-link CONNECT FAIL is preceded by STATE:; starting before CIFSR answers ERROR then STATE:")
    func singleLinkStates() {
        var harness = ModemHarness.sockets(.simcomSIM800)
        #expect(harness.send("AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"7000\"") == "\r\nERROR\r\n\r\nSTATE: IP INITIAL\r\n")
        _ = harness.send("AT+CSTT=\"internet\"")
        _ = harness.send("AT+CIICR")
        harness.advance(by: .seconds(1))
        #expect(harness.send("AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"7000\"") == "\r\nERROR\r\n\r\nSTATE: IP GPRSACT\r\n")
        _ = harness.send("AT+CIFSR")
        _ = harness.send("AT+CIPSTART=\"TCP\",\"127.0.0.1\",\"7000\"")
        #expect(harness.event(.failed(id: 1, reason: "refused")) == "\r\nSTATE: TCP CLOSED\r\n\r\nCONNECT FAIL\r\n")
    }

    @Test("SEND FAIL fault, several links at once, CIPSHUT")
    func sendFailAndSeveralLinks() {
        var harness = Self.bearer(multi: true)
        for link in 0..<3 {
            _ = harness.send("AT+CIPSTART=\(link),\"TCP\",\"127.0.0.1\",\"\(7000 + link)\"")
            #expect(harness.event(.opened(id: link + 1)) == "\r\n\(link), CONNECT OK\r\n")
        }
        #expect(harness.receive(3, "c") + harness.receive(1, "a") == "\r\n+RECEIVE,2,1:\r\nc\r\n+RECEIVE,0,1:\r\na")
        _ = harness.inject(.sendFailNext)
        _ = harness.send("AT+CIPSEND=1,1")
        #expect(harness.type(bytes("x")) == "\r\n1, SEND FAIL\r\n")
        _ = harness.takeRequests()
        #expect(harness.send("AT+CIPSHUT") == "\r\nSHUT OK\r\n")
        #expect(harness.takeRequests() == [.close(id: 3), .close(id: 2), .close(id: 1)])
        #expect(harness.send("AT+CIPSTATUS").hasPrefix("\r\nOK\r\n\r\nSTATE: IP INITIAL\r\n\r\nC: 0,,"))
    }

    @Test("PDP deactivation by the network: +PDP: DEACT, links gone")
    func pdpDeactivation() {
        var harness = Self.bearer(multi: true)
        _ = harness.send("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"7000\"")
        _ = harness.event(.opened(id: 1))
        _ = harness.takeRequests()
        #expect(harness.inject(.pdpDeactivated(cid: 1)) == "\r\n+PDP: DEACT\r\n")
        #expect(harness.takeRequests() == [.close(id: 1)])
        #expect(harness.send("AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"7000\"") == "\r\nERROR\r\n")
        #expect(harness.send("AT+CIPSHUT") == "\r\nSHUT OK\r\n")
        // A late event for the dead link is ignored.
        #expect(harness.receive(1, "late") == "")
    }

    @Test("DNS, and malformed parameters answer ERROR")
    func dnsAndMalformed() {
        var harness = Self.bearer(multi: true)
        #expect(harness.send("AT+CDNSGIP=\"localhost\"") == "\r\nOK\r\n\r\n+CDNSGIP: 1,\"localhost\",\"127.0.0.1\"\r\n")
        #expect(harness.send("AT+CDNSGIP=\"unknown.example\"") == "\r\nOK\r\n\r\n+CDNSGIP: 0,8\r\n")
        for line in [
            "AT+CIPSTART=9,\"TCP\",\"127.0.0.1\",\"7000\"", "AT+CIPSTART=0,\"SCTP\",\"127.0.0.1\",\"7000\"",
            "AT+CIPSTART=0,\"TCP\",\"127.0.0.1\",\"70000\"", "AT+CIPSTART=0,\"TCP\",\"127.0.0.1\"", "AT+CIPSTART=0,\"TCP",
            "AT+CIPSEND=0,99999", "AT+CIPSEND=x,1", "AT+CIPRXGET=7", "AT+CIPRXGET=2,0,5", "AT+CIPCLOSE=0,5",
            "AT+CIPMUX=0", "AT+CIPMUX=2",
        ] {
            #expect(harness.send(line) == "\r\nERROR\r\n", "\(line)")
        }
        #expect(harness.takeRequests() == [])
    }
}
