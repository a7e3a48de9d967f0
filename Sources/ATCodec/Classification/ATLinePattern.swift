/// A shape of line the classifier recognises: a prefix such as `+CREG:`, an exact word such as
/// `RDY`, or a SIMCom multi-link result such as `0, CONNECT OK` (link number, comma, optional space).
public enum ATLinePattern: Sendable, Hashable, CustomStringConvertible {
    /// The line starts with these bytes: `+CMTI:` matches `+CMTI: "SM",3`.
    case prefix(String)
    /// The line is exactly this text: `RDY`, `SMS Ready`.
    case exact(String)
    /// A link number, a comma, an optional space, then exactly this text:
    /// `linked("CONNECT OK")` matches `0, CONNECT OK` and `3,CONNECT OK`.
    case linked(String)
    /// A link number, a comma, an optional space, then a line starting with this text.
    case linkedPrefix(String)
    /// A dotted IPv4 address and nothing else: `10.64.3.7`. SIM800 `AT+CIFSR` ends with this
    /// line instead of `OK`.
    case ipv4Address

    public var description: String {
        switch self {
        case .prefix(let text): "\(text)…"
        case .exact(let text): text
        case .linked(let text): "<n>, \(text)"
        case .linkedPrefix(let text): "<n>, \(text)…"
        case .ipv4Address: "<a.b.c.d>"
        }
    }

    /// The bytes that must appear after any link-number prefix.
    var bytes: [UInt8] {
        switch self {
        case .prefix(let text), .exact(let text), .linked(let text), .linkedPrefix(let text): Array(text.utf8)
        case .ipv4Address: []
        }
    }

    /// The first byte a matching line can start with, or `nil` for the linked forms (a digit).
    var firstByte: UInt8? {
        switch self {
        case .prefix, .exact: bytes.first
        case .linked, .linkedPrefix, .ipv4Address: nil
        }
    }
}

/// A pattern compiled for fast matching.
struct CompiledPattern: Sendable {
    let kind: UInt8   // 0 prefix, 1 exact, 2 linked, 3 linkedPrefix, 4 IPv4 address
    let bytes: [UInt8]

    init(_ pattern: ATLinePattern) {
        switch pattern {
        case .prefix: kind = 0
        case .exact: kind = 1
        case .linked: kind = 2
        case .linkedPrefix: kind = 3
        case .ipv4Address: kind = 4
        }
        bytes = pattern.bytes
    }

    @inline(__always)
    func matches(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind {
        case 0: return ATBytes.hasPrefix(line, bytes)
        case 1: return ATBytes.equal(line, bytes)
        case 4: return CompiledPattern.isIPv4Address(line)
        default:
            guard let rest = CompiledPattern.afterLinkNumber(line) else { return false }
            return kind == 2 ? ATBytes.equal(rest, bytes) : ATBytes.hasPrefix(rest, bytes)
        }
    }

    /// Four decimal numbers of 0...255 (one to three digits) separated by dots.
    static func isIPv4Address(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var groups = 0
        var digits = 0
        var value = 0
        for byte in line {
            if byte >= 0x30, byte <= 0x39 {
                digits += 1
                value = value * 10 + Int(byte - 0x30)
                guard digits <= 3, value <= 255 else { return false }
            } else if byte == UInt8(ascii: ".") {
                guard digits > 0, groups < 3 else { return false }
                groups += 1
                digits = 0
                value = 0
            } else {
                return false
            }
        }
        return groups == 3 && digits > 0
    }

    /// `0, CONNECT OK` → `CONNECT OK`; `nil` when the line does not start with `<digits>,`.
    static func afterLinkNumber(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var index = 0
        while index < line.count, line[index] >= 0x30, line[index] <= 0x39 { index += 1 }
        guard index > 0, index <= 3, index < line.count, line[index] == ATByte.comma else { return nil }
        index += 1
        if index < line.count, line[index] == ATByte.space { index += 1 }
        return ATBytes.dropFirst(line, index)
    }
}
