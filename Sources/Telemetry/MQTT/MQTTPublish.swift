/// PUBLISH (§3.3): an application message, in either direction.
///
///     MQTTPublish(topic: "a/b", payload: [0x68, 0x69], qos: .atLeastOnce, packetID: 10)
///     // 32 09  00 03 'a' '/' 'b'  00 0A  'h' 'i'
///     //  type 3 with QoS 1, remaining length 9, topic name, packet identifier, payload
public struct MQTTPublish: Sendable, Hashable, CustomStringConvertible {
    /// A topic name: no wildcards.
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    /// Keep as the topic's last known good value for future subscribers.
    public var retain: Bool
    /// A resend of a QoS 1 message that may have arrived already.
    public var dup: Bool
    /// Present for QoS 1, absent for QoS 0.
    public var packetID: UInt16?

    public init(
        topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false,
        dup: Bool = false, packetID: UInt16? = nil
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.dup = dup
        self.packetID = packetID
    }

    public var description: String {
        var text = "\"\(topic)\" qos=\(qos.rawValue)"
        if let packetID { text += " id=\(packetID)" }
        if dup { text += " dup" }
        if retain { text += " retain" }
        return text + " (\(payload.count) bytes)"
    }
}
