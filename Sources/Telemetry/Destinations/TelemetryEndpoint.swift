/// A host and a port to connect to.
///
///     TelemetryEndpoint(host: .ipv6("::1"), port: 8080).description   // "[::1]:8080"
public struct TelemetryEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: TelemetryHost
    public var port: Int

    public init(host: TelemetryHost, port: Int) {
        self.host = host
        self.port = port
    }

    /// `host:port` as in a URL (IPv6 in brackets).
    public var description: String { "\(host):\(port)" }

    /// Parses the host and port components of a URL; `defaultPort` when there is none (or it is
    /// empty, RFC 3986 §3.2.3).
    static func parse(_ url: DestinationURL, defaultPort: Int?) throws(TelemetryDestinationError) -> TelemetryEndpoint {
        guard let hostComponent = url.host else {
            throw TelemetryDestinationError(.missingHost, in: .host, at: url.path.offset)
        }
        let host = try TelemetryHost.parse(hostComponent)
        guard let portComponent = url.port, !portComponent.bytes.isEmpty else {
            guard let defaultPort else {
                throw TelemetryDestinationError(.invalidPort(""), in: .port, at: url.port?.offset ?? url.path.offset)
            }
            return TelemetryEndpoint(host: host, port: defaultPort)
        }
        let text = portComponent.text
        guard portComponent.bytes.count <= 5, portComponent.bytes.allSatisfy(\.isASCIIDigit),
              let port = Int(text), (1...65535).contains(port) else {
            throw TelemetryDestinationError(.invalidPort(text), in: .port, at: portComponent.offset)
        }
        return TelemetryEndpoint(host: host, port: port)
    }
}

/// A host as a URL names it (RFC 3986 §3.2.2): a DNS name, an IPv4 address or an IPv6 address.
public enum TelemetryHost: Sendable, Hashable, CustomStringConvertible {
    /// A DNS name (letters, digits, `-`, labels of 1...63, lowercased; RFC 1123 §2.1).
    case name(String)
    /// Dotted decimal, four numbers 0...255 without leading zeros.
    case ipv4(String)
    /// The address as written between the brackets (RFC 4291 §2.2 text form), lowercased.
    case ipv6(String)

    /// What to hand to a connect call: the name or address, IPv6 without brackets.
    public var connectHost: String {
        switch self {
        case .name(let text), .ipv4(let text), .ipv6(let text): text
        }
    }

    /// As in a URL or a `Host` header: IPv6 in brackets.
    public var description: String {
        switch self {
        case .name(let text), .ipv4(let text): text
        case .ipv6(let text): "[\(text)]"
        }
    }

    static func parse(_ component: DestinationURL.Component) throws(TelemetryDestinationError) -> TelemetryHost {
        let bytes = component.bytes
        func fail(_ why: String, at offset: Int? = nil) -> TelemetryDestinationError {
            TelemetryDestinationError(.invalidHost(why), in: .host, at: offset ?? component.offset)
        }
        guard let first = bytes.first else { throw TelemetryDestinationError(.missingHost, in: .host, at: component.offset) }
        if first == UInt8(ascii: "[") {
            guard bytes.last == UInt8(ascii: "]"), bytes.count >= 2 else { throw fail("an IPv6 address needs a closing ]") }
            let inner = bytes.dropFirst().dropLast()
            if inner.first == UInt8(ascii: "v") || inner.first == UInt8(ascii: "V") {
                throw fail("IPvFuture addresses are not supported")
            }
            if let percent = inner.firstIndex(of: UInt8(ascii: "%")) { throw fail("IPv6 zone identifiers are not supported", at: percent) }
            let text = String(decoding: inner, as: UTF8.self).lowercased()
            guard isIPv6(text) else { throw fail("\"\(text)\" is not an IPv6 address") }
            return .ipv6(text)
        }
        if let bad = bytes.firstIndex(where: { !($0.isASCIILetter || $0.isASCIIDigit || $0 == 0x2D || $0 == 0x2E) }) {
            if bytes[bad] == UInt8(ascii: "%") { throw fail("percent-encoded host names are not supported", at: bad) }
            throw URIText.invalidCharacter(in: bytes, at: bad, part: .host)
        }
        let text = String(decoding: bytes, as: UTF8.self).lowercased()
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        // A name whose last label is numeric is read as an IPv4 address (top-level domains are
        // never all digits, RFC 3696 §2).
        if let last = labels.last, !last.isEmpty, last.allSatisfy(\.isNumber) {
            guard isIPv4(labels) else { throw fail("\"\(text)\" is not an IPv4 address (four numbers 0...255)") }
            return .ipv4(text)
        }
        guard text.utf8.count <= 253 else { throw fail("the name is longer than 253 characters") }
        for label in labels.dropLast(labels.count > 1 && labels.last == "" ? 1 : 0) {
            guard (1...63).contains(label.utf8.count) else { throw fail("\"\(text)\" has an empty or too long label") }
            guard label.first != "-", label.last != "-" else { throw fail("a label of \"\(text)\" starts or ends with -") }
        }
        return .name(text)
    }

    static func isIPv4(_ labels: [Substring]) -> Bool {
        labels.count == 4 && labels.allSatisfy { label in
            guard (1...3).contains(label.count), label.allSatisfy(\.isASCII), label.allSatisfy(\.isNumber),
                  let value = Int(label), value <= 255 else { return false }
            return label.count == 1 || label.first != "0"
        }
    }

    /// RFC 4291 §2.2: eight groups of 1...4 hex digits, one `::` standing for one or more zero
    /// groups, the last two groups optionally as an IPv4 address.
    static func isIPv6(_ text: String) -> Bool {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> Int? {
            if part.isEmpty { return 0 }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var count = 0
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains(".") {
                    guard isIPv4(piece.split(separator: ".", omittingEmptySubsequences: false)) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if halves.count == 2 {
            guard let head = groups(halves[0]), let tail = groups(halves[1]), !halves[0].contains(".") else { return false }
            return head + tail <= 7
        }
        return groups(text) == 8
    }
}
