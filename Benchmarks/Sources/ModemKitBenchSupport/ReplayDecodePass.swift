import CBaselines
import Foundation
import ModemReplay
import ModemTrace

/// `modemkit replay decode` over a trace held in memory, and two C loops over the same bytes
/// to compare it with: a `memchr` line count, and a trace reader (times parsed, payload escapes
/// undone) that stops where decoding begins.
///
///     let pass = try ReplayDecodePass(megabytes: 64)
///     let decoded = pass.run(json: false)     // (events, problems, outputBytes)
///     let floor = pass.readInC()              // the reading alone, in C
public struct ReplayDecodePass: Sendable {
    /// The trace: a header, then the records of the source repeated.
    public let trace: [UInt8]
    /// How many times the source's records were repeated.
    public let repetitions: Int

    /// `Fixtures/traces/generic.trace` in this repository.
    public static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/traces/generic.trace").path

    /// Repeats the records of `source` (its `ev` lines left out), their times shifted by 30 s
    /// per repetition, until the trace holds at least `megabytes` MiB: the kind of trace
    /// `scripts/make-big-trace.py` writes (times printed from integers here, from floats there).
    public init(megabytes: Int, source: String = ReplayDecodePass.fixture) throws {
        let text = try String(contentsOfFile: source, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.filter { $0.hasPrefix("#") }
        let records: [(time: TraceTime, rest: Substring)] = lines.compactMap { line in
            guard !line.hasPrefix("#"), !line.contains(" ev "), let space = line.firstIndex(of: " "),
                let time = TraceTime(parsing: line[..<space]) else { return nil }
            return (time, line[line.index(after: space)...])
        }
        precondition(!records.isEmpty, "\(source) has no records")
        var trace = Array((header.joined(separator: "\n") + "\n").utf8)
        let target = megabytes << 20
        var repetitions = 0
        let start = trace.count
        while trace.count - start < target {
            let offset = Int64(repetitions) * 30_000_000
            for record in records {
                trace += Array(TraceTime(microseconds: record.time.microseconds + offset).description.utf8)
                trace.append(UInt8(ascii: " "))
                trace += Array(record.rest.utf8)
                trace.append(UInt8(ascii: "\n"))
            }
            repetitions += 1
        }
        self.trace = trace
        self.repetitions = repetitions
    }

    /// Decodes the trace as `modemkit replay decode` does: 64 KiB chunks into a
    /// ``TraceDecodeStream``, each event printed as text (or JSON Lines) into one buffer that
    /// is emptied, as if written, whenever it holds 64 KiB; transactions printed where the
    /// decoder keeps them (`forEachReady(transaction:other:)`).
    public func run(json: Bool) -> (events: Int, problems: Int, outputBytes: Int) {
        var stream = TraceDecodeStream()
        var text = TextBuffer()
        var events = 0, problems = 0, written = 0
        func flushed() {
            if text.count >= 1 << 16 {
                written += text.count
                text.removeAll()
            }
        }
        func take(_ transaction: DecodedTransaction) {
            events += 1
            transaction.writeOutput(into: &text, json: json)
            flushed()
        }
        func take(_ event: DecodedEvent) {
            events += 1
            if case .problem = event { problems += 1 }
            event.writeOutput(into: &text, json: json)
            flushed()
        }
        trace.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + (1 << 16), bytes.count)
                stream.append(UnsafeBufferPointer(rebasing: bytes[offset..<end]))
                stream.forEachReady(transaction: take, other: take)
                offset = end
            }
        }
        stream.finish()
        stream.forEachReady(transaction: take, other: take)
        return (events, problems, written + text.count)
    }

    /// The C `memchr` line count over the trace in one buffer.
    public func countLinesInC() -> (lines: Int, checksum: UInt64) {
        let result = trace.withUnsafeBufferPointer { mk_split_lines($0.baseAddress, $0.count, $0.count) }
        return (Int(result.lines), result.checksum)
    }

    /// The C trace reader (see `Sources/CBaselines/trace_reader.c`).
    public func readInC() -> (records: Int, payloadBytes: Int, checksum: UInt64) {
        let result = trace.withUnsafeBufferPointer { mk_read_trace($0.baseAddress, $0.count) }
        return (Int(result.records), Int(result.payload_bytes), result.checksum)
    }
}
