/// One 128-entry septet table with its reverse index, built once per table.
struct SeptetMap: Sendable {
    /// Septet → code point; 0 = undefined.
    let decode: [UInt32]
    /// Code point (< 0x400) → septet; 0xFF = none.
    private let encodeLow: [UInt8]
    private let encodeHigh: [UInt32: UInt8]

    init(_ table: [UInt32]) {
        decode = table
        var low = [UInt8](repeating: 0xFF, count: 0x400)
        var high: [UInt32: UInt8] = [:]
        for (septet, code) in table.enumerated() where code != 0 {
            if code < 0x400 {
                if low[Int(code)] == 0xFF { low[Int(code)] = UInt8(septet) }
            } else if high[code] == nil {
                high[code] = UInt8(septet)
            }
        }
        encodeLow = low
        encodeHigh = high
    }

    @inline(__always)
    func septet(for code: UInt32) -> UInt8? {
        if code < 0x400 {
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
