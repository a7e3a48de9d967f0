import ATCodec
import SMSPDU

/// The TE character set (`+CSCS`, TS 27.007 §5.5) in which a text-mode modem prints addresses
/// and 7-bit text, and how to read it back.
///
///     SMSTextCharacterSet.ucs2.text("0048006920AC")   // "Hi€"      (UTF-16 as hex)
///     SMSTextCharacterSet.hex.text("48690065")         // "Hi@e"     (GSM septets as hex)
///     SMSTextCharacterSet.gsm.text("Hi\u{0}")          // "Hi@"      (one septet per character)
///     SMSTextCharacterSet.ira.text("Hi")               // "Hi"       (ASCII; others print as ?)
///
/// UCS2 is the only lossless choice that also keeps every `<data>` on one line of hex digits:
/// with IRA or GSM a message holding a line break, or reading `OK`, breaks the framing.
public enum SMSTextCharacterSet: String, Sendable, Hashable, CaseIterable {
    case ira = "IRA"
    case gsm = "GSM"
    case ucs2 = "UCS2"
    case hex = "HEX"

    /// `AT+CSCS="<name>"`.
    public var command: CSCS.Set {
        switch self {
        case .ira: .ira
        case .gsm: .gsm
        case .ucs2: .ucs2
        case .hex: .hex
        }
    }

    /// Text printed in this set; `nil` when it is not valid here (bad hex, a septet the GSM
    /// alphabet lacks).
    public func text(_ printed: String) -> String? {
        switch self {
        case .ira:
            return printed
        case .gsm:
            let scalars = printed.unicodeScalars
            guard scalars.allSatisfy({ $0.value < 0x80 }) else { return nil }
            return try? GSM7Alphabet().text(scalars.map { UInt8($0.value) })
        case .ucs2:
            guard let bytes = try? PDUHex.bytes(printed), bytes.count % 2 == 0 else { return nil }
            let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
            return String(decoding: units, as: UTF16.self)
        case .hex:
            guard let septets = try? PDUHex.bytes(printed), septets.allSatisfy({ $0 < 0x80 }) else { return nil }
            return try? GSM7Alphabet().text(septets)
        }
    }

    /// An address as printed: decoded like ``text(_:)`` when that gives a dial string; otherwise
    /// as printed (modems in UCS2 often print plain digits, and `"1234"` is a number, not U+1234).
    public func address(_ printed: String) -> String {
        guard self != .ira, let decoded = text(printed), !decoded.isEmpty else { return printed }
        if decoded.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) }) { return decoded }
        // A printed dial string that is not valid in the set (UCS2 "+4477...": odd digits or "+").
        if printed.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) }) { return printed }
        return decoded
    }
}
