/// The hot path of 7-bit decoding: packed octets to the text's UTF-8 in one pass, eight septets
/// per 64-bit load, a four-byte store per character from a septet → UTF-8 table, and the `String`
/// made without a second validation pass.
extension GSM7Alphabet {
    /// Decodes `count` septets packed in `bytes` after `fillBits`, as ``text(_:)`` does.
    /// Missing octets read as zero; the caller checks the length. Errors carry the septet index.
    func decodePacked(_ bytes: ArraySlice<UInt8>, count: Int, fillBits: Int) throws(PDUError) -> String {
        guard count > 0 else { return "" }
        var undefinedSeen = false
        // Each character stores four bytes and keeps one to three: three per septet and a spare.
        let text = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * 3 + 1) { out -> String in
            let (written, flags) = bytes.withUnsafeBufferPointer { source in
                mainMap.utf8.withUnsafeBufferPointer { main in
                    extensionMap.utf8.withUnsafeBufferPointer { ext in
                        Self.unpackUTF8(SeptetReader(source, fillBits: fillBits), count: count, main: main, ext: ext, into: out)
                    }
                }
            }
            guard flags & SeptetMap.undefinedUTF8 == 0 else {
                undefinedSeen = true
                return ""
            }
            return String(tableUTF8: UnsafeBufferPointer(rebasing: out[..<written]), isASCII: flags & SeptetMap.multiByteUTF8 == 0)
        }
        if undefinedSeen {
            // Some septet is undefined in these tables: find which, the slow way, for the error.
            _ = try self.text(GSM7Packing.unpack(bytes, count: count, fillBits: fillBits))
        }
        return text
    }

    /// Writes the UTF-8 of `count` septets to `out` (room for `count * 3 + 1` bytes); returns the
    /// bytes kept and the OR of every entry written (``SeptetMap/undefinedUTF8`` if any septet
    /// was undefined, ``SeptetMap/multiByteUTF8`` if any character is not ASCII).
    @inline(__always)
    static func unpackUTF8(
        _ reader: SeptetReader, count: Int, main: UnsafeBufferPointer<UInt32>, ext: UnsafeBufferPointer<UInt32>,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) -> (written: Int, flags: UInt32) {
        guard let base = out.baseAddress, main.count == 128, ext.count == 128, out.count >= count * 3 + 1 else {
            return (0, SeptetMap.undefinedUTF8)
        }
        var written = 0
        var flags: UInt32 = 0
        var escaped = false
        // One four-byte store, of which the entry's count (0...3) is kept; the spare byte is
        // overwritten by the next character.
        @inline(__always) func put(_ entry: UInt32) {
            UnsafeMutableRawPointer(base + written).storeBytes(of: entry.littleEndian, as: UInt32.self)
            written &+= Int(truncatingIfNeeded: (entry >> 24) & 0x03)
            flags |= entry
        }
        // One septet with the escape rules of TS 23.038 §6.2.1.1: an escaped septet the extension
        // table lacks shows the main table's character; escape-escape and a lone escape at the
        // end show a space.
        @inline(__always) func step(_ septet: Int) {
            if escaped {
                escaped = false
                let entry = ext[septet] & SeptetMap.undefinedUTF8 == 0 ? ext[septet] : main[septet]
                put(septet == Int(GSM7Alphabet.escape) ? 1 << 24 | 0x20 : entry)
            } else if septet == Int(GSM7Alphabet.escape) {
                escaped = true
            } else {
                put(main[septet])
            }
        }
        var group = 0
        var index = 0
        while index < count {
            let word = reader.group(group)
            let septets = min(8, count - index)
            if septets == 8, !escaped {
                // No branch per character: the escape's entry writes nothing and sets bit 30,
                // and a group with one is done again below, septet by septet.
                let mark = written, before = flags
                put(main[SeptetReader.septet(0, of: word)])
                put(main[SeptetReader.septet(1, of: word)])
                put(main[SeptetReader.septet(2, of: word)])
                put(main[SeptetReader.septet(3, of: word)])
                put(main[SeptetReader.septet(4, of: word)])
                put(main[SeptetReader.septet(5, of: word)])
                put(main[SeptetReader.septet(6, of: word)])
                put(main[SeptetReader.septet(7, of: word)])
                if flags & SeptetMap.escapeUTF8 == 0 {
                    index += 8
                    group += 1
                    continue
                }
                written = mark
                flags = before
            }
            for i in 0..<septets { step(SeptetReader.septet(i, of: word)) }
            index += septets
            group += 1
        }
        if escaped { put(1 << 24 | 0x20) }
        return (written, flags & ~SeptetMap.escapeUTF8)
    }
}

extension String {
    /// UTF-8 that this module wrote from its own tables (so valid by construction), copied into a
    /// `String` without the validation pass `String(decoding:as:)` makes where the standard library
    /// allows (Linux, and Apple platforms from the 26 releases).
    @inline(__always)
    init(tableUTF8 bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) {
        if #available(macOS 26, iOS 26, watchOS 26, tvOS 26, visionOS 26, *) {
            self = String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: isASCII))
        } else {
            self = String(decoding: bytes, as: UTF8.self)
        }
    }
}
