/// Read message, TS 27.005 §3.4.3 (PDU mode): the message in slot `index` of the `<mem1>`
/// storage. Reading a received unread message marks it read.
public enum CMGR {
    public static let name = "+CMGR"

    /// Reads one message; `nil` for an empty slot (most modems answer a bare `OK`).
    ///
    ///     → AT+CMGR=3
    ///     ← +CMGR: 0,,24                                           (BG96; SIM800: 0,"",24)
    ///     ← 07914477790000F1040B914477009021F300006210109080000A04D4F29C0E
    ///     ← OK
    public struct Execute: ATCommand {
        public let index: Int

        /// - Throws: ``ATArgumentError`` for a negative index.
        public init(index: Int) throws(ATArgumentError) {
            guard index >= 0 else { throw ATArgumentError(command: CMGR.name, parameter: "index", reason: "must not be negative") }
            self.index = index
        }

        public var text: String { StandardParsing.setLine(CMGR.name, numbers: [index]) }
        public static var prefixes: [String] { ["+CMGR:"] }
        /// The PDU line has no prefix.
        public static var acceptsBareLines: Bool { true }
        public static var timeout: Duration { .seconds(5) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> SMSStoredPDU? {
            guard let header = try CMGR.header(response) else { return nil }
            let context = ATFieldsContext(command: response.command, line: header.line)
            return try SMSStoredPDU.parse(body: header.body, pduLine: header.next, index: index, context: context)
        }
    }
}

extension CMGR {
    /// The `+CMGR:` line and the one after it (PDU or text); `nil` for an empty slot (a bare
    /// `OK`); any other line first is an error.
    static func header(_ response: ATResponse) throws(ATParseError) -> (line: String, body: Substring, next: String?)? {
        if let header = SMSStoredPDU.headers(response, prefix: "+CMGR:").first { return header }
        if let stray = response.lines.first(where: { !$0.trimmingSpaces().isEmpty }) {
            throw ATParseError(command: response.command, line: stray, reason: "no +CMGR: line before the message")
        }
        return nil
    }
}

/// List messages, TS 27.005 §3.4.2 (PDU mode): every message of `<mem1>` with a status.
public enum CMGL {
    public static let name = "+CMGL"

    /// Lists messages; reading received unread ones marks them read.
    ///
    ///     → AT+CMGL=4
    ///     ← +CMGL: 1,1,,24                                         (BG96; SIM800: 1,1,"",24)
    ///     ← 07914477790000F1040B914477009021F300006210109080000A04D4F29C0E
    ///     ← +CMGL: 2,0,,26
    ///     ← 0791...
    ///     ← OK
    public struct Execute: ATCommand {
        public let status: SMSMessageStatus

        public init(status: SMSMessageStatus = .all) { self.status = status }

        public var text: String { StandardParsing.setLine(CMGL.name, numbers: [status.rawValue]) }
        public static var prefixes: [String] { ["+CMGL:"] }
        public static var acceptsBareLines: Bool { true }
        /// A full SIM takes a while; BG96 gives 300 ms per message, we allow 30 s.
        public static var timeout: Duration { .seconds(30) }

        public func parse(_ response: ATResponse) throws(ATParseError) -> [SMSStoredPDU] {
            var result: [SMSStoredPDU] = []
            for header in SMSStoredPDU.headers(response, prefix: "+CMGL:") {
                let context = ATFieldsContext(command: response.command, line: header.line)
                result.append(try SMSStoredPDU.parse(body: header.body, pduLine: header.next, index: nil, context: context))
            }
            return result
        }
    }
}

/// Delete message, TS 27.005 §3.5.4.
public enum CMGD {
    public static let name = "+CMGD"

    /// `<delflag>`: what besides `index` goes.
    public enum Scope: Int, Sendable, Hashable {
        /// Only the message at `index`.
        case index = 0
        /// Every read message.
        case read = 1
        /// Read and sent.
        case readAndSent = 2
        /// Read, sent and unsent.
        case allButUnread = 3
        /// Everything in `<mem1>`.
        case all = 4
    }

    /// Deletes.
    ///
    ///     → AT+CMGD=3            (→ AT+CMGD=1,4 deletes everything)
    ///     ← OK                   (← +CMS ERROR: 321 invalid index)
    public struct Set: ATCommand {
        public let index: Int
        public let scope: Scope

        /// - Throws: ``ATArgumentError`` for a negative index.
        public init(index: Int, scope: Scope = .index) throws(ATArgumentError) {
            guard index >= 0 else { throw ATArgumentError(command: CMGD.name, parameter: "index", reason: "must not be negative") }
            self.index = index
            self.scope = scope
        }

        public var text: String {
            StandardParsing.setLine(CMGD.name, numbers: scope == .index ? [index] : [index, scope.rawValue])
        }
        public static var timeout: Duration { .seconds(5) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
