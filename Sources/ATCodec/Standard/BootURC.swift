/// A line a modem prints while it starts up or as subsystems become ready (see the registry's
/// ``URCBootRole``). Sequences differ by family:
///
///     SIMCom SIM800:  RDY, +CFUN: 1, +CPIN: READY, Call Ready, SMS Ready
///     SIMCom SIM7600: RDY, +CPIN: READY, SMS DONE, PB DONE
///     Quectel BG96:   RDY, +CFUN: 1, +CPIN: READY, (then Quectel's +QUSIM / +QIND lines)
public enum BootURC: Sendable, Hashable {
    /// `RDY`: the module has powered on (or reset) and its UART is up.
    case moduleReady
    /// `+CFUN: <fun>`.
    case functionality(CFUN.Level)
    /// `+CPIN: <code>`.
    case sim(SIMState)
    /// `SMS Ready`.
    case smsReady
    /// `Call Ready`.
    case callReady
    /// `PB DONE`: the phonebook is loaded.
    case phonebookDone
    /// `SMS DONE`: the SMS store is loaded.
    case smsDone
    /// `+PBREADY`.
    case phonebookReady

    /// The part the line plays: ``URCBootRole/powerOn`` for `RDY`, readiness for the rest.
    public var role: URCBootRole {
        self == .moduleReady ? .powerOn : .readiness
    }

    /// Parses one boot line; anything else is an error carrying the line.
    ///
    ///     try BootURC.parse("+CPIN: READY")   // .sim(.ready)
    public static func parse(_ line: String) throws(ATParseError) -> BootURC {
        switch line.trimmingSpaces() {
        case "RDY": return .moduleReady
        case "SMS Ready": return .smsReady
        case "Call Ready": return .callReady
        case "PB DONE": return .phonebookDone
        case "SMS DONE": return .smsDone
        case "+PBREADY": return .phonebookReady
        default: break
        }
        if line.hasPrefix("+CPIN:") { return .sim(try CPIN.Unsolicited.parse(line)) }
        if line.hasPrefix("+CFUN:") {
            let body = try StandardParsing.body(of: line, prefix: "+CFUN:", command: CFUN.name)
            let context = ATFieldsContext(command: CFUN.name, line: line)
            let fields = try StandardParsing.fields(body, context)
            return .functionality(CFUN.Level(code: try StandardParsing.count(fields, 0, name: "<fun>", in: context)))
        }
        throw ATParseError(command: "boot", line: line, reason: "not a boot or readiness line")
    }
}
