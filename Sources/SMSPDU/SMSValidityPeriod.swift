/// TP-VP, TS 23.040 §9.2.3.12, in the format TP-VPF selects.
///
///     SMSValidityPeriod.relative(167).duration    // 24 h: 12 h + (167 − 143) × 30 min
///     SMSValidityPeriod.relative(hours: 24)       // .relative(167)
public enum SMSValidityPeriod: Sendable, Hashable {
    /// One octet: 0...143 → (v+1)×5 min, 144...167 → 12 h + (v−143)×30 min,
    /// 168...196 → (v−166) days, 197...255 → (v−192) weeks.
    case relative(UInt8)
    /// An absolute time stamp.
    case absolute(SMSTimestamp)
    /// Seven octets (§9.2.3.12.3): functionality indicator then format-dependent octets, kept raw.
    case enhanced([UInt8])

    /// The TP-VPF bits 4...3 of the first octet: 10 relative, 01 enhanced, 11 absolute.
    var formatBits: UInt8 {
        switch self {
        case .relative: 0b10
        case .enhanced: 0b01
        case .absolute: 0b11
        }
    }

    /// The period in seconds for relative periods and enhanced periods in relative, seconds or
    /// HHMMSS form; `nil` otherwise.
    public var seconds: Int? {
        switch self {
        case .relative(let value): return Self.relativeSeconds(value)
        case .absolute: return nil
        case .enhanced(let octets):
            guard octets.count == 7 else { return nil }
            let extended = octets[0] & 0x80 != 0
            let index = extended ? 2 : 1
            switch octets[0] & 0x07 {
            case 0b001: return Self.relativeSeconds(octets[index])
            case 0b010: return Int(octets[index])
            case 0b011:
                guard index + 2 < octets.count else { return nil }
                func bcd(_ byte: UInt8) -> Int? {
                    let low = byte & 0x0F, high = byte >> 4
                    return low <= 9 && high <= 9 ? Int(low) * 10 + Int(high) : nil
                }
                guard let h = bcd(octets[index]), let m = bcd(octets[index + 1]), let s = bcd(octets[index + 2]) else { return nil }
                return h * 3600 + m * 60 + s
            default: return nil
            }
        }
    }

    /// The duration of a relative TP-VP value.
    public static func relativeSeconds(_ value: UInt8) -> Int {
        let v = Int(value)
        switch v {
        case 0...143: return (v + 1) * 5 * 60
        case 144...167: return 12 * 3600 + (v - 143) * 30 * 60
        case 168...196: return (v - 166) * 86_400
        default: return (v - 192) * 7 * 86_400
        }
    }

    /// The smallest relative value that lasts at least `hours` (capped at 63 weeks).
    public static func relative(hours: Int) -> SMSValidityPeriod {
        let seconds = min(max(0, hours), 63 * 7 * 24) * 3600
        for value in 0...255 where relativeSeconds(UInt8(value)) >= seconds {
            return .relative(UInt8(value))
        }
        return .relative(255)
    }

    static func decode(_ reader: inout PDUReader, format: UInt8) throws(PDUError) -> SMSValidityPeriod? {
        switch format {
        case 0b10: return .relative(try reader.byte("TP-VP"))
        case 0b11: return .absolute(try SMSTimestamp.decode(&reader, field: "TP-VP"))
        case 0b01: return .enhanced(Array(try reader.take(7, "TP-VP")))
        default: return nil
        }
    }

    func encode(into out: inout [UInt8]) throws(PDUError) {
        switch self {
        case .relative(let value): out.append(value)
        case .absolute(let stamp): try stamp.encode(into: &out, field: "TP-VP")
        case .enhanced(let octets):
            guard octets.count == 7 else {
                throw PDUError(.valueOutOfRange(field: "TP-VP", value: octets.count), offset: out.count)
            }
            out.append(contentsOf: octets)
        }
    }
}
