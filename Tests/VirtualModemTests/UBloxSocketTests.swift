import Testing
import VirtualModem

@Suite("Virtual modem sockets: u-blox SARA-R4 (USO stack)")
struct UBloxSocketTests {
    @Test("TCP: create, blocking connect (suspended until the real socket opens), write, read by count")
    func tcp() {
        var harness = ModemHarness.sockets(.ubloxSARAR4)
        #expect(harness.send("AT+USOCR=6") == "\r\n+USOCR: 0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOCO=0,\"127.0.0.1\",7000") == "")
        #expect(harness.takeRequests() == [.open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000)])
        #expect(harness.send("AT") == "")  // typed ahead while the connect blocks
        #expect(harness.event(.opened(id: 1)) == "\r\nOK\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOWR=0,5,\"hello\"") == "\r\n+USOWR: 0,5\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOWR=0,3") == "\r\n@")
        #expect(harness.type([0, 13, 10]) == "\r\n+USOWR: 0,3\r\n\r\nOK\r\n")
        #expect(harness.takeRequests() == [.send(id: 1, bytes: bytes("hello")), .send(id: 1, bytes: [0, 13, 10])])
        #expect(harness.receive(1, "a\"b\r\n") == "\r\n+UUSORD: 0,5\r\n")
        #expect(harness.send("AT+USORD=0,0") == "\r\n+USORD: 0,5\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USORD=0,3") == "\r\n+USORD: 0,3,\"a\"b\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+UDCONF=1,1") == "\r\nOK\r\n")
        #expect(harness.send("AT+USORD=0,10") == "\r\n+USORD: 0,2,\"0D0A\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOWR=0,2,\"FF00\"") == "\r\n+USOWR: 0,2\r\n\r\nOK\r\n")
        #expect(harness.takeRequests() == [.send(id: 1, bytes: [0xFF, 0])])
        #expect(harness.send("AT+USOCL=0") == "\r\nOK\r\n")
        #expect(harness.takeRequests() == [.close(id: 1)])
    }

