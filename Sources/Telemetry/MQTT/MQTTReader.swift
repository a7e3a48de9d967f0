/// Reads the fields of one complete packet, knowing where in the stream each byte stood, so a
/// violation is reported at its byte.
struct MQTTReader {
    private let bytes: [UInt8]
    private var index: Int
    private let end: Int
    /// The stream offset of `bytes[0]`.
    private let base: Int

    /// `bytes[start..<end]` is the packet's body; `bytes[0]` is at stream offset `base`.
    init(_ bytes: [UInt8], start: Int, end: Int, base: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
        self.base = base
    }

    /// The stream offset of the next byte.
    var offset: Int { base + index }
    var remaining: Int { end - index }
    var isAtEnd: Bool { index >= end }

    func error(_ violation: MQTTViolation, at offset: Int? = nil) -> MQTTDecodingError {
        MQTTDecodingError(violation: violation, offset: offset ?? self.offset)
    }

    mutating func byte(_ field: String) throws(MQTTDecodingError) -> UInt8 {
        guard index < end else { throw error(.truncated(field: field)) }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func uint16(_ field: String) throws(MQTTDecodingError) -> UInt16 {
        guard remaining >= 2 else { throw error(.truncated(field: field)) }
        defer { index += 2 }
        return UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])
    }

    mutating func packetID() throws(MQTTDecodingError) -> UInt16 {
        let start = offset
        let id = try uint16("packet identifier")
        guard id != 0 else { throw error(.zeroPacketID, at: start) }
        return id
    }

    /// Length-prefixed bytes; a length past the packet's end is reported at the prefix.
    mutating func binary(_ field: String) throws(MQTTDecodingError) -> [UInt8] {
        let start = offset
        let count = Int(try uint16(field))
        guard remaining >= count else { throw error(.truncated(field: field), at: start) }
        defer { index += count }
        return Array(bytes[index..<index + count])
    }

    /// A UTF-8 string: valid, without U+0000; the error points at its length prefix.
    mutating func string(_ field: String) throws(MQTTDecodingError) -> String {
        let start = offset
        let raw = try binary(field)
        guard let text = String(validating: raw, as: UTF8.self) else { throw error(.invalidUTF8(field: field), at: start) }
        guard !raw.contains(0) else { throw error(.nullCharacter(field: field), at: start) }
        return text
    }

    /// Everything left (a PUBLISH payload).
    mutating func rest() -> [UInt8] {
        defer { index = end }
        return Array(bytes[index..<end])
    }

    /// Fails if bytes are left over.
    func expectEnd(_ packet: String) throws(MQTTDecodingError) {
        guard isAtEnd else { throw error(.trailingBytes(packet: packet, count: remaining)) }
    }
}
