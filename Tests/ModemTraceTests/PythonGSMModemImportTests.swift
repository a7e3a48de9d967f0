@testable import ModemTrace
import Testing

/// python-gsmmodem's debug logging.
@Suite struct PythonGSMModemImportTests {
    @Test func fixtureWritesResponsesNotificationsPromptsAndTimes() throws {
        let log = importLog(try LogFixtures.bytes("python-gsmmodem.log"), as: .pythonGSMModem)
        #expect(log.records.prefix(4).map(\.record) == [
            .tx(Array("ATZ\r".utf8), at: TraceTime(microseconds: 4_000)),
            .rx(Array("ATZ\r\r\n\r\nOK\r\n".utf8), at: TraceTime(microseconds: 5_000)),
            .tx(Array("ATE0\r".utf8), at: TraceTime(microseconds: 8_000)),
            .rx(Array("ATE0\r\r\n\r\nOK\r\n".utf8), at: TraceTime(microseconds: 8_000)),
        ])
        #expect(log.records.first?.line == 2)
        let urc = try #require(log.records.first { $0.record.bytes == Array("\r\n+CMTI: \"SM\",1\r\n".utf8) })
        #expect(urc.line == 45)
        #expect(urc.record.time == TraceTime(microseconds: 234_000))
        let prompt = try #require(log.records.firstIndex { $0.record.bytes == Array("\r\n> ".utf8) })
        #expect(log.records[prompt + 1].record.bytes == Array("0021000B911326880736F4000005C8329BFD06\u{1A}".utf8))
        #expect(log.records[prompt + 2].record.bytes == Array("\r\n+CMGS: 12\r\n\r\nOK\r\n".utf8))
        #expect(log.records.last?.record.bytes == Array("AT+CSQ\r".utf8))
        #expect(log.errors.map(\.description) == [
            "line 64: cannot place this line: the response is not a Python list of strings (cut off?): 2026-11-25 23:37:18,003 DEBUG: response: ['+CSQ: 1",
        ])
    }

    @Test func defaultLoggingFormatAndPythonEscapes() {
        let log = importLog("""
            INFO:gsmmodem.modem.GsmModem:Connecting to modem on port /dev/ttyUSB0 at 115200bps
            DEBUG:gsmmodem.modem.GsmModem:write: AT+CUSD=1,"*100#",15
            DEBUG:gsmmodem.modem.GsmModem:response: ["it's", 'tab\\there \\x1a', u'\\u00e9', 'OK']
            DEBUG:gsmmodem.modem.GsmModem:notification: []
            DEBUG:gsmmodem.modem.GsmModem:response: ['OK'
            DEBUG:gsmmodem.modem.GsmModem:response: 'OK'
            """, as: .pythonGSMModem)
        #expect(log.texts == ["AT+CUSD=1,\"*100#\",15\r", "\r\nit's\r\n\r\ntab\there \u{1A}\r\n\r\né\r\n\r\nOK\r\n"])
        #expect(log.records.allSatisfy { $0.record.time == .zero })
        // An unterminated list is reported; a response that is no list at all is not python-gsmmodem's.
        #expect(log.errors.map(\.line) == [5])
    }

    @Test func markersInsideALoggedListAreNotEntries() {
        #expect(PythonGSMModemLogParser.entry(in: "DEBUG: response: ['write: AT']")?.kind == .response)
        #expect(PythonGSMModemLogParser.entry(in: "DEBUG: rewrite: AT") == nil)
        #expect(PythonGSMModemLogParser.entry(in: "2023-05-01 12:00:00.5 - DEBUG - write: AT")?.level == "DEBUG")
    }
}
