import ATCodec
import ModemTrace

/// A growing UTF-8 byte buffer that decoded events are printed into, reused from one event to
/// the next: numbers, times and escapes are written as bytes, with no `String` in between.
///
/// ```swift
/// var text = TextBuffer()
/// while let event = stream.next() {
///     event.writeText(into: &text)
///     if text.count >= 1 << 16 { text.withBytes { write(1, $0.baseAddress, $0.count) }; text.removeAll() }
/// }
/// ```
public struct TextBuffer: Sendable {
    /// The text is the first ``count`` bytes; the rest is room, already initialised (to zero),
    /// so that appends write through a pointer instead of going through `Array.append` for
    /// every few bytes.
    private var storage: [UInt8] = []
    /// The number of bytes written so far.
    public private(set) var count = 0
    /// The room the first append makes.
    private let initialCapacity: Int

    public init(capacity: Int = 1 << 17) {
        initialCapacity = max(capacity, 16)
    }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(storage[..<count]) }

    /// Empties the buffer, keeping its storage.
    public mutating func removeAll() {
        count = 0
    }

    /// Calls `body` with the bytes, without copying them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<count])) }
    }

    /// Appends bytes as they are.
    public mutating func append(_ other: some Sequence<UInt8>) {
        if other.withContiguousStorageIfAvailable({ append(buffer: $0) }) != nil { return }
        for byte in other { append(byte) }
    }

    /// Appends one byte.
    public mutating func append(_ byte: UInt8) {
        write(1) { $0[0] = byte }
    }

    /// Writes `length` bytes after the text with `body`, which is given where they go.
    @inline(__always)
    private mutating func write(_ length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        if storage.count - count < length { grow(length) }
        let start = count
        storage.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
        count += length
    }

    private mutating func grow(_ length: Int) {
        let size = max(initialCapacity, storage.count * 2, count + length)
        storage.append(contentsOf: repeatElement(0, count: size - storage.count))
    }

    private mutating func append(buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        write(buffer.count) { $0.update(from: source, count: buffer.count) }
    }

    mutating func ascii(_ text: StaticString) {
        text.withUTF8Buffer { append(buffer: $0) }
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { append(buffer: $0) }
    }

    /// `label` and `value`, when there is a value.
    mutating func labelled(_ label: StaticString, _ value: String?) {
        guard let value else { return }
        ascii(label)
        string(value)
    }

    mutating func spaces(_ count: Int) {
        guard count > 0 else { return }
        write(count) { $0.update(repeating: UInt8(ascii: " "), count: count) }
    }

    /// The 14 spaces that indent detail lines.
    mutating func indent() { spaces(14) }

    /// A decimal integer, written in place: its digits are counted first, then filled in.
    mutating func integer(_ value: some BinaryInteger) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let magnitude = UInt64(value.magnitude)
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        padded(magnitude, digits: digits)
    }

    /// `digits` decimal digits of `value`, zero-padded (the lowest digits when it has more).
    mutating func padded(_ value: some BinaryInteger, digits: Int) {
        guard digits > 0 else { return }
        var value = UInt64(value.magnitude)
        write(digits) { out in
            var index = digits
            while index > 0 {
                index -= 1
                out[index] = UInt8(ascii: "0") + UInt8(value % 10)
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
        append(UInt8(ascii: "."))
        padded(clamped % 1_000_000, digits: 6)
    }

    /// Milliseconds with three decimals: `21.000 ms` (as before: whole milliseconds truncated
    /// toward zero, then the digits of the remainder without its sign).
    mutating func milliseconds(_ microseconds: Int64) {
        integer(microseconds / 1000)
        append(UInt8(ascii: "."))
        padded(abs(microseconds % 1000), digits: 3)
        ascii(" ms")
    }

    /// Bytes escaped as in a trace (``TraceEscaping/escape(_:)``).
    mutating func escaped(_ payload: [UInt8]) {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(payload.count + 8)
        TraceEscaping.escape(payload, into: &escaped)
        escaped.withUnsafeBufferPointer { append(buffer: $0) }
    }

    mutating func final(_ final: ATFinalResult) {
        switch final {
        case .ok: ascii("OK")
        case .error: ascii("ERROR")
        // As `description` prints them.
        case .cmeError(let error):
            ascii("+CME ERROR: ")
            integer(error.code)
            ascii(" (")
            string(error.text)
            ascii(")")
        case .cmsError(let error):
            ascii("+CMS ERROR: ")
            integer(error.code)
            ascii(" (")
            string(error.text)
            ascii(")")
        default: string(final.description)
        }
    }

    mutating func observation(_ observation: Observation, indent: Int) {
        spaces(indent)
        ascii("* ")
        observation.writeText(into: &self)
        append(UInt8(ascii: "\n"))
    }

    /// What `write` prints into a new buffer, as a string: the `description` of a value whose
    /// text is written by bytes.
    static func text<Value>(of value: Value, capacity: Int, _ write: (Value, inout TextBuffer) -> Void) -> String {
        var text = TextBuffer(capacity: capacity)
        write(value, &text)
        return text.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}
