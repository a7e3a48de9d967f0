/// Operator selection, TS 27.007 §7.3.
///
/// Timeouts: set and test wait on the network (a manual selection or a full scan); Quectel
/// and SIMCom manuals give 180 s and 120 s, we use 180 s. The read answers from local state:
/// 5 s.
public enum COPS {
    public static let name = "+COPS"

    /// `<mode>`.
    public enum Mode: Int, Sendable, Hashable, CaseIterable {
        case automatic = 0
        case manual = 1
        case deregister = 2
        /// Only sets `<format>` for the read command.
        case setFormat = 3
        /// Manual, falling back to automatic.
        case manualThenAutomatic = 4
    }

    /// `<format>` of `<oper>`.
    public enum Format: Int, Sendable, Hashable, CaseIterable {
        case longAlphanumeric = 0
        case shortAlphanumeric = 1
        /// MCC and MNC digits: `"26202"`.
        case numeric = 2
    }

    /// `+COPS: <mode>[,<format>,<oper>[,<AcT>]]`.
    public struct Selection: Sendable, Hashable {
        public var mode: Mode
        public var format: Format?
        /// `<oper>` in ``format``; `nil` when not registered (`+COPS: 0`).
        public var operatorName: String?
        public var accessTechnology: AccessTechnology?

        public init(mode: Mode, format: Format? = nil, operatorName: String? = nil, accessTechnology: AccessTechnology? = nil) {
            self.mode = mode
            self.format = format
            self.operatorName = operatorName
            self.accessTechnology = accessTechnology
        }
    }

    /// Reads the current mode and operator.
    ///
    ///     → AT+COPS?
    ///     ← +COPS: 0,0,"Vodafone.de",7
    ///     ← OK
    ///
    ///     ← +COPS: 0            (no operator)
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(COPS.name) }
        public static var prefixes: [String] { ["+COPS:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Selection {
            let (body, context) = try StandardParsing.line(response, prefix: "+COPS:")
            let fields = try StandardParsing.fields(body, context)
            let modeCode = try fields.requiredInt(0, in: context)
            guard let mode = Mode(rawValue: modeCode) else { throw context.error("<mode> \(modeCode) is not 0...4") }
            var selection = Selection(mode: mode)
            if let formatCode = try fields.int(1, in: context) {
                guard let format = Format(rawValue: formatCode) else {
                    throw context.error("<format> \(formatCode) is not 0...2")
                }
                selection.format = format
            }
            selection.operatorName = StandardParsing.text(fields, 2)
            if let act = try fields.int(3, in: context) {
                guard act >= 0 else { throw context.error("<AcT> \(act) is negative") }
                selection.accessTechnology = AccessTechnology(code: act)
            }
            return selection
        }
    }

    /// Selects the operator.
    ///
    ///     → AT+COPS=1,2,"26202",7
    ///     ← OK
    ///
    ///     → AT+COPS=0
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        /// `AT+COPS=<mode>`: automatic, deregister (or a mode without an operator).
        public init(mode: Mode) {
            text = StandardParsing.setLine(COPS.name, numbers: [mode.rawValue])
        }

        /// `AT+COPS=<mode>,<format>,"<oper>"[,<AcT>]`.
        /// - Throws: ``ATEncodingError`` when `operator` holds a quote, backslash or control character.
        public init(
            mode: Mode, format: Format, operator name: String, accessTechnology: AccessTechnology? = nil
        ) throws(ATEncodingError) {
            text = try ATCommandLine.set(COPS.name, [
                .int(mode.rawValue), .int(format.rawValue), .string(name),
                accessTechnology.map { .int($0.code) } ?? .omitted,
            ])
        }

        /// `AT+COPS=0`.
        public static let automatic = Set(mode: .automatic)
        /// `AT+COPS=2`.
        public static let deregister = Set(mode: .deregister)

        public static var timeout: Duration { .seconds(180) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Lists the operators in range (a network scan).
    ///
    ///     → AT+COPS=?
    ///     ← +COPS: (2,"Vodafone.de","Vodafone","26202",7),(1,"Telekom.de","TDG","26201",7),,(0-4),(0-2)
    ///     ← OK
    ///
    /// The lists of supported modes and formats after the empty item are ignored; names may
    /// hold commas and parentheses inside their quotes.
    public struct Test: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.test(COPS.name) }
        public static var prefixes: [String] { ["+COPS:"] }
        public static var timeout: Duration { .seconds(180) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [Operator] {
            let (body, context) = try StandardParsing.line(response, prefix: "+COPS:")
            return try Operator.parseList(body, context)
        }
    }
}
