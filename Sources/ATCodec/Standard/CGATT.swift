/// Packet-domain attach, TS 27.007 §10.1.9.
public enum CGATT {
    public static let name = "+CGATT"

    /// Reads whether the modem is attached.
    ///
    ///     → AT+CGATT?
    ///     ← +CGATT: 1
    ///     ← OK
    ///
    ///     ← +CGATT:0         (SARA-G450: no space)
    ///
    /// Timeout: local state; 1 s.
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CGATT.name) }
        public static var prefixes: [String] { ["+CGATT:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Bool {
            let (body, context) = try StandardParsing.line(response, prefix: "+CGATT:")
            let fields = try StandardParsing.fields(body, context)
            switch try fields.requiredInt(0, in: context) {
            case 0: return false
            case 1: return true
            case let state: throw context.error("<state> \(state) is not 0 or 1")
            }
        }
    }

    /// Attaches or detaches.
    ///
    ///     → AT+CGATT=1
    ///     ← OK
    ///
    /// Timeout: the network decides; Quectel BG96 gives 140 s (SIMCom 75 s), we use 140 s.
    public struct Set: ATCommand {
        public let attached: Bool
        public init(attached: Bool) { self.attached = attached }
        public var text: String { StandardParsing.setLine(CGATT.name, numbers: [attached ? 1 : 0]) }
        public static var timeout: Duration { .seconds(140) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
