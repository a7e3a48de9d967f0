/// A URL cut into its RFC 3986 components (§3), each with the UTF-8 offset it starts at, before
/// any scheme-specific checks. `scheme ":" ["//" [userinfo "@"] host [":" port]] path ["?" query] ["#" fragment]`.
struct DestinationURL {
    struct Component {
        var bytes: ArraySlice<UInt8>
        var offset: Int { bytes.startIndex }
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    var scheme: String
    var userInfo: Component?
    /// Present when the URL has `//`; may be empty.
    var host: Component?
    var port: Component?
    var path: Component
    var query: Component?
    var fragment: Component?

    /// Splits `url`; only the scheme is checked here (RFC 3986 §3.1: a letter, then letters,
    /// digits, `+`, `-`, `.`; compared lowercased).
    init(_ url: String) throws(TelemetryDestinationError) {
        let bytes = Array(url.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            throw TelemetryDestinationError(.unsupportedScheme(url), in: .scheme, at: 0)
        }
        for (index, byte) in bytes[..<colon].enumerated() {
            let ok = byte.isASCIILetter || (index > 0 && (byte.isASCIIDigit || byte == 0x2B || byte == 0x2D || byte == 0x2E))
            guard ok else { throw TelemetryDestinationError(.invalidCharacter(Character(Unicode.Scalar(byte))), in: .scheme, at: index) }
        }
        scheme = String(decoding: bytes[..<colon], as: UTF8.self).lowercased()
        var rest = bytes[(colon + 1)...]
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
            fragment = Component(bytes: rest[(hash + 1)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            query = Component(bytes: rest[(question + 1)...])
            rest = rest[..<question]
        }
        if rest.starts(with: [0x2F, 0x2F]) {
            let authorityStart = rest.startIndex + 2
            let authorityEnd = rest[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            var authority = rest[authorityStart..<authorityEnd]
            if let at = authority.lastIndex(of: UInt8(ascii: "@")) {
                userInfo = Component(bytes: authority[..<at])
                authority = authority[(at + 1)...]
            }
            // A port follows the last colon, unless that colon is inside an IPv6 literal.
            let closing = authority.lastIndex(of: UInt8(ascii: "]"))
            if let colon = authority.lastIndex(of: UInt8(ascii: ":")), closing.map({ colon > $0 }) ?? (authority.first != UInt8(ascii: "[")) {
                port = Component(bytes: authority[(colon + 1)...])
                authority = authority[..<colon]
            }
            host = Component(bytes: authority)
            rest = rest[authorityEnd...]
        }
        path = Component(bytes: rest)
    }
}

/// RFC 3986 §2 character classes and percent-encoding.
enum URIText {
    /// unreserved (§2.3): ALPHA DIGIT - . _ ~
    static func isUnreserved(_ byte: UInt8) -> Bool {
        byte.isASCIILetter || byte.isASCIIDigit || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    /// sub-delims (§2.2): ! $ & ' ( ) * + , ; =
    static func isSubDelimiter(_ byte: UInt8) -> Bool {
        Array("!$&'()*+,;=".utf8).contains(byte)
    }

    /// pchar (§3.3) without pct-encoded: unreserved, sub-delims, ":" and "@".
    static func isPathCharacter(_ byte: UInt8) -> Bool {
        isUnreserved(byte) || isSubDelimiter(byte) || byte == 0x3A || byte == 0x40
    }

    /// Decodes `%XX` sequences of `bytes` after checking every other byte with `allowed`; the
    /// result must be UTF-8.
    static func decode(
        _ bytes: ArraySlice<UInt8>, part: TelemetryDestinationError.Part, allowed: (UInt8) -> Bool
    ) throws(TelemetryDestinationError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.endIndex,
                      let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) else {
                    throw TelemetryDestinationError(.invalidPercentEncoding, in: part, at: index)
                }
                out.append(high << 4 | low)
                index += 3
                continue
            }
            guard allowed(byte) else { throw invalidCharacter(in: bytes, at: index, part: part) }
            out.append(byte)
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw TelemetryDestinationError(.invalidPercentEncoding, in: part, at: bytes.startIndex)
        }
        return text
    }

    /// Percent-encodes every byte of `text` that `keep` refuses.
    static func encode(_ text: String, keep: (UInt8) -> Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            if keep(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// The error for the character starting at `index` (a whole UTF-8 sequence when it is one).
    static func invalidCharacter(in bytes: ArraySlice<UInt8>, at index: Int, part: TelemetryDestinationError.Part) -> TelemetryDestinationError {
        var end = index + 1
        while end < bytes.endIndex, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = String(decoding: bytes[index..<end], as: UTF8.self).first ?? "?"
        return TelemetryDestinationError(.invalidCharacter(character), in: part, at: index)
    }
}

extension UInt8 {
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
}
