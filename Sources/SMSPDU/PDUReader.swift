/// A bounds-checked cursor over PDU bytes: every read either succeeds or throws a ``PDUError``
/// carrying the offset, so no input can index out of range.
struct PDUReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }
    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte(_ field: @autoclosure () -> String) throws(PDUError) -> UInt8 {
        guard offset < bytes.count else { throw PDUError(.truncated(field: field()), offset: offset) }
        let value = bytes[offset]
        offset += 1
        return value
    }

    func peek() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    mutating func take(_ count: Int, _ field: @autoclosure () -> String) throws(PDUError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= remaining else {
            throw PDUError(.truncated(field: field()), offset: offset)
        }
        let slice = bytes[offset..<offset + count]
        offset += count
        return slice
    }
}
