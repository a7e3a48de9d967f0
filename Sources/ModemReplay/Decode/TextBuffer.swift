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
public struct TextBuffer: ~Copyable, @unchecked Sendable {
    /// The text is the first ``count`` bytes of `start`; `capacity` bytes are allocated. Owned
    /// alone (the type is noncopyable), so an append writes through the pointer with no
    /// uniqueness check and no copy-on-write.
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written so far.
    public private(set) var count = 0

    public init(capacity: Int = 1 << 17) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    /// Empties the buffer, keeping its storage.
    public mutating func removeAll() {
        count = 0
    }

    /// Calls `body` with the bytes, without copying them.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// Appends bytes as they are.
    public mutating func append(_ other: some Sequence<UInt8>) {
        if other.withContiguousStorageIfAvailable({ append(buffer: $0) }) != nil { return }
        for byte in other { append(byte) }
    }

    /// Appends one byte.
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    /// Makes room for `length` more bytes.
    @inline(__always)
    private mutating func reserve(_ length: Int) {
        if capacity - count < length { grow(length) }
    }

    private mutating func grow(_ length: Int) {
        let size = max(capacity * 2, count + length)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.initialize(from: start, count: count)
        start.deallocate()
        start = larger
        capacity = size
    }

    /// Writes `length` bytes after the text with `body`, which is given where they go.
    @inline(__always)
    private mutating func write(_ length: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Void) {
        reserve(length)
        body(start + count)
        count += length
    }

    @inline(__always)
    mutating func append(buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress, !buffer.isEmpty else { return }
        reserve(buffer.count)
        (start + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    /// Inlined, so that the copy of a literal of a few bytes is a few moves, not a call.
    @inline(__always)
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
