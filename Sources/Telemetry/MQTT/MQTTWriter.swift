/// Builds a packet's variable header and payload, checking each field as it goes.
struct MQTTWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func uint16(_ value: UInt16) {
        bytes.append(UInt8(value >> 8))
        bytes.append(UInt8(value & 0xFF))
    }

    mutating func packetID(_ id: UInt16) throws(MQTTViolation) {
        guard id != 0 else { throw .zeroPacketID }
        uint16(id)
    }

    /// A length-prefixed UTF-8 string (§1.5.3).
    mutating func string(_ text: String, field: String) throws(MQTTViolation) {
        try MQTTTopic.validateString(text, field: field)
        uint16(UInt16(text.utf8.count))
        bytes += text.utf8
    }

    /// Length-prefixed binary data (will message, password).
    mutating func binary(_ data: [UInt8], field: String) throws(MQTTViolation) {
        guard data.count <= Int(UInt16.max) else { throw .fieldTooLong(field: field, length: data.count) }
        uint16(UInt16(data.count))
        bytes += data
    }
}
