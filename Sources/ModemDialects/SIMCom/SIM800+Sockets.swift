import ATCodec

/// SIMCom SIM800/SIM900 commands ("CIP" TCP/IP stack, SIM800 Series AT Command Manual and its
/// TCP/IP application note), in multi-link mode (`AT+CIPMUX=1`) with manual receive.
///
/// Deferred results carry the link and, as real SIM800s print them, a space after the comma
/// (`0, CONNECT OK`); the dialect classifies them as URCs (``ModemDialect/simcomSIM800``).
public enum SIM800 {
    /// The largest payload one `AT+CIPSEND` takes (TCP and UDP).
    public static let maxSendLength = 1460
    /// The largest binary read one `AT+CIPRXGET=2` returns.
    public static let maxReadLength = 1460
    /// Link numbers in multi-link mode.
    public static let linkRange = 0...5

    /// Multi-link mode on or off; only accepted while the stack is in IP INITIAL.
    ///
    ///     → AT+CIPMUX=1
    ///     ← OK
    public struct CIPMUX: ATCommand {
        public let text: String
        public init(multiLink: Bool = true) { text = "AT+CIPMUX=\(multiLink ? 1 : 0)" }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Turns manual receive on (`AT+CIPRXGET=1`).
    public typealias ManualReceive = SIMCom.ManualReceive

    /// Sets the APN of the stack's bearer (IP INITIAL → IP START).
    ///
    ///     → AT+CSTT="internet","user","pass"
    ///     ← OK
    public struct CSTT: ATCommand {
        public let text: String
        /// - Throws: ``ATArgumentError`` for a value longer than 50 characters or holding a
        ///   quote, backslash or control character (CR, LF, Ctrl-Z, ESC...).
        public init(apn: String, user: String = "", password: String = "") throws(ATArgumentError) {
            for (name, value) in [("apn", apn), ("user", user), ("password", password)] where value.utf8.count > 50 {
                throw ATArgumentError(command: "+CSTT", parameter: name, reason: "must be at most 50 characters")
            }
            do {
                text = try ATCommandLine.set("+CSTT", [.string(apn), .string(user), .string(password)])
            } catch {
                throw ATArgumentError(command: "+CSTT", parameter: "apn, user or password", reason: error.description)
            }
        }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Brings the bearer up (IP START → IP GPRSACT); the manual allows 85 s.
    ///
    ///     → AT+CIICR
    ///     ← OK
    public struct CIICR: ATCommand {
        public init() {}
        public var text: String { "AT+CIICR" }
        public static var timeout: Duration { .seconds(85) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The bearer's local address. The address line is the whole answer: no `OK` follows, so it
    /// is this command's final result; failure is `ERROR`.
    ///
    ///     → AT+CIFSR
    ///     ← 10.64.3.7
    public struct CIFSR: ATCommand {
        public init() {}
        public var text: String { "AT+CIFSR" }
        public var finals: [ATFinalPattern] { [ATFinalPattern(.ipv4Address, success: true)] }
        public func parse(_ response: ATResponse) throws(ATParseError) -> IPAddress {
            guard case .vendor(let line, true) = response.final, let address = IPAddress(line) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no address line")
            }
            return address
        }
    }

    /// Opens a link; `OK` only accepts the command, the outcome follows as
    /// `<n>, CONNECT OK`, `<n>, CONNECT FAIL` or `<n>, ALREADY CONNECT` (up to 75 s, 160 s
    /// when a name must be resolved).
    ///
    ///     → AT+CIPSTART=0,"TCP","127.0.0.1","7000"
    ///     ← OK
    ///     ← 0, CONNECT OK
    public struct CIPSTART: ATCommand {
        public enum Service: String, Sendable, Hashable { case tcp = "TCP", udp = "UDP" }
        /// What a deferred result says.
        public enum Outcome: String, Sendable, Hashable {
            case connected = "CONNECT OK"
            case failed = "CONNECT FAIL"
            case alreadyConnected = "ALREADY CONNECT"
        }
        /// The URC names of the deferred results.
        public static let resultNames: Set<String> = Set([Outcome.connected, .failed, .alreadyConnected].map(\.rawValue))
        /// How long the deferred result may take (the manual's DNS case).
        public static let resultTimeout: Duration = .seconds(160)

        public let text: String
        public let link: Int

        /// - Throws: ``ATArgumentError`` for a link outside 0...5, a port outside 1...65535, or a
        ///   host that is empty, longer than 255 characters or holds a quote, backslash or control character.
        public init(link: Int, service: Service, host: String, port: Int) throws(ATArgumentError) {
            guard SIM800.linkRange.contains(link) else { throw ATArgumentError(command: "+CIPSTART", parameter: "n", reason: "must be 0 to 5") }
            try SIMCom.validate(host: host, port: port, command: "+CIPSTART")
            text = "AT+CIPSTART=\(link),\"\(service.rawValue)\",\"\(host)\",\"\(port)\""
            self.link = link
        }
        public static var timeout: Duration { .seconds(10) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}

