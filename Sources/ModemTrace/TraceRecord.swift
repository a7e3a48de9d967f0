/// One line of a trace after the header: a chunk of bytes or an event, at a time.
///
///     let record = TraceRecord(time: TraceTime(microseconds: 12_345), body: .data(.tx, Array("AT+CSQ\r".utf8)))
///     TraceWriter().line(for: record)     // "0.012345 tx AT+CSQ\r"
///
///     let note = TraceRecord.event("note", text: "SIM swapped", at: .zero)
///     TraceWriter().line(for: note)       // "0.000000 ev note SIM swapped"
public struct TraceRecord: Sendable, Hashable {
    /// When the chunk was read or written, or the event happened.
    public var time: TraceTime
    /// What happened.
    public var body: Body

    /// The content of a record.
    public enum Body: Sendable, Hashable {
        /// A chunk in one direction, exactly as it crossed the transport, except that secrets
        /// were replaced by `***` when `redacted` is true.
        case data(TraceDirection, [UInt8], redacted: Bool = false)
        /// An annotation: `name` is a token such as `reboot`, `note`, `open`, `closed`;
        /// `text` is free text (possibly empty).
        case event(name: String, text: String)
    }

    public init(time: TraceTime, body: Body) {
        self.time = time
        self.body = body
    }

    /// A chunk written to the modem.
    public static func tx(_ bytes: [UInt8], at time: TraceTime, redacted: Bool = false) -> TraceRecord {
        TraceRecord(time: time, body: .data(.tx, bytes, redacted: redacted))
    }

    /// A chunk read from the modem.
    public static func rx(_ bytes: [UInt8], at time: TraceTime, redacted: Bool = false) -> TraceRecord {
        TraceRecord(time: time, body: .data(.rx, bytes, redacted: redacted))
    }

    /// An event; `name` must be a valid event name (see ``isValidEventName(_:)``).
    public static func event(_ name: String, text: String = "", at time: TraceTime) -> TraceRecord {
        TraceRecord(time: time, body: .event(name: name, text: text))
    }

    /// The direction of a data record, `nil` for an event.
    public var direction: TraceDirection? {
        if case .data(let direction, _, _) = body { return direction }
        return nil
    }

    /// The bytes of a data record, empty for an event.
    public var bytes: [UInt8] {
        if case .data(_, let bytes, _) = body { return bytes }
        return []
    }

    /// Whether secrets were removed from this record's bytes.
    public var isRedacted: Bool {
        if case .data(_, _, let redacted) = body { return redacted }
        return false
    }

    /// Event names are 1 to 64 characters from `a-z`, `A-Z`, `0-9`, `_`, `-` and `.`.
    public static func isValidEventName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard !utf8.isEmpty, utf8.count <= 64 else { return false }
        return utf8.allSatisfy(TraceSyntax.isTokenByte)
    }
}

/// Character classes shared by the writer and the reader.
enum TraceSyntax {
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default:
            false
        }
    }
}
