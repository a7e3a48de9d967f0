/// Set phone functionality, TS 27.007 §8.2.
public enum CFUN {
    public static let name = "+CFUN"

    /// `<fun>`.
    public enum Level: Sendable, Hashable {
        /// 0: minimum functionality (RF and SIM off on most modems).
        case minimum
        /// 1: full functionality.
        case full
        /// 2: transmit circuits off.
        case transmitOff
        /// 3: receive circuits off.
        case receiveOff
        /// 4: transmit and receive off ("flight mode").
        case flightMode
        /// Any other (vendor) level.
        case other(Int)

        public init(code: Int) {
            switch code {
            case 0: self = .minimum
            case 1: self = .full
            case 2: self = .transmitOff
            case 3: self = .receiveOff
            case 4: self = .flightMode
            default: self = .other(code)
            }
        }

        public var code: Int {
            switch self {
            case .minimum: 0
            case .full: 1
            case .transmitOff: 2
            case .receiveOff: 3
            case .flightMode: 4
            case .other(let code): code
            }
        }
    }

    /// Changes the level, optionally resetting the modem first (`<rst>` 1).
    ///
    ///     → AT+CFUN=1,1
    ///     ← OK
    ///     ← RDY … (boot URCs after the reset)
    ///
    /// Timeout: 15 s (Quectel BG96 and SIMCom SIM7600 manuals: the modem detaches first). With
    /// a reset, `OK` comes before the reboot, so the same bound holds.
    public struct Set: ATCommand {
        public let level: Level
        public let reset: Bool

        public init(level: Level, reset: Bool = false) {
            self.level = level
            self.reset = reset
        }

        public var text: String { StandardParsing.setLine(CFUN.name, numbers: [level.code, reset ? 1 : nil]) }
        public static var timeout: Duration { .seconds(15) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the level.
    ///
    ///     → AT+CFUN?
    ///     ← +CFUN: 1
    ///     ← OK
    ///
    /// Timeout: local state; 1 s.
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CFUN.name) }
        public static var prefixes: [String] { ["+CFUN:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Level {
            let (body, context) = try StandardParsing.line(response, prefix: "+CFUN:")
            let fields = try StandardParsing.fields(body, context)
            return Level(code: try StandardParsing.count(fields, 0, name: "<fun>", in: context))
        }
    }
}
