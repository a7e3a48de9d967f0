import ModemTrace

/// A recorded session as the modem's side sees it: what the host is expected to write, and what
/// to answer, with the recorded delays.
///
/// Consecutive `tx` records form one expected write (chunking is not part of the contract);
/// each `rx` record is one reply, emitted after the time that separated it from the record
/// before it. Events (`open`, `note`, `reboot`...) carry no bytes and only advance the time.
///
/// ```swift
/// let script = ReplayScript(records: TraceDocument(parsing: text).records)
/// script.steps   // [.expect(AT+CSQ\r, line 2), .reply(\r\n+CSQ: 21,99\r\n\r\nOK\r\n, after 21 ms, line 3)]
/// ```
public struct ReplayScript: Sendable, Hashable {
    /// One step of the session.
    public enum Step: Sendable, Hashable {
        /// The host writes these bytes; `redacted` ones hold `***` where a secret was.
        case expect(ExpectedWrite)
        /// The modem answers these bytes, `delay` after the previous step.
        case reply(bytes: [UInt8], delay: Duration, line: Int)
    }

    /// Bytes the host is expected to write.
    public struct ExpectedWrite: Sendable, Hashable {
        public var bytes: [UInt8]
        /// The recorder replaced secrets by `***`: those three bytes match any text.
        public var redacted: Bool
        /// The trace line of the first `tx` record.
        public var line: Int

        public init(bytes: [UInt8], redacted: Bool, line: Int) {
            self.bytes = bytes
            self.redacted = redacted
            self.line = line
        }
    }

    public var steps: [Step]

    /// - Parameters:
    ///   - records: the trace records, in file order.
    ///   - lines: the trace line of each record (defaults to the record's index + 1).
    public init(records: [TraceRecord], lines: [Int]? = nil) {
        var steps: [Step] = []
        var previous: TraceTime?
        for (index, record) in records.enumerated() {
            let line = lines?[index] ?? index + 1
            let delay = previous.map { Duration.microseconds(max(0, record.time.microseconds - $0.microseconds)) } ?? .zero
            previous = record.time
            switch record.body {
            case .data(.tx, let bytes, let redacted):
                if case .expect(var write) = steps.last {
                    write.bytes += bytes
                    write.redacted = write.redacted || redacted
                    steps[steps.count - 1] = .expect(write)
                } else {
                    steps.append(.expect(ExpectedWrite(bytes: bytes, redacted: redacted, line: line)))
                }
            case .data(.rx, let bytes, _):
                steps.append(.reply(bytes: bytes, delay: delay, line: line))
            case .event:
                continue
            }
        }
        self.steps = steps
    }

    /// Reads a trace's text, keeping each record's line number; lines that cannot be read are
    /// returned with their numbers (a replay of a damaged trace would not be what was recorded).
    ///
    ///     let (script, errors) = ReplayScript.parse(try String(contentsOfFile: path, encoding: .utf8))
    ///     guard errors.isEmpty else { throw ... }   // "line 7: invalid time 'x': ..."
    ///
    /// Logs of other tools are imported first (`format` defaults to what ``LogFormat/detect(_:)`` finds).
    public static func parse(_ text: String, format: LogFormat? = nil) -> (script: ReplayScript, errors: [TraceReadError]) {
        var reader = LogReader(format: format ?? LogFormat.detect(text.utf8) ?? .modemKitTrace)
        reader.append(text.utf8)
        reader.finish()
        var records: [TraceRecord] = []
        var lines: [Int] = []
        var errors: [TraceReadError] = []
        while let item = reader.next() {
            switch item {
            case .record(let record):
                records.append(record)
                lines.append(reader.lineNumber)
            case .error(let error):
                errors.append(error)
            }
        }
        return (ReplayScript(records: records, lines: lines), errors)
    }
}
