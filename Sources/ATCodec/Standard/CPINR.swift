/// How many wrong codes the SIM still accepts before it locks: the PIN before the PUK is
/// needed, the PUK before the SIM is blocked for good. `nil` where the modem did not say.
///
/// Read with `+CPINR` (TS 27.007), Quectel `+QPINC`, SIMCom `+SPIC`.
public struct SIMRetries: Sendable, Hashable, CustomStringConvertible {
    public var pin: Int?
    public var puk: Int?

    public init(pin: Int? = nil, puk: Int? = nil) {
        self.pin = pin
        self.puk = puk
    }

    /// `PIN 3 left, PUK 10 left`.
    public var description: String {
        [pin.map { "PIN \($0) left" }, puk.map { "PUK \($0) left" }].compactMap { $0 }.joined(separator: ", ")
    }
}

/// Remaining PIN retries, TS 27.007 §8.65.
///
/// Timeout: 5 s (the SIM answers).
public enum CPINR {
    public static let name = "+CPINR"

    /// Reads the PIN and PUK counters of the SIM.
    ///
    ///     → AT+CPINR="SIM*"
    ///     ← +CPINR: SIM PIN,3,3
    ///     ← +CPINR: SIM PUK,10,10
    ///     ← OK
    ///
    /// `<code>` is printed quoted by some modems and bare by others; both are read. Lines for
    /// PIN2/PUK2 are skipped.
    public struct Execute: ATCommand {
        public init() {}
        public var text: String { StandardParsing.setLine(CPINR.name, safeStrings: ["SIM*"]) }
        public static var prefixes: [String] { ["+CPINR:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SIMRetries {
            var retries = SIMRetries()
            for (line, body) in StandardParsing.lines(response, prefix: "+CPINR:") {
                let context = ATFieldsContext(command: response.command, line: line)
                let fields = try StandardParsing.fields(body, context)
                let code = StandardParsing.trimmed(fields.text(0) ?? "").uppercased()
                let count = try StandardParsing.count(fields, 1, name: "<retries>", in: context)
                switch code {
                case "SIM PIN": retries.pin = count
                case "SIM PUK": retries.puk = count
                default: continue
                }
            }
            guard retries.pin != nil || retries.puk != nil else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no SIM PIN or SIM PUK line")
            }
            return retries
        }
    }
}
