/// Why a destination URL was refused: what is wrong, in which part, and where (a UTF-8 offset
/// into the URL). A password is never part of the message.
///
///     try TelemetryDestination("mqtt://broker:99999/t")
///     // port: "99999" is not a port (1...65535) at offset 14
public struct TelemetryDestinationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The part of the URL that is wrong.
    public enum Part: String, Sendable, Hashable {
        case scheme, userInfo = "user info", host, port, path, topic, query, fragment, number
    }

    public enum Kind: Sendable, Hashable {
        /// Not one of mqtt, http, tcp, udp, sms.
        case unsupportedScheme(String)
        /// `https` or `mqtts`: this version has no TLS over the modem socket.
        case tlsNotSupported(String)
        /// No `//host` where one is needed.
        case missingHost
        /// Not a host name, an IPv4 address or a bracketed IPv6 address; the text says why.
        case invalidHost(String)
        /// Not a number in 1...65535.
        case invalidPort(String)
        /// A character that may not appear there.
        case invalidCharacter(Character)
        /// `%` not followed by two hex digits, or decoded bytes that are not UTF-8.
        case invalidPercentEncoding
        /// A component this scheme does not take (user info on http, a path on tcp...).
        case unexpected(String)
        /// The MQTT topic is empty.
        case emptyTopic
        /// `+` or `#` in a publish topic (MQTT 3.1.1 §4.7.1: wildcards are for subscriptions).
        case topicWildcard(Character)
        /// A `{...}` that is not `{id}` or `{device}`, or a lone brace.
        case unknownPlaceholder(String)
        /// The topic is longer than MQTT allows (65535 UTF-8 bytes).
        case topicTooLong(Int)
        /// Not an optional `+` and 2 to 15 digits (E.164 allows 15).
        case invalidNumber(String)
    }

    public var kind: Kind
    public var part: Part
    /// UTF-8 offset in the URL where the wrong part (or character) starts.
    public var offset: Int

    public init(_ kind: Kind, in part: Part, at offset: Int) {
        self.kind = kind
        self.part = part
        self.offset = offset
    }

    public var description: String {
        let what: String = switch kind {
        case .unsupportedScheme(let scheme): "\"\(scheme)\" is not supported (mqtt, http, tcp, udp, sms)"
        case .tlsNotSupported(let scheme): "\(scheme) needs TLS, which this version cannot do over the modem socket"
        case .missingHost: "no host (expected //host)"
        case .invalidHost(let why): why
        case .invalidPort(let text): "\"\(text)\" is not a port (1...65535)"
        case .invalidCharacter(let character): "\"\(character.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())\" is not allowed here"
        case .invalidPercentEncoding: "bad percent-encoding (% and two hex digits, decoding to UTF-8)"
        case .unexpected(let what): "\(what) is not allowed for this scheme"
        case .emptyTopic: "the topic is empty"
        case .topicWildcard(let character): "wildcard \"\(character)\" in a publish topic"
        case .unknownPlaceholder(let text): "\"\(text)\" is not a placeholder ({id} or {device})"
        case .topicTooLong(let bytes): "the topic is \(bytes) bytes (MQTT allows 65535)"
        case .invalidNumber(let text): "\"\(text)\" is not a phone number (an optional + and 2 to 15 digits)"
        }
        return "\(part.rawValue): \(what) at offset \(offset)"
    }
}
