/// New message indications, TS 27.005 §3.4.1: how incoming messages and status reports reach
/// the TE (`+CMTI` after storing, `+CMT` directly, `+CDS`/`+CDSI`).
public enum CNMI {
    public static let name = "+CNMI"

    /// `<mode>,<mt>,<bm>,<ds>,<bfr>`.
    public struct Settings: Sendable, Hashable {
        /// 0 buffer in the modem, 1 discard when the link is busy, 2 buffer and flush, 3 in-band.
        public var mode: Int
        /// 0 none, 1 store and `+CMTI`, 2 `+CMT` (class 2 stored), 3 class 3 as `+CMT`.
        public var messages: Int
        public var broadcasts: Int
        /// 0 none, 1 `+CDS`, 2 stored and `+CDSI`.
        public var statusReports: Int
        public var bufferFlush: Int

        public init(mode: Int = 2, messages: Int = 1, broadcasts: Int = 0, statusReports: Int = 0, bufferFlush: Int = 0) {
            self.mode = mode
            self.messages = messages
            self.broadcasts = broadcasts
            self.statusReports = statusReports
            self.bufferFlush = bufferFlush
        }
    }

    /// Selects the routing.
    ///
    ///     → AT+CNMI=2,1,0,1,0
    ///     ← OK
    public struct Set: ATCommand {
        public let settings: Settings

        /// - Throws: ``ATArgumentError`` when a value is outside the ranges of §3.4.1.
        public init(_ settings: Settings) throws(ATArgumentError) {
            let limits = [("mode", settings.mode, 3), ("mt", settings.messages, 3), ("bm", settings.broadcasts, 3),
                          ("ds", settings.statusReports, 2), ("bfr", settings.bufferFlush, 1)]
            for (name, value, limit) in limits where !(0...limit).contains(value) {
                throw ATArgumentError(command: CNMI.name, parameter: name, reason: "must be 0...\(limit), not \(value)")
            }
            self.settings = settings
        }

        public var text: String {
            StandardParsing.setLine(CNMI.name, numbers: [settings.mode, settings.messages, settings.broadcasts,
                                                         settings.statusReports, settings.bufferFlush])
        }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads the routing; missing trailing values (SIM800 prints all five, some modems fewer) are 0.
    ///
    ///     → AT+CNMI?
    ///     ← +CNMI: 2,1,0,0,0       (BG96 default)
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CNMI.name) }
        public static var prefixes: [String] { ["+CNMI:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Settings {
            let (body, context) = try StandardParsing.line(response, prefix: "+CNMI:")
            let fields = try StandardParsing.fields(body, context)
            guard !fields.isEmpty else { throw context.error("<mode> is missing") }
            var values: [Int] = []
            for index in 0..<5 {
                let value = try fields.int(index, in: context) ?? 0
                guard value >= 0 else { throw context.error("field \(index + 1) \(value) is negative") }
                values.append(value)
            }
            return Settings(mode: values[0], messages: values[1], broadcasts: values[2], statusReports: values[3], bufferFlush: values[4])
        }
    }
}
