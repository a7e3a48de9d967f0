/// PDU hex strings as modems print them (`+CMGR`, `+CMT`) and as `+CMGS` takes them.
///
///     try PDUHex.bytes("0791")   // [0x07, 0x91]
///     PDUHex.string([0x07, 0x91]) // "0791"
public enum PDUHex {
    /// Parses upper- or lower-case hex; surrounding whitespace is not accepted.
    /// - Throws: ``PDUError/Kind/invalidHex(_:)`` or ``PDUError/Kind/oddHexLength`` with the
    ///   offset of the offending character.
    public static func bytes(_ hex: some StringProtocol) throws(PDUError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8? = nil
        var index = 0
        for byte in hex.utf8 {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte &- UInt8(ascii: "A") &+ 10
            default:
                throw PDUError(.invalidHex(character(in: hex, atUTF8Offset: index)), offset: index)
            }
            if let pending = high {
                result.append(pending << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
            index += 1
        }
        if high != nil { throw PDUError(.oddHexLength, offset: index) }
        return result
    }

    /// Upper-case hex, two digits per byte.
    public static func string(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [UInt8] = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func character(in hex: some StringProtocol, atUTF8Offset offset: Int) -> Character {
        var start = 0
        for character in hex {
            let end = start + character.utf8.count
            if offset < end { return character }
            start = end
        }
        return "\u{FFFD}"
    }
}
