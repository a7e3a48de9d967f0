import ATCodec
import ModemDialects
import Testing

/// Layer 1: the Quectel socket commands, with lines as a BG96 prints them.
@Suite("Quectel QIOPEN, QISEND, QIRD, QICLOSE, QIURC")
struct QuectelSocketCommandTests {
    @Test func qiopen() throws {
        #expect(try Quectel.QIOPEN(contextID: 1, connectID: 0, service: .tcp, host: "127.0.0.1", port: 7000).text
            == "AT+QIOPEN=1,0,\"TCP\",\"127.0.0.1\",7000,0,0")
        #expect(try Quectel.QIOPEN.result("+QIOPEN: 0,0") == (0, 0))           // BG96
        #expect(try Quectel.QIOPEN.result("+QIOPEN: 3,566") == (3, 566))
        #expect(throws: ATParseError.self) { try Quectel.QIOPEN.result("+QIOPEN: x,0") }
        #expect(throws: ATParseError.self) { try Quectel.QIOPEN.result("+QIOPEN: 0") }
        for (context, id, host, port) in [(0, 0, "h", 1), (1, 12, "h", 1), (1, 0, "", 1), (1, 0, "h", 0), (1, 0, "h", 65_536),
                                           (1, 0, "a\"b", 1), (1, 0, "a\rb", 1), (1, 0, "a\\b", 1), (1, 0, String(repeating: "a", count: 256), 1)] {
            #expect(throws: ATArgumentError.self) { try Quectel.QIOPEN(contextID: context, connectID: id, service: .tcp, host: host, port: port) }
        }
    }

    @Test func qisend() throws {
        let send = try Quectel.QISEND(connectID: 2, bytes: [0, 0x1A, 0xFF])
        #expect(send.text == "AT+QISEND=2,3")
        #expect(send.payload == [0, 0x1A, 0xFF])        // binary, no Ctrl-Z terminator: the length says where it ends
        #expect(send.finals.map(\.success) == [true, false])
        #expect(throws: ATArgumentError.self) { try Quectel.QISEND(connectID: 0, bytes: []) }
        #expect(throws: ATArgumentError.self) { try Quectel.QISEND(connectID: 0, bytes: Array(repeating: 1, count: 1461)) }
    }

    @Test func qird() throws {
        let read = Quectel.QIRD(connectID: 0)
        #expect(read.text == "AT+QIRD=0,1500")
        #expect(Quectel.QIRD(connectID: 1, maxLength: 9999).text == "AT+QIRD=1,1500")
        #expect(read.payloadLength(announcedBy: ArraySlice("+QIRD: 5".utf8)) == 5)
        #expect(read.payloadLength(announcedBy: ArraySlice("+QIRD: 0".utf8)) == nil)
        #expect(read.payloadLength(announcedBy: ArraySlice("+QIRD: 4,0,4".utf8)) == nil)    // the query form (BG96)
        let hello = ATResponse(command: read.text, items: [.line("+QIRD: 5"), .payload(Array("hello".utf8))], final: .ok)
        #expect(try read.parse(hello) == Array("hello".utf8))
        #expect(try read.parse(ATResponse(command: read.text, items: [.line("+QIRD: 0")], final: .ok)) == [])
        let short = ATResponse(command: read.text, items: [.line("+QIRD: 5"), .payload(Array("hel".utf8))], final: .ok)
        #expect(throws: ATParseError.self) { try read.parse(short) }
        #expect(throws: ATParseError.self) { try read.parse(ATResponse(command: read.text, items: [], final: .ok)) }
        #expect(Quectel.QICLOSE(connectID: 3).text == "AT+QICLOSE=3,10")
    }

    @Test func qiurc() throws {
        #expect(try Quectel.QIURC.parse("+QIURC: \"recv\",0") == .received(connectID: 0))
        #expect(try Quectel.QIURC.parse("+QIURC: \"closed\",11") == .closed(connectID: 11))
        #expect(try Quectel.QIURC.parse("+QIURC: \"pdpdeact\",1") == .pdpDeactivated(contextID: 1))
        #expect(try Quectel.QIURC.parse("+QIURC: \"dnsgip\",0,1,600") == .other("\"dnsgip\",0,1,600"))
        #expect(throws: ATParseError.self) { try Quectel.QIURC.parse("+QIURC: \"recv\",x") }
        #expect(throws: ATParseError.self) { try Quectel.QIURC.parse("+QIOPEN: 0,0") }
    }
}
