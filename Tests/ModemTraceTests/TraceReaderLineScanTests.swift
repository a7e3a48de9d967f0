import ModemKitTestSupport
import Testing
import ModemTrace

/// The reader finds every line end wherever it falls in an eight-byte word, in a chunk's
/// tail or across chunks: records of every payload length from 0 to 40 bytes (so each LF
/// takes every position), fed whole, byte by byte and in random chunks.
@Suite struct TraceReaderLineScanTests {
    static let lengths = Array(0...40)

    static var trace: String {
        var text = "#modemkit-trace v1\n"
        for (index, length) in lengths.enumerated() {
            // "\n" inside a payload is escaped; the bytes 0x0A-like ASCII around it are not LFs.
            let payload = String((0..<length).map { Array("AT+CSQ:\t*\n".unicodeScalars.map(Character.init))[($0 + index) % 10] })
                .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n")
            text += "\(index).000001 \(index % 2 == 0 ? "tx" : "rx")\(payload.isEmpty ? "" : " " + payload)\n"
        }
        return text
    }

    static func records(_ bytes: [UInt8], chunk: (Int) -> Int) -> [TraceRecord] {
        var reader = TraceReader()
        var records: [TraceRecord] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            let count = min(chunk(rest.count), rest.count)
            reader.append(rest.prefix(count))
            rest = rest.dropFirst(count)
            while let item = reader.next() {
                if case .record(let record) = item { records.append(record) } else { Issue.record("\(item)") }
            }
        }
        reader.finish()
        while let item = reader.next() {
            if case .record(let record) = item { records.append(record) } else { Issue.record("\(item)") }
        }
        return records
    }

    @Test func everyLineEndIsFoundInAnyChunking() {
        let bytes = Array(Self.trace.utf8)
        let whole = Self.records(bytes) { $0 }
        #expect(whole.count == Self.lengths.count)
        #expect(whole.map(\.time.microseconds) == Self.lengths.indices.map { Int64($0) * 1_000_000 + 1 })
        for (record, length) in zip(whole, Self.lengths) {
            if case .data(_, let payload, _) = record.body { #expect(payload.count == length) } else { Issue.record("\(record)") }
        }
        #expect(Self.records(bytes) { _ in 1 } == whole)
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            #expect(Self.records(bytes) { _ in Int.random(in: 1...23, using: &generator) } == whole)
        }
    }
}
