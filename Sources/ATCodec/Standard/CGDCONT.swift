/// `<PDP_type>` of TS 27.007 §10.1.1.
public enum PDPType: Sendable, Hashable, CustomStringConvertible {
    case ip
    case ipv6
    case ipv4v6
    case nonIP
    case ppp
    /// Any other type, kept as printed (`"Ethernet"`, `"X.25"`).
    case other(String)

    /// Matched without regard to case; `NONIP` is taken for `Non-IP`.
    public init(text: String) {
        switch text.uppercased() {
        case "IP": self = .ip
        case "IPV6": self = .ipv6
        case "IPV4V6": self = .ipv4v6
        case "NON-IP", "NONIP": self = .nonIP
        case "PPP": self = .ppp
        default: self = .other(text)
        }
    }

    /// The text as the standard spells it.
    public var text: String {
        switch self {
        case .ip: "IP"
        case .ipv6: "IPV6"
        case .ipv4v6: "IPV4V6"
        case .nonIP: "Non-IP"
        case .ppp: "PPP"
        case .other(let text): text
        }
    }

    public var description: String { text }
}

/// Define PDP context, TS 27.007 §10.1.1.
///
/// Timeout: local settings; Quectel gives 300 ms, we allow 1 s.
public enum CGDCONT {
    public static let name = "+CGDCONT"

    /// One defined context: `+CGDCONT: <cid>,<PDP_type>,<APN>,<PDP_addr>,...`.
    public struct Context: Sendable, Hashable {
        public var cid: Int
        public var type: PDPType
        /// `""` when the network chooses.
        public var apn: String
        /// `<PDP_addr>` as printed (often `0.0.0.0`); `nil` when empty. The address in use
        /// comes from ``CGPADDR``.
        public var address: String?

        public init(cid: Int, type: PDPType, apn: String, address: String? = nil) {
            self.cid = cid
            self.type = type
            self.apn = apn
            self.address = address
        }
    }

    /// Reads the defined contexts.
    ///
    ///     → AT+CGDCONT?
    ///     ← +CGDCONT: 1,"IP","internet","0.0.0.0",0,0
    ///     ← +CGDCONT: 2,"IPV4V6","ims","0.0.0.0",0,0
    ///     ← OK
    public struct Read: ATCommand {
        public init() {}
        public var text: String { ATCommandLine.read(CGDCONT.name) }
        public static var prefixes: [String] { ["+CGDCONT:"] }
        public static var timeout: Duration { .seconds(1) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [Context] {
            var contexts: [Context] = []
            for (line, body) in StandardParsing.lines(response, prefix: "+CGDCONT:") {
                let context = ATFieldsContext(command: response.command, line: line)
                let fields = try StandardParsing.fields(body, context)
                let cid = try StandardParsing.count(fields, 0, name: "<cid>", in: context)
                let type = PDPType(text: try fields.requiredText(1, in: context))
                let address = fields.text(3).map { $0.trimmingSpaces() }
                contexts.append(Context(
                    cid: cid, type: type, apn: fields.text(2) ?? "",
                    address: address?.isEmpty == false ? address : nil
                ))
            }
            return contexts
        }
    }

    /// Defines a context, or with `cid` alone, undefines it.
    ///
    ///     → AT+CGDCONT=1,"IP","internet"
    ///     ← OK
    ///
    ///     → AT+CGDCONT=3
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        /// - Throws: ``ATEncodingError`` when `apn` (or an ``PDPType/other(_:)`` type) holds a
        ///   quote, backslash or control character.
        public init(cid: Int, type: PDPType, apn: String) throws(ATEncodingError) {
            text = try ATCommandLine.set(CGDCONT.name, [.int(cid), .string(type.text), .string(apn)])
        }

        /// Undefines context `cid`.
        public init(undefining cid: Int) {
            text = StandardParsing.setLine(CGDCONT.name, numbers: [cid])
        }

        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
