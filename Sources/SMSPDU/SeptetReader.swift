/// Reads septets from packed octets, eight octets at a time where it can; octets past the end
/// read as zero bits (the caller checked the length).
struct SeptetReader {
    private let source: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var accumulator: UInt64 = 0
    private var bits = 0

    @inline(__always)
    init(_ source: UnsafeBufferPointer<UInt8>, fillBits: Int) {
        self.source = source
        refill()
        let fill = max(0, min(fillBits, 6))
        accumulator >>= UInt64(fill)
        bits -= fill
    }

    @inline(__always)
    private mutating func refill() {
        if position + 8 <= source.count, let base = source.baseAddress {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let take = (64 - bits) / 8
            let mask: UInt64 = take >= 8 ? ~0 : (1 << UInt64(take * 8)) - 1
            accumulator |= (word & mask) << UInt64(bits)
            position += take
            bits += take * 8
            return
        }
        while bits <= 56 {
            if position < source.count { accumulator |= UInt64(source[position]) << UInt64(bits) }
            position += 1
            bits += 8
        }
    }

    @inline(__always)
    mutating func septet() -> Int {
        if bits < 7 { refill() }
        let septet = Int(truncatingIfNeeded: accumulator & 0x7F)
        accumulator >>= 7
        bits -= 7
        return septet
    }
}
