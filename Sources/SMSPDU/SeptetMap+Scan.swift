enum ScanResult {
    case done
    case failed(Unicode.Scalar)
}

/// What ``SeptetMap/mapSeptets(_:main:ext:into:)`` found.
enum SeptetMapping {
    /// This many septets were written.
    case done(Int)
    case failed(Unicode.Scalar)
}

/// What ``SeptetMap/scan(_:main:ext:into:)`` hands the septets to: one at a time, or eight at a
/// time packed 7 bits each, septet 0 lowest (56 bits), for runs of ASCII that all map.
protocol SeptetSink {
    mutating func put(_ septet: UInt8)
    mutating func put8(_ septets: UInt64)
}

/// Counts septets.
struct SeptetCounter: SeptetSink {
    var count = 0

    @inline(__always) mutating func put(_ septet: UInt8) { count &+= 1 }
    @inline(__always) mutating func put8(_ septets: UInt64) { count &+= 8 }
}

extension SeptetMap {
    /// Maps every scalar of `text` through `main`, then `ext` (as escape + septet), handing the
    /// septets to `sink`; returns the first scalar neither table has, or `nil` when all map.
    ///
    /// A text of up to ``septetBufferLimit`` UTF-8 bytes (every text one part can hold) is read
    /// from the string's storage into septets on the stack (``mapSeptets(_:main:ext:into:)``), then
    /// handed over eight at a time; longer ones, or strings without contiguous UTF-8, go scalar by
    /// scalar.
    @inline(__always)
    static func scan<Sink: SeptetSink>(_ text: String, main: SeptetMap, ext: SeptetMap, into sink: inout Sink) -> Unicode.Scalar? {
        let fast = text.utf8.withContiguousStorageIfAvailable { utf8 -> ScanResult? in
            guard utf8.count <= septetBufferLimit else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * septetBufferLimit + 8) { septets -> ScanResult in
                let mapped = mapSeptets(utf8, main: main, ext: ext, into: septets)
                guard case .done(let count) = mapped else {
                    if case .failed(let scalar) = mapped { return .failed(scalar) }
                    return .done
                }
                var local = sink   // in registers, not behind the closure's capture
                let base = UnsafeRawPointer(septets.baseAddress!)
                var index = 0
                while index &+ 8 <= count {
                    local.put8(pack8(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                    index &+= 8
                }
                while index < count {
                    local.put(septets[index])
                    index &+= 1
                }
                sink = local
                return .done
            }
        }
        switch fast {
        case .done??: return nil
        case .failed(let scalar)??: return scalar
        default: break
        }
        for scalar in text.unicodeScalars {
            if let septet = main.septet(for: scalar.value) {
                sink.put(septet)
            } else if let septet = ext.septet(for: scalar.value) {
                sink.put(GSM7Alphabet.escape)
                sink.put(septet)
            } else {
                return scalar
            }
        }
        return nil
    }
}

extension SeptetMap {
    /// Texts up to this many UTF-8 bytes are mapped on the stack: 160 two-byte characters.
    static let septetBufferLimit = 320

    /// Writes the septets of valid UTF-8 `utf8` (at most ``septetBufferLimit`` bytes) to
    /// `septets` (room for twice as many, plus 8).
    ///
    /// Eight bytes at once when they are ASCII and all in `main`; otherwise one byte at a time,
    /// lead or continuation, with no branch on which: every byte's septet is
    /// stored, but the count moves on only for a lead byte, so a continuation's is overwritten. ASCII
    /// and two-byte characters (all of the default alphabet but €) index `encodeLow` directly, and
    /// nothing waits for the previous character's length; three- and four-byte characters and
    /// those only `ext` has take a branch.
    @inline(__always)
    static func mapSeptets(
        _ utf8: UnsafeBufferPointer<UInt8>, main: SeptetMap, ext: SeptetMap, into septets: UnsafeMutableBufferPointer<UInt8>
    ) -> SeptetMapping {
        main.encodeLow.withUnsafeBufferPointer { mainLow in
            ext.encodeLow.withUnsafeBufferPointer { extLow -> SeptetMapping in
                let count = utf8.count
                var written = 0
                var index = 0
                // Bytes before this index go one at a time (the last 8-byte word tried was not all ASCII).
                var byteByByteUntil = 0
                while index < count {
                    if index >= byteByByteUntil, index &+ 8 <= count {
                        // Eight ASCII bytes that all have a septet in `main`: eight loads, one store.
                        let word = UnsafeRawPointer(utf8.baseAddress! + index).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 == 0 {
                            var mapped: UInt64 = 0
                            for lane in 0..<8 {
                                mapped |= UInt64(mainLow[Int(truncatingIfNeeded: word >> UInt64(lane &* 8)) & 0x7F]) << UInt64(lane &* 8)
                            }
                            if mapped & 0x8080_8080_8080_8080 == 0 {   // 0xFF (none) is the only entry with bit 7
                                UnsafeMutableRawPointer(septets.baseAddress! + written).storeBytes(of: mapped.littleEndian, as: UInt64.self)
                                written &+= 8
                                index &+= 8
                                continue
                            }
                        }
                        byteByByteUntil = index &+ 8
                    }
                    let lead = UInt32(utf8[index])
                    let next = index &+ 1 < count ? UInt32(utf8[index &+ 1]) : 0
                    if lead < 0xE0 {
                        let twoByte = lead >> 7
                        let mask = 0 &- twoByte
                        let code = lead & ~mask | ((lead & 0x1F) << 6 | next & 0x3F) & mask
                        // 0 for a continuation byte (lead >> 6 == 2), else 1, computed: a
                        // comparison here becomes a branch, mispredicted on mixed text.
                        let present = ((lead >> 6 ^ 2) &+ 3) >> 2
                        let septet = mainLow[Int(code)]
                        septets[written] = septet
                        index &+= 1
                        if (UInt32(septet) &+ 1) >> 8 & present == 0 {
                            written &+= Int(present)
                            continue
                        }
                        // A lead byte whose character `main` lacks.
                        index &+= Int(twoByte)
                        let escaped = extLow[Int(code)]
                        guard escaped != 0xFF else { return .failed(Unicode.Scalar(code) ?? " ") }
                        septets[written] = GSM7Alphabet.escape
                        septets[written &+ 1] = escaped
                        written &+= 2
                        continue
                    }
                    guard let (code, length) = UTF8Decoding.scalar(at: index, in: utf8) else { break }
                    index &+= length
                    if let septet = main.septet(for: code) {
                        septets[written] = septet
                        written &+= 1
                    } else if let escaped = ext.septet(for: code) {
                        septets[written] = GSM7Alphabet.escape
                        septets[written &+ 1] = escaped
                        written &+= 2
                    } else {
                        return .failed(Unicode.Scalar(code) ?? " ")
                    }
                }
                return .done(written)
            }
        }
    }

    /// Eight septets, one per byte (septet 0 lowest), as 56 bits, 7 each.
    @inline(__always)
    static func pack8(_ word: UInt64) -> UInt64 {
        var x = word & 0x7F7F_7F7F_7F7F_7F7F
        x = (x & 0x007F_007F_007F_007F) | (x & 0x7F00_7F00_7F00_7F00) >> 1
        x = (x & 0x0000_3FFF_0000_3FFF) | (x & 0x3FFF_0000_3FFF_0000) >> 2
        return (x & 0x0000_0000_0FFF_FFFF) | (x & 0x0FFF_FFFF_0000_0000) >> 4
    }
}
