/// An address field (TS 23.040 §9.1.2.5): TP-OA, TP-DA, TP-RA, and the SMSC address of TS 24.011.
///
/// Digits are `0-9`, `*`, `#`, `a`, `b`, `c` (semi-octets 0xA...0xE); an alphanumeric address
/// (TON 0b101) holds text in the GSM 7-bit default alphabet, packed.
///
///     SMSAddress("+491701234567")              // international, ISDN, digits "491701234567"
///     SMSAddress(alphanumeric: "ModemKit")
///     // TP-DA of "+31641600986": 0B 91 13 46 61 00 89 F6
public struct SMSAddress: Sendable, Hashable, CustomStringConvertible {
    /// Type of number, bits 6...4 of the type-of-address octet.
    public enum TypeOfNumber: UInt8, Sendable, Hashable, CaseIterable {
        case unknown = 0, international = 1, national = 2, networkSpecific = 3
        case subscriber = 4, alphanumeric = 5, abbreviated = 6, reserved = 7
    }

    /// Numbering plan identification, bits 3...0 (all 16 values kept).
    public struct NumberingPlan: RawRepresentable, Sendable, Hashable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }
        public static let unknown = NumberingPlan(rawValue: 0)
        /// ISDN/telephone (E.164/E.163).
        public static let isdn = NumberingPlan(rawValue: 1)
        public static let data = NumberingPlan(rawValue: 3)
        public static let telex = NumberingPlan(rawValue: 4)
        public static let serviceCentreSpecific = NumberingPlan(rawValue: 5)
        public static let serviceCentreSpecific2 = NumberingPlan(rawValue: 6)
        public static let national = NumberingPlan(rawValue: 8)
        public static let `private` = NumberingPlan(rawValue: 9)
        public static let ermes = NumberingPlan(rawValue: 10)
        public static let reserved = NumberingPlan(rawValue: 15)
    }

    public var typeOfNumber: TypeOfNumber
    public var numberingPlan: NumberingPlan
    /// Digits (`0-9*#abc`) or, for alphanumeric addresses, the text.
    public var value: String

    public init(value: String, typeOfNumber: TypeOfNumber, numberingPlan: NumberingPlan = .isdn) {
        self.value = value
        self.typeOfNumber = typeOfNumber
        self.numberingPlan = numberingPlan
    }

    /// `"+4917…"` → international/ISDN without the plus; anything else unknown/ISDN as given.
    public init(_ number: String) {
        if number.hasPrefix("+") {
            self.init(value: String(number.dropFirst()), typeOfNumber: .international)
        } else {
            self.init(value: number, typeOfNumber: .unknown)
        }
    }

    /// An alphanumeric sender such as `"ModemKit"` (TON 0b101, NPI unknown).
    public init(alphanumeric text: String) {
        self.init(value: text, typeOfNumber: .alphanumeric, numberingPlan: .unknown)
    }

    /// The number as people write it: `+` before international numbers.
    public var description: String {
        typeOfNumber == .international ? "+" + value : value
    }

    /// The type-of-address octet: bit 7 set, TON, NPI.
    public var typeOctet: UInt8 {
        0x80 | typeOfNumber.rawValue << 4 | numberingPlan.rawValue
    }

    init(typeOctet: UInt8, value: String) {
        self.typeOfNumber = TypeOfNumber(rawValue: (typeOctet >> 4) & 0x07) ?? .unknown
        self.numberingPlan = NumberingPlan(rawValue: typeOctet & 0x0F)
        self.value = value
    }
}
