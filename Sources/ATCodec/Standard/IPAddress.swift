/// An IPv4 or IPv6 address as packet-domain commands print it (TS 27.007 §10.1.1, §10.1.14):
/// dotted decimal for IPv4 (`10.71.155.118`), and for IPv6 either 16 dotted bytes
/// (`32.1.13.184.0.0.0.0.0.0.0.0.0.0.0.1`, the default) or colon hex (`2001:db8::1`, after
/// `AT+CGPIAF=1`).
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 (IPv6), network order.
    public let bytes: [UInt8]

    /// `nil` unless there are 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses any of the three printed forms; `nil` for anything else.
    public init?(_ text: some StringProtocol) {
        let text = Substring(text)
        let bytes = text.contains(":") ? IPAddress.colonForm(text) : IPAddress.dotted(text, counts: [4, 16])
        guard let bytes else { return nil }
        self.bytes = bytes
    }

    public var isIPv4: Bool { bytes.count == 4 }
    public var isIPv6: Bool { bytes.count == 16 }
    /// `0.0.0.0` or `::`: what modems print for a context without an address.
    public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }

    /// `10.71.155.118`, or IPv6 in the RFC 5952 form: `2001:db8::1`.
    public var description: String {
        if isIPv4 { return bytes.map(String.init).joined(separator: ".") }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        // The longest run of two or more zero groups (the first if tied) becomes "::".
        var best = (start: -1, length: 0)
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index > best.length, end - index >= 2 { best = (index, end - index) }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.start >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// `a.b.c.d` with one of the given numbers of parts, each 0...255.
    private static func dotted(_ text: Substring, counts: [Int]) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard counts.contains(parts.count) else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard StandardParsing.isDigits(part), part.utf8.count <= 3, let value = UInt8(String(part)) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    /// `2001:db8::1`, `::ffff:10.0.0.1`.
    private static func colonForm(_ text: Substring) -> [UInt8]? {
        if let gap = text.firstRange(of: "::") {
            guard let head = groups(text[..<gap.lowerBound], allowIPv4: false),
                  let tail = groups(text[gap.upperBound...], allowIPv4: true),
                  head.count + tail.count <= 14 else { return nil }
            return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
        }
        guard let bytes = groups(text, allowIPv4: true), bytes.count == 16 else { return nil }
        return bytes
    }

    /// The bytes of `a:b:c` (each 1...4 hex digits), the last group possibly dotted IPv4.
    private static func groups(_ text: Substring, allowIPv4: Bool) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if allowIPv4, index == parts.count - 1, part.contains(".") {
                guard let ipv4 = dotted(part, counts: [4]) else { return nil }
                bytes += ipv4
            } else {
                guard StandardParsing.isHex(part), part.utf8.count <= 4, let value = UInt16(String(part), radix: 16) else {
                    return nil
                }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
        }
        return bytes
    }
}
