/// The Remaining Length of the fixed header (§2.2.3): 7 bits a byte, least significant first,
/// the high bit set on every byte but the last; one to four bytes.
///
///     MQTTRemainingLength.encode(321)   // [0xC1, 0x02]   (0x41 + 0x02 × 128)
public enum MQTTRemainingLength {
    /// The largest length four bytes carry: 268 435 455 (256 MiB − 1).
    public static let maximum = 268_435_455

    public static func encode(_ length: Int) throws(MQTTViolation) -> [UInt8] {
        guard (0...maximum).contains(length) else { throw .remainingLengthOutOfRange(length) }
        var value = length
        var bytes: [UInt8] = []
        repeat {
            var byte = UInt8(value % 128)
            value /= 128
            if value > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while value > 0
        return bytes
    }

    /// What the start of `bytes` holds.
    public enum Decoded: Sendable, Hashable {
        /// The length, and how many bytes encoded it.
        case length(Int, byteCount: Int)
        /// The bytes so far are a valid beginning; more are needed.
        case incomplete
        /// The fourth byte has its continuation bit set.
        case tooLong
    }

    /// Decodes a Remaining Length from the start of `bytes` (which follow the first header byte).
    public static func decode(_ bytes: some Collection<UInt8>) -> Decoded {
        var value = 0
        var multiplier = 1
        for (index, byte) in bytes.prefix(4).enumerated() {
            value += Int(byte & 0x7F) * multiplier
            if byte & 0x80 == 0 { return .length(value, byteCount: index + 1) }
            if index == 3 { return .tooLong }
            multiplier *= 128
        }
        return .incomplete
    }
}
