/// Packs septets into octets, least significant bit first (TS 23.038 §6.1.2.1.1), after
/// `fillBits` zero bits (the padding that aligns 7-bit text to a septet boundary after a user data
/// header, TS 23.040 §9.2.3.24).
///
///     GSM7Packing.pack(try GSM7Alphabet().septets("hellohello"))
///     // E8 32 9B FD 46 97 D9 EC 37 (TS 23.038's own example)
public enum GSM7Packing {
    public static func pack(_ septets: [UInt8], fillBits: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        pack(septets, fillBits: fillBits, into: &out)
        return out
    }

    /// Appends the packed septets to `out`.
    public static func pack(_ septets: [UInt8], fillBits: Int = 0, into out: inout [UInt8]) {
        let fill = max(0, min(fillBits, 6))
        out.reserveCapacity(out.count + (fill + septets.count * 7 + 7) / 8)
        var accumulator: UInt32 = 0
        var bits = fill
        for septet in septets {
            accumulator |= UInt32(septet & 0x7F) << UInt32(bits)
            bits += 7
            while bits >= 8 {
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator >>= 8
                bits -= 8
            }
        }
        if bits > 0 { out.append(UInt8(truncatingIfNeeded: accumulator)) }
    }

    /// Unpacks `count` septets after `fillBits` bits; the caller checks that `bytes` holds
    /// `(fillBits + 7 × count + 7) / 8` octets. Missing octets read as zero.
    public static func unpack(_ bytes: ArraySlice<UInt8>, count: Int, fillBits: Int = 0) -> [UInt8] {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        let base = bytes.startIndex, end = bytes.endIndex
        var bit = max(0, fillBits)
        for index in 0..<count {
            let byteIndex = base + bit >> 3
            let shift = bit & 7
            var value: UInt16 = byteIndex < end ? UInt16(bytes[byteIndex]) : 0
            if shift > 1, byteIndex + 1 < end { value |= UInt16(bytes[byteIndex + 1]) << 8 }
            out[index] = UInt8(truncatingIfNeeded: value >> UInt16(shift)) & 0x7F
            bit += 7
        }
        return out
    }

    /// Octets needed for `septets` after `fillBits`.
    public static func octetCount(septets: Int, fillBits: Int = 0) -> Int {
        (fillBits + septets * 7 + 7) / 8
    }
}
