/// Turns a header and records into the lines of a trace (see `docs/trace-format.md`).
///
/// Pure: it builds strings and never touches a file. Lines carry no terminator; join them
/// with `"\n"` (``document(header:records:)`` does).
///
///     let writer = TraceWriter()
///     writer.headerLines(TraceHeader(tool: "modemkit 0.1.0", baud: 115_200))
///     // ["#modemkit-trace v1", "# tool: modemkit 0.1.0", "# baud: 115200"]
///     writer.line(for: .tx(Array("AT+CSQ\r".utf8), at: TraceTime(microseconds: 12_345)))
///     // "0.012345 tx AT+CSQ\r"
///     writer.line(for: .tx(Array("AT+CPIN=***\r".utf8), at: .zero, redacted: true))
///     // "0.000000 tx:redacted AT+CPIN=***\r"
public struct TraceWriter: Sendable {
    public init() {}

    /// The magic line followed by one `# key: value` line per field. A field whose key is
    /// not a valid token is written with the invalid characters replaced by `_`.
    public func headerLines(_ header: TraceHeader) -> [String] {
        var lines = ["\(TraceHeader.magic) v\(header.version)"]
        for field in header.fields {
            lines.append("# \(sanitizedKey(field.key)): \(TraceEscaping.escape(Array(field.value.utf8)))")
        }
        return lines
    }

    /// One record line. An event whose name is not valid is written with the invalid
    /// characters replaced by `_` (an empty name becomes `event`).
    public func line(for record: TraceRecord) -> String {
        let time = record.time.description
        switch record.body {
        case .data(let direction, let bytes, let redacted):
            let tag = redacted ? "\(direction.rawValue):redacted" : direction.rawValue
            return bytes.isEmpty ? "\(time) \(tag)" : "\(time) \(tag) \(TraceEscaping.escape(bytes))"
        case .event(let name, let text):
            let safeName = name.isEmpty ? "event" : sanitizedKey(name)
            return text.isEmpty
                ? "\(time) ev \(safeName)"
                : "\(time) ev \(safeName) \(TraceEscaping.escape(Array(text.utf8)))"
        }
    }

    /// A whole trace: header lines then record lines, each terminated by `"\n"`.
    public func document(header: TraceHeader, records: some Sequence<TraceRecord>) -> String {
        var text = ""
        for line in headerLines(header) {
            text += line
            text += "\n"
        }
        for record in records {
            text += line(for: record)
            text += "\n"
        }
        return text
    }

    private func sanitizedKey(_ key: String) -> String {
        let bytes = key.utf8.prefix(64).map { TraceSyntax.isTokenByte($0) ? $0 : UInt8(ascii: "_") }
        return bytes.isEmpty ? "_" : String(decoding: bytes, as: UTF8.self)
    }
}
