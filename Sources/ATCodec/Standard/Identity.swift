// Identification and basic commands: V.250 (AT, ATE, ATI) and TS 27.007 §5 (CGMI, CGMM,
// CGMR, CGSN, CIMI). All answer from the modem itself; Quectel's manuals give 300 ms, we
// allow 1 s for slow links.

/// `AT`: checks that the modem answers (V.250 §5.2.1).
///
///     → AT
///     ← OK
public enum AT {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { "AT" }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

/// `ATE`: command echo (V.250 §6.2.4).
///
///     → ATE0
///     ← ATE0        (echoed, since echo was still on)
///     ← OK
public enum Echo {
    public struct Set: ATCommand {
        public let on: Bool
        public init(on: Bool) { self.on = on }
        public var text: String { ATCommandLine.execute(on ? "E1" : "E0") }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

/// `ATI`: product identification (V.250 §6.1.3), free text over several lines.
///
///     → ATI
///     ← Quectel
///     ← BG96
///     ← Revision: BG96MAR02A07M1G
///     ← OK
public enum ATI {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { "ATI" }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(1) }

        /// Every non-empty line, trimmed.
        public func parse(_ response: ATResponse) throws(ATParseError) -> [String] {
            response.lines.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        }
    }
}

/// `AT+CGMI`: manufacturer (TS 27.007 §5.1).
///
///     → AT+CGMI
///     ← SIMCOM_Ltd          (SIM800; SIM7600 prints "+CGMI: SIMCOM INCORPORATED")
///     ← OK
public enum CGMI {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+CGMI") }
        public static var prefixes: [String] { ["+CGMI:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> String {
            try IdentityText.parse(response, prefixes: ["+CGMI:"])
        }
    }
}

/// `AT+CGMM`: model (TS 27.007 §5.2).
///
///     → AT+CGMM
///     ← SARA-R410M-02B
///     ← OK
public enum CGMM {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+CGMM") }
        public static var prefixes: [String] { ["+CGMM:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> String {
            try IdentityText.parse(response, prefixes: ["+CGMM:"])
        }
    }
}

/// `AT+CGMR`: firmware revision (TS 27.007 §5.3).
///
///     → AT+CGMR
///     ← Revision:1418B04SIM800L24     (SIM800; BG96 prints "BG96MAR02A07M1G",
///     ← OK                             SIM7600 "+CGMR: LE20B04SIM7600M22")
public enum CGMR {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+CGMR") }
        public static var prefixes: [String] { ["+CGMR:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) -> String {
            try IdentityText.parse(response, prefixes: ["+CGMR:", "Revision:"])
        }
    }
}

/// `AT+CGSN`: the IMEI (TS 27.007 §5.4).
///
///     → AT+CGSN
///     ← 490154203237518            (bare on most modems; nRF9160: +CGSN: "490154203237518")
///     ← OK
///
/// A wrong check digit is not an error: the number is returned as printed and ``IMEI/isValidLuhn``
/// tells. Anything but 15 digits is.
public enum CGSN {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+CGSN") }
        public static var prefixes: [String] { ["+CGSN:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> IMEI {
            let (value, context) = try StandardParsing.bareValue(response, prefixes: ["+CGSN:"])
            guard let imei = IMEI(value) else { throw context.error("the IMEI \"\(value)\" is not 15 digits") }
            return imei
        }
    }
}

/// `AT+CIMI`: the IMSI (TS 27.007 §5.6).
///
///     → AT+CIMI
///     ← 262011234567890
///     ← OK
public enum CIMI {
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute("+CIMI") }
        public static var prefixes: [String] { ["+CIMI:"] }
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> IMSI {
            let (value, context) = try StandardParsing.bareValue(response, prefixes: ["+CIMI:"])
            guard let imsi = IMSI(value) else { throw context.error("the IMSI \"\(value)\" is not 6 to 15 digits") }
            return imsi
        }
    }
}

/// The free-text identity answers (CGMI, CGMM, CGMR).
enum IdentityText {
    static func parse(_ response: ATResponse, prefixes: [String]) throws(ATParseError) -> String {
        let (value, context) = try StandardParsing.bareValue(response, prefixes: prefixes)
        guard !value.isEmpty else { throw context.error("the value is empty") }
        return value
    }
}
