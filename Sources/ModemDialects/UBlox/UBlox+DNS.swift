import ATCodec

extension UBlox {
    /// Resolves a host name through the modem's DNS (`AT+USOCO` takes only an address).
    ///
    ///     → AT+UDNSRN=0,"echo.example"
    ///     ← +UDNSRN: "127.0.0.1"
    ///     ← OK
    ///
    /// Failure is `ERROR` / `+CME ERROR` (the reason then in `AT+USOER`). u-blox AT Commands
    /// Manual, "Resolve name / IP number through DNS +UDNSRN"; type 0 is name to address.
    public struct UDNSRN: ATCommand {
        public let text: String

        /// - Throws: ``ATArgumentError`` for a name ``UBlox/validate(host:port:command:)`` refuses.
        public init(host: String) throws(ATArgumentError) {
            try UBlox.validate(host: host, port: 1, command: "+UDNSRN")
            text = "AT+UDNSRN=0,\"\(host)\""
        }

        public static var prefixes: [String] { ["+UDNSRN:"] }
        /// A lookup may wait on the network's DNS servers (the manual allows minutes; unverified).
        public static var timeout: Duration { .seconds(70) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> IPAddress {
            guard let line = response.lines.first(where: { $0.hasPrefix("+UDNSRN:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +UDNSRN line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+UDNSRN:".count))
            guard fields.count == 1, let text = fields.text(0), let address = IPAddress(text) else {
                throw context.error("expected one quoted IPv4 or IPv6 address")
            }
            return address
        }
    }
}
