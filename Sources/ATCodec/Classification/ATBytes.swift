/// Byte-range comparisons for the classifier's hot path: plain loops over borrowed buffers,
/// which the optimiser turns into tight code, instead of generic sequence algorithms.
enum ATBytes {
    @inline(__always)
    static func equal(_ line: ArraySlice<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard line.count == bytes.count else { return false }
        return compare(line, bytes, count: bytes.count)
    }

    @inline(__always)
    static func hasPrefix(_ line: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard line.count >= prefix.count else { return false }
        return compare(line, prefix, count: prefix.count)
    }

    @inline(__always)
    static func equal(_ line: ArraySlice<UInt8>, _ bytes: ArraySlice<UInt8>) -> Bool {
        guard line.count == bytes.count else { return false }
        return line.withUnsafeBufferPointer { a in
            bytes.withUnsafeBufferPointer { b in
                var index = 0
                while index < a.count {
                    if a[index] != b[index] { return false }
                    index += 1
                }
                return true
            }
        }
    }

    @inline(__always)
    private static func compare(_ line: ArraySlice<UInt8>, _ bytes: [UInt8], count: Int) -> Bool {
        line.withUnsafeBufferPointer { a in
            bytes.withUnsafeBufferPointer { b in
                var index = 0
                while index < count {
                    if a[index] != b[index] { return false }
                    index += 1
                }
                return true
            }
        }
    }

    /// Compares with a constant without touching any reference count.
    @inline(__always)
    static func equal(_ line: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard line.count == word.utf8CodeUnitCount else { return false }
        return compare(line, word)
    }

    @inline(__always)
    static func hasPrefix(_ line: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        guard line.count >= word.utf8CodeUnitCount else { return false }
        return compare(line, word)
    }

    @inline(__always)
    private static func compare(_ line: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        let pointer = word.utf8Start
        return line.withUnsafeBufferPointer { a in
            var index = 0
            while index < word.utf8CodeUnitCount {
                if a[index] != pointer[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// The bytes without trailing Ctrl-Z and ESC (the end of a prompt payload).
    static func trimmingTerminators(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[end - 1] == ATByte.ctrlZ || bytes[end - 1] == ATByte.escape { end -= 1 }
        return bytes[bytes.startIndex..<end]
    }

    /// A non-negative decimal number made of the bytes after leading spaces, or `nil` when
    /// anything else is there (`+CME ERROR: 10` → 10, `+CME ERROR: SIM busy` → nil).
    static func decimal(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        while index < bytes.endIndex, bytes[index] == ATByte.space { index += 1 }
        var end = bytes.endIndex
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
