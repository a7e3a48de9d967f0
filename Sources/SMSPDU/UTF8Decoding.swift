/// Reading scalars straight out of a string's UTF-8 storage (native strings are contiguous and
/// valid UTF-8), for the encoders' loops.
enum UTF8Decoding {
    /// The scalar value that starts at `index` and its length in bytes; `nil` when the bytes end
    /// inside it (which valid UTF-8 never does).
    @inline(__always)
    static func scalar(at index: Int, in utf8: UnsafeBufferPointer<UInt8>) -> (code: UInt32, length: Int)? {
        let lead = UInt32(utf8[index])
        var code: UInt32
        let length: Int
        switch lead {
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: code = lead & 0x1F; length = 2
        case 0xE0..<0xF0: code = lead & 0x0F; length = 3
        default: code = lead & 0x07; length = 4
        }
        guard index &+ length <= utf8.count else { return nil }
        for offset in 1..<length {
            code = code << 6 | UInt32(utf8[index &+ offset] & 0x3F)
        }
        return (code, length)
    }
}
