import Testing
import VirtualModem

@Suite("Virtual modem sockets: Quectel BG96 (QI stack)")
struct QuectelSocketTests {
    static func activated() -> ModemHarness {
        var harness = ModemHarness.sockets(.quectelBG96, hosts: ["sink.test": "127.0.0.2", "far.test": "192.0.2.1"])
        #expect(harness.send("AT+QICSGP=1,1,\"internet\",\"\",\"\",1") == "\r\nOK\r\n")
        #expect(harness.send("AT+QIACT=1") == "\r\nOK\r\n")  // the LTE default bearer is already up
        #expect(harness.send("AT+QIACT?").hasPrefix("\r\n+QIACT: 1,1,1,\"10."))
        return harness
    }

    @Test("buffer access: open, send, +QIURC: \"recv\" once until +QIRD: 0, QIRD query, close")
    func bufferAccess() {
        var harness = Self.activated()
        #expect(harness.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0") == "\r\nOK\r\n")
        #expect(harness.takeRequests() == [.open(id: 1, kind: .tcp, host: "127.0.0.1", port: 7000)])
        #expect(harness.event(.opened(id: 1)) == "\r\n+QIOPEN: 0,0\r\n")
        #expect(harness.send("AT+QISEND=0,5") == "\r\n> ")
        #expect(harness.type(bytes("hello")) == "\r\nSEND OK\r\n")
        #expect(harness.send("AT+QISENDEX=0,\"0D0A00\"") == "\r\nSEND OK\r\n")
        #expect(harness.takeRequests() == [.send(id: 1, bytes: bytes("hello")), .send(id: 1, bytes: [13, 10, 0])])
        #expect(harness.send("AT+QISEND=0,0") == "\r\n+QISEND: 8,8,0\r\n\r\nOK\r\n")
        #expect(harness.receive(1, "test") == "\r\n+QIURC: \"recv\",0\r\n")
        #expect(harness.receive(1, "more") == "")
        #expect(harness.send("AT+QIRD=0,0") == "\r\n+QIRD: 8,0,8\r\n\r\nOK\r\n")
        #expect(harness.send("AT+QIRD=0,6") == "\r\n+QIRD: 6\r\ntestmo\r\n\r\nOK\r\n")
        #expect(harness.receive(1, "!") == "")  // not announced again: the buffer was not drained
        #expect(harness.send("AT+QIRD=0") == "\r\n+QIRD: 3\r\nre!\r\n\r\nOK\r\n")
        #expect(harness.send("AT+QIRD=0") == "\r\n+QIRD: 0\r\n\r\nOK\r\n")
        #expect(harness.receive(1, "again") == "\r\n+QIURC: \"recv\",0\r\n")
        #expect(harness.send("AT+QISTATE=1,0").hasPrefix("\r\n+QISTATE: 0,\"TCP\",\"127.0.0.1\",7000,"))
        #expect(harness.send("AT+QICLOSE=0") == "\r\nOK\r\n")
        #expect(harness.takeRequests() == [.close(id: 1)])
        #expect(harness.send("AT+QISTATE?") == "\r\nOK\r\n")
    }

    @Test("direct push: +QIURC: \"recv\",id,len then the bytes; UDP service names the sender")
    func directPush() {
        var harness = Self.activated()
        _ = harness.send("AT+QIOPEN=1,1,\"UDP\",\"sink.test\",7001,0,1")
        #expect(harness.takeRequests() == [.open(id: 1, kind: .udp, host: "127.0.0.2", port: 7001)])
        _ = harness.event(.opened(id: 1))
        #expect(harness.receive(1, "a\r\nb", port: 7001) == "\r\n+QIURC: \"recv\",1,4\r\na\r\nb")
        #expect(harness.send("AT+QIRD=1") == "\r\nERROR\r\n")  // push sockets are not read
        #expect(harness.send("AT+QIOPEN=1,2,\"UDP SERVICE\",\"127.0.0.1\",0,3030,1") == "\r\nOK\r\n\r\n+QIOPEN: 2,0\r\n")
        #expect(harness.takeRequests() == [.open(id: 2, kind: .udp, host: "127.0.0.1", port: 0)])
        #expect(harness.send("AT+QISEND=2,3,\"127.0.0.1\",7002") == "\r\n> ")
        #expect(harness.type(bytes("abc")) == "\r\nSEND OK\r\n")
        #expect(harness.takeRequests() == [.sendTo(id: 2, bytes: bytes("abc"), host: "127.0.0.1", port: 7002)])
        #expect(harness.receive(2, "pong", port: 7002) == "\r\n+QIURC: \"recv\",2,4,\"127.0.0.1\",7002\r\npong")
        // A datagram to an address outside loopback is lost, as to an unreachable host.
        _ = harness.send("AT+QISEND=2,1,\"192.0.2.1\",53")
        #expect(harness.type(bytes("x")) == "\r\nSEND OK\r\n")
        #expect(harness.takeRequests() == [])
    }

