/// A NAS timer value as `+CEREG`, `+CGREG` and `+CPSMS` print it: one octet written as
/// 8 binary digits, bits 8-6 the unit and bits 5-1 the value (TS 27.007 §10.1.22, TS 24.008).
///
///     GPRSTimer(bits: "00011000", coding: .timer3)?.duration   // 24 × 10 min = 4 h
///     GPRSTimer(bits: "00011110", coding: .timer2)?.duration   // 30 × 2 s = 60 s
///     GPRSTimer(bits: "11100000", coding: .timer3)?.duration   // nil: deactivated
///
/// - ``Coding/timer2``: GPRS Timer 2 (TS 24.008 §10.5.7.4, value coded as GPRS Timer §10.5.7.3):
///   Active-Time (T3324) and the GPRS READY timer. Units 000 2 s, 001 1 min, 010 decihours
///   (6 min), 111 deactivated; other unit codes are read as 1 minute, as the spec says.
/// - ``Coding/timer3``: GPRS Timer 3 (TS 24.008 §10.5.7.4a): Periodic-TAU (T3412 extended) and
///   Periodic-RAU (T3312 extended). Units 000 10 min, 001 1 h, 010 10 h, 011 2 s, 100 30 s,
///   101 1 min, 110 320 h, 111 deactivated.
public struct GPRSTimer: Sendable, Hashable, CustomStringConvertible {
    /// Which unit table the octet uses.
    public enum Coding: Sendable, Hashable {
        case timer2
        case timer3
    }

    /// The 8 binary digits as printed, bit 8 first: `"00100100"`.
    public let bits: String
    public let coding: Coding
    /// The octet the bits spell.
    public let octet: UInt8

    /// `nil` unless `bits` is exactly 8 characters `0` or `1`.
    public init?(bits: String, coding: Coding) {
        guard bits.utf8.count == 8 else { return nil }
        var octet: UInt8 = 0
        for byte in bits.utf8 {
            guard byte == 0x30 || byte == 0x31 else { return nil }
            octet = octet << 1 | (byte - 0x30)
        }
        self.bits = bits
        self.coding = coding
        self.octet = octet
    }

    /// Bits 8-6: the unit code, 0...7.
    public var unitCode: Int { Int(octet >> 5) }
    /// Bits 5-1: the multiplier, 0...31.
    public var value: Int { Int(octet & 0x1F) }
    /// Unit code 111.
    public var isDeactivated: Bool { unitCode == 7 }

    /// The length of one unit in seconds, or `nil` when deactivated.
    public var unitSeconds: Int? {
        switch (coding, unitCode) {
        case (_, 7): nil
        case (.timer2, 0): 2
        case (.timer2, 2): 360
        case (.timer2, _): 60
        case (.timer3, 0): 600
        case (.timer3, 1): 3_600
        case (.timer3, 2): 36_000
        case (.timer3, 3): 2
        case (.timer3, 4): 30
        case (.timer3, 5): 60
        case (.timer3, _): 320 * 3_600
        }
    }

    /// The timer's length, or `nil` when deactivated.
    public var duration: Duration? {
        unitSeconds.map { Duration.seconds($0 * value) }
    }

    public var description: String {
        guard let unitSeconds else { return "\(bits) (deactivated)" }
        return "\(bits) (\(unitSeconds * value) s)"
    }
}
