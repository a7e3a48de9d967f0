import ModemTrace
import Testing

@Suite struct TraceEscapingTests {
    @Test(arguments: [
        ("AT+CSQ\r", #"AT+CSQ\r"#),
        ("\r\n+CSQ: 21,99\r\n\r\nOK\r\n", #"\r\n+CSQ: 21,99\r\n\r\nOK\r\n"#),
        ("a\\b", #"a\\b"#),
        ("tab\there", #"tab\there"#),
        ("ctrl-z\u{1A}", #"ctrl-z\x1a"#),
        (" lead and trail ", #"\x20lead and trail\x20"#),
        (" ", #"\x20"#),
        ("", ""),
        ("\u{7F}", #"\x7f"#),
    ])
    func escapesASCII(input: String, escaped: String) throws {
        #expect(TraceEscaping.escape(Array(input.utf8)) == escaped)
        #expect(try TraceEscaping.unescape(escaped) == Array(input.utf8))
    }

    @Test func escapesNonASCIIAsHex() throws {
        #expect(TraceEscaping.escape([0x00, 0x80, 0xFF]) == #"\x00\x80\xff"#)
        #expect(TraceEscaping.escape(Array("é".utf8)) == #"\xc3\xa9"#)
        #expect(try TraceEscaping.unescape(#"\xC3\xA9"#) == Array("é".utf8))
    }

    @Test func everyByteValueRoundTripsAndStaysPrintable() throws {
        let all = (0...255).map { UInt8($0) }
        let escaped = TraceEscaping.escape(all)
        #expect(escaped.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7E })
        #expect(try TraceEscaping.unescape(escaped) == all)
    }

    @Test(arguments: [
        (#"\q"#, 0), (#"abc\"#, 3), (#"\x4"#, 0), (#"\xg0"#, 0), ("tab\t", 3), ("é", 0),
    ])
    func rejectsMalformedEscapes(text: String, offset: Int) {
        #expect(throws: TraceEscapingError.self) { try TraceEscaping.unescape(text) }
        do {
            _ = try TraceEscaping.unescape(text)
        } catch {
            #expect(error.offset == offset)
        }
    }
}
