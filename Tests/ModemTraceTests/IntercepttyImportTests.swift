import ModemTrace
import Testing

/// interceptty captures, one byte a line or hex lines.
@Suite struct IntercepttyImportTests {
    @Test func fixtureRunsOfBytesAndBadLines() throws {
        let log = importLog(try LogFixtures.bytes("interceptty.log"), as: .interceptty)
        #expect(log.records.prefix(4).map(\.line) == [1, 8, 36, 47])
        #expect(log.texts.prefix(2) == ["AT+CSQ\r", "AT+CSQ\r\r\n+CSQ: 21,99\r\n\r\nOK\r\n"])
        #expect(log.directions.prefix(4) == [.tx, .rx, .tx, .rx])
        // The garbled line inside the AT+CMGF=0 write is reported and does not cut the write.
        #expect(log.texts[2] == "AT+CMGF=0\r")
        #expect(log.texts.last == "AT+CEREG?\r")
        #expect(log.records.allSatisfy { $0.record.time == .zero })
        #expect(log.errors.map(\.line) == [41, 274])
        #expect(log.errors.first?.text == "< 0x2b (C)")
    }

    @Test func hexLinesAndEveryByteShape() {
        let log = importLog("""
            > 41 54 2b 43 53 51 0d
            < 41 54 2B 43 53 51 0D
            < 0d 0a 4f 4b 0d 0a
            > 0x1a
            < 0x20 ( )
            < 0x29 ())
            < 0xff
            > 0xzz
            hello
            """, as: .interceptty)
        #expect(log.records.map(\.record) == [
            .tx(Array("AT+CSQ\r".utf8), at: .zero),
            .rx(Array("AT+CSQ\r\r\nOK\r\n".utf8), at: .zero),
            .tx([0x1A], at: .zero),
            .rx([0x20, 0x29, 0xFF], at: .zero),
        ])
        #expect(log.errors.map(\.line) == [8, 9])
    }
}
