import ATCodec

extension SIMCom {
    /// PIN and PUK counters of the SIM (SIMCom AT Command Manual, `AT+SPIC`).
    ///
    ///     → AT+SPIC
    ///     ← +SPIC: 3,10,0,10
    ///     ← OK
    ///
    /// The fields are the attempts left for PIN1, PUK1, PIN2 and PUK2; PIN2/PUK2 are not kept.
    public struct SPIC: ATCommand {
        public init() {}
        public var text: String { "AT+SPIC" }
        public static var prefixes: [String] { ["+SPIC:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SIMRetries {
            guard let line = response.lines.first(where: { $0.hasPrefix("+SPIC:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +SPIC line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+SPIC:".count))
            let pin = try fields.requiredInt(0, in: context)
            let puk = try fields.requiredInt(1, in: context)
            guard pin >= 0, puk >= 0 else { throw context.error("a counter is negative") }
            return SIMRetries(pin: pin, puk: puk)
        }
    }
}
