import ATCodec
import ModemTrace

/// A growing UTF-8 byte buffer that decoded events are printed into, reused from one event to
/// the next: numbers, times and escapes are written as bytes, with no `String` in between.
///
/// ```swift
/// var text = TextBuffer()
/// while let event = stream.next() {
///     event.writeText(into: &text)
///     if text.count >= 1 << 16 { write(1, text.bytes); text.removeAll() }
/// }
/// ```
public struct TextBuffer: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1 << 17) {
        bytes.reserveCapacity(capacity)
    }

    /// The number of bytes written so far.
    public var count: Int { bytes.count }

    /// Empties the buffer, keeping its storage.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with the bytes, without copying them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Appends bytes as they are.
    public mutating func append(_ other: some Sequence<UInt8>) {
        bytes.append(contentsOf: other)
    }

    /// Appends one byte.
    public mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func spaces(_ count: Int) {
        repeated("                                ", count: count)
    }

    /// `count` bytes from a run of one repeated character, taken in appends of up to its length.
    private mutating func repeated(_ run: StaticString, count: Int) {
        var left = count
        while left > 0 {
            let chunk = min(left, run.utf8CodeUnitCount)
            run.withUTF8Buffer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<chunk])) }
            left -= chunk
        }
    }

    /// The 14 spaces that indent detail lines.
    mutating func indent() { spaces(14) }

    /// A decimal integer, written in place: its digits are counted first, then filled in.
    mutating func integer(_ value: some BinaryInteger) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = UInt64(value.magnitude)
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        padded(magnitude, digits: digits)
    }

    /// `digits` decimal digits of `value`, zero-padded (the lowest digits when it has more).
    mutating func padded(_ value: some BinaryInteger, digits: Int) {
        var value = UInt64(value.magnitude)
        let start = bytes.count
        repeated("00000000000000000000", count: digits)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var index = start + digits
            while index > start, value > 0 {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
    }

    /// A trace time as `TraceTime.description` prints it, right-aligned in 12 columns.
    mutating func time(_ time: TraceTime) {
        let clamped = min(max(time.microseconds, 0), TraceTime.maximum.microseconds)
        let whole = clamped / 1_000_000
        var width = 8  // a dot and six decimals, and at least one digit
        var rest = whole / 10
        while rest > 0 { width += 1; rest /= 10 }
        if width < 12 { spaces(12 - width) }
        integer(whole)
        bytes.append(UInt8(ascii: "."))
        padded(clamped % 1_000_000, digits: 6)
    }

    /// Milliseconds with three decimals: `21.000 ms` (as before: whole milliseconds truncated
    /// toward zero, then the digits of the remainder without its sign).
    mutating func milliseconds(_ microseconds: Int64) {
        integer(microseconds / 1000)
        bytes.append(UInt8(ascii: "."))
        padded(abs(microseconds % 1000), digits: 3)
        ascii(" ms")
    }

    /// Bytes escaped as in a trace (``TraceEscaping/escape(_:)``).
    mutating func escaped(_ payload: [UInt8]) {
        TraceEscaping.escape(payload, into: &bytes)
    }

    mutating func final(_ final: ATFinalResult) {
        switch final {
        case .ok: ascii("OK")
        case .error: ascii("ERROR")
        default: string(final.description)
        }
    }

    mutating func observation(_ observation: Observation, indent: Int) {
        spaces(indent)
        ascii("* ")
        observation.writeText(into: &self)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// What `write` prints into a new buffer, as a string: the `description` of a value whose
    /// text is written by bytes.
    static func text<Value>(of value: Value, capacity: Int, _ write: (Value, inout TextBuffer) -> Void) -> String {
        var text = TextBuffer(capacity: capacity)
        write(value, &text)
        return String(decoding: text.bytes, as: UTF8.self)
    }
}
