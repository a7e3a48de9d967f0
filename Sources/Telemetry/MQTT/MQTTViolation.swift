/// What is wrong with an MQTT 3.1.1 packet or field: found while decoding (wrapped in
/// ``MQTTDecodingError`` with the byte it was found at) or refused before encoding.
///
/// Field names follow the OASIS MQTT 3.1.1 specification ("topic name", "client identifier").
public enum MQTTViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// Packet type 0 or 15 (§2.2.1).
    case reservedPacketType(UInt8)
    /// PUBREC, PUBREL or PUBCOMP: QoS 2, which this client neither asks for nor accepts.
    case unsupportedPacketType(UInt8)
    /// The fixed header's flag bits are not the ones §2.2.2 fixes for this packet type.
    case invalidFlags(packet: String, flags: UInt8)
    /// A fifth Remaining Length byte (§2.2.3 allows four).
    case remainingLengthTooLong
    /// A length the Remaining Length cannot carry (more than 268 435 455).
    case remainingLengthOutOfRange(Int)
    /// The packet is larger than the decoder accepts.
    case packetTooLarge(size: Int, limit: Int)
    /// The packet ends inside this field.
    case truncated(field: String)
    /// Bytes left over after the last field of a packet whose size is fixed by its fields.
    case trailingBytes(packet: String, count: Int)
    /// A string or binary field longer than 65 535 bytes (§1.5.3).
    case fieldTooLong(field: String, length: Int)
    case invalidUTF8(field: String)
    /// U+0000 in a string (§1.5.3 forbids it).
    case nullCharacter(field: String)
    /// CONNECT's protocol name is not `MQTT` (§3.1.2.1).
    case invalidProtocolName(String)
    /// CONNECT's protocol level is not 4 (§3.1.2.2).
    case unsupportedProtocolLevel(UInt8)
    /// A reserved bit is set (CONNECT flags bit 0, CONNACK flags, a subscription's QoS byte).
    case reservedBitSet(field: String)
    /// The password flag without the user name flag (§3.1.2.9).
    case passwordWithoutUsername
    /// Will QoS or will retain set without the will flag (§3.1.2.6, §3.1.2.7).
    case willFlagsWithoutWill
    /// An empty client identifier asks the server to assign one, which needs a clean session (§3.1.3.1).
    case emptyClientIDNeedsCleanSession
    /// QoS 3 does not exist.
    case invalidQoS(UInt8)
    /// QoS 2: valid MQTT, not supported here.
    case unsupportedQoS(UInt8)
    /// DUP set on a QoS 0 PUBLISH (§3.3.1.1).
    case duplicateOnQoS0
    /// Packet identifier 0 (§2.3.1 wants non-zero).
    case zeroPacketID
    /// A QoS 1 PUBLISH without a packet identifier, or a QoS 0 one with one.
    case packetIDMismatch(qos: UInt8)
    case invalidTopicName(String, reason: String)
    case invalidTopicFilter(String, reason: String)
    /// SUBSCRIBE, UNSUBSCRIBE or SUBACK without a single entry (§3.8.3, §3.10.3).
    case noEntries(packet: String)
    /// A SUBACK return code other than 0x00, 0x01, 0x02 and 0x80 (§3.9.3).
    case invalidSubAckReturnCode(UInt8)

    public var description: String {
        switch self {
        case .reservedPacketType(let type): "reserved packet type \(type)"
        case .unsupportedPacketType(let type): "packet type \(type) (QoS 2 flow) is not supported"
        case .invalidFlags(let packet, let flags): "\(packet) with invalid fixed-header flags 0x\(String(flags, radix: 16))"
        case .remainingLengthTooLong: "remaining length longer than 4 bytes"
        case .remainingLengthOutOfRange(let length): "remaining length \(length) exceeds 268435455"
        case .packetTooLarge(let size, let limit): "packet of \(size) bytes exceeds the limit of \(limit)"
        case .truncated(let field): "packet ends inside the \(field)"
        case .trailingBytes(let packet, let count): "\(count) unexpected byte(s) after the \(packet)"
        case .fieldTooLong(let field, let length): "\(field) is \(length) bytes, more than 65535"
        case .invalidUTF8(let field): "\(field) is not valid UTF-8"
        case .nullCharacter(let field): "\(field) contains U+0000"
        case .invalidProtocolName(let name): "protocol name \"\(name)\" is not \"MQTT\""
        case .unsupportedProtocolLevel(let level): "protocol level \(level) is not 4 (MQTT 3.1.1)"
        case .reservedBitSet(let field): "reserved bit set in the \(field)"
        case .passwordWithoutUsername: "password flag set without the user name flag"
        case .willFlagsWithoutWill: "will QoS or will retain set without the will flag"
        case .emptyClientIDNeedsCleanSession: "an empty client identifier needs clean session"
        case .invalidQoS(let qos): "QoS \(qos) does not exist"
        case .unsupportedQoS(let qos): "QoS \(qos) is not supported"
        case .duplicateOnQoS0: "DUP set on a QoS 0 PUBLISH"
        case .zeroPacketID: "packet identifier 0"
        case .packetIDMismatch(let qos): "QoS \(qos) PUBLISH with\(qos == 0 ? "" : "out") a packet identifier"
        case .invalidTopicName(let topic, let reason): "topic name \"\(topic)\": \(reason)"
        case .invalidTopicFilter(let filter, let reason): "topic filter \"\(filter)\": \(reason)"
        case .noEntries(let packet): "\(packet) without any entry"
        case .invalidSubAckReturnCode(let code): "SUBACK return code 0x\(String(code, radix: 16))"
        }
    }
}

/// Malformed MQTT input: what is wrong, and at which byte of the stream (counted from 0, over
/// everything the decoder was given) it was found.
///
///     // 0x30 0x05 0x00 0x03 "a/+" → PUBLISH with a wildcard in its topic name
///     MQTTDecodingError(violation: .invalidTopicName("a/+", reason: …), offset: 2)
public struct MQTTDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public var violation: MQTTViolation
    /// The stream offset of the byte (or the start of the field) where it went wrong.
    public var offset: Int

    public init(violation: MQTTViolation, offset: Int) {
        self.violation = violation
        self.offset = offset
    }

    public var description: String { "malformed MQTT at byte \(offset): \(violation)" }
}
