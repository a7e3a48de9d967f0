/// Power saving mode setting, TS 27.007 §7.38. Timers are 8-bit strings in the TS 24.008
/// encodings of ``GPRSTimer``.
///
/// Timeout: 5 s.
public enum CPSMS {
    public static let name = "+CPSMS"

    /// What the modem is set to request (the network may grant other values, reported in
    /// `+CEREG` at `<n>` 4 or 5).
    public struct Setting: Sendable, Hashable {
        public var enabled: Bool
        public var periodicTAU: GPRSTimer?
        public var activeTime: GPRSTimer?

        public init(enabled: Bool, periodicTAU: GPRSTimer? = nil, activeTime: GPRSTimer? = nil) {
            self.enabled = enabled
            self.periodicTAU = periodicTAU
            self.activeTime = activeTime
        }
    }

    /// Requests PSM with a Periodic-TAU (T3412 extended) and an Active-Time (T3324), or turns it
    /// off. The RAU and READY timers are left out.
    ///
    ///     → AT+CPSMS=1,,,"00000110","00000101"     (TAU 6 × 10 min = 1 h, active 5 × 2 s = 10 s)
    ///     ← OK
    ///
    ///     → AT+CPSMS=0
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        /// The timers are built from checked octets, so nothing else can reach the line.
        public init(periodicTAU: GPRSTimer, activeTime: GPRSTimer) {
            let tau = GPRSTimer(octet: periodicTAU.octet, coding: .timer3).bits
            let active = GPRSTimer(octet: activeTime.octet, coding: .timer2).bits
            text = "AT+CPSMS=1,,,\"\(tau)\",\"\(active)\""
        }

        /// `AT+CPSMS=0`.
        public static var disable: Set { Set(text: "AT+CPSMS=0") }

        private init(text: String) { self.text = text }

        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the requested setting.
    ///
    ///     → AT+CPSMS?
    ///     ← +CPSMS: 1,,,"00011000","00011110"      (SARA-R510: TAU 4 h, active 60 s)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CPSMS.name) }
        public static var prefixes: [String] { ["+CPSMS:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Setting {
            let (body, context) = try StandardParsing.line(response, prefix: "+CPSMS:")
            let fields = try StandardParsing.fields(body, context)
            let mode = try fields.requiredInt(0, in: context)
            guard (0...2).contains(mode) else { throw context.error("<mode> \(mode) is not 0...2") }
            func timer(_ index: Int, _ coding: GPRSTimer.Coding) throws(ATParseError) -> GPRSTimer? {
                guard let bits = StandardParsing.text(fields, index) else { return nil }
                guard let timer = GPRSTimer(bits: bits, coding: coding) else {
                    throw context.error("field \(index + 1) \"\(bits)\" is not 8 binary digits")
                }
                return timer
            }
            return Setting(enabled: mode == 1, periodicTAU: try timer(3, .timer3), activeTime: try timer(4, .timer2))
        }
    }
}
