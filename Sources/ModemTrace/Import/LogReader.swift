/// Reads a log of any ``LogFormat`` incrementally, as trace records and errors with line
/// numbers, exactly like ``TraceReader`` reads a trace.
///
/// ```swift
/// var reader = LogReader(format: LogFormat.detect(firstChunk) ?? .modemKitTrace)
/// reader.append(firstChunk)
/// while let item = reader.next() { ... }         // .record, or .error("line 12: cannot place this line: ...")
/// reader.finish()
/// while let item = reader.next() { ... }
/// ```
///
/// Lines of foreign logs may end in LF, CR LF or a lone CR, mixed; lines longer than 64 KiB are
/// reported and skipped, so memory stays bounded.
public struct LogReader: Sendable {
    public let format: LogFormat
    private var trace: TraceReader
    private var modemManager = ModemManagerLogParser()
    private var terminal = TerminalCaptureParser()
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var lastWasCR = false
    private var number = 0

    public static let maximumLineLength = 64 * 1024

    public init(format: LogFormat) {
        self.format = format
        self.trace = TraceReader()
    }

    /// The header: the trace's own, or one describing the import (tool, port).
    public var header: TraceHeader {
        switch format {
        case .modemKitTrace: trace.header
        case .modemManager: modemManager.header
        case .terminalCapture: terminal.header
        }
    }

    /// The line of the last record or error returned.
    public var lineNumber: Int { format == .modemKitTrace ? trace.lineNumber : number }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if format == .modemKitTrace { trace.append(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    public mutating func finish() {
        finished = true
        trace.finish()
    }

    public mutating func next() -> TraceReader.Item? {
        if format == .modemKitTrace { return trace.next() }
        if let queued = terminal.takeQueued() { return queued }
        while let line = nextLine() {
            number += 1
            guard line.count <= Self.maximumLineLength else {
                return .error(TraceReadError(line: number, kind: .lineTooLong(line.count),
                                             text: String(decoding: line.prefix(200), as: UTF8.self)))
            }
            let text = Substring(String(decoding: line, as: UTF8.self))
            let item = format == .modemManager ? modemManager.parse(text, number: number) : terminal.parse(text, number: number)
            if let item { return item }
        }
        return nil
    }

    /// The next line without its terminator; CR, LF and CR LF all end a line.
    private mutating func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if lastWasCR, start < buffer.count {
                if buffer[start] == 0x0A { start += 1 }
                lastWasCR = false
            }
            if let end = buffer[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
                let line = buffer[start..<end]
                lastWasCR = buffer[end] == 0x0D
                start = end + 1
                return line
            }
            if finished, start < buffer.count {
                let line = buffer[start...]
                start = buffer.count
                return line
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            if buffer.count > Self.maximumLineLength, !finished {
                // Report an endless line now and drop it, rather than buffer it.
                let line = buffer[...]
                buffer.removeAll(keepingCapacity: true)
                return line
            }
            return nil
        }
    }
}
