/// A whole trace read at once: its header, every record that parsed and every line that did not.
///
///     let document = TraceDocument(parsing: try String(contentsOfFile: path, encoding: .utf8))
///     for error in document.errors { print(error) }          // "line 7: unknown direction 'tz': …"
///     let written = document.records.filter { $0.direction == .tx }
public struct TraceDocument: Sendable, Hashable {
    public var header: TraceHeader
    public var records: [TraceRecord]
    public var errors: [TraceReadError]

    public init(header: TraceHeader = TraceHeader(), records: [TraceRecord] = [], errors: [TraceReadError] = []) {
        self.header = header
        self.records = records
        self.errors = errors
    }

    /// Reads a complete trace from text.
    public init(parsing text: String) {
        self.init(parsing: Array(text.utf8))
    }

    /// Reads a complete trace from UTF-8 bytes.
    public init(parsing bytes: [UInt8]) {
        var reader = TraceReader()
        reader.append(bytes)
        reader.finish()
        var records: [TraceRecord] = []
        var errors: [TraceReadError] = []
        while let item = reader.next() {
            switch item {
            case .record(let record): records.append(record)
            case .error(let error): errors.append(error)
            }
        }
        self.init(header: reader.header, records: records, errors: errors)
    }

    /// The trace as text, as ``TraceWriter/document(header:records:)`` writes it.
    public var text: String {
        TraceWriter().document(header: header, records: records)
    }
}
