import ATCodec

extension Quectel {
    /// PIN and PUK counters of the SIM (Quectel AT Commands Manual, `AT+QPINC`).
    ///
    ///     → AT+QPINC="SC"
    ///     ← +QPINC: "SC",3,10
    ///     ← OK
    ///
    /// `<pincounter>` and `<pukcounter>` are the attempts left.
    public struct QPINC: ATCommand {
        public init() {}
        public var text: String { "AT+QPINC=\"SC\"" }
        public static var prefixes: [String] { ["+QPINC:"] }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SIMRetries {
            for line in response.lines where line.hasPrefix("+QPINC:") {
                let context = ATFieldsContext(command: response.command, line: line)
                let fields = ATFields(line.dropFirst("+QPINC:".count))
                guard !fields.unterminatedQuote else { throw context.error("a quote is never closed") }
                guard fields.text(0)?.filter({ $0 != " " }).uppercased() == "SC" else { continue }
                let pin = try fields.requiredInt(1, in: context)
                let puk = try fields.requiredInt(2, in: context)
                guard pin >= 0, puk >= 0 else { throw context.error("a counter is negative") }
                return SIMRetries(pin: pin, puk: puk)
            }
            throw ATParseError(command: response.command, line: response.lines.first, reason: "no +QPINC: \"SC\" line")
        }
    }
}
