/// A SIM's Integrated Circuit Card Identifier: 19 or 20 digits, the last a Luhn check digit
/// (ITU-T E.118). Modems print the padding nibble of a 19-digit ICCID as a trailing `F`,
/// which is removed.
///
/// Three commands read it, none of them in TS 27.007:
///
///     → AT+CCID      ← 89860318740200040000          (SIMCom SIM800: bare; others "+CCID: ...")
///     → AT+ICCID     ← +ICCID: 8944500601200017854F  (u-blox, SIMCom SIM7600)
///     → AT+QCCID     ← +QCCID: 89860318740200040000  (Quectel)
///
/// Timeout: read from the SIM; Quectel gives 300 ms for `+QCCID`, we allow 2 s for slow SIMs.
public struct ICCID: Sendable, Hashable, CustomStringConvertible {
    /// The digits, without padding `F`.
    public let digits: String

    /// `nil` unless `text` is 19 or 20 ASCII digits after any trailing `F`/`f` is removed.
    public init?(_ text: String) {
        var text = Substring(text)
        while let last = text.last, last == "F" || last == "f" { text.removeLast() }
        guard StandardParsing.isDigits(text), (19...20).contains(text.utf8.count) else { return nil }
        digits = String(text)
    }

    /// Whether the last digit is the right Luhn check digit.
    public var isValidLuhn: Bool { StandardParsing.passesLuhn(digits) }

    public var description: String { digits }

    static func parse(_ response: ATResponse, prefixes: [String]) throws(ATParseError) -> ICCID {
        let (value, context) = try StandardParsing.bareValue(response, prefixes: prefixes)
        guard let iccid = ICCID(value) else { throw context.error("the ICCID \"\(value)\" is not 19 or 20 digits") }
        return iccid
    }

    /// `AT+ICCID` (u-blox, SIMCom SIM7600).
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+ICCID") }
        public static var prefixes: [String] { ["+ICCID:"] }
        public static var timeout: Duration { .seconds(2) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> ICCID {
            try ICCID.parse(response, prefixes: ["+ICCID:"])
        }
    }
}

/// `AT+CCID` (SIMCom): the ICCID, bare or after `+CCID:`.
public enum CCID {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+CCID") }
        public static var prefixes: [String] { ["+CCID:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(2) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> ICCID {
            try ICCID.parse(response, prefixes: ["+CCID:"])
        }
    }
}

/// `AT+QCCID` (Quectel): the ICCID after `+QCCID:`.
public enum QCCID {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+QCCID") }
        public static var prefixes: [String] { ["+QCCID:"] }
        public static var timeout: Duration { .seconds(2) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> ICCID {
            try ICCID.parse(response, prefixes: ["+QCCID:"])
        }
    }
}
