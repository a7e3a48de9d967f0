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

    /// Turns manual receive on: data is announced by `+CIPRXGET: 1,<link>` and read with ``CIPRXGET``.
    ///
    ///     → AT+CIPRXGET=1
    ///     ← OK
    public struct ManualReceive: ATCommand {
        public init() {}
        public var text: String { "AT+CIPRXGET=1" }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Opens a TCP link; the outcome arrives as `+CIPOPEN: <link>,<err>`.
    ///
    ///     → AT+CIPOPEN=0,"TCP","127.0.0.1",7000
    ///     ← OK
    ///     ← +CIPOPEN: 0,0
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
        guard (1...65_535).contains(port) else {
            throw ATArgumentError(command: "+CIPOPEN", parameter: "serverPort", reason: "must be 1 to 65535")
        }
        guard !host.isEmpty, host.utf8.count <= 255,
              !host.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ATArgumentError(command: "+CIPOPEN", parameter: "serverIP", reason: "must be 1 to 255 characters without quotes, backslashes or control characters")
        }
    }

    /// Sends bytes after the `>` prompt; binary safe, exactly `<len>` bytes. `OK` only says the
    /// bytes were taken; `+CIPSEND: <link>,<req>,<cnf>` follows (see ``sendResult(_:)``).
    ///
    ///     → AT+CIPSEND=0,31
    ///     ← >
    ///     → (31 bytes)
    ///     ← OK
    ///     ← +CIPSEND: 0,31,31
    public struct CIPSEND: ATCommand {
        public let text: String
        public let payload: [UInt8]?
        /// - Throws: ``ATArgumentError`` for an empty payload or one over ``SIM7600/maxSendLength``.
        public init(link: Int, bytes: [UInt8]) throws(ATArgumentError) {
            guard !bytes.isEmpty, bytes.count <= SIM7600.maxSendLength else {
                throw ATArgumentError(command: "+CIPSEND", parameter: "length", reason: "must be 1 to \(SIM7600.maxSendLength) bytes")
            }
            text = "AT+CIPSEND=\(link),\(bytes.count)"
            payload = bytes
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

    /// Reads buffered bytes in binary (manual receive).
    ///
    ///     → AT+CIPRXGET=2,0,1500
    ///     ← +CIPRXGET: 2,0,5,0
    ///     ← hello                  (exactly 5 raw bytes)
    ///     ← OK
    public struct CIPRXGET: ATCommand {
        public let text: String
        public let link: Int
        public init(link: Int, maxLength: Int = SIM7600.maxReadLength) {
            text = "AT+CIPRXGET=2,\(link),\(min(max(1, maxLength), SIM7600.maxReadLength))"
            self.link = link
        }
        public static var prefixes: [String] { ["+CIPRXGET:", "+IP ERROR:"] }
        /// `+CIPRXGET: 1,<link>` is the "data waiting" URC, not this command's answer.
        public static func ownsLine(_ line: ArraySlice<UInt8>) -> Bool { !line.starts(with: "+CIPRXGET: 1".utf8) }

        /// `+CIPRXGET: 2,0,5,0` announces 5 bytes; a read of 0 none.
        public func payloadLength(announcedBy line: ArraySlice<UInt8>) -> Int? {
            let fields = ATFields(ATText.decode(line.dropFirst("+CIPRXGET:".utf8.count)))
            guard fields.count == 4, fields.text(0) == "2", let length = fields.text(2).flatMap({ Int($0) }), length > 0 else { return nil }
            return length
        }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [UInt8] {
            guard let line = response.lines.first(where: { $0.hasPrefix("+CIPRXGET: 2") || $0.hasPrefix("+CIPRXGET:2") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +CIPRXGET: 2 line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+CIPRXGET:".count))
            guard fields.count == 4, try fields.requiredInt(1, in: context) == link else { throw context.error("expected +CIPRXGET: 2,\(link),<read>,<rest>") }
            let announced = try fields.requiredInt(2, in: context)
            _ = try fields.requiredInt(3, in: context)
            let bytes = response.payloads.first ?? []
            guard bytes.count == announced else { throw context.error("announced \(announced) bytes, \(bytes.count) came") }
            return bytes
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
            guard line.hasPrefix("+CIPRXGET:") else { throw context.error("not a SIM7600 socket URC") }
            let fields = ATFields(line.dropFirst("+CIPRXGET:".count))
            guard fields.count == 2, fields.text(0) == "1" else { throw context.error("expected +CIPRXGET: 1,<link>") }
            let link = try fields.requiredInt(1, in: context)
            guard SIM7600.linkRange.contains(link) else { throw context.error("link must be 0 to 9") }
            return .dataWaiting(link: link)
        }
    }
}
