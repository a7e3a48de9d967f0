import ATCodec
import ModemDialects
import Testing

/// Layer 1: the u-blox socket commands, with lines as a SARA-R410M-02B prints them (reference §4.2).
@Suite("u-blox USOCR, USOCO, USOWR, USORD, USOCL, USOER, socket URCs")
struct UBloxSocketCommandTests {
    func response(_ command: some ATCommand, _ lines: [String]) -> ATResponse {
        ATResponse(command: command.text, items: lines.map { .line($0) }, final: .ok)
    }

    @Test func usocr() throws {
        let create = UBlox.USOCR(.tcp)
        #expect(create.text == "AT+USOCR=6")
        #expect(UBlox.USOCR(.udp).text == "AT+USOCR=17")
        #expect(try create.parse(response(create, ["+USOCR: 0"])) == 0)
        #expect(try create.parse(response(create, ["+USOCR:6"])) == 6)
        for bad in [[], ["+USOCR: 7"], ["+USOCR: x"], ["+USOCR: 0,1"], ["+USOCR: -1"]] {
            #expect(throws: ATParseError.self) { try create.parse(response(create, bad)) }
        }
    }

    @Test func usoco() throws {
        #expect(try UBlox.USOCO(socket: 0, host: "example.org", port: 80).text == "AT+USOCO=0,\"example.org\",80")   // SARA-R410M-02B
        #expect(try UBlox.USOCO(socket: 6, host: "127.0.0.1", port: 65_535).text == "AT+USOCO=6,\"127.0.0.1\",65535")
        for (socket, host, port) in [(7, "h", 1), (-1, "h", 1), (0, "", 1), (0, "h", 0), (0, "h", 65_536), (0, "a\"b", 1),
                                     (0, "a\rb", 1), (0, "a\nb", 1), (0, "a\\b", 1), (0, "a\u{7F}b", 1), (0, String(repeating: "a", count: 256), 1)] {
            #expect(throws: ATArgumentError.self) { try UBlox.USOCO(socket: socket, host: host, port: port) }
        }
    }

    @Test func usowr() throws {
        let write = try UBlox.USOWR(socket: 0, bytes: Array(repeating: 0x47, count: 128))
        #expect(write.text == "AT+USOWR=0,128")                     // SARA-R4, answered with the "@" prompt
        #expect(write.payload?.count == 128)
        let binary = try UBlox.USOWR(socket: 2, bytes: [0, 0x0D, 0x0A, 0x22, 0xFF])
        #expect(binary.payload == [0, 0x0D, 0x0A, 0x22, 0xFF])    // no terminator: the length says where it ends
        #expect(try write.parse(response(write, ["+USOWR: 0,128"])) == 128)
        for bad in [[], ["+USOWR: 1,128"], ["+USOWR: 0"], ["+USOWR: 0,x"]] {
            #expect(throws: ATParseError.self) { try write.parse(response(write, bad)) }
        }
        #expect(throws: ATArgumentError.self) { try UBlox.USOWR(socket: 0, bytes: []) }
        #expect(throws: ATArgumentError.self) { try UBlox.USOWR(socket: 0, bytes: Array(repeating: 1, count: 1025)) }
        _ = try UBlox.USOWR(socket: 0, bytes: Array(repeating: 1, count: 1024))
    }

    @Test func usord() throws {
        let read = UBlox.USORD(socket: 0)
        #expect(read.text == "AT+USORD=0,512")
        #expect(UBlox.USORD(socket: 1, maxLength: 4096).text == "AT+USORD=1,512")
        #expect(UBlox.USORD(socket: 1, maxLength: 0).text == "AT+USORD=1,1")
        #expect(UBlox.HexMode(true).text == "AT+UDCONF=1,1")
        #expect(UBlox.HexMode(false).text == "AT+UDCONF=1,0")
        #expect(try read.parse(response(read, ["+USORD: 0,5,\"68656C6C6F\""])) == Array("hello".utf8))
        #expect(try read.parse(response(read, ["+USORD: 0,3,\"000d0a\""])) == [0, 0x0D, 0x0A])
        #expect(try read.parse(response(read, ["+USORD: 0,0,\"\""])) == [])
        #expect(try read.parse(response(read, ["+USORD: 0,0"])) == [])
        let malformed = [
            [], ["+USORD: 0,5,\"68656C6C\""], ["+USORD: 0,2,\"6G6F\""], ["+USORD: 0,2,\"686\""], ["+USORD: 1,5,\"68656C6C6F\""],
            ["+USORD: 0,5,\"68656C6C6F"], ["+USORD: 0,5,\"68656C6C6F\"x"], ["+USORD: 0,5,\"68656C6C6F\",1"], ["+USORD: 0"],
        ]
        for bad in malformed {
            #expect(throws: ATParseError.self, "\(bad)") { try read.parse(response(read, bad)) }
        }
    }

