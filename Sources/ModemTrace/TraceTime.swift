/// A point in a trace: microseconds since the trace started (the `start` header field).
///
/// Written as seconds with exactly six decimals, `12.034500`; read from one to six decimals.
///
///     let t = TraceTime(microseconds: 12_034_500)
///     t.description            // "12.034500"
///     TraceTime(parsing: "0.5") // TraceTime(microseconds: 500_000)
///     t.duration               // Duration.microseconds(12_034_500)
public struct TraceTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since the start of the trace; never negative in a valid trace.
    public var microseconds: Int64

    /// The largest value that the text form accepts: about 31,700 years.
    public static let maximum = TraceTime(microseconds: 999_999_999_999_999_999)

    /// The start of a trace.
    public static let zero = TraceTime(microseconds: 0)

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// Converts an elapsed `Duration`, truncating to whole microseconds and clamping to
    /// `0...maximum`.
    public init(_ elapsed: Duration) {
        let (seconds, attoseconds) = elapsed.components
        if seconds < 0 {
            self = .zero
        } else if seconds >= TraceTime.maximum.microseconds / 1_000_000 {
            self = .maximum
        } else {
            self.init(microseconds: seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        }
    }

    /// Parses `<digits>[.<1 to 6 digits>]`; returns `nil` for anything else.
    public init?(parsing text: some StringProtocol) {
        self.init(parsingBytes: text.utf8)
    }

    /// ``init(parsing:)`` on bytes, for the reader, which never makes a `String` of a time.
    init?(parsingBytes bytes: some Sequence<UInt8>) {
        let contiguous = bytes.withContiguousStorageIfAvailable(Self.microseconds(parsing:))
        guard let microseconds = contiguous ?? Array(bytes).withUnsafeBufferPointer(Self.microseconds(parsing:)) else {
            return nil
        }
        self.init(microseconds: microseconds)
    }

    /// `<1 to 12 digits>[.<1 to 6 digits>]` as microseconds: the whole of `bytes`.
    private static func microseconds(parsing bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let (microseconds, end) = leadingMicroseconds(in: bytes), end == bytes.count else { return nil }
        return microseconds
    }

    /// The time at the start of `bytes` and where it ends, read through a pointer: a run of
    /// digits, then at most a dot and another run, each counted once it ends. `nil` when the
    /// runs break the grammar (no digit, more than 12 or 6, a dot with no digit after it); a
    /// byte after them is left to the caller, so a record's time is read in the same pass that
    /// finds its end.
    static func leadingMicroseconds(in bytes: UnsafeBufferPointer<UInt8>) -> (microseconds: Int64, end: Int)? {
        let count = bytes.count
        var index = 0
        var whole: Int64 = 0
        while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
            // Wrapping: more than 12 digits is refused below, whatever they add up to.
            whole = whole &* 10 &+ Int64(bytes[index] &- UInt8(ascii: "0"))
            index += 1
        }
        guard index > 0, index <= 12 else { return nil }
        var fraction: Int64 = 0
        var missingDigits = 6
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < count, bytes[index] &- UInt8(ascii: "0") < 10 {
                fraction = fraction &* 10 &+ Int64(bytes[index] &- UInt8(ascii: "0"))
                index += 1
            }
            guard index > start, index - start <= 6 else { return nil }
            missingDigits = 6 - (index - start)
        }
        for _ in 0..<missingDigits { fraction *= 10 }
        return (whole * 1_000_000 + fraction, index)
    }

    /// The time as a `Duration` since the start of the trace.
    public var duration: Duration { .microseconds(microseconds) }

    /// `"<seconds>.<six digits>"`, the form written to trace files.
    public var description: String {
        let clamped = min(max(microseconds, 0), TraceTime.maximum.microseconds)
        let fraction = String(clamped % 1_000_000)
        let padding = String(repeating: "0", count: 6 - fraction.utf8.count)
        return "\(clamped / 1_000_000).\(padding)\(fraction)"
    }

    public static func < (lhs: TraceTime, rhs: TraceTime) -> Bool {
        lhs.microseconds < rhs.microseconds
    }
}
