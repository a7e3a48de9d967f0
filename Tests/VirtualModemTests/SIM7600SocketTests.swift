import Testing
import VirtualModem

@Suite("Virtual modem sockets: SIMCom SIM7600 (NETOPEN stack)")
struct SIM7600SocketTests {
    static func networkOpen() -> ModemHarness {
        var harness = ModemHarness.sockets(.simcomSIM7600)
        #expect(harness.send("AT+IPADDR") == "\r\n+IP ERROR: Network not opened\r\n\r\nERROR\r\n")
        #expect(harness.send("AT+NETOPEN") == "\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+NETOPEN: 0\r\n")
        #expect(harness.send("AT+NETOPEN") == "\r\n+IP ERROR: Network is already opened\r\n\r\nERROR\r\n")
        #expect(harness.send("AT+IPADDR").hasPrefix("\r\n+IPADDR: 10."))
        return harness
    }

    @Test("TCP: +CIPOPEN URC, send with +CIPSEND URC after OK, +RECEIVE push, +IPCLOSE")
    func tcp() {
        var harness = Self.networkOpen()
        #expect(harness.send("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",7000") == "\r\nOK\r\n")
        #expect(harness.event(.opened(id: 1)) == "\r\n+CIPOPEN: 0,0\r\n")
        #expect(harness.send("AT+CIPSEND=0,31") == "\r\n>")
        #expect(harness.type(bytes(String(repeating: "x", count: 31))) == "\r\nOK\r\n\r\n+CIPSEND: 0,31,31\r\n")
        #expect(harness.receive(1, "hello") == "\r\n+RECEIVE,0,5\r\nhello")
        #expect(harness.send("AT+CIPCLOSE?") == "\r\n+CIPCLOSE: 1,0,0,0,0,0,0,0,0,0\r\n\r\nOK\r\n")
        #expect(harness.event(.closed(id: 1)) == "\r\n+IPCLOSE: 0,1\r\n")
        #expect(harness.send("AT+CIPCLOSE=0") == "\r\n+CIPCLOSE: 0,4\r\n\r\nERROR\r\n")
        #expect(harness.takeRequests() == [
            .open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000),
            .send(id: 1, bytes: Array(repeating: UInt8(ascii: "x"), count: 31)),
        ])
    }

    @Test("UDP link with per-send peers, manual receive with +CIPRXGET, local close")
    func udpManual() {
        var harness = Self.networkOpen()
        #expect(harness.send("AT+CIPRXGET=1") == "\r\nOK\r\n")
        #expect(harness.send("AT+CIPOPEN=1,\"UDP\",,,5000") == "\r\nOK\r\n\r\n+CIPOPEN: 1,0\r\n")
        #expect(harness.send("AT+CIPSEND=1,4,\"127.0.0.1\",7001") == "\r\n>")
        #expect(harness.type(bytes("ping")) == "\r\nOK\r\n\r\n+CIPSEND: 1,4,4\r\n")
        #expect(harness.takeRequests() == [
            .open(id: 1, kind: .udp, host: "127.0.0.1", port: 0),
            .sendTo(id: 1, bytes: bytes("ping"), host: "127.0.0.1", port: 7001),
        ])
        #expect(harness.receive(1, "pong", port: 7001) == "\r\n+CIPRXGET: 1,1\r\n")
        #expect(harness.send("AT+CIPRXGET=4,1") == "\r\n+CIPRXGET: 4,1,4\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CIPRXGET=2,1") == "\r\n+CIPRXGET: 2,1,4,0\r\npong\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CIPCLOSE=1") == "\r\nOK\r\n\r\n+CIPCLOSE: 1,0\r\n")
        #expect(harness.takeRequests() == [.close(id: 1)])
    }

    @Test("failures: CIPOPEN error codes, send fail, network closed unexpectedly")
    func failures() {
        var harness = Self.networkOpen()
        _ = harness.send("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",9")
        #expect(harness.event(.failed(id: 1, reason: "refused")) == "\r\n+CIPOPEN: 0,1\r\n")
        _ = harness.send("AT+CIPOPEN=0,\"TCP\",\"nowhere.example\",80")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+CIPOPEN: 0,11\r\n")
        _ = harness.send("AT+CIPOPEN=0,\"TCP\",\"203.0.113.5\",80")
        #expect(harness.advance(by: .seconds(6)) == "\r\n+CIPOPEN: 0,10\r\n")
        _ = harness.send("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",7000")
        #expect(harness.send("AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",7000") == "\r\n+IP ERROR: Connection is already created\r\n\r\nERROR\r\n")
        _ = harness.event(.opened(id: 4))
        _ = harness.inject(.sendFailNext)
        _ = harness.send("AT+CIPSEND=0,1")
        #expect(harness.type(bytes("x")) == "\r\nOK\r\n\r\n+CIPSEND: 0,1,-1\r\n")
        _ = harness.takeRequests()
        #expect(harness.inject(.pdpDeactivated(cid: 1)) == "\r\n+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY\r\n")
        #expect(harness.takeRequests() == [.close(id: 4)])
        #expect(harness.send("AT+NETOPEN?") == "\r\n+NETOPEN: 0\r\n\r\nOK\r\n")
    }

    @Test("DNS and malformed parameters")
    func dnsAndMalformed() {
        var harness = Self.networkOpen()
        #expect(harness.send("AT+CDNSGIP=\"localhost\"") == "\r\n+CDNSGIP: 1,\"localhost\",\"127.0.0.1\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+CDNSGIP=\"nowhere.example\"") == "\r\n+CDNSGIP: 0,10\r\n\r\nERROR\r\n")
        for line in ["AT+CIPOPEN=10,\"TCP\",\"127.0.0.1\",7000", "AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",0", "AT+CIPOPEN=0,\"XYZ\""] {
            #expect(harness.send(line) == "\r\n+IP ERROR: Invalid parameter\r\n\r\nERROR\r\n", "\(line)")
        }
        #expect(harness.send("AT+CIPSEND=0,5") == "\r\n+IP ERROR: Connection is not created\r\n\r\nERROR\r\n")
        #expect(harness.send("AT+CIPSEND=0,1,\"127.0.0.1\"") == "\r\n+IP ERROR: Invalid parameter\r\n\r\nERROR\r\n")
        #expect(harness.send("AT+CIPRXGET=2,0") == "\r\nERROR\r\n")
        #expect(harness.takeRequests() == [])
    }
}
