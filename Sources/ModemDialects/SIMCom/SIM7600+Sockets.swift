import ATCodec

/// SIMCom SIM7500/SIM7600 commands ("NETOPEN" TCP/IP stack, SIM7500/SIM7600 AT Command Manual).
/// Results come as URCs after `OK`; the `<err>` numbers are the manual's (0 success).
public enum SIM7600 {
    /// The largest payload one `AT+CIPSEND` takes.
    public static let maxSendLength = 1500
    /// The largest binary read one `AT+CIPRXGET=2` asks for.
    public static let maxReadLength = 1500
    /// Link numbers.
    public static let linkRange = 0...9

    /// Parses `<link>,<err>` after `name` (`+CIPOPEN: 0,0`, `+CIPCLOSE: 0,0`, `+IPCLOSE: 0,1`).
    static func linkAndCode(_ line: String, _ name: String) throws(ATParseError) -> (link: Int, code: Int) {
        let context = ATFieldsContext(command: name, line: line)
        guard line.hasPrefix(name + ":") else { throw context.error("not a \(name) line") }
        let fields = ATFields(line.dropFirst(name.count + 1))
        guard fields.count == 2 else { throw context.error("expected <link>,<err>") }
        let link = try fields.requiredInt(0, in: context)
        guard SIM7600.linkRange.contains(link) else { throw context.error("link must be 0 to 9") }
        return (link, try fields.requiredInt(1, in: context))
    }

    /// Opens the network for sockets; the outcome arrives as `+NETOPEN: <err>`.
    ///
    ///     → AT+NETOPEN
    ///     ← OK
    ///     ← +NETOPEN: 0
    ///     (already open: ← +IP ERROR: Network is already opened ← ERROR)
    public struct NETOPEN: ATCommand {
        public init() {}
        public var text: String { "AT+NETOPEN" }
        public static var prefixes: [String] { ["+IP ERROR:"] }
        public static var timeout: Duration { .seconds(10) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}

        /// Parses the deferred `+NETOPEN: <err>`.
        public static func result(_ line: String) throws(ATParseError) -> Int {
            let context = ATFieldsContext(command: "+NETOPEN", line: line)
            guard line.hasPrefix("+NETOPEN:") else { throw context.error("not a +NETOPEN line") }
            let fields = ATFields(line.dropFirst("+NETOPEN:".count))
            guard fields.count == 1 else { throw context.error("expected one error code") }
            return try fields.requiredInt(0, in: context)
        }

        /// Whether a failed `AT+NETOPEN` only said the network was open already.
        public static func alreadyOpen(_ response: ATResponse) -> Bool {
            response.lines.contains { $0.hasPrefix("+IP ERROR:") && $0.contains("already opened") }
        }
    }

    /// Turns manual receive on (`AT+CIPRXGET=1`).
    public typealias ManualReceive = SIMCom.ManualReceive
    /// Reads buffered bytes in binary (`AT+CIPRXGET=2,<link>,<len>`).
    public typealias CIPRXGET = SIMCom.CIPRXGET

    /// Opens a TCP link, or a UDP link whose peer each send names; the outcome arrives as
    /// `+CIPOPEN: <link>,<err>`.
    ///
    ///     → AT+CIPOPEN=0,"TCP","127.0.0.1",7000
    ///     ← OK
    ///     ← +CIPOPEN: 0,0
    ///     → AT+CIPOPEN=1,"UDP",,,50001
    ///     ← OK
    ///     ← +CIPOPEN: 1,0
    public struct CIPOPEN: ATCommand {
        public let text: String
        public let link: Int
        /// - Throws: ``ATArgumentError`` for a link outside 0...9, a port outside 1...65535, or a
        ///   host that is empty, longer than 255 characters or holds a quote, backslash or control character.
        public init(link: Int, host: String, port: Int) throws(ATArgumentError) {
            guard SIM7600.linkRange.contains(link) else { throw ATArgumentError(command: "+CIPOPEN", parameter: "link_num", reason: "must be 0 to 9") }
            try SIM7600.validate(host: host, port: port)
            text = "AT+CIPOPEN=\(link),\"TCP\",\"\(host)\",\(port)"
            self.link = link
        }
        /// A UDP link bound to `localPort` on the modem (SIM7500/SIM7600 manual: the remote is
        /// left out and given per send).
        /// - Throws: ``ATArgumentError`` for a link outside 0...9 or a local port outside 1...65535.
        public init(link: Int, udpLocalPort localPort: Int) throws(ATArgumentError) {
            guard SIM7600.linkRange.contains(link) else { throw ATArgumentError(command: "+CIPOPEN", parameter: "link_num", reason: "must be 0 to 9") }
            guard (1...65_535).contains(localPort) else { throw ATArgumentError(command: "+CIPOPEN", parameter: "localPort", reason: "must be 1 to 65535") }
            text = "AT+CIPOPEN=\(link),\"UDP\",,,\(localPort)"
            self.link = link
        }
        public static var prefixes: [String] { ["+IP ERROR:"] }
        public func parse(_ response: ATResponse) throws(ATParseError) {}

