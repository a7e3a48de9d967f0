/// An International Mobile Equipment Identity: 15 digits, the last a Luhn check digit
/// (TS 23.003 §6.2.1).
///
///     IMEI("490154203237518")?.isValidLuhn   // true
///
/// A number with a wrong check digit is kept, not refused (engineering samples print such
/// numbers); ``isValidLuhn`` tells.
public struct IMEI: Sendable, Hashable, CustomStringConvertible {
    /// The 15 digits.
    public let digits: String

    /// `nil` unless `text` is exactly 15 ASCII digits.
    public init?(_ text: String) {
        guard StandardParsing.isDigits(text), text.utf8.count == 15 else { return nil }
        digits = text
    }

    /// The Type Allocation Code: the first 8 digits.
    public var typeAllocationCode: String { String(digits.prefix(8)) }
    /// The serial number: digits 9 to 14.
    public var serialNumber: String { String(digits.dropFirst(8).prefix(6)) }
    /// Whether the check digit (the 15th) is right.
    public var isValidLuhn: Bool { StandardParsing.passesLuhn(digits) }

    public var description: String { digits }
}

/// An International Mobile Subscriber Identity: at most 15 digits (TS 23.003 §2.2).
///
/// The MNC is not split off: whether it has 2 or 3 digits is stored on the SIM (EF_AD), not in
/// the IMSI, so only ``digits`` and the 3-digit ``mcc`` are given.
public struct IMSI: Sendable, Hashable, CustomStringConvertible {
    /// The digits as printed.
    public let digits: String

    /// `nil` unless `text` is 6 to 15 ASCII digits.
    public init?(_ text: String) {
        guard StandardParsing.isDigits(text), (6...15).contains(text.utf8.count) else { return nil }
        digits = text
    }

    /// The mobile country code: the first 3 digits.
    public var mcc: String { String(digits.prefix(3)) }

    public var description: String { digits }
}
