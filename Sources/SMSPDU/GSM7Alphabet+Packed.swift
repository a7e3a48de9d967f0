/// Fused septet mapping and packing: the hot paths of encoding and decoding, with no
/// intermediate septet or UTF-8 arrays.
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
        out.append(contentsOf: repeatElement(0, count: capacity))
        var count = 0
        var used = 0
        let bad: Unicode.Scalar? = out.withUnsafeMutableBufferPointer { buffer in
            var accumulator: UInt32 = 0
            var bits = fill
            var position = start
            let scalar = SeptetMap.scan(text, main: main, ext: ext) { septet in
                count += 1
                guard count <= room else { return }
                accumulator |= UInt32(septet) << UInt32(bits)
                bits += 7
                if bits >= 8 {
                    buffer[position] = UInt8(truncatingIfNeeded: accumulator)
                    position += 1
                    accumulator >>= 8
                    bits -= 8
                }
            }
            if bits > 0, position < buffer.count {
                buffer[position] = UInt8(truncatingIfNeeded: accumulator)
                position += 1
            }
            used = position - start
            return scalar
        }
        out.removeLast(capacity - used)
        if let bad { throw GSM7Alphabet.unrepresentable(bad, in: text) }
        guard count <= room else { throw PDUError(.valueOutOfRange(field: "TP-UDL", value: count), offset: start) }
        return count
    }

    /// Decodes `count` septets packed in `bytes` after `fillBits`, as ``text(_:)`` does.
    /// Missing octets read as zero; the caller checks the length. Errors carry the septet index.
    func decodePacked(_ bytes: ArraySlice<UInt8>, count: Int, fillBits: Int) throws(PDUError) -> String {
        guard count > 0 else { return "" }
        let main = mainMap.utf8, ext = extensionMap.utf8
        var undefinedSeen = false
        let text = main.withUnsafeBufferPointer { main in
            ext.withUnsafeBufferPointer { ext in
                String(unsafeUninitializedCapacity: count * 3 + 2) { buffer -> Int in
                    var written = 0
                    var flags: UInt32 = 0
                    // Writes four bytes and keeps as many as the entry says (1...3), with no branch
                    // per character; an undefined entry keeps none and sets bit 31 of `flags`
                    // (checked once, after the loop). The capacity leaves room for the spare byte.
                    guard let base = buffer.baseAddress else { return 0 }
                    @inline(__always) func put(_ entry: UInt32) {
                        // One four-byte store; the fourth byte is overwritten by the next character.
                        UnsafeMutableRawPointer(base + written).storeBytes(of: entry.littleEndian, as: UInt32.self)
                        written += Int((entry >> 24) & 0x03)
                        flags |= entry
                    }
                    bytes.withUnsafeBufferPointer { source in
                        var reader = SeptetReader(source, fillBits: fillBits)
                        defer { undefinedSeen = flags & SeptetMap.undefinedUTF8 != 0 }
                        var index = 0
                        while index < count {
                            let septet = reader.septet()
                            index += 1
                            if septet != 0x1B {
                                put(main[septet])
                            } else if index < count {
                                let next = reader.septet()
                                index += 1
                                // No extension character: the main table's (TS 23.038 §6.2.1.1);
                                // escape-escape: a space.
                                let entry = ext[next] & SeptetMap.undefinedUTF8 == 0 ? ext[next] : main[next]
                                put(next == 0x1B ? 1 << 24 | 0x20 : entry)
                            } else {
                                put(1 << 24 | 0x20)   // a lone escape at the end
                            }
                        }
                    }
                    return written
                }
            }
        }
        if undefinedSeen {
            // Some septet is undefined in these tables: find which, the slow way, for the error.
            let septets = GSM7Packing.unpack(bytes, count: count, fillBits: fillBits)
            _ = try self.text(septets)
        }
        return text
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
        return String(unsafeUninitializedCapacity: units * 3) { buffer -> Int in
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
            return written
        }
    }
}
