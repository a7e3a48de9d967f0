/// The line that ends a command's response (ITU-T V.250 §5.7, TS 27.007 §9.2, TS 27.005 §3.2.5),
/// or a vendor word that does the same job.
///
///     AT+CSQ            AT+CPIN?                     AT+CIPSEND=0,5
///     +CSQ: 21,99       +CME ERROR: SIM not inserted > hello
///     OK → .ok                    → .cmeError(.simNotInserted)   0, SEND OK → .vendor("0, SEND OK", success: true)
public enum ATFinalResult: Sendable, Hashable, CustomStringConvertible {
    case ok
    case error
    case cmeError(CMEError)
    case cmsError(CMSError)
    /// `+CME ERROR: <text>` or `+CMS ERROR: <text>` whose text is in no table; the whole line is kept.
    case unrecognizedError(String)
    case noCarrier
    case busy
    case noAnswer
    case noDialtone
    /// `CONNECT` with the text after it, if any (`CONNECT 150`, `CONNECT 115200`).
    case connect(String?)
    /// A vendor or command-specific final line (`SEND OK`, `SHUT OK`, `COMMAND NOT SUPPORT`).
    case vendor(String, success: Bool)

    /// Whether the command succeeded.
    public var isSuccess: Bool {
        switch self {
        case .ok, .connect: true
        case .vendor(_, let success): success
        default: false
        }
    }

    /// The line as a modem in verbose mode prints it.
    public var description: String {
        switch self {
        case .ok: "OK"
        case .error: "ERROR"
        case .cmeError(let error): "+CME ERROR: \(error.code) (\(error.text))"
        case .cmsError(let error): "+CMS ERROR: \(error.code) (\(error.text))"
        case .unrecognizedError(let line): line
        case .noCarrier: "NO CARRIER"
        case .busy: "BUSY"
        case .noAnswer: "NO ANSWER"
        case .noDialtone: "NO DIALTONE"
        case .connect(let text): text.map { "CONNECT \($0)" } ?? "CONNECT"
        case .vendor(let text, _): text
        }
    }

    /// Parses a standard final result line in verbose form, or returns `nil`.
    ///
    /// Recognises `OK`, `ERROR`, `NO CARRIER`, `BUSY`, `NO ANSWER`, `NO DIALTONE` (and
    /// `NO DIAL TONE`), `CONNECT [text]`, `+CME ERROR: n|text`, `+CMS ERROR: n|text`.
    public static func parse(_ line: ArraySlice<UInt8>) -> ATFinalResult? {
        line.withUnsafeBufferPointer { parse(bytes: $0) }
    }

    /// ``parse(_:)`` over bytes read in place.
    static func parse(bytes line: UnsafeBufferPointer<UInt8>) -> ATFinalResult? {
        guard let first = line.first else { return nil }
        switch first {
        case UInt8(ascii: "O"):
            return ATBytes.equal(line, Words.ok) ? .ok : nil
        case UInt8(ascii: "E"):
            return ATBytes.equal(line, Words.error) ? .error : nil
        case UInt8(ascii: "B"):
            return ATBytes.equal(line, Words.busy) ? .busy : nil
        case UInt8(ascii: "N"):
            if ATBytes.equal(line, Words.noCarrier) { return .noCarrier }
            if ATBytes.equal(line, Words.noAnswer) { return .noAnswer }
            if ATBytes.equal(line, Words.noDialtone) || ATBytes.equal(line, Words.noDialTone) { return .noDialtone }
            return nil
        case UInt8(ascii: "C"):
            guard ATBytes.hasPrefix(line, Words.connect) else { return nil }
            let rest = ATBytes.dropFirst(line, Words.connect.utf8CodeUnitCount)
            if rest.isEmpty { return .connect(nil) }
            guard rest.first == ATByte.space else { return nil }
            let text = ATText.decode(ATBytes.dropFirst(rest, 1)).trimmingSpaces()
            return .connect(text.isEmpty ? nil : text)
        case UInt8(ascii: "+"):
            if ATBytes.hasPrefix(line, Words.cmeError) {
                let rest = ATBytes.dropFirst(line, Words.cmeError.utf8CodeUnitCount)
                if let code = ATBytes.decimal(rest) { return .cmeError(CMEError(code: code)) }
                let text = ATText.decode(rest).trimmingSpaces()
                if let code = Int(text) { return .cmeError(CMEError(code: code)) }
                if let error = CMEError(verbose: text) { return .cmeError(error) }
                return .unrecognizedError(ATText.decode(line))
            }
            if ATBytes.hasPrefix(line, Words.cmsError) {
                let rest = ATBytes.dropFirst(line, Words.cmsError.utf8CodeUnitCount)
                if let code = ATBytes.decimal(rest) { return .cmsError(CMSError(code: code)) }
                let text = ATText.decode(rest).trimmingSpaces()
                if let code = Int(text) { return .cmsError(CMSError(code: code)) }
                if let error = CMSError(verbose: text) { return .cmsError(error) }
                return .unrecognizedError(ATText.decode(line))
            }
            return nil
        default:
            return nil
        }
    }

    /// Parses a V.250 numeric result code (`ATV0`): `0` OK, `1` CONNECT, `3` NO CARRIER,
    /// `4` ERROR, `6` NO DIALTONE, `7` BUSY, `8` NO ANSWER. `2` (RING) is a URC, not a final.
    public static func parseNumeric(_ line: ArraySlice<UInt8>) -> ATFinalResult? {
        line.withUnsafeBufferPointer { parseNumeric(bytes: $0) }
    }

    /// ``parseNumeric(_:)`` over bytes read in place.
    static func parseNumeric(bytes line: UnsafeBufferPointer<UInt8>) -> ATFinalResult? {
        guard line.count == 1, let digit = line.first else { return nil }
        switch digit {
        case UInt8(ascii: "0"): return .ok
        case UInt8(ascii: "1"): return .connect(nil)
        case UInt8(ascii: "3"): return .noCarrier
        case UInt8(ascii: "4"): return .error
        case UInt8(ascii: "6"): return .noDialtone
        case UInt8(ascii: "7"): return .busy
        case UInt8(ascii: "8"): return .noAnswer
        default: return nil
        }
    }

    private enum Words {
        static var ok: StaticString { "OK" }
        static var error: StaticString { "ERROR" }
        static var busy: StaticString { "BUSY" }
        static var noCarrier: StaticString { "NO CARRIER" }
        static var noAnswer: StaticString { "NO ANSWER" }
        static var noDialtone: StaticString { "NO DIALTONE" }
        static var noDialTone: StaticString { "NO DIAL TONE" }
        static var connect: StaticString { "CONNECT" }
        static var cmeError: StaticString { "+CME ERROR:" }
        static var cmsError: StaticString { "+CMS ERROR:" }
    }
}
