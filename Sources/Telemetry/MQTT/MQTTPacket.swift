/// One MQTT 3.1.1 control packet, as a client sends or receives it (OASIS MQTT 3.1.1, §3).
///
/// Encode with ``encoded()``; decode a byte stream with ``MQTTPacketDecoder``.
///
///     try MQTTPacket.pingreq.encoded()     // [0xC0, 0x00]
///     try MQTTPacket.puback(packetID: 10).encoded()   // [0x40, 0x02, 0x00, 0x0A]
///
/// QoS 2 (PUBREC, PUBREL, PUBCOMP) is left out: the client publishes and subscribes at QoS 0 or 1.
public enum MQTTPacket: Sendable, Hashable {
    case connect(MQTTConnect)
    case connack(MQTTConnAck)
    case publish(MQTTPublish)
    case puback(packetID: UInt16)
    case subscribe(MQTTSubscribe)
    case suback(MQTTSubAck)
    case unsubscribe(MQTTUnsubscribe)
    case unsuback(packetID: UInt16)
    case pingreq
    case pingresp
    case disconnect

    /// The control packet type of §2.2.1 (CONNECT = 1 … DISCONNECT = 14).
    public var type: UInt8 {
        switch self {
        case .connect: 1
        case .connack: 2
        case .publish: 3
        case .puback: 4
        case .subscribe: 8
        case .suback: 9
        case .unsubscribe: 10
        case .unsuback: 11
        case .pingreq: 12
        case .pingresp: 13
        case .disconnect: 14
        }
    }

    /// The packet's name as the specification writes it.
    public static func name(ofType type: UInt8) -> String {
        let names = [
            "reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
            "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "reserved",
        ]
        return type < 16 ? names[Int(type)] : "type \(type)"
    }
}

/// Quality of service: 0 (at most once) and 1 (at least once). QoS 2 is not supported.
public enum MQTTQoS: UInt8, Sendable, Hashable, Comparable {
    case atMostOnce = 0
    case atLeastOnce = 1

    public static func < (lhs: MQTTQoS, rhs: MQTTQoS) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The QoS in two bits of a header, or why not.
    static func decoded(_ bits: UInt8) throws(MQTTViolation) -> MQTTQoS {
        switch bits {
        case 0: .atMostOnce
        case 1: .atLeastOnce
        case 2: throw .unsupportedQoS(2)
        default: throw .invalidQoS(bits)
        }
    }
}

extension MQTTPacket: CustomStringConvertible {
    /// A one-line summary for logs: never a password, payloads by size only.
    public var description: String {
        switch self {
        case .connect(let connect): "CONNECT \(connect)"
        case .connack(let connack): "CONNACK \(connack)"
        case .publish(let publish): "PUBLISH \(publish)"
        case .puback(let id): "PUBACK id=\(id)"
        case .subscribe(let subscribe): "SUBSCRIBE \(subscribe)"
        case .suback(let suback): "SUBACK \(suback)"
        case .unsubscribe(let unsubscribe): "UNSUBSCRIBE \(unsubscribe)"
        case .unsuback(let id): "UNSUBACK id=\(id)"
        case .pingreq: "PINGREQ"
        case .pingresp: "PINGRESP"
        case .disconnect: "DISCONNECT"
        }
    }
}
