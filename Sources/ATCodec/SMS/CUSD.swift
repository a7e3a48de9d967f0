/// Unstructured supplementary service data, TS 27.007 §7.15.
public enum CUSD {
    public static let name = "+CUSD"

    /// `+CUSD: <m>[,<str>,<dcs>]`: the network's answer or request. `<str>` is as the modem
    /// printed it (in the `+CSCS` set, or hex of packed septets/UCS-2 on some modems); decoding
    /// it by `<dcs>` is done by the caller (``ModemKit``'s SMS service).
    public struct Notification: Sendable, Hashable {
        /// 0 no further action, 1 further action required, 2 terminated by network, 4 not
        /// supported, 5 timed out.
        public var status: Int
        public var string: String?
        /// TS 23.038 cell-broadcast DCS: 15 (0x0F) GSM 7-bit, 72 (0x48) UCS-2.
        public var dataCodingScheme: Int?

        public init(status: Int, string: String? = nil, dataCodingScheme: Int? = nil) {
            self.status = status
            self.string = string
            self.dataCodingScheme = dataCodingScheme
        }
    }

    /// Sends a USSD string; the answer comes as a `+CUSD:` URC after `OK` (or, on some
    /// modems, before it).
    ///
    ///     → AT+CUSD=1,"*100#",15
    ///     ← OK
    ///     ← +CUSD: 0,"Your balance is 5.00 GBP",15        (SIM800)
    public struct Set: ATCommand {
        public let text: String

        /// - Throws: ``ATArgumentError`` when `code` is not 1 to 160 of `0-9 * # +`.
        public init(code: String, dataCodingScheme: Int = 15) throws(ATArgumentError) {
            guard (1...160).contains(code.utf8.count), code.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2A || $0 == 0x23 || $0 == 0x2B }) else {
                throw ATArgumentError(command: CUSD.name, parameter: "str", reason: "must be 1 to 160 of 0-9 * # +")
            }
            text = (try? ATCommandLine.set(CUSD.name, [.int(1), .string(code), .int(dataCodingScheme)])) ?? "AT+CUSD=1"
        }

        /// Cancels the session: `AT+CUSD=2`.
        public init(cancelling: Void = ()) {
            text = StandardParsing.setLine(CUSD.name, numbers: [2])
        }

        /// The network takes several seconds; BG96 gives 120 s for the whole exchange.
        public static var timeout: Duration { .seconds(30) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    public enum Unsolicited {
        public static func parse(_ line: String) throws(ATParseError) -> Notification {
            let body = try StandardParsing.body(of: line, prefix: "+CUSD:", command: CUSD.name)
            let context = ATFieldsContext(command: CUSD.name, line: line)
            let fields = try StandardParsing.fields(body, context)
            let status = try StandardParsing.count(fields, 0, name: "<m>", in: context)
            guard status <= 5 else { throw context.error("<m> \(status) is not 0...5") }
            return Notification(status: status, string: fields.count > 1 ? fields.text(1) ?? "" : nil, dataCodingScheme: try fields.int(2, in: context))
        }
    }
}
