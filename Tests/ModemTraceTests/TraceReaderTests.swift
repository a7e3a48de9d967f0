import ModemTrace
import ModemKitTestSupport
import Testing

@Suite struct TraceReaderTests {
    static let sample = #"""
        #modemkit-trace v1
        # tool: modemkit 0.1.0
        # device: /dev/ttyUSB2
        # baud: 115200
        # start: 2026-11-25T16:00:00.000Z
        # sim: test\x20sim
        0.012345 tx AT+CSQ\r

        0.034000 rx \r\n+CSQ: 21,99\r\n\r\nOK\r\n
        # a comment after the header
        1.2 tx:redacted AT+CPIN="***"\r
        2 ev reboot
        2.000001 ev note SIM swapped\x21

        """#

    @Test func readsHeaderAndRecords() {
        let document = TraceDocument(parsing: Self.sample)
        #expect(document.errors == [])
        #expect(document.header.version == 1)
        #expect(document.header.tool == "modemkit 0.1.0")
        #expect(document.header.device == "/dev/ttyUSB2")
        #expect(document.header.baud == 115_200)
        #expect(document.header.start == "2026-11-25T16:00:00.000Z")
        #expect(document.header["sim"] == "test sim")
        #expect(document.records == [
            .tx(Array("AT+CSQ\r".utf8), at: TraceTime(microseconds: 12_345)),
            .rx(Array("\r\n+CSQ: 21,99\r\n\r\nOK\r\n".utf8), at: TraceTime(microseconds: 34_000)),
            .tx(Array("AT+CPIN=\"***\"\r".utf8), at: TraceTime(microseconds: 1_200_000), redacted: true),
            .event("reboot", at: TraceTime(microseconds: 2_000_000)),
            .event("note", text: "SIM swapped!", at: TraceTime(microseconds: 2_000_001)),
        ])
    }

    @Test func chunkingDoesNotMatter() {
        let whole = TraceDocument(parsing: Self.sample)
        let bytes = Array(Self.sample.utf8)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            var reader = TraceReader()
            var records: [TraceRecord] = []
            var index = 0
            while index < bytes.count {
                let size = Int.random(in: 1...17, using: &generator)
                reader.append(bytes[index..<min(index + size, bytes.count)])
                index += size
                while let item = reader.next() {
                    if case .record(let record) = item { records.append(record) }
                }
            }
            reader.finish()
            while let item = reader.next() {
                if case .record(let record) = item { records.append(record) }
            }
            #expect(records == whole.records)
            #expect(reader.header == whole.header)
        }
    }

    @Test func toleratesCRLFAndAMissingFinalNewline() {
        let text = "#modemkit-trace v1\r\n0.1 tx AT\\r\r\n0.2 rx OK"
        let document = TraceDocument(parsing: text)
        #expect(document.errors == [])
        #expect(document.records.map(\.bytes) == [Array("AT\r".utf8), Array("OK".utf8)])
    }

    @Test(arguments: [
        ("0.1 tz AT", TraceReadError.Kind.unknownDirection("tz")),
        ("x tx AT", .invalidTime("x")),
        ("0.1234567 tx AT", .invalidTime("0.1234567")),
        (".5 tx AT", .invalidTime(".5")),
        ("0.1", .unknownDirection("")),
        ("0.1 tx:secret AT", .unknownFlag("secret")),
        ("0.1 rx:redacted,zipped AT", .unknownFlag("zipped")),
        ("0.1 ev:redacted note", .unknownDirection("ev:redacted")),
        (#"0.1 tx AT\q"#, .invalidEscape(offset: 2, reason: #"unknown escape \q"#)),
        (#"0.1 tx \x4"#, .invalidEscape(offset: 0, reason: #"\x needs two hex digits"#)),
        ("0.1 rx caf\u{E9}", .invalidEscape(offset: 3, reason: "unescaped byte 0xc3")),
        ("0.1 ev", .invalidEventName("")),
        ("0.1 ev bad/name text", .invalidEventName("bad/name")),
        (#"0.1 ev note \xff"#, .invalidUTF8),
    ])
    func reportsMalformedLinesAndGoesOn(line: String, kind: TraceReadError.Kind) {
        let text = "#modemkit-trace v1\n0.0 tx before\n\(line)\n0.2 rx after\n"
        let document = TraceDocument(parsing: text)
        #expect(document.errors == [TraceReadError(line: 3, kind: kind, text: line)])
        #expect(document.records.map(\.bytes) == [Array("before".utf8), Array("after".utf8)])
    }

    @Test func anInvalidUTF8ByteIsNamedAsItIs() {
        // The reader unescapes the line's bytes, not a String made of them: 0xff is reported as
        // 0xff, not as the first byte of the replacement character.
        var reader = TraceReader()
        reader.append(Array("#modemkit-trace v1\n0.1 rx OK".utf8) + [0xFF, 0x0A])
        guard case .error(let error) = reader.next() else {
            Issue.record("expected an error")
            return
        }
        #expect(error.kind == .invalidEscape(offset: 2, reason: "unescaped byte 0xff"))
    }

    @Test func missingMagicIsReportedAndTheLineStillRead() {
        let document = TraceDocument(parsing: "0.5 tx AT\\r\n0.6 rx OK\n")
        #expect(document.errors.map(\.kind) == [.missingMagic])
        #expect(document.errors.first?.line == 1)
        #expect(document.records.count == 2)
    }

    @Test(arguments: ["#modemkit-trace v2", "#modemkit-trace", "#modemkit-trace vX"])
    func unsupportedVersionIsReportedAndTheRestRead(magic: String) {
        let document = TraceDocument(parsing: "\(magic)\n0.5 tx AT\n")
        #expect(document.errors.count == 1)
        if case .unsupportedVersion = document.errors.first?.kind {} else {
            Issue.record("expected unsupportedVersion, got \(document.errors)")
        }
        #expect(document.records.count == 1)
    }

    @Test func malformedHeaderValueIsReported() {
        let document = TraceDocument(parsing: "#modemkit-trace v1\n# device: bad\\q\n# baud: 9600\n")
        #expect(document.errors.map(\.kind) == [.malformedHeaderField])
        #expect(document.errors.first?.line == 2)
        #expect(document.header.baud == 9600)
        #expect(document.header.device == nil)
    }

    @Test func overlongLinesAreSkippedWithBoundedMemory() {
        var reader = TraceReader(maximumLineLength: 64)
        reader.append("#modemkit-trace v1\n0.1 tx short\n0.2 tx ")
        var items: [TraceReader.Item] = []
        for _ in 0..<100 {
            reader.append(String(repeating: "A", count: 50))  // one line, 5000 bytes, in pieces
            while let item = reader.next() { items.append(item) }
        }
        reader.append("\n0.3 rx tail\n")
        reader.finish()
        while let item = reader.next() { items.append(item) }
        #expect(items.count == 3)
        guard items.count == 3 else { return }
        #expect(items[0] == .record(.tx(Array("short".utf8), at: TraceTime(microseconds: 100_000))))
        if case .error(let error) = items[1], case .lineTooLong = error.kind {
            #expect(error.line == 3)
        } else {
            Issue.record("expected lineTooLong, got \(items[1])")
        }
        #expect(items[2] == .record(.rx(Array("tail".utf8), at: TraceTime(microseconds: 300_000))))
    }

    @Test func errorsDescribeTheirLine() {
        let error = TraceReadError(line: 7, kind: .unknownDirection("tz"), text: "0.1 tz AT")
        #expect(error.description == "line 7: unknown direction 'tz': 0.1 tz AT")
    }
}
