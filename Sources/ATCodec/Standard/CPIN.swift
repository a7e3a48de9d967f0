/// What the SIM is waiting for: `+CPIN: <code>` (TS 27.007 §8.3), plus the vendor words
/// SIMCom and others print.
public enum SIMState: Sendable, Hashable, CustomStringConvertible {
    case ready
    case simPIN
    case simPUK
    case phSIMPIN
    case phFSIMPIN
    case phFSIMPUK
    case simPIN2
    case simPUK2
    case phNetPIN
    case phNetPUK
    case phNetSubPIN
    case phNetSubPUK
    case phSPPIN
    case phSPPUK
    case phCorpPIN
    case phCorpPUK
    /// `NOT READY` (SIMCom, after `AT+CFUN=0` or while the SIM starts).
    case notReady
    /// `NOT INSERTED` (SIMCom). Many modems answer `+CME ERROR: 10` instead, which reaches the
    /// caller as the command's failure.
    case notInserted
    /// Any other text, kept as printed.
    case other(String)

    private static let words: [(SIMState, String)] = [
        (.ready, "READY"), (.simPIN, "SIM PIN"), (.simPUK, "SIM PUK"), (.phSIMPIN, "PH-SIM PIN"),
        (.phFSIMPIN, "PH-FSIM PIN"), (.phFSIMPUK, "PH-FSIM PUK"), (.simPIN2, "SIM PIN2"),
        (.simPUK2, "SIM PUK2"), (.phNetPIN, "PH-NET PIN"), (.phNetPUK, "PH-NET PUK"),
        (.phNetSubPIN, "PH-NETSUB PIN"), (.phNetSubPUK, "PH-NETSUB PUK"), (.phSPPIN, "PH-SP PIN"),
        (.phSPPUK, "PH-SP PUK"), (.phCorpPIN, "PH-CORP PIN"), (.phCorpPUK, "PH-CORP PUK"),
        (.notReady, "NOT READY"), (.notInserted, "NOT INSERTED"),
    ]

    /// The state for a `<code>` text, matched without regard to case or surrounding quotes.
    public init(text: String) {
        let word = StandardParsing.unquoted(text.trimmingSpaces())
        let upper = word.uppercased()
        self = SIMState.words.first(where: { $0.1 == upper })?.0 ?? .other(word)
    }

    /// The text as the standard spells it.
    public var text: String {
        if case .other(let text) = self { return text }
        return SIMState.words.first(where: { $0.0 == self })?.1 ?? ""
    }

    public var description: String { text }

    /// Whether the SIM waits for a PIN, PUK or personalisation code.
    public var needsCode: Bool {
        switch self {
        case .ready, .notReady, .notInserted, .other: false
        default: true
        }
    }
}

/// Enter PIN, TS 27.007 §8.3.
///
/// Timeout: 5 s (SIMCom and Quectel manuals), the SIM checks the code.
public enum CPIN {
    public static let name = "+CPIN"

    /// Reads what the SIM waits for.
    ///
    ///     → AT+CPIN?
    ///     ← +CPIN: SIM PIN
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CPIN.name) }
        public static var prefixes: [String] { ["+CPIN:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SIMState {
            let (body, context) = try StandardParsing.line(response, prefix: "+CPIN:")
            let text = StandardParsing.trimmed(body)
            guard !text.isEmpty else { throw context.error("the SIM state is empty") }
            return SIMState(text: text)
        }
    }

    /// Enters the PIN, or the PUK and a new PIN. The codes are checked before any text is built.
    ///
    ///     → AT+CPIN="1234"
    ///     ← OK
    ///
    ///     → AT+CPIN="12345678","1234"
    ///     ← OK
    public struct Enter: ATCommand {
        public let text: String

        /// - Throws: ``ATArgumentError`` unless `pin` is 4 to 8 ASCII digits.
        public init(pin: String) throws(ATArgumentError) {
            try CPIN.check(pin, parameter: "pin", lengths: 4...8)
            text = StandardParsing.setLine(CPIN.name, safeStrings: [pin])
        }

        /// - Throws: ``ATArgumentError`` unless `puk` is 8 ASCII digits and `newPIN` 4 to 8.
        public init(puk: String, newPIN: String) throws(ATArgumentError) {
            try CPIN.check(puk, parameter: "puk", lengths: 8...8)
            try CPIN.check(newPIN, parameter: "newpin", lengths: 4...8)
            text = StandardParsing.setLine(CPIN.name, safeStrings: [puk, newPIN])
        }

        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The `+CPIN: <code>` URC (`+CPIN: READY` at boot, `+CPIN: NOT READY` after `AT+CFUN=0`).
    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> SIMState {
            let body = try StandardParsing.body(of: line, prefix: "+CPIN:", command: CPIN.name)
            let text = StandardParsing.trimmed(body)
            guard !text.isEmpty else { throw ATParseError(command: CPIN.name, line: line, reason: "the SIM state is empty") }
            return SIMState(text: text)
        }
    }

    static func check(_ code: String, parameter: String, lengths: ClosedRange<Int>) throws(ATArgumentError) {
        let length = code.utf8.count
        guard StandardParsing.isDigits(code), lengths.contains(length) else {
            let count = lengths.count == 1 ? "\(lengths.lowerBound)" : "\(lengths.lowerBound) to \(lengths.upperBound)"
            throw ATArgumentError(command: CPIN.name, parameter: parameter, reason: "must be \(count) digits")
        }
    }
}
