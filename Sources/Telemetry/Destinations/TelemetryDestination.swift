/// Where readings go, parsed from a URL:
///
///     mqtt://[user[:password]@]host[:port]/topic/{device}/{id}    (port 1883)
///     http://host[:port]/path[?query]                             (port 80; https is refused)
///     tcp://host:port                                             newline-delimited JSON
///     udp://host:port                                             JSON datagrams
///     sms:+NUMBER                                                 compact SMS text
///
/// Hosts are DNS names, IPv4 addresses or bracketed IPv6 addresses. ``description`` is a stable
/// display name with any password replaced by `***`:
///
///     let destination = try TelemetryDestination("MQTT://meter:pw@Broker.example/m/{id}")
///     destination.description   // "mqtt://meter:***@broker.example:1883/m/{id}"
///     try TelemetryDestination("https://example.com/in")
///     // throws: scheme: https needs TLS, which this version cannot do over the modem socket at offset 0
public enum TelemetryDestination: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    case mqtt(MQTTDestination)
    case http(HTTPDestination)
    case tcp(TelemetryEndpoint)
    case udp(TelemetryEndpoint)
    case sms(SMSDestination)

    /// Parses `url`.
    /// - Throws: ``TelemetryDestinationError`` naming the part that is wrong and its offset.
    public init(_ url: String) throws(TelemetryDestinationError) {
        let parsed = try DestinationURL(url)
        switch parsed.scheme {
        case "mqtt":
            if let fragment = parsed.fragment {
                throw TelemetryDestinationError(.topicWildcard("#"), in: .topic, at: fragment.offset - 1)
            }
            self = .mqtt(try MQTTDestination.parse(parsed))
        case "http":
            try Self.refuseFragment(parsed)
            self = .http(try HTTPDestination.parse(parsed))
        case "tcp", "udp":
            try Self.refuseFragment(parsed)
            try Self.refuseUserInfo(parsed)
            if let query = parsed.query { throw TelemetryDestinationError(.unexpected("a query"), in: .query, at: query.offset - 1) }
            guard parsed.path.bytes.isEmpty || parsed.path.bytes.elementsEqual([UInt8(ascii: "/")]) else {
                throw TelemetryDestinationError(.unexpected("a path"), in: .path, at: parsed.path.offset)
            }
            let endpoint = try TelemetryEndpoint.parse(parsed, defaultPort: nil)
            self = parsed.scheme == "tcp" ? .tcp(endpoint) : .udp(endpoint)
        case "sms":
            try Self.refuseFragment(parsed)
            self = .sms(try SMSDestination.parse(parsed))
        case "https", "mqtts", "ssl", "tls":
            throw TelemetryDestinationError(.tlsNotSupported(parsed.scheme), in: .scheme, at: 0)
        default:
            throw TelemetryDestinationError(.unsupportedScheme(parsed.scheme), in: .scheme, at: 0)
        }
    }

    /// The display name: normalized (lowercase scheme and host, explicit port), password as `***`.
    public var description: String {
        switch self {
        case .mqtt(let destination): destination.description
        case .http(let destination): destination.description
        case .tcp(let endpoint): "tcp://\(endpoint)"
        case .udp(let endpoint): "udp://\(endpoint)"
        case .sms(let destination): destination.description
        }
    }

    public var debugDescription: String { description }

    /// The scheme: `mqtt`, `http`, `tcp`, `udp` or `sms`.
    public var scheme: String {
        switch self {
        case .mqtt: "mqtt"
        case .http: "http"
        case .tcp: "tcp"
        case .udp: "udp"
        case .sms: "sms"
        }
    }

    static func refuseFragment(_ url: DestinationURL) throws(TelemetryDestinationError) {
        if let fragment = url.fragment {
            throw TelemetryDestinationError(.unexpected("a fragment"), in: .fragment, at: fragment.offset - 1)
        }
    }

    static func refuseUserInfo(_ url: DestinationURL) throws(TelemetryDestinationError) {
        if let userInfo = url.userInfo {
            throw TelemetryDestinationError(.unexpected("user info"), in: .userInfo, at: userInfo.offset)
        }
    }
}

/// An HTTP server and the request target readings are POSTed to.
///
///     http://collector.example:8080/ingest?site=7
///     → POST /ingest?site=7 HTTP/1.1
///       Host: collector.example:8080
public struct HTTPDestination: Sendable, Hashable, CustomStringConvertible {
    public static let defaultPort = 80

    public var endpoint: TelemetryEndpoint
    /// The request target as sent: the path (`/` when empty) and query, percent-encoding kept.
    public var target: String

    public init(endpoint: TelemetryEndpoint, target: String = "/") {
        self.endpoint = endpoint
        self.target = target
    }

    /// The `Host` header value (RFC 9112 §3.2): the port only when it is not 80.
    public var authority: String {
        endpoint.port == Self.defaultPort ? endpoint.host.description : endpoint.description
    }

    public var description: String { "http://\(endpoint)\(target)" }

    static func parse(_ url: DestinationURL) throws(TelemetryDestinationError) -> HTTPDestination {
        if let userInfo = url.userInfo {
            // RFC 9110 §4.2.4: http URIs must not carry user info.
            throw TelemetryDestinationError(.unexpected("user info"), in: .userInfo, at: userInfo.offset)
        }
        let endpoint = try TelemetryEndpoint.parse(url, defaultPort: defaultPort)
        // Checked, not decoded: the target goes on the wire as written.
        _ = try URIText.decode(url.path.bytes, part: .path) { URIText.isPathCharacter($0) || $0 == 0x2F }
        var target = url.path.bytes.isEmpty ? "/" : url.path.text
        if let query = url.query {
            _ = try URIText.decode(query.bytes, part: .query) { URIText.isPathCharacter($0) || $0 == 0x2F || $0 == 0x3F }
            target += "?" + query.text
        }
        return HTTPDestination(endpoint: endpoint, target: target)
    }
}

/// A phone number to send compact SMS texts to (`sms:+447700900123`, RFC 5724).
public struct SMSDestination: Sendable, Hashable, CustomStringConvertible {
    /// An optional `+` and 2...15 digits, visual separators removed.
    public var number: String

    public init(number: String) {
        self.number = number
    }

    public var description: String { "sms:\(number)" }

    /// `sms:` then one number; the visual separators `-`, `.`, `(`, `)` of RFC 3966 are dropped.
    /// Several recipients, a `?body=` and `sms://` are refused: the body is ours, and each number
    /// is its own destination.
    static func parse(_ url: DestinationURL) throws(TelemetryDestinationError) -> SMSDestination {
        if let host = url.host { throw TelemetryDestinationError(.unexpected("//"), in: .number, at: host.offset - 2) }
        if let query = url.query { throw TelemetryDestinationError(.unexpected("a query"), in: .query, at: query.offset - 1) }
        let bytes = url.path.bytes
        var number = ""
        for (index, byte) in zip(bytes.indices, bytes) {
            switch byte {
            case UInt8(ascii: "+") where index == bytes.startIndex: number.append("+")
            case 0x30...0x39: number.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"): continue
            case UInt8(ascii: ","): throw TelemetryDestinationError(.unexpected("more than one number"), in: .number, at: index)
            default: throw URIText.invalidCharacter(in: bytes, at: index, part: .number)
            }
        }
        let digits = number.utf8.count - (number.hasPrefix("+") ? 1 : 0)
        guard (2...15).contains(digits) else {
            throw TelemetryDestinationError(.invalidNumber(url.path.text), in: .number, at: url.path.offset)
        }
        return SMSDestination(number: number)
    }
}
