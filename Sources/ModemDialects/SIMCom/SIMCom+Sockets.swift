import ATCodec

/// What the SIMCom stacks share (SIM800 "CIP", SIM7500/SIM7600 "NETOPEN"): manual receive with
/// `AT+CIPRXGET` and the checks on a remote host and port.
public enum SIMCom {
    /// Turns manual receive on: data is announced by `+CIPRXGET: 1,<link>` and read with ``CIPRXGET``.
    ///
    ///     → AT+CIPRXGET=1
    ///     ← OK
    public struct ManualReceive: ATCommand {
        public init() {}
        public var text: String { "AT+CIPRXGET=1" }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Reads buffered bytes of a link in binary (manual receive, multi-link form).
    ///
    ///     → AT+CIPRXGET=2,0,1460
    ///     ← +CIPRXGET: 2,0,5,0
    ///     ← hello                  (exactly 5 raw bytes)
    ///     ← OK
    public struct CIPRXGET: ATCommand {
        public let text: String
        public let link: Int
        /// - Parameter maxLength: clamped to 1...1500 (SIM7600; a SIM800 takes at most 1460).
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

    /// Checks a remote host and port for `command` (`+CIPOPEN`, `+CIPSTART`): a port of
    /// 1...65535, a host of 1 to 255 characters without quotes, backslashes or control characters.
    public static func validate(host: String, port: Int, command: String) throws(ATArgumentError) {
        guard (1...65_535).contains(port) else {
            throw ATArgumentError(command: command, parameter: "port", reason: "must be 1 to 65535")
        }
        guard !host.isEmpty, host.utf8.count <= 255,
              !host.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ATArgumentError(command: command, parameter: "host", reason: "must be 1 to 255 characters without quotes, backslashes or control characters")
        }
    }

    /// Parses the `+CIPRXGET: 1,<link>` "data waiting" URC; `nil` for any other line.
    static func dataWaiting(_ line: String, links: ClosedRange<Int>) throws(ATParseError) -> Int? {
        guard line.hasPrefix("+CIPRXGET:") else { return nil }
        let context = ATFieldsContext(command: "+CIPRXGET", line: line)
        let fields = ATFields(line.dropFirst("+CIPRXGET:".count))
        guard fields.count == 2, fields.text(0) == "1" else { throw context.error("expected +CIPRXGET: 1,<link>") }
        let link = try fields.requiredInt(1, in: context)
        guard links.contains(link) else { throw context.error("link must be \(links.lowerBound) to \(links.upperBound)") }
        return link
    }
}
