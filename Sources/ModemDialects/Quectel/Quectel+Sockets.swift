import ATCodec

/// Quectel BG95/BG96/EC2x commands ("QI" TCP/IP stack, Quectel TCP/IP AT Commands Manual).
public enum Quectel {
    /// The largest payload one `AT+QISEND` takes (TCP).
    public static let maxSendLength = 1460
    /// The largest read one `AT+QIRD` asks for.
    public static let maxReadLength = 1500

    /// Opens a socket; the outcome arrives later as `+QIOPEN: <connectID>,<err>`.
    ///
    ///     → AT+QIOPEN=1,0,"TCP","127.0.0.1",7000,0,0
    ///     ← OK
    ///     ← +QIOPEN: 0,0          (0: connected; 566: connect failed, 565: DNS...)
    public struct QIOPEN: ATCommand {
        public enum Service: String, Sendable, Hashable { case tcp = "TCP", udp = "UDP" }

        public let text: String
        public let connectID: Int

        /// Buffer access mode (0): data is announced by `+QIURC: "recv",<id>` and read with ``QIRD``.
        /// - Throws: ``ATArgumentError`` for a context outside 1...16, a connectID outside 0...11,
        ///   a port outside 1...65535, or a host that is empty, longer than 255 characters or
        ///   holds a quote, backslash or control character.
        public init(contextID: Int, connectID: Int, service: Service, host: String, port: Int) throws(ATArgumentError) {
            func refuse(_ parameter: String, _ reason: String) -> ATArgumentError {
                ATArgumentError(command: "+QIOPEN", parameter: parameter, reason: reason)
            }
            guard (1...16).contains(contextID) else { throw refuse("contextID", "must be 1 to 16") }
            guard (0...11).contains(connectID) else { throw refuse("connectID", "must be 0 to 11") }
            guard (1...65_535).contains(port) else { throw refuse("remote_port", "must be 1 to 65535") }
            guard !host.isEmpty, host.utf8.count <= 255, !host.contains("\\") else { throw refuse("host", "must be 1 to 255 characters without a backslash") }
            do {
                text = try ATCommandLine.set("+QIOPEN", [.int(contextID), .int(connectID), .string(service.rawValue), .string(host), .int(port), .int(0), .int(0)])
            } catch {
                throw refuse("host", error.description)
            }
            self.connectID = connectID
        }

        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}

        /// Parses the deferred `+QIOPEN: <connectID>,<err>`.
        public static func result(_ line: String) throws(ATParseError) -> (connectID: Int, error: Int) {
            let context = ATFieldsContext(command: "+QIOPEN", line: line)
            guard line.hasPrefix("+QIOPEN:") else { throw context.error("not a +QIOPEN line") }
            let fields = ATFields(line.dropFirst("+QIOPEN:".count))
            return (try fields.requiredInt(0, in: context), try fields.requiredInt(1, in: context))
        }
    }

    /// Sends bytes on a connected socket after the `> ` prompt; binary safe, exactly `<len>` bytes.
    ///
    ///     → AT+QISEND=0,5
    ///     ← >
    ///     → hello
    ///     ← SEND OK                (in the send buffer, not yet acknowledged; SEND FAIL: buffer full)
    public struct QISEND: ATCommand {
        public let text: String
        public let payload: [UInt8]?

        /// - Throws: ``ATArgumentError`` for an empty payload or one over ``Quectel/maxSendLength``.
        public init(connectID: Int, bytes: [UInt8]) throws(ATArgumentError) {
            guard !bytes.isEmpty, bytes.count <= Quectel.maxSendLength else {
                throw ATArgumentError(command: "+QISEND", parameter: "send_length", reason: "must be 1 to \(Quectel.maxSendLength) bytes")
            }
            text = "AT+QISEND=\(connectID),\(bytes.count)"
            payload = bytes
        }

        public var finals: [ATFinalPattern] {
            [ATFinalPattern(.exact("SEND OK"), success: true), ATFinalPattern(.exact("SEND FAIL"), success: false)]
        }
        public static var timeout: Duration { .seconds(10) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads what the socket has buffered (buffer access mode); an empty buffer answers 0.
    ///
    ///     → AT+QIRD=0,1500
    ///     ← +QIRD: 5
    ///     ← hello                  (exactly 5 raw bytes)
    ///     ← OK
    public struct QIRD: ATCommand {
        public let text: String
        public init(connectID: Int, maxLength: Int = Quectel.maxReadLength) {
            text = "AT+QIRD=\(connectID),\(min(max(1, maxLength), Quectel.maxReadLength))"
        }
        public static var prefixes: [String] { ["+QIRD:"] }
        public static var timeout: Duration { .seconds(5) }

        /// `+QIRD: 5` announces 5 bytes; `+QIRD: 0` none.
        public func payloadLength(announcedBy line: ArraySlice<UInt8>) -> Int? {
            let fields = ATFields(ATText.decode(line.dropFirst("+QIRD:".utf8.count)))
            guard fields.count == 1, let length = fields.text(0).flatMap({ Int($0) }), length > 0 else { return nil }
            return length
        }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [UInt8] {
            guard let line = response.lines.first(where: { $0.hasPrefix("+QIRD:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +QIRD line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let announced = try ATFields(line.dropFirst("+QIRD:".count)).requiredInt(0, in: context)
            let bytes = response.payloads.first ?? []
            guard bytes.count == announced else { throw context.error("announced \(announced) bytes, \(bytes.count) came") }
            return bytes
        }
    }

    /// Closes a socket (also needed after `+QIURC: "closed"`).
    ///
    ///     → AT+QICLOSE=0,10
    ///     ← OK
    public struct QICLOSE: ATCommand {
        public let text: String
        public init(connectID: Int, waitSeconds: Int = 10) { text = "AT+QICLOSE=\(connectID),\(waitSeconds)" }
        public static var timeout: Duration { .seconds(12) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The `+QIURC` URC.
    ///
    ///     ← +QIURC: "recv",0          data waits (buffer access)
    ///     ← +QIURC: "closed",0        the peer closed; AT+QICLOSE=0 is still needed
    ///     ← +QIURC: "pdpdeact",1      the network deactivated context 1
    public enum QIURC: Sendable, Hashable {
        case received(connectID: Int)
        case closed(connectID: Int)
        case pdpDeactivated(contextID: Int)
        /// Any other report, the text after `+QIURC: ` kept as printed.
        case other(String)

        public static func parse(_ line: String) throws(ATParseError) -> QIURC {
            let context = ATFieldsContext(command: "+QIURC", line: line)
            guard line.hasPrefix("+QIURC:") else { throw context.error("not a +QIURC line") }
            let body = line.dropFirst("+QIURC:".count)
            let fields = ATFields(body)
            switch fields.text(0) {
            case "recv": return .received(connectID: try fields.requiredInt(1, in: context))
            case "closed": return .closed(connectID: try fields.requiredInt(1, in: context))
            case "pdpdeact": return .pdpDeactivated(contextID: try fields.requiredInt(1, in: context))
            default: return .other(String(body.drop { $0 == " " }))
            }
        }
    }
}
