/// Report mobile termination error, TS 27.007 §9.1: how failures are printed.
///
/// Timeout: a local setting; Quectel gives 300 ms, we allow 1 s.
public enum CMEE {
    public static let name = "+CMEE"

    /// `<n>`.
    public enum Mode: Int, Sendable, Hashable, CaseIterable {
        /// 0: plain `ERROR`.
        case disabled = 0
        /// 1: `+CME ERROR: 10`.
        case numeric = 1
        /// 2: `+CME ERROR: SIM not inserted`.
        case verbose = 2
    }

    /// Chooses the error format.
    ///
    ///     → AT+CMEE=1
    ///     ← OK
    public struct Set: ATCommand {
        public let mode: Mode
        public init(_ mode: Mode) { self.mode = mode }
        public var text: String { StandardParsing.setLine(CMEE.name, numbers: [mode.rawValue]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the error format.
    ///
    ///     → AT+CMEE?
    ///     ← +CMEE: 2
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CMEE.name) }
        public static var prefixes: [String] { ["+CMEE:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Mode {
            let (body, context) = try StandardParsing.line(response, prefix: "+CMEE:")
            let fields = try StandardParsing.fields(body, context)
            let code = try fields.requiredInt(0, in: context)
            guard let mode = Mode(rawValue: code) else { throw context.error("<n> \(code) is not 0...2") }
            return mode
        }
    }
}
