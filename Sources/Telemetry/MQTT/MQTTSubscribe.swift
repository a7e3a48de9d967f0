/// One entry of SUBSCRIBE: a topic filter and the highest QoS wanted for it.
///
///     MQTTSubscription(filter: "a/#", qos: .atLeastOnce)   // in SUBSCRIBE: 00 03 'a' '/' '#' 01
public struct MQTTSubscription: Sendable, Hashable {
    /// May hold wildcards: `meters/+/temp`, `meters/#`.
    public var filter: String
    public var qos: MQTTQoS

    public init(filter: String, qos: MQTTQoS = .atLeastOnce) {
        self.filter = filter
        self.qos = qos
    }
}

/// SUBSCRIBE (§3.8).
///
///     MQTTSubscribe(packetID: 1, subscriptions: [MQTTSubscription(filter: "a/#", qos: .atLeastOnce)])
///     // 82 08  00 01  00 03 'a' '/' '#'  01
public struct MQTTSubscribe: Sendable, Hashable, CustomStringConvertible {
    public var packetID: UInt16
    public var subscriptions: [MQTTSubscription]

    public init(packetID: UInt16, subscriptions: [MQTTSubscription]) {
        self.packetID = packetID
        self.subscriptions = subscriptions
    }

    public var description: String {
        "id=\(packetID) " + subscriptions.map { "\"\($0.filter)\" qos=\($0.qos.rawValue)" }.joined(separator: ", ")
    }
}

/// SUBACK (§3.9): one return code per requested subscription, in order.
///
///     90 04  00 01  01 80   → id 1: first granted at QoS 1, second refused
public struct MQTTSubAck: Sendable, Hashable, CustomStringConvertible {
    public enum ReturnCode: UInt8, Sendable, Hashable {
        case grantedQoS0 = 0x00
        case grantedQoS1 = 0x01
        case grantedQoS2 = 0x02
        case failure = 0x80
    }

    public var packetID: UInt16
    public var returnCodes: [ReturnCode]

    public init(packetID: UInt16, returnCodes: [ReturnCode]) {
        self.packetID = packetID
        self.returnCodes = returnCodes
    }

    public var description: String {
        "id=\(packetID) " + returnCodes.map { $0 == .failure ? "failure" : "qos\($0.rawValue)" }.joined(separator: ",")
    }
}

/// UNSUBSCRIBE (§3.10).
///
///     MQTTUnsubscribe(packetID: 2, filters: ["a/#"])
///     // A2 07  00 02  00 03 'a' '/' '#'
public struct MQTTUnsubscribe: Sendable, Hashable, CustomStringConvertible {
    public var packetID: UInt16
    public var filters: [String]

    public init(packetID: UInt16, filters: [String]) {
        self.packetID = packetID
        self.filters = filters
    }

    public var description: String { "id=\(packetID) " + filters.map { "\"\($0)\"" }.joined(separator: ", ") }
}
