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
/// Lines of foreign logs end in LF or CR LF; in captures of a terminal (terminal, TinyGSM) a lone
/// CR ends a line too, as the terminal showed it, while in tools' logs (gammu, ModemManager...)
/// it stays part of the line, so line numbers are an editor's. Lines longer than 64 KiB are
/// reported and skipped, so memory stays bounded.
public struct LogReader: Sendable {
    public let format: LogFormat
    private var trace: TraceReader
    private var importer: any LogLineImporter
    private var pending: [LogLineItem] = []
    private var pendingIndex = 0
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false
    private var importerFinished = false
    private var lastWasCR = false
    private var number = 0
    private var itemLine = 0
    /// An imported log's item announced by ``next(payload:)``.
    private var heldItem: TraceReader.Item?
    private let loneCREndsLine: Bool

    public static let maximumLineLength = 64 * 1024

    public init(format: LogFormat) {
        self.format = format
        self.trace = TraceReader()
        self.importer = Self.importer(for: format)
        self.loneCREndsLine = format == .terminalCapture || format == .tinyGSM
    }

    private static func importer(for format: LogFormat) -> any LogLineImporter {
        switch format {
        case .modemKitTrace, .terminalCapture: TerminalCaptureParser()
        case .modemManager: ModemManagerLogParser()
        case .tinyGSM: TinyGSMDumpParser()
        case .pythonGSMModem: PythonGSMModemLogParser()
        case .gammu: GammuLogParser()
        case .interceptty: IntercepttyCaptureParser()
        }
    }

    /// The header: the trace's own, or one describing the import (tool, port).
    public var header: TraceHeader { format == .modemKitTrace ? trace.header : importer.header }

    /// The line of the last record or error returned.
    public var lineNumber: Int { format == .modemKitTrace ? trace.lineNumber : itemLine }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if format == .modemKitTrace { trace.append(bytes) } else { buffer.append(contentsOf: bytes) }
    }

    public mutating func finish() {
        finished = true
        trace.finish()
    }

    /// ``next()`` with the bytes of a ModemKit trace's data records unescaped into `payload`
    /// (see ``TraceReader/next(payload:)``); imported logs' records come whole, as `.item`.
    package mutating func next(payload: inout [UInt8]) -> TraceReader.RawItem? {
        if format == .modemKitTrace { return trace.next(payload: &payload) }
        guard let item = next() else { return nil }
        heldItem = item
        return .item
    }

    /// The item that the last ``next(payload:)`` announced with `.item`, once.
    package mutating func takeItem() -> TraceReader.Item? {
        if format == .modemKitTrace { return trace.takeItem() }
        defer { heldItem = nil }
        return heldItem
    }

    public mutating func next() -> TraceReader.Item? {
        if format == .modemKitTrace { return trace.next() }
        while true {
            if pendingIndex < pending.count {
                let next = pending[pendingIndex]
                pendingIndex += 1
                itemLine = next.line
                return next.item
            }
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            guard let line = nextLine() else {
                guard finished, !importerFinished else { return nil }
                importerFinished = true
                importer.finish(into: &pending)
                continue
            }
            number += 1
            guard line.count <= Self.maximumLineLength else {
                itemLine = number
                return .error(TraceReadError(line: number, kind: .lineTooLong(line.count),
                                             text: String(decoding: line.prefix(200), as: UTF8.self)))
            }
            let first = pending.count
            importer.parse(Substring(String(decoding: line, as: UTF8.self)), number: number, into: &pending)
            // A line reported as it is in the file: bytes that are not UTF-8 stay visible (\xf8),
            // rather than as the replacement character the importer saw.
            for index in first..<pending.count where pending[index].line == number {
                if case .error(var error) = pending[index].item {
                    error.text = TraceEscaping.escape(line.prefix(200))
                    pending[index].item = .error(error)
                }
            }
        }
    }

    /// The next line without its terminator: LF and CR LF end a line, and a lone CR when
    /// `loneCREndsLine`.
    private mutating func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if lastWasCR, start < buffer.count {
                if buffer[start] == 0x0A { start += 1 }
                lastWasCR = false
            }
            let end = loneCREndsLine
                ? buffer[start...].firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) : buffer[start...].firstIndex(of: 0x0A)
            if let end {
                let line = buffer[start..<end]
                lastWasCR = buffer[end] == 0x0D
                start = end + 1
                return !loneCREndsLine && line.last == 0x0D ? line.dropLast() : line
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