    @Test("remote close: +QIURC: \"closed\", data still readable, connectID kept until QICLOSE")
    func remoteClose() {
        var harness = Self.activated()
        _ = harness.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0")
        _ = harness.event(.opened(id: 1))
        _ = harness.receive(1, "bye")
        _ = harness.takeRequests()
        #expect(harness.inject(.remoteClose(socket: 0)) == "\r\n+QIURC: \"closed\",0\r\n")
        #expect(harness.takeRequests() == [.close(id: 1)])
        #expect(harness.send("AT+QIRD=0") == "\r\n+QIRD: 3\r\nbye\r\n\r\nOK\r\n")
        #expect(harness.send("AT+QISEND=0,1") == "\r\nERROR\r\n")
        #expect(harness.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0") == "\r\nOK\r\n\r\n+QIOPEN: 0,563\r\n")
        #expect(harness.send("AT+QICLOSE=0") == "\r\nOK\r\n")
        #expect(harness.takeRequests() == [])
        #expect(harness.event(.closed(id: 1)) == "")  // late event for a closed socket
    }

    @Test("failures: refused 566, unknown name 565, outside loopback 566 later, fault, SEND FAIL")
    func failures() {
        var harness = Self.activated()
        _ = harness.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",9,0,0")
        #expect(harness.event(.failed(id: 1, reason: "refused")) == "\r\n+QIOPEN: 0,566\r\n")
        #expect(harness.send("AT+QIGETERROR") == "\r\n+QIGETERROR: 566,Socket connect failed\r\n\r\nOK\r\n")
        _ = harness.send("AT+QIOPEN=1,1,\"TCP\",\"nowhere.test\",80,0,0")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+QIOPEN: 1,565\r\n")
        _ = harness.send("AT+QIOPEN=1,2,\"TCP\",\"far.test\",80,0,0")
        #expect(harness.advance(by: .seconds(6)) == "\r\n+QIOPEN: 2,566\r\n")
        _ = harness.inject(.connectFailNext)
        _ = harness.send("AT+QIOPEN=1,3,\"TCP\",\"127.0.0.1\",7000,0,0")
        #expect(harness.advance(by: .seconds(1)) == "\r\n+QIOPEN: 3,566\r\n")
        #expect(harness.takeRequests() == [.open(id: 1, kind: .tcp, host: "127.0.0.1", port: 9)])
        _ = harness.send("AT+QIOPEN=1,4,\"TCP\",\"127.0.0.1\",7000,0,0")
        _ = harness.event(.opened(id: 5))
        _ = harness.inject(.sendFailNext)
        _ = harness.send("AT+QISEND=4,1")
        #expect(harness.type(bytes("x")) == "\r\nSEND FAIL\r\n")
    }

    @Test("PDP deactivation: +QIURC: \"pdpdeact\",1 and the sockets go to closing")
    func pdpDeactivation() {
        var harness = Self.activated()
        _ = harness.send("AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0")
        _ = harness.send("AT+QIOPEN=1,1,\"TCP\",\"127.0.0.1\",7001,0,0")
        _ = harness.event(.opened(id: 1))
        _ = harness.event(.opened(id: 2))
        _ = harness.takeRequests()
        #expect(harness.inject(.pdpDeactivated(cid: 1)) == "\r\n+QIURC: \"pdpdeact\",1\r\n")
        #expect(harness.takeRequests() == [.close(id: 1), .close(id: 2)])
        #expect(harness.send("AT+QISTATE=0,1").contains("\",7001,"))
        #expect(harness.send("AT+QIOPEN=1,5,\"TCP\",\"127.0.0.1\",7000,0,0") == "\r\nOK\r\n\r\n+QIOPEN: 5,561\r\n")
    }

    @Test("DNS through the modem")
    func dns() {
        var harness = Self.activated()
        #expect(harness.send("AT+QIDNSGIP=1,\"sink.test\"") == "\r\nOK\r\n\r\n+QIURC: \"dnsgip\",0,1,600\r\n\r\n+QIURC: \"dnsgip\",\"127.0.0.2\"\r\n")
        #expect(harness.send("AT+QIDNSGIP=1,\"nowhere.test\"") == "\r\nOK\r\n\r\n+QIURC: \"dnsgip\",565\r\n")
    }

    @Test("malformed parameters answer ERROR, nothing reaches the network")
    func malformed() {
        var harness = Self.activated()
        for line in [
            "AT+QIOPEN=1,12,\"TCP\",\"127.0.0.1\",7000", "AT+QIOPEN=0,0,\"TCP\",\"127.0.0.1\",7000",
            "AT+QIOPEN=1,0,\"SCTP\",\"127.0.0.1\",7000", "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",70000",
            "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,2", "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",0",
            "AT+QISEND=0,5", "AT+QISEND=0,2000", "AT+QISENDEX=0,\"ABC\"", "AT+QISENDEX=0,\"ZZ\"",
            "AT+QIRD=0,99999", "AT+QIRD=a", "AT+QICLOSE=-1", "AT+QIACT=17", "AT+QICSGP=1,4,\"x\"",
        ] {
            #expect(harness.send(line) == "\r\nERROR\r\n", "\(line)")
        }
        #expect(harness.takeRequests() == [])
    }
}
