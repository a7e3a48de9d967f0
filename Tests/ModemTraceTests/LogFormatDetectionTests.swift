import ModemTrace
import Testing

/// Each sample log is recognised as its own format and as no other.
@Suite struct LogFormatDetectionTests {
    @Test(arguments: LogFixtures.formats.map(\.name))
    func fixtureIsDetectedAsItsFormat(name: String) throws {
        let expected = try #require(LogFixtures.formats.first { $0.name == name }?.format)
        #expect(LogFormat.detect(try LogFixtures.bytes(name)) == expected)
    }

    @Test(arguments: LogFixtures.formats.map(\.name))
    func detectionNeedsOnlyTheStartOfALog(name: String) throws {
        let expected = try #require(LogFixtures.formats.first { $0.name == name }?.format)
        #expect(LogFormat.detect(try LogFixtures.bytes(name).prefix(2048)) == expected)
    }

    @Test func shortSamplesOfEachShape() {
        let samples: [(String, LogFormat?)] = [
            ("AT+CSQ\r\n+CSQ: 21,99\r\nOK\r\n", .terminalCapture),
            ("AT+CSQ\r\nAT+CSQ\r\n+CSQ: 21,99\r\nOK\r\n", .tinyGSM),
            ("[1200] ### TinyGSM Version: 0.12.0\nATE0\nOK\n", .tinyGSM),
            ("DEBUG:gsmmodem.modem.GsmModem:write: ATZ\nDEBUG:gsmmodem.modem.GsmModem:response: ['OK']\n", .pythonGSMModem),
            ("SENDING frametype 0x00/length 0x03/3\n41A|54T|0D                          AT.\n", .gammu),
            ("Mon 2015/08/17 18:14:51 gammu-smsd[1902]: gammu: RECEIVED frametype 0x00/length 0x06/6\n", .gammu),
            ("> 41 54 0d\n< 41 54 0d 0d 0a\n< 4f 4b 0d 0a\n", .interceptty),
            ("> hello\nworld\n", nil),
            // A terminal capture that shows a prompt is still a terminal capture.
            ("AT+CMGS=\"+1555\"\n> hi there\n+CMGS: 3\nOK\n", .terminalCapture),
        ]
        for (sample, format) in samples {
            #expect(LogFormat.detect(Array(sample.utf8)) == format, "\(sample)")
        }
    }

    @Test(arguments: LogFixtures.formats.map(\.name))
    func anyChunkingGivesTheSameImport(name: String) throws {
        let bytes = try LogFixtures.bytes(name)
        let format = try #require(LogFixtures.formats.first { $0.name == name }?.format)
        let whole = importLog(bytes, as: format)
        for chunk in [1, 7, 4096] {
            let chunked = importLog(bytes, as: format, chunk: chunk)
            #expect(chunked.records.map(\.line) == whole.records.map(\.line))
            #expect(chunked.records.map(\.record) == whole.records.map(\.record))
            #expect(chunked.errors == whole.errors)
        }
    }
}
