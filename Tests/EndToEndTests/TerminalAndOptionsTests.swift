@testable import ModemKitCLI
import Testing

/// The pure pieces of the CLI: what the terminal writes and shows, `--tcp` parsing.
@Suite struct TerminalAndOptionsTests {
    @Test func typedLinesEndInCR() throws {
        #expect(try TerminalCodec.encode("AT+CSQ") == Array("AT+CSQ\r".utf8))
        #expect(try TerminalCodec.encode("") == [0x0D])
    }

    @Test func caretEscapesEndAnSMS() throws {
        #expect(try TerminalCodec.encode("Hello^Z") == Array("Hello".utf8) + [0x1A])
        #expect(try TerminalCodec.encode("oops^[") == Array("oops".utf8) + [0x1B])
        #expect(try TerminalCodec.encode("2^3") == Array("2^3\r".utf8))
    }

    @Test(arguments: [("AT\u{1A}", 2, UInt8(0x1A)), ("AT\u{1B}x", 2, 0x1B), ("A\rT", 1, 0x0D), ("\u{7F}", 0, 0x7F)])
    func controlCharactersAreRefused(line: String, offset: Int, byte: UInt8) {
        #expect(throws: TerminalCodec.Refusal(offset: offset, byte: byte)) { try TerminalCodec.encode(line) }
    }

    @Test func allowControlPassesThemThrough() throws {
        #expect(try TerminalCodec.encode("AT\u{1A}", allowControl: true) == [0x41, 0x54, 0x1A, 0x0D])
    }

    @Test func rendererEscapesWhatATerminalWouldObey() {
        let renderer = TerminalCodec.Renderer()
        #expect(renderer.render(Array("AT\r\r\nOK\r\n".utf8)) == "AT\nOK\n")
        #expect(renderer.render([0x3E, 0x20]) == "> ")
        #expect(renderer.render([0x1B, 0x5B, 0x32, 0x4A, 0xFF]) == "\\x1B[2J\\xFF")
    }

    @Test func tcpEndpoints() throws {
        #expect(try ConnectionOptions.endpoint("localhost:2000") == ("localhost", 2000))
        #expect(try ConnectionOptions.endpoint("[::1]:23") == ("::1", 23))
        #expect(try ConnectionOptions.endpoint(":7000") == ("127.0.0.1", 7000))
        #expect(throws: (any Error).self) { try ConnectionOptions.endpoint("host") }
        #expect(throws: (any Error).self) { try ConnectionOptions.endpoint("host:0") }
        #expect(throws: (any Error).self) { try ConnectionOptions.endpoint("host:http") }
    }

    @Test func rawCommandsTakeTheirOwnPrefix() throws {
        #expect(try ATExchange.command("AT+CREG?", timeout: .seconds(1)).ownPrefixes == ["+CREG:"])
        #expect(try ATExchange.command("at+cops=?", timeout: .seconds(1)).ownPrefixes == ["+COPS:"])
        #expect(try ATExchange.command("AT^SYSINFO", timeout: .seconds(1)).ownPrefixes == ["^SYSINFO:"])
        #expect(try ATExchange.command("ATI", timeout: .seconds(1)).ownPrefixes == [])
    }
}
