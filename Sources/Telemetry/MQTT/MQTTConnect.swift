/// CONNECT (§3.1): the first packet a client sends.
///
///     MQTTConnect(clientID: "m1", cleanSession: true, keepAlive: 60)
///     // 10 0E  00 04 'M' 'Q' 'T' 'T'  04  02  00 3C  00 02 'm' '1'
///     //  type, remaining length, protocol name, level 4, flags (clean session), keep alive 60 s,
///     //  client identifier
public struct MQTTConnect: Sendable, Hashable {
    /// 1 to 23 characters for every server (§3.1.3.1); longer ones many servers accept. Empty
    /// asks the server to assign one and needs ``cleanSession``.
    public var clientID: String
    /// `false` keeps the session (subscriptions, unacknowledged QoS 1 messages) across connections.
    public var cleanSession: Bool
    /// Seconds; the client sends something at least this often. 0 turns keep alive off.
    public var keepAlive: UInt16
    public var username: String?
    public var password: MQTTSecret?
    public var will: MQTTWill?

    public init(
        clientID: String, cleanSession: Bool = true, keepAlive: UInt16 = 60,
        username: String? = nil, password: MQTTSecret? = nil, will: MQTTWill? = nil
    ) {
        self.clientID = clientID
        self.cleanSession = cleanSession
        self.keepAlive = keepAlive
        self.username = username
        self.password = password
        self.will = will
    }
}

/// The message the server publishes for a client that goes away without DISCONNECT (§3.1.2.5).
///
///     MQTTWill(topic: "s/d", message: Array("off".utf8), qos: .atLeastOnce, retain: true)
///     // CONNECT flags |= 0x2C (will, QoS 1, retain); payload: 00 03 's' '/' 'd'  00 03 'o' 'f' 'f'
public struct MQTTWill: Sendable, Hashable {
    public var topic: String
    public var message: [UInt8]
    public var qos: MQTTQoS
    public var retain: Bool

    public init(topic: String, message: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false) {
        self.topic = topic
        self.message = message
        self.qos = qos
        self.retain = retain
    }
}

/// A password: its bytes go on the wire, never into a description, a debug description or a
/// mirror (so `print`, `dump`, string interpolation and test failures show `<redacted>`).
public struct MQTTSecret: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }
    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension MQTTConnect: CustomStringConvertible {
    public var description: String {
        var text = "client=\"\(clientID)\" clean=\(cleanSession) keepAlive=\(keepAlive)"
        if let username { text += " user=\"\(username)\"" }
        if password != nil { text += " password=<redacted>" }
        if let will { text += " will=\"\(will.topic)\" qos=\(will.qos.rawValue) retain=\(will.retain) (\(will.message.count) bytes)" }
        return text
    }
}
