/// Byte-range comparisons for the classifier's hot path: plain loops over borrowed buffers,
/// which the optimiser turns into tight code, instead of generic sequence algorithms.
///
/// Lines arrive as `UnsafeBufferPointer`s into the framer's buffer (or into a caller's slice,
/// for the `ArraySlice` entry points), so reading them retains nothing.
enum ATBytes {
    @inline(__always)
    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard line.count == bytes.count else { return false }
        return bytes.withUnsafeBufferPointer { compare(line, $0, count: $0.count) }
    }

    @inline(__always)
    static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard line.count >= prefix.count else { return false }
        return prefix.withUnsafeBufferPointer { compare(line, $0, count: $0.count) }
    }

    @inline(__always)
    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count == bytes.count else { return false }
        return compare(line, bytes, count: bytes.count)
    }

    /// Whether the first `count` bytes agree; both buffers hold at least `count`.
    @inline(__always)
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
        guard count > 0, let left = a.baseAddress, let right = b.baseAddress else { return true }
        var index = 0
        while index < count {
            if left[index] != right[index] { return false }
            index += 1
        }
        return true
    }

    /// Compares with a constant without touching any reference count.
    @inline(__always)
    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard line.count == word.utf8CodeUnitCount else { return false }
        return compare(line, word)
    }

    @inline(__always)
    static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard line.count >= word.utf8CodeUnitCount else { return false }
        return compare(line, word)
    }

    @inline(__always)
    private static func compare(_ line: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        compare(line, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount), count: word.utf8CodeUnitCount)
    }

    /// The bytes without trailing Ctrl-Z and ESC (the end of a prompt payload).
    static func trimmingTerminators(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == ATByte.ctrlZ || bytes[end - 1] == ATByte.escape { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    /// The bytes without trailing Ctrl-Z and ESC (the end of a prompt payload).
    @inline(__always)
    static func trimmingTerminators(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = bytes.count
        while end > 0, bytes[end - 1] == ATByte.ctrlZ || bytes[end - 1] == ATByte.escape { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[0..<end])
    }

    /// The bytes from `offset` on (an empty buffer when there are fewer).
    @inline(__always)
    static func dropFirst(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[min(offset, bytes.count)...])
    }

    /// A non-negative decimal number made of the bytes after leading spaces, or `nil` when
    /// anything else is there (`+CME ERROR: 10` → 10, `+CME ERROR: SIM busy` → nil).
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count, bytes[index] == ATByte.space { index += 1 }
        var end = bytes.count
        while end > index, bytes[end - 1] == ATByte.space { end -= 1 }
        guard index < end, end - index <= 9 else { return nil }
        var value = 0
        while index < end {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
            index += 1
        }
        return value
    }
}
