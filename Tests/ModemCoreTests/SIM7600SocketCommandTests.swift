import ATCodec
import ModemDialects
import Testing

/// Layer 1: the SIM7600 socket commands, with lines as a SIM7600 prints them (reference §2).
@Suite("SIM7600 NETOPEN, CIPOPEN, CIPSEND, CIPRXGET, CIPCLOSE, socket URCs")
struct SIM7600SocketCommandTests {
    @Test func netopen() throws {
        #expect(SIM7600.NETOPEN().text == "AT+NETOPEN")
        #expect(try SIM7600.NETOPEN.result("+NETOPEN: 0") == 0)
        #expect(try SIM7600.NETOPEN.result("+NETOPEN: 1") == 1)
        for bad in ["+NETOPEN: x", "+NETOPEN: 0,1", "+NETOPEN:", "+CIPOPEN: 0,0"] {
            #expect(throws: ATParseError.self) { try SIM7600.NETOPEN.result(bad) }
        }
        let already = ATResponse(command: "AT+NETOPEN", items: [.line("+IP ERROR: Network is already opened")], final: .error)
        #expect(SIM7600.NETOPEN.alreadyOpen(already))
        #expect(!SIM7600.NETOPEN.alreadyOpen(ATResponse(command: "AT+NETOPEN", items: [], final: .error)))   // SIM7600, plain ERROR
        #expect(SIM7600.ManualReceive().text == "AT+CIPRXGET=1")
    }

    @Test func cipopen() throws {
        #expect(try SIM7600.CIPOPEN(link: 0, host: "127.0.0.1", port: 7000).text == "AT+CIPOPEN=0,\"TCP\",\"127.0.0.1\",7000")
        #expect(try SIM7600.CIPOPEN.result("+CIPOPEN: 0,0") == (0, 0))
        #expect(try SIM7600.CIPOPEN.result("+CIPOPEN: 9,11") == (9, 11))
        for bad in ["+CIPOPEN: 0", "+CIPOPEN: x,0", "+CIPOPEN: 10,0", "+CIPOPEN: 0,0,1", "+IPCLOSE: 0,1"] {
            #expect(throws: ATParseError.self) { try SIM7600.CIPOPEN.result(bad) }
        }
        for (link, host, port) in [(10, "h", 1), (-1, "h", 1), (0, "", 1), (0, "h", 0), (0, "h", 65_536), (0, "a\"b", 1), (0, "a\r\nb", 1), (0, "a\\b", 1)] {
            #expect(throws: ATArgumentError.self) { try SIM7600.CIPOPEN(link: link, host: host, port: port) }
        }
    }

    @Test func cipsend() throws {
        let send = try SIM7600.CIPSEND(link: 0, bytes: Array(repeating: 0x41, count: 31))
        #expect(send.text == "AT+CIPSEND=0,31")
        #expect(send.payload?.count == 31)
        #expect(try SIM7600.CIPSEND.sendResult("+CIPSEND: 0,31,31") == (0, 31, 31))   // SIM7600
        #expect(try SIM7600.CIPSEND.sendResult("+CIPSEND: 1,5,-1") == (1, 5, -1))
        for bad in ["+CIPSEND: 0,31", "+CIPSEND: 0,x,31", "+CIPSEND: (0-9),(1-1500)", "+CIPOPEN: 0,0"] {
            #expect(throws: ATParseError.self) { try SIM7600.CIPSEND.sendResult(bad) }
        }
        #expect(throws: ATArgumentError.self) { try SIM7600.CIPSEND(link: 0, bytes: []) }
        #expect(throws: ATArgumentError.self) { try SIM7600.CIPSEND(link: 0, bytes: Array(repeating: 1, count: 1501)) }
    }

    @Test func ciprxget() throws {
        let read = SIM7600.CIPRXGET(link: 0)
        #expect(read.text == "AT+CIPRXGET=2,0,1500")
        #expect(SIM7600.CIPRXGET(link: 1, maxLength: 9999).text == "AT+CIPRXGET=2,1,1500")
        #expect(read.payloadLength(announcedBy: ArraySlice("+CIPRXGET: 2,0,5,0".utf8)) == 5)
        #expect(read.payloadLength(announcedBy: ArraySlice("+CIPRXGET: 2,0,0,0".utf8)) == nil)
        #expect(read.payloadLength(announcedBy: ArraySlice("+CIPRXGET: 4,0,4".utf8)) == nil)      // SIM7600 pending query
        #expect(!SIM7600.CIPRXGET.ownsLine(ArraySlice("+CIPRXGET: 1,0".utf8)))
        #expect(SIM7600.CIPRXGET.ownsLine(ArraySlice("+CIPRXGET: 2,0,5,0".utf8)))
        let hello = ATResponse(command: read.text, items: [.line("+CIPRXGET: 2,0,5,0"), .payload(Array("hello".utf8))], final: .ok)
        #expect(try read.parse(hello) == Array("hello".utf8))
        #expect(try read.parse(ATResponse(command: read.text, items: [.line("+CIPRXGET: 2,0,0,0")], final: .ok)) == [])
        let malformed: [[ATResponseItem]] = [
            [], [.line("+CIPRXGET: 2,0,5,0"), .payload(Array("hel".utf8))], [.line("+CIPRXGET: 2,1,5,0"), .payload(Array("hello".utf8))],
            [.line("+CIPRXGET: 2,0,5")], [.line("+CIPRXGET: 2,0,x,0")], [.line("+CIPRXGET: 4,0,4")],
        ]
        for items in malformed {
            #expect(throws: ATParseError.self, "\(items)") { try read.parse(ATResponse(command: read.text, items: items, final: .ok)) }
        }
        #expect(SIM7600.CIPCLOSE(link: 3).text == "AT+CIPCLOSE=3")
    }

    @Test func urcs() throws {
        #expect(try SIM7600.SocketURC.parse("+CIPRXGET: 1,0") == .dataWaiting(link: 0))
        #expect(try SIM7600.SocketURC.parse("+IPCLOSE: 0,1") == .closed(link: 0, reason: 1))
        #expect(try SIM7600.SocketURC.parse("+CIPEVENT: NETWORK CLOSED UNEXPECTEDLY") == .networkClosed)
        for bad in ["+CIPRXGET: 1", "+CIPRXGET: 2,0,5,0", "+CIPRXGET: 1,10", "+IPCLOSE: 0", "+IPCLOSE: x,1", "+CIPEVENT: OTHER", "+QIURC: \"closed\",0", ""] {
            #expect(throws: ATParseError.self, "\(bad)") { try SIM7600.SocketURC.parse(bad) }
        }
    }
}
