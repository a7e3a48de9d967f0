import ModemTrace
import ModemKitTestSupport
import Testing

@Suite struct TraceRoundTripTests {
    /// Writer → reader gives back identical records for arbitrary content.
    @Test(arguments: [UInt64(1), 2, 3, 42, 0xDEAD_BEEF])
    func randomRecordsRoundTrip(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var records: [TraceRecord] = [.rx((0...255).map { UInt8($0) }, at: .zero)]
        var time: Int64 = 0
        for _ in 0..<400 {
            time += Int64.random(in: 0...2_000_000, using: &generator)
            let at = TraceTime(microseconds: time)
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                let name = ["reboot", "note", "open", "closed", "sim-swap", "baud.change"].randomElement(using: &generator)!
                let scalars = (0..<Int.random(in: 0...20, using: &generator)).map { _ in
                    Character(Unicode.Scalar(UInt32.random(in: 0x20...0x2FF, using: &generator)) ?? " ")
                }
                records.append(.event(name, text: String(scalars) + (Bool.random(using: &generator) ? "\n\\ " : ""), at: at))
            default:
                let bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
                let direction: TraceDirection = Bool.random(using: &generator) ? .tx : .rx
                records.append(TraceRecord(time: at, body: .data(direction, bytes, redacted: Bool.random(using: &generator))))
            }
        }
        var header = TraceHeader(tool: "modemkit test", device: "/dev/pts/3 \\ odd", baud: 921_600, start: "2026-11-25T16:00:00.000Z")
        header["note"] = " spaced\tvalue "
        let text = TraceWriter().document(header: header, records: records)
        let document = TraceDocument(parsing: text)
        #expect(document.errors == [])
        #expect(document.header == header)
        #expect(document.records == records)
        #expect(document.text == text)
    }

    @Test func randomGarbageNeverTrapsAndIsReportedPerLine() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...400, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let document = TraceDocument(parsing: bytes)
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            #expect(document.errors.count + document.records.count <= lines + 1)
            #expect(document.errors.allSatisfy { $0.line >= 1 && $0.line <= lines })
        }
    }
}