    @Test func usost() throws {
        let send = try UBlox.USOST(socket: 1, host: "127.0.0.1", port: 7001, bytes: Array("ping".utf8))
        #expect(send.text == "AT+USOST=1,\"127.0.0.1\",7001,4")
        #expect(send.payload == Array("ping".utf8))
        #expect(try send.parse(response(send, ["+USOST: 1,4"])) == 4)
        for bad in [[], ["+USOST: 0,4"], ["+USOST: 1"], ["+USOST: 1,x"]] {
            #expect(throws: ATParseError.self) { try send.parse(response(send, bad)) }
        }
        for (host, port, count) in [("h", 0, 1), ("", 1, 1), ("a\"b", 1, 1), ("h", 1, 0), ("h", 1, 1025)] {
            #expect(throws: ATArgumentError.self) { try UBlox.USOST(socket: 1, host: host, port: port, bytes: Array(repeating: 1, count: count)) }
        }
    }

    @Test func usorf() throws {
        let read = UBlox.USORF(socket: 1)
        #expect(read.text == "AT+USORF=1,512")
        #expect(try read.parse(response(read, ["+USORF: 1,\"127.0.0.1\",7001,4,\"706F6E67\""]))
            == UBlox.USORF.Datagram(host: "127.0.0.1", port: 7001, bytes: Array("pong".utf8)))
        #expect(try read.parse(response(read, ["+USORF: 1,0"])) == nil)
        #expect(try read.parse(response(read, ["+USORF: 1,\"\",0,0,\"\""])) == nil)
        let malformed = [
            [], ["+USORF: 0,\"127.0.0.1\",7001,4,\"706F6E67\""], ["+USORF: 1,\"127.0.0.1\",7001,5,\"706F6E67\""],
            ["+USORF: 1,\"127.0.0.1\",x,4,\"706F6E67\""], ["+USORF: 1,\"127.0.0.1\",7001,4,\"706F6E6\""],
            ["+USORF: 1,\"127.0.0.1\",7001,4"], ["+USORF: 1,4"], ["+USORF: 1,\"127.0.0.1\",7001,4,\"706F6E67"],
        ]
        for bad in malformed {
            #expect(throws: ATParseError.self, "\(bad)") { try read.parse(response(read, bad)) }
        }
    }

    @Test func closeAndError() throws {
        #expect(UBlox.USOCL(socket: 3).text == "AT+USOCL=3")
        let error = UBlox.USOER()
        #expect(error.text == "AT+USOER")
        #expect(try error.parse(response(error, ["+USOER: 11"])) == 11)      // SARA-R410M-02B after a failed USOCO
        #expect(try error.parse(response(error, ["+USOER: 0"])) == 0)
        for bad in [[], ["+USOER: x"], ["+USOER: 1,2"], ["+USOER:"]] {
            #expect(throws: ATParseError.self) { try error.parse(response(error, bad)) }
        }
    }

    @Test func udnsrn() throws {
        let lookup = try UBlox.UDNSRN(host: "echo.example")
        #expect(lookup.text == "AT+UDNSRN=0,\"echo.example\"")
        #expect(try lookup.parse(response(lookup, ["+UDNSRN: \"127.0.0.1\""])) == IPAddress("127.0.0.1"))   // manual's format
        #expect(try lookup.parse(response(lookup, ["+UDNSRN:\"10.0.0.7\""])) == IPAddress("10.0.0.7"))
        for bad in [[], ["+UDNSRN: \"x\""], ["+UDNSRN: \"1.2.3.4\",\"5.6.7.8\""], ["+UDNSRN:"]] {
            #expect(throws: ATParseError.self, "\(bad)") { try lookup.parse(response(lookup, bad)) }
        }
        for host in ["", "a\"b", "a\r\nAT+CFUN=0", "a\\b"] {
            #expect(throws: ATArgumentError.self) { try UBlox.UDNSRN(host: host) }
        }
    }

    @Test func urcs() throws {
        #expect(try UBlox.SocketURC.parse("+UUSORD: 0,5") == .dataAvailable(socket: 0, length: 5))
        #expect(try UBlox.SocketURC.parse("+UUSORF: 1,5") == .datagramAvailable(socket: 1, length: 5))
        #expect(try UBlox.SocketURC.parse("+UUSOCL: 0") == .closed(socket: 0))             // SARA-R4
        #expect(try UBlox.SocketURC.parse("+UUSOCO: 0,0") == .connectResult(socket: 0, error: 0))
        #expect(try UBlox.SocketURC.parse("+UUSOCO: 2,111") == .connectResult(socket: 2, error: 111))
        for bad in ["+UUSORD: 0", "+UUSORD: x,5", "+UUSOCL: 7", "+UUSOCL: 0,1", "+UUSORD: 0,5,1", "+UUPSDD: 0", "+USORD: 0,5", ""] {
            #expect(throws: ATParseError.self, "\(bad)") { try UBlox.SocketURC.parse(bad) }
        }
    }

    @Test func hex() {
        #expect(UBlox.decodeHex("") == [])
        #expect(UBlox.decodeHex("00fFaA") == [0, 0xFF, 0xAA])
        #expect(UBlox.decodeHex("0") == nil)
        #expect(UBlox.decodeHex("zz") == nil)
        #expect(UBlox.decodeHex("é0") == nil)
    }
}
