/// Packs septets into a buffer, least significant bit first (TS 23.038 §6.1.2.1.1), as
/// ``SeptetMap/scan(_:main:ext:into:)`` hands them over; eight at a time with one 8-byte store.
/// Counts every septet but writes only the first `room` (TP-UDL's limit; the caller throws).
struct SeptetPacker: SeptetSink {
    /// Where the octets go; at least 8 bytes past the last octet `room` septets fill.
    var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    let room: Int
    private(set) var count = 0
    /// The next octet to write.
    private(set) var position: Int
    /// Bits not yet written (fewer than 8 between calls), lowest first.
    private var accumulator: UInt64 = 0
    private var bits: Int

    init(room: Int, fill: Int, position: Int) {
        self.room = room
        self.bits = fill
        self.position = position
    }

    @inline(__always)
    mutating func put(_ septet: UInt8) {
        count &+= 1
        guard count <= room else { return }
        accumulator |= UInt64(septet) << UInt64(bits)
        bits &+= 7
        if bits >= 8 {
            buffer[position] = UInt8(truncatingIfNeeded: accumulator)
            position &+= 1
            accumulator >>= 8
            bits &-= 8
        }
    }

    @inline(__always)
    mutating func put8(_ septets: UInt64) {
        guard count &+ 8 <= room, position &+ 8 <= buffer.count else {
            for lane in 0..<8 { put(UInt8(truncatingIfNeeded: septets >> UInt64(lane &* 7)) & 0x7F) }
            return
        }
        count &+= 8
        // Fewer than 8 bits wait, so the 56 new ones fit: 7 whole octets, the same bits left over.
        let word = accumulator | septets << UInt64(bits)
        buffer.storeBytes(of: word.littleEndian, toByteOffset: position, as: UInt64.self)
        position &+= 7
        accumulator = word >> 56
    }

    /// Writes the last, partly filled octet.
    mutating func finish() {
        if bits > 0, position < buffer.count {
            buffer[position] = UInt8(truncatingIfNeeded: accumulator)
            position &+= 1
        }
        bits = 0
    }
}
