/// Reads packed septets eight at a time. After `fillBits` bits, septets 8g...8g+7 lie in octets
/// 7g...7g+7 (56 bits plus at most 6 fill bits), so one unaligned little-endian 64-bit load
/// shifted right by the fill holds all eight, septet i in bits 7i...7i+6. Octets past the end read
/// as zero bits (the caller checked the length).
struct SeptetReader {
    private let source: UnsafeBufferPointer<UInt8>
    private let fill: UInt64

    @inline(__always)
    init(_ source: UnsafeBufferPointer<UInt8>, fillBits: Int) {
        self.source = source
        fill = UInt64(max(0, min(fillBits, 6)))
    }

    /// Septets 8·`index`...8·`index`+7, septet i in bits 7i...7i+6 (bits 56 and up are not septets).
    @inline(__always)
    func group(_ index: Int) -> UInt64 {
        let start = index &* 7
        var word: UInt64 = 0
        if start >= 0, start &+ 8 <= source.count, let base = source.baseAddress {
            word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
        } else {
            // The last group or two: byte by byte, zeros past the end.
            var position = max(0, start)
            var shift: UInt64 = 0
            while position < source.count, shift < 64 {
                word |= UInt64(source[position]) << shift
                position += 1
                shift += 8
            }
        }
        return word >> fill
    }

    /// Septet `i` (0...7) of a group.
    @inline(__always)
    static func septet(_ i: Int, of group: UInt64) -> Int {
        Int(truncatingIfNeeded: group >> UInt64(7 &* i)) & 0x7F
    }
}
