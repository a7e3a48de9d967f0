/// Fused septet mapping and packing for encoding, with no intermediate septet array, and the
/// UCS-2 decoder. (7-bit decoding: `GSM7Alphabet+Unpack.swift`.)
extension GSM7Alphabet {
    /// Appends `text` as packed septets after `fillBits` zero bits; returns the septet count.
    /// Writes at most `maxSeptets` (the room TP-UDL leaves); a longer text throws
    /// ``PDUError/Kind/valueOutOfRange(field:value:)`` with its septet count.
    /// - Throws: ``PDUError/Kind/unrepresentable(_:)`` as ``septets(_:)`` does.
    func appendPacked(_ text: String, fillBits: Int, maxSeptets: Int, into out: inout [UInt8]) throws(PDUError) -> Int {
        let main = mainMap, ext = extensionMap
        let fill = max(0, min(fillBits, 6))
        let room = max(0, maxSeptets)
        let capacity = (fill + room * 7 + 7) / 8
        let start = out.count
        // Packed on the stack, then copied: no zero fill and trim of `out`. Eight bytes of
        // slack: `SeptetPacker` stores whole words.
        let (bad, packer) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity + 8) { buffer in
            var packer = SeptetPacker(room: room, fill: fill, position: 0)
            packer.buffer = UnsafeMutableRawBufferPointer(buffer)
            let bad = SeptetMap.scan(text, main: main, ext: ext, into: &packer)
            packer.finish()
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<min(packer.position, capacity)]))
            return (bad, packer)
        }
        if let bad { throw GSM7Alphabet.unrepresentable(bad, in: text) }
        guard packer.count <= room else { throw PDUError(.valueOutOfRange(field: "TP-UDL", value: packer.count), offset: start) }
        return packer.count
    }

    /// Appends `text` as UTF-16BE (UCS-2, surrogate pairs for scalars above U+FFFF), transcoding
    /// the string's UTF-8 storage directly.
    static func appendUCS2(_ text: String, into out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            // Up to 140 octets fit (the caller throws past that): no more, or a PDU's bytes
            // reserved for the largest TPDU would grow again for text with many multi-byte characters.
            out.reserveCapacity(out.count + min(utf8.count * 2, 140))
            var index = 0
            while index < utf8.count {
                guard let (code, length) = UTF8Decoding.scalar(at: index, in: utf8) else { return }
                index &+= length
                if code >= 0x10000 {
                    let high = 0xD800 + ((code - 0x10000) >> 10), low = 0xDC00 + (code & 0x3FF)
                    out.append(UInt8(truncatingIfNeeded: high >> 8))
                    out.append(UInt8(truncatingIfNeeded: high))
                    out.append(UInt8(truncatingIfNeeded: low >> 8))
                    out.append(UInt8(truncatingIfNeeded: low))
                } else {
                    out.append(UInt8(truncatingIfNeeded: code >> 8))
                    out.append(UInt8(truncatingIfNeeded: code))
                }
            }
        }
        guard done == nil else { return }
        for unit in text.utf16 {
            out.append(UInt8(unit >> 8))
            out.append(UInt8(unit & 0xFF))
        }
    }

    /// A lone low surrogate at the start and a lone high surrogate at the end of UTF-16BE octets.
    static func edgeSurrogates(_ bytes: ArraySlice<UInt8>) -> SMSUserData.EdgeSurrogates {
        let units = bytes.count / 2
        guard units > 0 else { return .init() }
        func unit(_ index: Int) -> UInt16 {
            UInt16(bytes[bytes.startIndex + 2 * index]) << 8 | UInt16(bytes[bytes.startIndex + 2 * index + 1])
        }
        var result = SMSUserData.EdgeSurrogates()
        if (0xDC00..<0xE000).contains(unit(0)) { result.leadingLow = unit(0) }
        if (0xD800..<0xDC00).contains(unit(units - 1)) {
            result.trailingHigh = unit(units - 1)
        }
        return result
    }

    /// UTF-16BE octets (an even count) → String; an unpaired surrogate becomes U+FFFD.
    static func decodeUCS2(_ bytes: ArraySlice<UInt8>) -> String {
        let units = bytes.count / 2
        guard units > 0 else { return "" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: units * 3) { buffer -> String in
            var written = 0
            var index = bytes.startIndex
            let end = bytes.startIndex + units * 2
            @inline(__always) func put3(_ code: UInt32) {
                buffer[written] = 0xE0 | UInt8(truncatingIfNeeded: code >> 12)
                buffer[written + 1] = 0x80 | UInt8(truncatingIfNeeded: (code >> 6) & 0x3F)
                buffer[written + 2] = 0x80 | UInt8(truncatingIfNeeded: code & 0x3F)
                written += 3
            }
            while index < end {
                let unit = UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
                index += 2
                switch unit {
                case 0..<0x80:
                    buffer[written] = UInt8(truncatingIfNeeded: unit)
                    written += 1
                case 0x80..<0x800:
                    buffer[written] = 0xC0 | UInt8(truncatingIfNeeded: unit >> 6)
                    buffer[written + 1] = 0x80 | UInt8(truncatingIfNeeded: unit & 0x3F)
                    written += 2
                case 0xD800..<0xDC00:
                    let low = index < end ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1]) : 0
                    guard (0xDC00..<0xE000).contains(low) else { put3(0xFFFD); continue }
                    index += 2
                    let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    buffer[written] = 0xF0 | UInt8(truncatingIfNeeded: code >> 18)
                    buffer[written + 1] = 0x80 | UInt8(truncatingIfNeeded: (code >> 12) & 0x3F)
                    buffer[written + 2] = 0x80 | UInt8(truncatingIfNeeded: (code >> 6) & 0x3F)
                    buffer[written + 3] = 0x80 | UInt8(truncatingIfNeeded: code & 0x3F)
                    written += 4
                case 0xDC00..<0xE000:
                    put3(0xFFFD)
                default:
                    put3(unit)
                }
            }
            // Well-formed by construction (lone surrogates became U+FFFD); one byte per unit
            // exactly when every unit is ASCII.
            return String(tableUTF8: UnsafeBufferPointer(rebasing: buffer[..<written]), isASCII: written == units)
        }
    }
}
