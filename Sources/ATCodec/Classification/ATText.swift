/// Text conversions that never lose a byte.
///
/// Modems print ASCII, UTF-8, or 8-bit text in the character set chosen with `+CSCS`.
/// Lines are decoded as UTF-8 when they are valid UTF-8 and as ISO 8859-1 otherwise, which maps
/// every byte to one scalar, so ``latin1Bytes(_:)`` gives the original bytes back; a caller
/// that needs the bytes checks ``isUTF8(_:)`` on them first (payloads are kept as raw bytes).
public enum ATText {
    /// Decodes a line: UTF-8 when valid, ISO 8859-1 (one scalar per byte) otherwise.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    /// Decodes bytes read in place (a line of the framer's buffer).
    static func decode(_ buffer: UnsafeBufferPointer<UInt8>) -> String {
        var index = 0
        while index < buffer.count, buffer[index] < 0x80 { index += 1 }
        if index == buffer.count { return String(decoding: buffer, as: UTF8.self) }
        if let text = String(validating: buffer, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(buffer.map { Unicode.Scalar($0) }))
    }

    /// Decodes a line: UTF-8 when valid, ISO 8859-1 (one scalar per byte) otherwise.
    public static func decode(_ bytes: [UInt8]) -> String {
        decode(bytes[...])
    }

    /// Decodes a line: UTF-8 when valid, ISO 8859-1 (one scalar per byte) otherwise.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        var isASCII = true
        for byte in bytes where byte >= 0x80 { isASCII = false; break }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// Whether bytes are valid UTF-8, i.e. whether ``decode(_:)`` read them as UTF-8.
    public static func isUTF8(_ bytes: some Collection<UInt8>) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }

    /// The original bytes of a line that was not valid UTF-8 and so was decoded as ISO 8859-1;
    /// `nil` when the text holds a scalar above U+00FF.
    public static func latin1Bytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard scalar.value < 256 else { return nil }
            bytes.append(UInt8(scalar.value))
        }
        return bytes
    }

    /// Escapes bytes for logs and error messages: printable ASCII as is, `\r`, `\n`, `\\`, and
    /// `\xNN` for everything else. `"AT\r"` → `AT\r`.
    public static func escaped(_ bytes: some Sequence<UInt8>) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x0D: out += "\\r"
            case 0x0A: out += "\\n"
            case 0x5C: out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: false)
                out += byte < 0x10 ? "\\x0\(hex)" : "\\x\(hex)"
            }
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    ///
    /// Scans the UTF-8 bytes (space and tab are single bytes, so the cut is on a character
    /// boundary) and returns the string itself when there is nothing to trim: parsers call
    /// this on every field, and most fields have no spaces.
    func trimmingSpaces() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard isSpace(utf8[before]) else { break }
            end = before
        }
        if start == utf8.startIndex, end == utf8.endIndex { return self }
        return String(self[start..<end])
    }
}
