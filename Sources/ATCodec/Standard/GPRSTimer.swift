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

extension GPRSTimer {
    /// The octet for `duration`: exact when a unit allows it, else the shortest value that is not
    /// shorter; among equal values the finest unit. `nil` for a negative duration or one longer
    /// than the coding holds (GPRS Timer 2: 31 × 6 min; GPRS Timer 3: 31 × 320 h).
    ///
    ///     GPRSTimer(encoding: .seconds(3600), coding: .timer3)?.bits   // "00000110": 6 × 10 min
    ///     GPRSTimer(encoding: .seconds(10), coding: .timer2)?.bits     // "00000101": 5 × 2 s
    ///     GPRSTimer(encoding: .seconds(45 * 60), coding: .timer3)?.bits // "00000101": 50 min
    public init?(encoding duration: Duration, coding: Coding) {
        let parts = duration.components
        guard parts.seconds >= 0, parts.attoseconds >= 0 else { return nil }
        let seconds = parts.seconds + (parts.attoseconds > 0 ? 1 : 0)
        // (unit code, seconds per unit), finest first.
        let units: [(code: UInt8, seconds: Int64)] = switch coding {
        case .timer2: [(0, 2), (1, 60), (2, 360)]
        case .timer3: [(3, 2), (4, 30), (5, 60), (0, 600), (1, 3_600), (2, 36_000), (6, 1_152_000)]
        }
        var best: (code: UInt8, value: Int64, total: Int64)?
        for unit in units {
            let value = (seconds + unit.seconds - 1) / unit.seconds
            guard value <= 31 else { continue }
            let total = value * unit.seconds
            if best.map({ total < $0.total }) ?? true { best = (unit.code, value, total) }
        }
        guard let best else { return nil }
        self.init(octet: best.code << 5 | UInt8(best.value), coding: coding)
    }

    /// Unit code 111: the timer is off.
    public static func deactivated(_ coding: Coding) -> GPRSTimer {
        GPRSTimer(octet: 0b1110_0000, coding: coding)
    }

    /// The timer this octet spells.
    public init(octet: UInt8, coding: Coding) {
        var bits = ""
        for shift in stride(from: 7, through: 0, by: -1) { bits.append(octet >> UInt8(shift) & 1 == 1 ? "1" : "0") }
        self.bits = bits
        self.coding = coding
        self.octet = octet
    }
}