    @Test("async connect reports +UUSOCO; a failed blocking connect answers ERROR and +USOER")
    func connectOutcomes() {
        var harness = ModemHarness.sockets(.ubloxSARAR4)
        _ = harness.send("AT+USOCR=6")
        #expect(harness.send("AT+USOCO=0,\"localhost\",7000,1") == "\r\nOK\r\n")
        #expect(harness.event(.opened(id: 1)) == "\r\n+UUSOCO: 0,0\r\n")
        _ = harness.send("AT+USOCR=6")
        #expect(harness.send("AT+USOCO=1,\"127.0.0.1\",9") == "")
        #expect(harness.event(.failed(id: 2, reason: "refused")) == "\r\nERROR\r\n")
        #expect(harness.send("AT+USOER") == "\r\n+USOER: 111\r\n\r\nOK\r\n")
        // Outside loopback: fails like an unreachable host, after a while, without a request.
        _ = harness.send("AT+CMEE=2")
        #expect(harness.send("AT+USOCO=1,\"198.51.100.7\",80") == "")
        #expect(harness.advance(by: .seconds(6)) == "\r\n+CME ERROR: operation not allowed\r\n")
        #expect(harness.send("AT+USOER") == "\r\n+USOER: 113\r\n\r\nOK\r\n")
        _ = harness.inject(.connectFailNext)
        #expect(harness.send("AT+USOCO=1,\"127.0.0.1\",7000,1") == "\r\nOK\r\n")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+UUSOCO: 1,111\r\n")
        #expect(harness.takeRequests() == [
            .open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000), .open(id: 2, kind: .tcp, host: "127.0.0.1", port: 9),
        ])
    }

    @Test("UDP: +USOST and +USORF name the peer; a datagram outside loopback is lost")
    func udp() {
        var harness = ModemHarness.sockets(.ubloxSARAR4)
        #expect(harness.send("AT+USOCR=17") == "\r\n+USOCR: 0\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOST=0,\"127.0.0.1\",7001,4,\"ping\"") == "\r\n+USOST: 0,4\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOST=0,\"192.0.2.9\",7001,4,\"ping\"") == "\r\n+USOST: 0,4\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USOST=0,\"127.0.0.1\",7001,2") == "\r\n@")
        #expect(harness.type(bytes("ab")) == "\r\n+USOST: 0,2\r\n\r\nOK\r\n")
        #expect(harness.takeRequests() == [
            .open(id: 1, kind: .udp, host: "127.0.0.1", port: 0),
            .sendTo(id: 1, bytes: bytes("ping"), host: "127.0.0.1", port: 7001),
            .sendTo(id: 1, bytes: bytes("ab"), host: "127.0.0.1", port: 7001),
        ])
        #expect(harness.receive(1, "pong", port: 7001) == "\r\n+UUSORF: 0,4\r\n")
        #expect(harness.receive(1, "xy", port: 7002) == "\r\n+UUSORF: 0,6\r\n")
        #expect(harness.send("AT+USORF=0,100") == "\r\n+USORF: 0,\"127.0.0.1\",7001,4,\"pong\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USORF=0,100") == "\r\n+USORF: 0,\"127.0.0.1\",7002,2,\"xy\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+USORD=0,10") == "\r\nERROR\r\n")  // USORD is for TCP
    }

    @Test("remote close: +UUSOCL only once the data is read; PDP loss: +UUPSDD then +UUSOCL")
    func closes() {
        var harness = ModemHarness.sockets(.ubloxSARAR4)
        _ = harness.send("AT+USOCR=6")
        _ = harness.send("AT+USOCO=0,\"127.0.0.1\",7000")
        _ = harness.event(.opened(id: 1))
        _ = harness.receive(1, "last")
        #expect(harness.event(.closed(id: 1)) == "")
        #expect(harness.send("AT+USORD=0,4") == "\r\n+USORD: 0,4,\"last\"\r\n\r\nOK\r\n\r\n+UUSOCL: 0\r\n")
        #expect(harness.send("AT+USORD=0,0") == "\r\nERROR\r\n")
        _ = harness.send("AT+USOCR=6")
        _ = harness.send("AT+USOCO=0,\"127.0.0.1\",7000")
        _ = harness.event(.opened(id: 2))
        _ = harness.send("AT+USOCR=17")
        #expect(harness.inject(.remoteClose(socket: 1)) == "\r\n+UUSOCL: 1\r\n")
        _ = harness.takeRequests()
        #expect(harness.inject(.pdpDeactivated(cid: 1)) == "\r\n+UUPSDD: 0\r\n\r\n+UUSOCL: 0\r\n")
        #expect(harness.takeRequests() == [.close(id: 2)])
        _ = harness.inject(.sendFailNext)
    }

    @Test("several sockets, send fault, DNS and malformed parameters")
    func severalAndMalformed() {
        var harness = ModemHarness.sockets(.ubloxSARAR4)
        for number in 0..<7 { #expect(harness.send("AT+USOCR=6") == "\r\n+USOCR: \(number)\r\n\r\nOK\r\n") }
        #expect(harness.send("AT+USOCR=6") == "\r\nERROR\r\n")
        _ = harness.send("AT+USOCO=3,\"127.0.0.1\",7000")
        _ = harness.event(.opened(id: 4))
        _ = harness.inject(.sendFailNext)
        #expect(harness.send("AT+USOWR=3,1,\"x\"") == "\r\nERROR\r\n")
        #expect(harness.send("AT+UDNSRN=0,\"localhost\"") == "\r\n+UDNSRN: \"127.0.0.1\"\r\n\r\nOK\r\n")
        #expect(harness.send("AT+UDNSRN=0,\"nowhere.example\"") == "\r\nERROR\r\n")
        _ = harness.send("AT+CMEE=1")
        for line in [
            "AT+USOCR=7", "AT+USOCO=9,\"127.0.0.1\",7000", "AT+USOCO=3,\"127.0.0.1\",0", "AT+USOWR=3,5,\"abc\"",
            "AT+USOWR=3,0", "AT+USOWR=3,5000", "AT+USORD=3,-1", "AT+USOCL=x", "AT+USOST=3,\"127.0.0.1\",70000,1",
        ] {
            #expect(harness.send(line) == "\r\n+CME ERROR: 50\r\n", "\(line)")
        }
        #expect(harness.send("AT+USOWR=2,1,\"x\"") == "\r\n+CME ERROR: 3\r\n")  // not connected
        #expect(harness.takeRequests() == [.open(id: 4, kind: .tcp, host: "127.0.0.1", port: 7000)])
    }
}
