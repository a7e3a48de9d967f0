@testable import ModemTrace
import Testing

/// gammu's debug log: frames rebuilt from their hex dumps.
@Suite struct GammuImportTests {
    @Test func fixtureFramesPromptsRepeatedBuffersTimesAndACutDump() throws {
        let log = importLog(try LogFixtures.bytes("gammu-textalldate.log"), as: .gammu)
        #expect(log.records.prefix(3).map(\.line) == [12, 15, 21])
        #expect(log.records.prefix(3).map(\.record) == [
            .tx([0x1B, 0x0D], at: .zero),
            .tx(Array("AT\r".utf8), at: .zero),
            .rx(Array("AT\r\r\nOK\r\n".utf8), at: TraceTime(microseconds: 1_000_000)),
        ])
        // The error SMS: the prompt, the PDU and Ctrl-Z in two frames, then only what is new
        // in gammu's repeated reply buffer (the PDU's echo and the error), not the prompt again.
        let command = try #require(log.records.firstIndex { $0.record.bytes == Array("AT+CMGS=24\r".utf8) })
        let pdu = "07911356131313F311000B911326880736F40000FF0BC8329BFD0685CFE1B41B"
        #expect(log.texts[command...].prefix(5) == [
            "AT+CMGS=24\r", "AT+CMGS=24\r\r\n> ", pdu, "\u{1A}", "\(pdu)\u{1A}\r\n+CMS ERROR: 331\r\n",
        ])
        #expect(log.records[command].record.time == TraceTime(microseconds: 7_000_000))
        // gammu prints a raw CR inside one of its messages: it does not split the line.
        #expect(log.records.last?.line == 226)
        #expect(log.records.last?.record.bytes == Array("AT+C".utf8))
        #expect(log.errors.map(\.description) == [
            "line 226: cannot place this line: the frame's dump ends after 4 of 7 bytes: Wed 2026/11/25 23:38:04: SENDING frame type 0x00/length 0x07/7",
        ])
    }

    @Test func olderFrametypeSmsdPrefixAPipeByteAndALongDump() {
        let log = importLog("""
            Mon 2015/08/17 18:14:51 gammu-smsd[1902]: gammu: SENDING frametype 0x00/length 0x05/5
            Mon 2015/08/17 18:14:51 gammu-smsd[1902]: gammu: 41A|54T|7C||3F?|0D                   AT|?.
            Mon 2015/08/17 18:14:52 gammu-smsd[1902]: gammu: RECEIVED frametype 0x00/length 0x13/19
            Mon 2015/08/17 18:14:52 gammu-smsd[1902]: gammu: 41A|54T|7C||3F?|0D |0D |0A |45E|52R|52R|4FO|52R|0D |0A |0D |0A  AT|?...ERROR....
            Mon 2015/08/17 18:14:52 gammu-smsd[1902]: gammu: 4FO|4BK|0D                                                      OK.
            Mon 2015/08/17 18:14:53 gammu-smsd[1902]: gammu: SENDING frametype 0x00/length 0x02/2
            Mon 2015/08/17 18:14:53 gammu-smsd[1902]: gammu: 41A|54T|0D                                                      AT.
            """, as: .gammu)
        // The last dump holds a byte more than its header says: kept, and reported.
        #expect(log.texts == ["AT|?\r", "AT|?\r\r\nERROR\r\n\r\nOK\r", "AT\r"])
        #expect(log.records.map(\.record.time) == [.zero, TraceTime(microseconds: 1_000_000), TraceTime(microseconds: 2_000_000)])
        #expect(log.errors.map(\.line) == [7])
        #expect(log.errors.first?.kind == .unplaceable("the dump holds 3 bytes, the frame's length is 2"))
    }

    @Test func dumpLinesAreCheckedAgainstTheirCharacters() {
        #expect(GammuLogParser.dumpBytes(in: "41A|54T|0D                 AT.") == [0x41, 0x54, 0x0D])
        #expect(GammuLogParser.dumpBytes(in: "41B|54T") == nil)
        #expect(GammuLogParser.dumpBytes(in: "1 \"AT\"") == nil)
        #expect(GammuLogParser.dumpBytes(in: "Checking line: OK") == nil)
    }
}
