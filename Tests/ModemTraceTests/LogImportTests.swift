import ModemTrace
import Testing

@Suite struct LogImportTests {
    static let modemManager = """
        Nov 25 03:00:00 gw ModemManager[812]: <info>  [1732503600.001000] [modem0] state changed (enabling -> enabled)
        Nov 25 03:00:00 gw ModemManager[812]: <debug> [1732503600.010000] [modem0] (ttyUSB2): --> 'AT+CSQ<CR>'
        Nov 25 03:00:00 gw ModemManager[812]: <debug> [1732503600.031000] [modem0] (ttyUSB2): <-- '<CR><LF>+CSQ: 17,99<CR><LF><CR><LF>OK<CR><LF>'
        Nov 25 03:00:01 gw ModemManager[812]: <debug> [1732503601.000000] [modem0] (ttyUSB3): --> 'AT+CGPADDR=1<CR>'
        Nov 25 03:00:31 gw ModemManager[812]: <dbg> [1732503631.020000] [modem0/ttyUSB2/at] --> 'ABC\\26'
        Nov 25 03:00:34 gw ModemManager[812]: <debug> [1732503634.000000] [modem0] (ttyUSB2): <-- '<CR><LF>+CEREG: 1,"1A
        """

    @Test func detectsEachFormat() {
        #expect(LogFormat.detect(Array("#modemkit-trace v1\n0.1 tx AT\\r\n".utf8)) == .modemKitTrace)
        #expect(LogFormat.detect(Array("0.1 tx AT\\r\n".utf8)) == .modemKitTrace)
        #expect(LogFormat.detect(Array(Self.modemManager.utf8)) == .modemManager)
        #expect(LogFormat.detect(Array("ATI\r\nQuectel\r\nOK\r\n".utf8)) == .terminalCapture)
        #expect(LogFormat.detect(Array("hello\nworld\n".utf8)) == nil)
    }

    @Test(arguments: [1, 7, Int.max])
    func modemManagerChunksDirectionsTimesAndUnplaceableLines(chunk: Int) {
        let log = importLog(Self.modemManager, as: .modemManager, chunk: chunk)
        let (records, errors) = (log.records, log.errors)
        #expect(records.map(\.0) == [2, 3, 5])
        #expect(records.map(\.1) == [
            .tx(Array("AT+CSQ\r".utf8), at: .zero),
            .rx(Array("\r\n+CSQ: 17,99\r\n\r\nOK\r\n".utf8), at: TraceTime(microseconds: 21_000)),
            .tx(Array("ABC".utf8) + [0x1A], at: TraceTime(microseconds: 31_010_000)),
        ])
        #expect(errors.map(\.line) == [4, 6])
        #expect(errors.map(\.kind) == [
            .unplaceable("another port (ttyUSB3); only ttyUSB2 is imported"), .unplaceable("no closing quote (truncated line)"),
        ])
    }

    @Test(arguments: [1, 5, Int.max])
    func terminalCaptureWithMixedLineEnds(chunk: Int) {
        let capture = "AT+CSQ\r\n+CSQ: 9,99\rOK\nAT+CMGS=\"+1555\"\n> hi there\n\u{01}junk\n+CMGS: 3\r\nOK"
        let log = importLog(capture, as: .terminalCapture, chunk: chunk)
        let (records, errors) = (log.records, log.errors)
        let bytes = records.map { String(decoding: $0.1.bytes, as: UTF8.self) }
        #expect(bytes == [
            "AT+CSQ\r", "AT+CSQ\r", "\r\n+CSQ: 9,99\r\n", "\r\nOK\r\n",
            "AT+CMGS=\"+1555\"\r", "AT+CMGS=\"+1555\"\r", "> ", "hi there\u{1A}", "\r\n+CMGS: 3\r\n", "\r\nOK\r\n",
        ])
        #expect(records.map { $0.1.direction } == [.tx, .rx, .rx, .rx, .tx, .rx, .rx, .tx, .rx, .rx])
        #expect(errors.map(\.line) == [6])
        #expect(errors.first?.description == "line 6: cannot place this line: control characters in a text capture: \\x01junk")
    }

    @Test func endlessLineIsReportedNotBuffered() {
        var reader = LogReader(format: .terminalCapture)
        reader.append(Array(repeating: UInt8(ascii: "A"), count: LogReader.maximumLineLength + 10))
        guard case .error(let error) = reader.next() else {
            Issue.record("expected an error")
            return
        }
        #expect(error.kind == .lineTooLong(LogReader.maximumLineLength + 10))
    }
}
