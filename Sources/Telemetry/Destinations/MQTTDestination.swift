/// An MQTT broker and the topic each reading is published to.
///
///     mqtt://meter:s3cret@broker.example:1883/meters/{device}/{id}
///     → endpoint broker.example:1883, username "meter", password "s3cret",
///       topic "meters/{device}/{id}", shown as mqtt://meter:***@broker.example:1883/meters/{device}/{id}
///
/// The password is never part of ``description``, `debugDescription` or a `Mirror`.
public struct MQTTDestination: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public static let defaultPort = 1883

    public var endpoint: TelemetryEndpoint
    /// Percent-decoded user name, if the URL has user info.
    public var username: String?
    /// Percent-decoded password; shown as `***`.
    public var password: String?
    public var topic: MQTTTopicTemplate

    public init(endpoint: TelemetryEndpoint, username: String? = nil, password: String? = nil, topic: MQTTTopicTemplate) {
        self.endpoint = endpoint
        self.username = username
        self.password = password
        self.topic = topic
    }

    public var description: String {
        var userInfo = ""
        if let username { userInfo = URIText.encode(username, keep: Self.keepInUserInfo) }
        if password != nil { userInfo += ":***" }
        if username != nil || password != nil { userInfo += "@" }
        return "mqtt://\(userInfo)\(endpoint)/\(topic)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["endpoint": endpoint, "username": username as Any, "password": password == nil ? "nil" : "***", "topic": topic])
    }

    static func keepInUserInfo(_ byte: UInt8) -> Bool {
        URIText.isUnreserved(byte) || (URIText.isSubDelimiter(byte))
    }

    static func parse(_ url: DestinationURL) throws(TelemetryDestinationError) -> MQTTDestination {
        if let query = url.query { throw TelemetryDestinationError(.unexpected("a query"), in: .query, at: query.offset - 1) }
        let endpoint = try TelemetryEndpoint.parse(url, defaultPort: defaultPort)
        var username: String?, password: String?
        if let userInfo = url.userInfo {
            let allowed = { (byte: UInt8) in URIText.isUnreserved(byte) || URIText.isSubDelimiter(byte) }
            if let colon = userInfo.bytes.firstIndex(of: UInt8(ascii: ":")) {
                username = try URIText.decode(userInfo.bytes[..<colon], part: .userInfo, allowed: allowed)
                password = try URIText.decode(userInfo.bytes[(colon + 1)...], part: .userInfo, allowed: { allowed($0) || $0 == 0x3A })
            } else {
                username = try URIText.decode(userInfo.bytes, part: .userInfo, allowed: allowed)
            }
        }
        let path = url.path.bytes
        guard path.first == UInt8(ascii: "/"), path.count > 1 else {
            throw TelemetryDestinationError(.emptyTopic, in: .topic, at: url.path.offset)
        }
        let topic = try MQTTTopicTemplate.parse(path.dropFirst())
        return MQTTDestination(endpoint: endpoint, username: username, password: password, topic: topic)
    }
}

/// A publish topic with `{id}` (the reading's ID) and `{device}` placeholders.
///
///     let template = try MQTTTopicTemplate("meters/{device}/{id}")
///     template.topic(id: "0b6f3c1e-…", device: "gw-7")   // "meters/gw-7/0b6f3c1e-…"
public struct MQTTTopicTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case id
        case device
    }

    public var segments: [Segment]

    /// Parses a decoded topic template (no percent-decoding here).
    public init(_ template: String) throws(TelemetryDestinationError) {
        self = try Self.parse(template, offset: 0)
    }

    init(segments: [Segment]) {
        self.segments = segments
    }

    /// The topic for one reading. Values are put in as they are: the device name is checked when
    /// it is configured, and reading IDs are hex and `-`.
    public func topic(id: String, device: String) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .id: id
            case .device: device
            }
        }.joined()
    }

    /// The template percent-encoded as in a URL path, placeholders kept.
    public var description: String {
        segments.map { segment in
            switch segment {
            case .literal(let text): URIText.encode(text) { URIText.isPathCharacter($0) || $0 == 0x2F }
            case .id: "{id}"
            case .device: "{device}"
            }
        }.joined()
    }

    /// The topic part of a URL path (after its `/`): percent-decoded, then placeholders found.
    /// `{` and `}` are accepted unencoded although RFC 3986 does not list them.
    static func parse(_ bytes: ArraySlice<UInt8>) throws(TelemetryDestinationError) -> MQTTTopicTemplate {
        // Reject wildcards where they are written, before decoding hides the offset.
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "+") {
                throw TelemetryDestinationError(.topicWildcard("+"), in: .topic, at: index)
            }
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
               let high = URIText.hexValue(bytes[index + 1]), let low = URIText.hexValue(bytes[index + 2]),
               [0x2B, 0x23].contains(high << 4 | low) {
                throw TelemetryDestinationError(.topicWildcard(Character(Unicode.Scalar(high << 4 | low))), in: .topic, at: index)
            }
            index += 1
        }
        let decoded = try URIText.decode(bytes, part: .topic) { byte in
            URIText.isPathCharacter(byte) || byte == 0x2F || byte == 0x7B || byte == 0x7D
        }
        return try parse(decoded, offset: bytes.startIndex)
    }

    static func parse(_ text: String, offset: Int) throws(TelemetryDestinationError) -> MQTTTopicTemplate {
        guard !text.isEmpty else { throw TelemetryDestinationError(.emptyTopic, in: .topic, at: offset) }
        if let wildcard = text.firstIndex(where: { $0 == "+" || $0 == "#" }) {
            throw TelemetryDestinationError(.topicWildcard(text[wildcard]), in: .topic, at: offset + text.utf8.distance(from: text.startIndex, to: wildcard))
        }
        if text.unicodeScalars.contains("\u{0}") {
            throw TelemetryDestinationError(.invalidCharacter("\u{0}"), in: .topic, at: offset)
        }
        guard text.utf8.count <= 65535 else { throw TelemetryDestinationError(.topicTooLong(text.utf8.count), in: .topic, at: offset) }
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let character = rest.first {
            if character == "{" || character == "}" {
                let position = offset + text.utf8.distance(from: text.startIndex, to: rest.startIndex)
                let placeholder: Segment? = rest.hasPrefix("{id}") ? .id : rest.hasPrefix("{device}") ? .device : nil
                guard let placeholder else {
                    let end = rest.firstIndex(of: "}").map { rest.index(after: $0) } ?? rest.endIndex
                    throw TelemetryDestinationError(.unknownPlaceholder(String(rest[..<end])), in: .topic, at: position)
                }
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(placeholder)
                rest = rest.dropFirst(placeholder == .id ? 4 : 8)
            } else {
                literal.append(character)
                rest = rest.dropFirst()
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return MQTTTopicTemplate(segments: segments)
    }
}