        /// Parses the deferred `+CIPOPEN: <link>,<err>`.
        public static func result(_ line: String) throws(ATParseError) -> (link: Int, error: Int) {
            let (link, code) = try SIM7600.linkAndCode(line, "+CIPOPEN")
            return (link, code)
        }
    }

    /// Checks a remote host and port.
    public static func validate(host: String, port: Int) throws(ATArgumentError) {
        try SIMCom.validate(host: host, port: port, command: "+CIPOPEN")
    }

    /// Sends bytes after the `>` prompt; binary safe, exactly `<len>` bytes. `OK` only says the
    /// bytes were taken; `+CIPSEND: <link>,<req>,<cnf>` follows (see ``sendResult(_:)``). On a
    /// UDP link each send is one datagram to the host and port it names.
    ///
    ///     → AT+CIPSEND=0,31                       → AT+CIPSEND=1,4,"127.0.0.1",7001
    ///     ← >                                     ← >
    ///     → (31 bytes)                            → ping
    ///     ← OK                                    ← OK
    ///     ← +CIPSEND: 0,31,31                     ← +CIPSEND: 1,4,4
    public struct CIPSEND: ATCommand {
        public private(set) var text: String
        public let payload: [UInt8]?
        /// - Throws: ``ATArgumentError`` for an empty payload or one over ``SIM7600/maxSendLength``.
        public init(link: Int, bytes: [UInt8]) throws(ATArgumentError) {
            guard !bytes.isEmpty, bytes.count <= SIM7600.maxSendLength else {
                throw ATArgumentError(command: "+CIPSEND", parameter: "length", reason: "must be 1 to \(SIM7600.maxSendLength) bytes")
            }
            text = "AT+CIPSEND=\(link),\(bytes.count)"
            payload = bytes
        }
        /// One datagram to `host`:`port` on a UDP link.
        /// - Throws: ``ATArgumentError`` for a payload as above, or a host or port ``SIM7600/validate(host:port:)`` refuses.
        public init(link: Int, bytes: [UInt8], to host: String, port: Int) throws(ATArgumentError) {
            try SIMCom.validate(host: host, port: port, command: "+CIPSEND")
            try self.init(link: link, bytes: bytes)
            text += ",\"\(host)\",\(port)"
        }
        public static var prefixes: [String] { ["+IP ERROR:"] }
        public static var timeout: Duration { .seconds(10) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}

        /// Parses `+CIPSEND: <link>,<reqSendLength>,<cnfSendLength>` (cnf -1: failed).
        public static func sendResult(_ line: String) throws(ATParseError) -> (link: Int, requested: Int, confirmed: Int) {
            let context = ATFieldsContext(command: "+CIPSEND", line: line)
            guard line.hasPrefix("+CIPSEND:") else { throw context.error("not a +CIPSEND line") }
            let fields = ATFields(line.dropFirst("+CIPSEND:".count))
            guard fields.count == 3 else { throw context.error("expected <link>,<req>,<cnf>") }
            return (try fields.requiredInt(0, in: context), try fields.requiredInt(1, in: context), try fields.requiredInt(2, in: context))
        }
    }

    /// Closes a link; `+CIPCLOSE: <link>,<err>` follows.
    ///
    ///     → AT+CIPCLOSE=0
    ///     ← OK
    public struct CIPCLOSE: ATCommand {
        public let text: String
        public init(link: Int) { text = "AT+CIPCLOSE=\(link)" }
        public static var prefixes: [String] { ["+CIPCLOSE:", "+IP ERROR:"] }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The socket URCs.
    ///
    ///     ← +CIPRXGET: 1,0      data waits on link 0 (manual receive)
    ///     ← +IPCLOSE: 0,1       link 0 closed (0 locally, 1 by the peer, 2 send timeout)
    ///     ← +CIPEVENT: NETWORK CLOSED UNEXPECTEDLY
    public enum SocketURC: Sendable, Hashable {
        case dataWaiting(link: Int)
        case closed(link: Int, reason: Int)
        case networkClosed

        public static func parse(_ line: String) throws(ATParseError) -> SocketURC {
            let context = ATFieldsContext(command: "SIM7600 URC", line: line)
            if line.hasPrefix("+IPCLOSE:") {
                let (link, reason) = try SIM7600.linkAndCode(line, "+IPCLOSE")
                return .closed(link: link, reason: reason)
            }
            if line.hasPrefix("+CIPEVENT:") {
                guard line.contains("NETWORK CLOSED") else { throw context.error("unknown +CIPEVENT") }
                return .networkClosed
            }
            guard let link = try SIMCom.dataWaiting(line, links: SIM7600.linkRange) else { throw context.error("not a SIM7600 socket URC") }
            return .dataWaiting(link: link)
        }
    }
}
