enum ScanResult {
    case done
    case failed(Unicode.Scalar)
}

extension SeptetMap {
    /// Maps every scalar of `text` through `main`, then `ext` (as escape + septet), calling `body`
    /// with each septet; returns the first scalar neither table has, or `nil` when all map.
    /// Walks the string's UTF-8 storage directly (native strings are contiguous and valid UTF-8).
    @inline(__always)
    static func scan(_ text: String, main: SeptetMap, ext: SeptetMap, _ body: (UInt8) -> Void) -> Unicode.Scalar? {
        let fast = text.utf8.withContiguousStorageIfAvailable { utf8 -> ScanResult in
            main.encodeLow.withUnsafeBufferPointer { mainLow in
                ext.encodeLow.withUnsafeBufferPointer { extLow -> ScanResult in
                    let count = utf8.count
                    var index = 0
                    while index < count {
                        let lead = UInt32(utf8[index])
                        var code: UInt32
                        let length: Int
                        switch lead {
                        case 0..<0x80: code = lead; length = 1
                        case 0xC0..<0xE0: code = lead & 0x1F; length = 2
                        case 0xE0..<0xF0: code = lead & 0x0F; length = 3
                        default: code = lead & 0x07; length = 4
                        }
                        guard index + length <= count else { return .done }   // cannot happen: valid UTF-8
                        for offset in 1..<max(1, length) {
                            code = code << 6 | UInt32(utf8[index + offset] & 0x3F)
                        }
                        index += length
                        if code < 0x400 {
                            let septet = mainLow[Int(code)]
                            if septet != 0xFF { body(septet); continue }
                            let escaped = extLow[Int(code)]
                            if escaped != 0xFF { body(GSM7Alphabet.escape); body(escaped); continue }
                        } else if let septet = main.encodeHigh[code] {
                            body(septet); continue
                        } else if let escaped = ext.encodeHigh[code] {
                            body(GSM7Alphabet.escape); body(escaped); continue
                        }
                        return .failed(Unicode.Scalar(code) ?? " ")
                    }
                    return .done
                }
            }
        }
        switch fast {
        case .done?: return nil
        case .failed(let scalar)?: return scalar
        case nil: break
        }
        for scalar in text.unicodeScalars {
            if let septet = main.septet(for: scalar.value) {
                body(septet)
            } else if let septet = ext.septet(for: scalar.value) {
                body(GSM7Alphabet.escape)
                body(septet)
            } else {
                return scalar
            }
        }
        return nil
    }
}
