/// A national language of TS 23.038 Annex A, by its identifier in the national language shift
/// information elements (IEI 0x24 single shift, 0x25 locking shift, TS 23.040 §9.2.3.24.15/16).
///
///     NationalLanguage(rawValue: 1)   // .turkish
///     NationalLanguage.spanish.hasLockingShiftTable   // false: Spanish has a single shift table only
public enum NationalLanguage: UInt8, Sendable, Hashable, CaseIterable {
    case turkish = 1
    case spanish = 2
    case portuguese = 3
    case bengali = 4
    case gujarati = 5
    case hindi = 6
    case kannada = 7
    case malayalam = 8
    case oriya = 9
    case punjabi = 10
    case tamil = 11
    case telugu = 12
    case urdu = 13

    /// Spanish alone has no locking shift table (TS 23.038 A.3).
    public var hasLockingShiftTable: Bool { self != .spanish }

    /// Septet → code point (0 = undefined) of the locking shift table, `nil` for Spanish.
    var lockingTable: [UInt32]? {
        switch self {
        case .turkish: GSMTables.turkishLocking
        case .spanish: nil
        case .portuguese: GSMTables.portugueseLocking
        case .bengali: GSMTables.bengaliLocking
        case .gujarati: GSMTables.gujaratiLocking
        case .hindi: GSMTables.hindiLocking
        case .kannada: GSMTables.kannadaLocking
        case .malayalam: GSMTables.malayalamLocking
        case .oriya: GSMTables.oriyaLocking
        case .punjabi: GSMTables.punjabiLocking
        case .tamil: GSMTables.tamilLocking
        case .telugu: GSMTables.teluguLocking
        case .urdu: GSMTables.urduLocking
        }
    }

    /// Septet → code point (0 = undefined) of the single shift table.
    var singleShiftTable: [UInt32] {
        switch self {
        case .turkish: GSMTables.turkishSingle
        case .spanish: GSMTables.spanishSingle
        case .portuguese: GSMTables.portugueseSingle
        case .bengali: GSMTables.bengaliSingle
        case .gujarati: GSMTables.gujaratiSingle
        case .hindi: GSMTables.hindiSingle
        case .kannada: GSMTables.kannadaSingle
        case .malayalam: GSMTables.malayalamSingle
        case .oriya: GSMTables.oriyaSingle
        case .punjabi: GSMTables.punjabiSingle
        case .tamil: GSMTables.tamilSingle
        case .telugu: GSMTables.teluguSingle
        case .urdu: GSMTables.urduSingle
        }
    }
}
