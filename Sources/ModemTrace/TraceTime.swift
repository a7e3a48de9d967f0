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
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var wholeDigits = 0
        var sawDot = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte - UInt8(ascii: "0"))
                if sawDot {
                    fractionDigits += 1
                    guard fractionDigits <= 6 else { return nil }
                    fraction = fraction * 10 + digit
                } else {
                    wholeDigits += 1
                    guard wholeDigits <= 12 else { return nil }
                    whole = whole * 10 + digit
                }
            case UInt8(ascii: "."):
                guard !sawDot, wholeDigits > 0 else { return nil }
                sawDot = true
            default:
                return nil
            }
        }
        guard wholeDigits > 0, !sawDot || fractionDigits > 0 else { return nil }
        for _ in fractionDigits..<6 { fraction *= 10 }
        self.init(microseconds: whole * 1_000_000 + fraction)
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
