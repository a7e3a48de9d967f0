import ATCodec
import SMSPDU

/// The terminal's character set (`+CSCS`, TS 27.007 §5.5) as SMS text mode, addresses and USSD
/// strings use it, in both directions.
///
///     TECharacterSet("UCS2").encode("Hi€")       // "0048006920AC"
///     TECharacterSet("GSM").encode("@£")          // "\u{00}\u{01}" (one septet per byte)
///     TECharacterSet("HEX").encode("@£")          // "0001" (the septets in hex)
///     TECharacterSet("IRA").encode("Grüße")       // "Gr??e" (IRA is 7-bit)
///
/// Lines reach the terminal as UTF-8, so `8859-1` and `PCCP437` print like IRA (non-ASCII as
/// `?`); on input they read bytes as ISO 8859-1.
enum TECharacterSet: Sendable, Equatable {
    case ira
    case gsm
    case ucs2
    case hex
    case latin1

    init(_ name: String) {
        switch name.uppercased() {
        case "GSM": self = .gsm
        case "UCS2": self = .ucs2
        case "HEX": self = .hex
        case "8859-1", "PCCP437": self = .latin1
        default: self = .ira
        }
    }

    // MARK: Terminal → modem

    /// Text typed after a prompt; `nil` when it is not valid in this set (bad hex).
    func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .ira: ATText.decode(bytes)
        case .latin1: String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
        case .gsm: try? GSM7Alphabet().text(bytes)
        case .ucs2: Self.ucs2Text(hex: bytes)
        case .hex: Self.hexBytes(bytes).flatMap { try? GSM7Alphabet().text($0) }
        }
    }

    /// A quoted command argument (already decoded from the line).
    func decode(field: String) -> String? {
        switch self {
        case .ira, .latin1:
            return field
        case .gsm:
            let scalars = field.unicodeScalars
            guard scalars.allSatisfy({ $0.value < 0x80 }) else { return field }
            return decode(scalars.map { UInt8($0.value) })
        case .ucs2, .hex:
            return decode(Array(field.utf8))
        }
    }

    /// An address argument: like ``decode(field:)``, but a number that does not decode to a
    /// number is taken as typed (clients often send plain digits in UCS2: `"1234"` is a number,
    /// not U+1234).
    func decode(address: String) -> String {
        guard let decoded = decode(field: address), !decoded.isEmpty,
              decoded.allSatisfy({ $0.isASCII && ($0.isNumber || "+*#".contains($0)) })
        else { return address }
        return decoded
    }

    // MARK: Modem → terminal

    /// Text as the terminal reads it.
    func encode(_ text: String) -> String {
        switch self {
        case .ira, .latin1:
            String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x80 ? $0 : "?" }))
        case .gsm:
            String(String.UnicodeScalarView(Self.septets(text).map { Unicode.Scalar($0) }))
        case .ucs2:
            Self.hex(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        case .hex:
            Self.hex(Self.septets(text))
        }
    }

    // MARK: Helpers

    /// GSM 7-bit septets of `text`, `?` for characters the default alphabet lacks.
    static func septets(_ text: String) -> [UInt8] {
        let alphabet = GSM7Alphabet()
        if let septets = try? alphabet.septets(text) { return septets }
        var out: [UInt8] = []
        for character in text {
            out += (try? alphabet.septets(String(character))) ?? [0x3F]
        }
        return out
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        PDUHex.string(bytes)
    }

    /// Bytes from hex digits; `nil` for anything else or an odd count.
    static func hexBytes(_ digits: [UInt8]) -> [UInt8]? {
        try? PDUHex.bytes(String(decoding: digits, as: UTF8.self))
    }

    static func ucs2Text(hex digits: [UInt8]) -> String? {
        guard let bytes = hexBytes(digits), bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 0
        while index < bytes.count {
            units.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }
}
