/// Fixed DTE rate, ITU-T V.250 §6.2.10: the line speed the modem uses from now on instead of
/// detecting it from each `AT` (autobaud, `+IPR=0`).
///
/// Timeout: a local setting; 1 s. Most modules answer at the old rate and switch after the
/// `OK`; some (SIMCom, Quectel) need `AT&W` to keep the rate over a power cycle.
public enum IPR {
    public static let name = "+IPR"

    /// Fixes the rate (0: autobaud, where the modem supports it).
    ///
    ///     → AT+IPR=9600
    ///     ← OK
    public struct Set: ATCommand {
        public let rate: Int
        public init(rate: Int) { self.rate = max(0, rate) }
        public var text: String { StandardParsing.setLine(IPR.name, numbers: [rate]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
