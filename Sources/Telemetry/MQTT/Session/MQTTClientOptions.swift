/// How a client connects: what goes into CONNECT, and how long it waits for the broker.
///
///     MQTTClientOptions(clientID: "meter-42", cleanSession: false, keepAlive: 60,
///                       username: "meter", password: "…")
///     // → 10 …  00 04 'M' 'Q' 'T' 'T'  04  C0  00 3C  00 08 "meter-42"  00 05 "meter"  00 … password
@dynamicMemberLookup
public struct MQTTClientOptions: Sendable, Hashable {
    /// What goes into CONNECT: client ID, clean session, keep alive (seconds; 0 turns it off),
    /// user name, password (never logged or described), will. Its fields read and write through
    /// the options too: `options.clientID`, `options.keepAlive`.
    ///
    /// Clean session is off by default here: the broker keeps the session and unacknowledged
    /// QoS 1 messages are sent again (DUP) after a reconnect.
    public var connect: MQTTConnect
    /// How long CONNACK may take once the connection is open.
    public var connectTimeout: Duration
    /// How long PINGRESP may take before the connection is taken for dead.
    public var pingTimeout: Duration

    public init(
        clientID: String, cleanSession: Bool = false, keepAlive: UInt16 = 60,
        username: String? = nil, password: MQTTSecret? = nil, will: MQTTWill? = nil,
        connectTimeout: Duration = .seconds(10), pingTimeout: Duration = .seconds(10)
    ) {
        connect = MQTTConnect(clientID: clientID, cleanSession: cleanSession, keepAlive: keepAlive, username: username, password: password, will: will)
        self.connectTimeout = connectTimeout
        self.pingTimeout = pingTimeout
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<MQTTConnect, Value>) -> Value {
        get { connect[keyPath: keyPath] }
        set { connect[keyPath: keyPath] = newValue }
    }
}

/// An application message as the client publishes or receives it.
///
///     MQTTMessage(topic: "a/b", payload: Array("hi".utf8), qos: .atLeastOnce)
///     // published as 32 09 00 03 'a' '/' 'b' <packet id> 'h' 'i'
public struct MQTTMessage: Sendable, Hashable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    public var retain: Bool

    public init(topic: String, payload: [UInt8], qos: MQTTQoS = .atLeastOnce, retain: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
    }
}

/// Why a connection, a publish or a subscription failed.
public enum MQTTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The connection to the broker could not be opened (nothing listens, no route, modem socket
    /// error); the text says why.
    case connectFailed(String)
    /// The broker answered CONNACK with a refusal.
    case refused(MQTTConnectReturnCode)
    /// No CONNACK within ``MQTTClientOptions/connectTimeout``.
    case connectTimedOut(Duration)
    /// No PINGRESP within ``MQTTClientOptions/pingTimeout``: the connection is taken for dead.
    case pingTimedOut(Duration)
    /// The connection ended (the broker went away, a send failed); the text says how.
    case connectionLost(String)
    /// The broker sent something malformed or out of place; the connection was closed.
    case protocolViolation(String)
    /// Not connected: call `connect` first.
    case notConnected
    /// The request itself is invalid (a wildcard in a topic name...); nothing was sent.
    case invalidRequest(MQTTViolation)
    /// All 65 535 packet identifiers are in flight.
    case packetIDsExhausted
    /// `disconnect()` was called.
    case disconnected

    public var description: String {
        switch self {
        case .connectFailed(let why): "cannot reach the MQTT broker: \(why)"
        case .refused(let code): "the MQTT broker refused the connection: CONNACK \(code)"
        case .connectTimedOut(let limit): "no CONNACK within \(limit)"
        case .pingTimedOut(let limit): "no PINGRESP within \(limit): connection dead"
        case .connectionLost(let why): "connection to the MQTT broker lost: \(why)"
        case .protocolViolation(let why): "MQTT protocol violation by the broker: \(why)"
        case .notConnected: "not connected to the MQTT broker"
        case .invalidRequest(let violation): "invalid MQTT request: \(violation)"
        case .packetIDsExhausted: "all 65535 packet identifiers are in flight"
        case .disconnected: "disconnected"
        }
    }
}
