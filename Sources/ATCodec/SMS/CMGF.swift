/// Message format, TS 27.005 §3.2.3: PDU (0) or text (1) mode for every SMS command after it.
public enum CMGF {
    public static let name = "+CMGF"

    /// `<mode>`.
    public enum Mode: Int, Sendable, Hashable {
        case pdu = 0
        case text = 1
    }

    /// Selects the mode.
    ///
    ///     → AT+CMGF=0
    ///     ← OK
    public struct Set: ATCommand {
        public let mode: Mode
        public init(_ mode: Mode) { self.mode = mode }
        public var text: String { StandardParsing.setLine(CMGF.name, numbers: [mode.rawValue]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the mode.
    ///
    ///     → AT+CMGF?
    ///     ← +CMGF: 0          (BG96, SIM800 after AT+CMGF=0)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CMGF.name) }
        public static var prefixes: [String] { ["+CMGF:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Mode {
            let (body, context) = try StandardParsing.line(response, prefix: "+CMGF:")
            let value = try StandardParsing.fields(body, context).requiredInt(0, in: context)
            guard let mode = Mode(rawValue: value) else { throw context.error("<mode> \(value) is not 0 or 1") }
            return mode
        }
    }
}

/// TE character set, TS 27.007 §5.5: how text-mode SMS text, numbers and USSD strings are
/// written on the line.
public enum CSCS {
    public static let name = "+CSCS"

    /// Selects the character set (`"IRA"`, `"GSM"`, `"UCS2"`, `"HEX"`, `"8859-1"`...).
    ///
    ///     → AT+CSCS="UCS2"
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String
        /// - Throws: ``ATEncodingError`` when the name holds a quote or control character.
        public init(_ characterSet: String) throws(ATEncodingError) {
            text = try ATCommandLine.set(CSCS.name, [.string(characterSet)])
        }

        private init(constant: String) {
            text = StandardParsing.setLine(CSCS.name, safeStrings: [constant])
        }

        /// `AT+CSCS="IRA"`: ASCII (T.50).
        public static let ira = Set(constant: "IRA")
        /// `AT+CSCS="UCS2"`: hex of UTF-16, four digits per unit.
        public static let ucs2 = Set(constant: "UCS2")
        /// `AT+CSCS="GSM"`: one GSM 7-bit septet per byte.
        public static let gsm = Set(constant: "GSM")
        /// `AT+CSCS="HEX"`: GSM septets (or octets) as hex digits.
        public static let hex = Set(constant: "HEX")
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the character set.
    ///
    ///     → AT+CSCS?
    ///     ← +CSCS: "IRA"       (BG96 default; SIM800 defaults to "GSM")
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CSCS.name) }
        public static var prefixes: [String] { ["+CSCS:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> String {
            let (body, context) = try StandardParsing.line(response, prefix: "+CSCS:")
            let name = StandardParsing.trimmed(body)
            guard !name.isEmpty else { throw context.error("no character set named") }
            return name
        }
    }
}

/// New message acknowledgement, TS 27.005 §3.4.4: acknowledges a `+CMT` or `+CDS` when
/// `+CSMS=1` asks for it (otherwise the network retries and the modem stops routing).
///
///     → AT+CNMA
///     ← OK                 (← +CMS ERROR: 340 when nothing waits for an acknowledgement)
public enum CNMA {
    public static let name = "+CNMA"

    public struct Execute: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.execute(CNMA.name) }
        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

/// Select message service, TS 27.005 §3.2.1: with `<service>` 1 (phase 2+) every `+CMT` and
/// `+CDS` must be acknowledged with ``CNMA``.
public enum CSMS {
    public static let name = "+CSMS"

    /// Selects the service; the answer says which of MT, MO and broadcast it supports.
    ///
    ///     → AT+CSMS=1
    ///     ← +CSMS: 1,1,1
    ///     ← OK
    public struct Set: ATCommand {
        public let service: Int
        public init(service: Int) { self.service = service == 1 ? 1 : 0 }
        public var text: String { StandardParsing.setLine(CSMS.name, numbers: [service]) }
        public static var prefixes: [String] { ["+CSMS:"] }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

/// Show text mode parameters, TS 27.005 §3.3.3: with 1, text-mode `+CMT`, `+CMGR` and `+CMGL`
/// add `<tooa>,<fo>,<pid>,<dcs>,<sca>,<tosca>,<length>` (`+CMGL`: `<tooa>,<length>`), without
/// which 8-bit, UCS-2 and concatenated messages cannot be told from 7-bit text.
///
///     → AT+CSDH=1
///     ← OK
public enum CSDH {
    public static let name = "+CSDH"

    public struct Set: ATCommand {
        public let show: Bool
        public init(show: Bool) { self.show = show }
        public var text: String { StandardParsing.setLine(CSDH.name, numbers: [show ? 1 : 0]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
