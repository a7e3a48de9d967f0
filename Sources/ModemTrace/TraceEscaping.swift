/// The escaping used for record payloads and header values: every byte value survives a
/// round trip, and CR, LF, control characters, non-ASCII and backslash stay visible.
///
/// | byte                               | written as          |
/// |------------------------------------|---------------------|
/// | `\` (0x5C)                         | `\\`                |
/// | CR (0x0D), LF (0x0A), TAB (0x09)   | `\r`, `\n`, `\t`    |
/// | other 0x00–0x1F, 0x7F–0xFF         | `\xHH` (lowercase)  |
/// | space as first or last byte        | `\x20`              |
/// | any other printable ASCII          | itself              |
///
///     TraceEscaping.escape(Array("OK\r\n".utf8))           // "OK\\r\\n"
///     try TraceEscaping.unescape("\\x1a")                  // [0x1A]
public enum TraceEscaping {
    /// Escapes bytes into printable ASCII.
    public static func escape(_ bytes: some Collection<UInt8>) -> String {
        // Contiguous bytes (arrays, slices: every caller) are escaped through a buffer pointer;
        // the generic path is the same loop over a copy.
        if let escaped = bytes.withContiguousStorageIfAvailable(escape(buffer:)) { return escaped }
        return Array(bytes).withUnsafeBufferPointer(escape(buffer:))
    }

    private static func escape(buffer bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        escape(buffer: bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the escaped form of `bytes` to `out`: ``escape(_:)`` without the `String`, for
    /// writers that print into a reused buffer.
    public static func escape(_ bytes: [UInt8], into out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { escape(buffer: $0, into: &out) }
    }

    private static func escape(buffer bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let last = bytes.count - 1
        for offset in 0..<bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\r"):
                out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\n"):
                out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\t"):
                out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case UInt8(ascii: " ") where offset == 0 || offset == last:
                appendHex(byte, to: &out)
            case 0x20...0x7E:
                out.append(byte)
            default:
                appendHex(byte, to: &out)
            }
        }
    }

    /// Reverses ``escape(_:)``. Throws for a backslash followed by anything other than
    /// `\`, `r`, `n`, `t` or `x` and two hex digits, and for bytes outside printable ASCII.
    public static func unescape(_ text: some StringProtocol) throws(TraceEscapingError) -> [UInt8] {
        try unescape(bytes: Array(text.utf8)[...])
    }

    /// ``unescape(_:)`` on the bytes of a line as read, without making a `String` of them;
    /// error offsets are from the start of `bytes`.
    static func unescape(bytes: ArraySlice<UInt8>) throws(TraceEscapingError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        try unescape(bytes: bytes, into: &out)
        return out
    }

    /// ``unescape(bytes:)`` appending to `out`, for readers that reuse one buffer; on error,
    /// `out` holds what was unescaped before the offending byte.
    ///
    /// The text never unescapes to more bytes than it has, so the bytes are written through a
    /// pointer into a temporary buffer that size, then appended to `out` at once.
    static func unescape(bytes: ArraySlice<UInt8>, into out: inout [UInt8]) throws(TraceEscapingError) {
        let result = bytes.withUnsafeBufferPointer { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(utf8.count, 1)) { buffer in
                var written = 0
                let result = unescape(utf8, into: buffer, written: &written)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<written]))
                return result
            }
        }
        try result.get()
    }

    /// Unescapes `utf8` into the start of `payload`, growing it (with zeros) only when it is
    /// shorter than `utf8`, and returns how many bytes it wrote: the reader's reused buffer,
    /// written through a pointer with no temporary and no append. On failure the error's offset
    /// is from the start of `utf8`.
    static func unescape(_ utf8: UnsafeBufferPointer<UInt8>, intoStartOf payload: inout [UInt8]) -> Result<Int, TraceEscapingError> {
        if payload.count < utf8.count { payload.append(contentsOf: repeatElement(0, count: utf8.count - payload.count)) }
        return payload.withUnsafeMutableBufferPointer { out in
            var written = 0
            return unescape(utf8, into: out, written: &written).map { written }
        }
    }

    /// The loop of ``unescape(bytes:into:)``: `out` has room for `utf8.count` bytes.
    private static func unescape(
        _ utf8: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>, written: inout Int
    ) -> Result<Void, TraceEscapingError> {
        var index = 0
        var count = 0
        defer { written = count }
        while index < utf8.count {
            let byte = utf8[index]
            guard byte == UInt8(ascii: "\\") else {
                guard byte >= 0x20, byte <= 0x7E else {
                    return .failure(TraceEscapingError(offset: index, reason: "unescaped byte 0x\(hex(byte))"))
                }
                out[count] = byte
                count += 1
                index += 1
                continue
            }
            guard index + 1 < utf8.count else {
                return .failure(TraceEscapingError(offset: index, reason: "backslash at end of text"))
            }
            let unescaped: UInt8
            switch utf8[index + 1] {
            case UInt8(ascii: "\\"): unescaped = UInt8(ascii: "\\"); index += 2
            case UInt8(ascii: "r"): unescaped = UInt8(ascii: "\r"); index += 2
            case UInt8(ascii: "n"): unescaped = UInt8(ascii: "\n"); index += 2
            case UInt8(ascii: "t"): unescaped = UInt8(ascii: "\t"); index += 2
            case UInt8(ascii: "x"):
                guard index + 3 < utf8.count, let high = hexValue(utf8[index + 2]),
                    let low = hexValue(utf8[index + 3])
                else {
                    return .failure(TraceEscapingError(offset: index, reason: "\\x needs two hex digits"))
                }
                unescaped = high << 4 | low
                index += 4
            default:
                return .failure(TraceEscapingError(offset: index, reason: "unknown escape \\\(Character(Unicode.Scalar(utf8[index + 1])))"))
            }
            out[count] = unescaped
            count += 1
        }
        return .success(())
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendHex(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "x"))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
    }

    private static func hex(_ byte: UInt8) -> String {
        String(decoding: [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]], as: UTF8.self)
    }

    /// The value of one hex digit, either case (also used by the importers).
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why escaped text could not be decoded; `offset` is the byte offset in the escaped text.
public struct TraceEscapingError: Error, Sendable, Hashable {
    public var offset: Int
    public var reason: String
}