        /// Parses a deferred result: `0, CONNECT OK` (and `0,CONNECT OK`, without the space).
        public static func result(_ line: String) throws(ATParseError) -> (link: Int, outcome: Outcome) {
            let (link, text) = try SIM800.linked(line, "CIPSTART result")
            guard let outcome = Outcome(rawValue: text) else { throw ATFieldsContext(command: "+CIPSTART", line: line).error("not a connect result") }
            return (link, outcome)
        }
    }

    /// Sends bytes after the `> ` prompt; binary safe, exactly `<len>` bytes; ends with
    /// `<n>, SEND OK` (`<n>, SEND FAIL` fails it).
    ///
    ///     → AT+CIPSEND=0,5
    ///     ← >
    ///     → hello
    ///     ← 0, SEND OK
    public struct CIPSEND: ATCommand {
        public let text: String
        public let payload: [UInt8]?
        /// - Throws: ``ATArgumentError`` for an empty payload or one over ``SIM800/maxSendLength``.
        public init(link: Int, bytes: [UInt8]) throws(ATArgumentError) {
            guard !bytes.isEmpty, bytes.count <= SIM800.maxSendLength else {
                throw ATArgumentError(command: "+CIPSEND", parameter: "length", reason: "must be 1 to \(SIM800.maxSendLength) bytes")
            }
            text = "AT+CIPSEND=\(link),\(bytes.count)"
            payload = bytes
        }
        public var finals: [ATFinalPattern] {
            ATFinalPattern.sendResult("SEND OK", success: true) + ATFinalPattern.sendResult("SEND FAIL", success: false)
        }
        public static var timeout: Duration { .seconds(30) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads a link's buffered bytes (`AT+CIPRXGET=2,<n>,<len>`, at most ``SIM800/maxReadLength``).
    public static func read(link: Int) -> SIMCom.CIPRXGET {
        SIMCom.CIPRXGET(link: link, maxLength: maxReadLength)
    }

    /// Closes one link.
    ///
    ///     → AT+CIPCLOSE=0
    ///     ← 0, CLOSE OK            (ERROR when the link is not open)
    public struct CIPCLOSE: ATCommand {
        public let text: String
        public init(link: Int) { text = "AT+CIPCLOSE=\(link)" }
        public var finals: [ATFinalPattern] { [ATFinalPattern(.linked("CLOSE OK"), success: true)] }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Closes every link and deactivates the bearer (back to IP INITIAL); the manual allows 65 s.
    ///
    ///     → AT+CIPSHUT
    ///     ← SHUT OK
    public struct CIPSHUT: ATCommand {
        public init() {}
        public var text: String { "AT+CIPSHUT" }
        public var finals: [ATFinalPattern] { [ATFinalPattern(.exact("SHUT OK"), success: true)] }
        public static var timeout: Duration { .seconds(65) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The socket URCs of multi-link mode.
    ///
    ///     ← +CIPRXGET: 1,0      data waits on link 0 (manual receive, once until read)
    ///     ← 0, CLOSED           the peer closed link 0
    ///     ← 0, CONNECT OK       a deferred open result (also CONNECT FAIL, ALREADY CONNECT)
    ///     ← +PDP: DEACT         the bearer is gone, every link with it (AT+CIPSHUT needed)
    public enum SocketURC: Sendable, Hashable {
        case dataWaiting(link: Int)
        case closed(link: Int)
        case connectResult(link: Int, CIPSTART.Outcome)
        case bearerLost

        public static func parse(_ line: String) throws(ATParseError) -> SocketURC {
            if line.hasPrefix("+PDP:") {
                guard line.contains("DEACT") else { throw ATFieldsContext(command: "+PDP", line: line).error("unknown +PDP report") }
                return .bearerLost
            }
            if let link = try SIMCom.dataWaiting(line, links: SIM800.linkRange) { return .dataWaiting(link: link) }
            let (link, text) = try SIM800.linked(line, "SIM800 URC")
            if text == "CLOSED" { return .closed(link: link) }
            guard let outcome = CIPSTART.Outcome(rawValue: text) else { throw ATFieldsContext(command: "SIM800 URC", line: line).error("not a SIM800 socket URC") }
            return .connectResult(link: link, outcome)
        }
    }

    /// Splits `0, CONNECT OK` into the link (0...5) and the text after the comma and optional space.
    static func linked(_ line: String, _ name: String) throws(ATParseError) -> (link: Int, text: String) {
        let context = ATFieldsContext(command: name, line: line)
        guard let comma = line.firstIndex(of: ","), let link = Int(line[..<comma]), linkRange.contains(link) else {
            throw context.error("expected <n>, <result> with n 0 to 5")
        }
        var text = line[line.index(after: comma)...]
        if text.first == " " { text = text.dropFirst() }
        return (link, String(text))
    }
}
