/// One 128-entry septet table with its reverse index, built once per table.
final class SeptetMap: Sendable {
    /// Septet → code point; 0 = undefined.
    let decode: [UInt32]
    /// Septet → its UTF-8 bytes, little-endian in the low 24 bits, the byte count in bits 24...25;
    /// undefined = ``undefinedUTF8`` (count 0, bit 31), the escape 0x1B = ``escapeUTF8`` (count 0,
    /// bit 30). (Every code point of TS 23.038's tables is below U+10000.)
    let utf8: [UInt32]
    /// Code point (< ``lowLimit``) → septet; 0xFF = none.
    let encodeLow: [UInt8]
    let encodeHigh: [UInt32: UInt8]

    init(_ table: [UInt32]) {
        decode = table
        utf8 = table.enumerated().map { septet, code in
            switch code {
            case 0: septet == Int(GSM7Alphabet.escape) ? SeptetMap.escapeUTF8 : SeptetMap.undefinedUTF8
            case 0x01..<0x80: 1 << 24 | code
            case 0x80..<0x800: 2 << 24 | (0x80 | code & 0x3F) << 8 | (0xC0 | code >> 6)
            default: 3 << 24 | (0x80 | code & 0x3F) << 16 | (0x80 | (code >> 6) & 0x3F) << 8 | (0xE0 | code >> 12)
            }
        }
        var low = [UInt8](repeating: 0xFF, count: Int(SeptetMap.lowLimit))
        var high: [UInt32: UInt8] = [:]
        for (septet, code) in table.enumerated() where code != 0 {
            if code < SeptetMap.lowLimit {
                if low[Int(code)] == 0xFF { low[Int(code)] = UInt8(septet) }
            } else if high[code] == nil {
                high[code] = UInt8(septet)
            }
        }
        encodeLow = low
        encodeHigh = high
    }

    /// Every code point of one or two UTF-8 bytes has its entry in ``encodeLow``.
    static let lowLimit: UInt32 = 0x800

    static let undefinedUTF8: UInt32 = 0x8000_0000
    static let escapeUTF8: UInt32 = 0x4000_0000
    /// Set in an entry (bit 25 of the count) when its character takes two or three bytes.
    static let multiByteUTF8: UInt32 = 0x0200_0000

    @inline(__always)
    func septet(for code: UInt32) -> UInt8? {
        if code < SeptetMap.lowLimit {
            let septet = encodeLow[Int(code)]
            return septet == 0xFF ? nil : septet
        }
        return encodeHigh[code]
    }

    static let defaultLocking = SeptetMap(GSMTables.defaultLocking)
    static let defaultSingle = SeptetMap(GSMTables.defaultSingle)
    /// Indexed by national language identifier; index 0 is the default table.
    static let locking: [SeptetMap?] = [defaultLocking] + NationalLanguage.allCases.map { language in
        language.lockingTable.map(SeptetMap.init)
    }
    static let single: [SeptetMap] = [defaultSingle] + NationalLanguage.allCases.map {
        SeptetMap($0.singleShiftTable)
    }
}
