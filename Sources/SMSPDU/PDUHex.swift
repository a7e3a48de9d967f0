/// PDU hex strings as modems print them (`+CMGR`, `+CMT`) and as `+CMGS` takes them.
///
///     try PDUHex.bytes("0791")   // [0x07, 0x91]
///     PDUHex.string([0x07, 0x91]) // "0791"
public enum PDUHex {
    /// Parses upper- or lower-case hex; surrounding whitespace is not accepted.
    /// - Throws: ``PDUError/Kind/invalidHex(_:)`` or ``PDUError/Kind/oddHexLength`` with the
    ///   offset of the offending character.
    public static func bytes(_ hex: some StringProtocol) throws(PDUError) -> [UInt8] {
        // Contiguous UTF-8 (native strings, substrings of them): decoded through a pointer.
        // Bad hex, or other storage, goes the general way, which says where the error is.
        if let decoded = hex.utf8.withContiguousStorageIfAvailable(bytes(contiguous:)), let decoded {
            return decoded
        }
        var result: [UInt8] = []
        result.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8? = nil
        var index = 0
        for byte in hex.utf8 {
            guard let nibble = nibble(byte) else {
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

    /// The bytes of well-formed hex, or `nil` for any fault (reported by the general path).
    private static func bytes(contiguous utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard utf8.count % 2 == 0 else { return nil }
        var valid = true
        let result = [UInt8](unsafeUninitializedCapacity: utf8.count / 2) { out, initialized in
            var index = 0
            while index < utf8.count / 2 {
                guard let high = nibble(utf8[2 &* index]), let low = nibble(utf8[2 &* index &+ 1]) else {
                    valid = false
                    break
                }
                out[index] = high << 4 | low
                index += 1
            }
            initialized = index
        }
        return valid ? result : nil
    }

    @inline(__always)
    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
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
