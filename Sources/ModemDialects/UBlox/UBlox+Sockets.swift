import ATCodec

/// u-blox SARA-R4/R5 commands (internal "USO" TCP/IP stack, u-blox AT Commands Manual).
///
/// Payloads are written in binary after the `@` prompt and read in hex (`AT+UDCONF=1,1`),
/// so reads stay line-framed whatever bytes they carry.
public enum UBlox {
    /// The largest payload one binary `AT+USOWR` takes.
    public static let maxSendLength = 1024
    /// The largest read one `AT+USORD` asks for in hex mode.
    public static let maxHexReadLength = 512
    /// Socket numbers the stack hands out.
    public static let socketRange = 0...6

    /// Checks a remote host and port the way every socket command needs them.
    /// - Throws: ``ATArgumentError`` for a port outside 1...65535, or a host that is empty,
    ///   longer than 255 characters or holds a quote, backslash or control character.
    public static func validate(host: String, port: Int, command: String) throws(ATArgumentError) {
        guard (1...65_535).contains(port) else {
            throw ATArgumentError(command: command, parameter: "remote_port", reason: "must be 1 to 65535")
        }
        guard !host.isEmpty, host.utf8.count <= 255,
              !host.unicodeScalars.contains(where: { $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }) else {
            throw ATArgumentError(command: command, parameter: "remote_addr", reason: "must be 1 to 255 characters without quotes, backslashes or control characters")
        }
    }

    /// Turns hex mode on (1) or off (0) for `AT+USOWR` inline data and `AT+USORD`/`AT+USORF`.
    ///
    ///     → AT+UDCONF=1,1
    ///     ← OK
    public struct HexMode: ATCommand {
        public let text: String
        public init(_ on: Bool) { text = "AT+UDCONF=1,\(on ? 1 : 0)" }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Creates a socket; the answer is its number.
    ///
    ///     → AT+USOCR=6
    ///     ← +USOCR: 0
    ///     ← OK
    public struct USOCR: ATCommand {
        public enum IPProtocol: Int, Sendable, Hashable { case tcp = 6, udp = 17 }
        public let text: String
        public init(_ protocolNumber: IPProtocol) { text = "AT+USOCR=\(protocolNumber.rawValue)" }
        public static var prefixes: [String] { ["+USOCR:"] }

        public func parse(_ response: ATResponse) throws(ATParseError) -> Int {
            guard let line = response.lines.first(where: { $0.hasPrefix("+USOCR:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +USOCR line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+USOCR:".count))
            let socket = try fields.requiredInt(0, in: context)
            guard fields.count == 1, UBlox.socketRange.contains(socket) else { throw context.error("expected one socket number 0 to 6") }
            return socket
        }
    }

    /// Connects a TCP socket; blocks until connected (`OK`) or failed (`ERROR`, the reason in ``USOER``).
    ///
    ///     → AT+USOCO=0,"127.0.0.1",7000
    ///     ← OK
    public struct USOCO: ATCommand {
        public let text: String
        /// - Throws: ``ATArgumentError`` for a socket outside 0...6 or a host or port ``UBlox/validate(host:port:command:)`` refuses.
        public init(socket: Int, host: String, port: Int) throws(ATArgumentError) {
            guard UBlox.socketRange.contains(socket) else {
                throw ATArgumentError(command: "+USOCO", parameter: "socket", reason: "must be 0 to 6")
            }
            try UBlox.validate(host: host, port: port, command: "+USOCO")
            text = "AT+USOCO=\(socket),\"\(host)\",\(port)"
        }
        /// The manual gives no fixed bound for a blocking connect; the TCP stack gives up well before this.
        public static var timeout: Duration { .seconds(150) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// Writes bytes after the `@` prompt; binary safe, exactly `<len>` bytes, not echoed.
    ///
    ///     → AT+USOWR=0,5
    ///     ← @
    ///     → hello
    ///     ← +USOWR: 0,5
    ///     ← OK
    public struct USOWR: ATCommand {
        public let text: String
        public let payload: [UInt8]?
        public let socket: Int

        /// - Throws: ``ATArgumentError`` for an empty payload or one over ``UBlox/maxSendLength``.
        public init(socket: Int, bytes: [UInt8]) throws(ATArgumentError) {
            guard !bytes.isEmpty, bytes.count <= UBlox.maxSendLength else {
                throw ATArgumentError(command: "+USOWR", parameter: "length", reason: "must be 1 to \(UBlox.maxSendLength) bytes")
            }
            text = "AT+USOWR=\(socket),\(bytes.count)"
            payload = bytes
            self.socket = socket
        }
        public static var prefixes: [String] { ["+USOWR:"] }
        public static var timeout: Duration { .seconds(10) }

        /// The number of bytes the modem took.
        public func parse(_ response: ATResponse) throws(ATParseError) -> Int {
            guard let line = response.lines.first(where: { $0.hasPrefix("+USOWR:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +USOWR line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+USOWR:".count))
            guard fields.count == 2, try fields.requiredInt(0, in: context) == socket else { throw context.error("expected +USOWR: \(socket),<length>") }
            return try fields.requiredInt(1, in: context)
        }
    }

    /// Reads what a TCP socket holds, in hex mode; an empty buffer answers 0 bytes.
    ///
    ///     → AT+USORD=0,512
    ///     ← +USORD: 0,5,"68656C6C6F"
    ///     ← OK
    public struct USORD: ATCommand {
        public let text: String
        public let socket: Int
        public init(socket: Int, maxLength: Int = UBlox.maxHexReadLength) {
            text = "AT+USORD=\(socket),\(min(max(1, maxLength), UBlox.maxHexReadLength))"
            self.socket = socket
        }
        public static var prefixes: [String] { ["+USORD:"] }

        /// Accepts `+USORD: 0,5,"68656C6C6F"`, and `+USORD: 0,0,""` or `+USORD: 0,0` for nothing.
        public func parse(_ response: ATResponse) throws(ATParseError) -> [UInt8] {
            guard let line = response.lines.first(where: { $0.hasPrefix("+USORD:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +USORD line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+USORD:".count))
            guard !fields.unterminatedQuote, !fields.strayTextAfterQuote, (2...3).contains(fields.count),
                  try fields.requiredInt(0, in: context) == socket else { throw context.error("expected +USORD: \(socket),<length>,\"<hex>\"") }
            let announced = try fields.requiredInt(1, in: context)
            let hex = fields.count == 3 ? fields.text(2) ?? "" : ""
            guard let bytes = UBlox.decodeHex(hex) else { throw context.error("data is not hex") }
            guard bytes.count == announced else { throw context.error("announced \(announced) bytes, \(bytes.count) came") }
            return bytes
        }
    }

    /// Sends one datagram from a UDP socket after the `@` prompt; binary safe, not echoed.
    ///
    ///     → AT+USOST=1,"127.0.0.1",7001,4
    ///     ← @
    ///     → ping
    ///     ← +USOST: 1,4
    ///     ← OK
    public struct USOST: ATCommand {
        public let text: String
        public let payload: [UInt8]?
        public let socket: Int

        /// - Throws: ``ATArgumentError`` for an empty payload or one over ``UBlox/maxSendLength``,
        ///   or a host or port ``UBlox/validate(host:port:command:)`` refuses.
        public init(socket: Int, host: String, port: Int, bytes: [UInt8]) throws(ATArgumentError) {
            try UBlox.validate(host: host, port: port, command: "+USOST")
            guard !bytes.isEmpty, bytes.count <= UBlox.maxSendLength else {
                throw ATArgumentError(command: "+USOST", parameter: "length", reason: "must be 1 to \(UBlox.maxSendLength) bytes")
            }
            text = "AT+USOST=\(socket),\"\(host)\",\(port),\(bytes.count)"
            payload = bytes
            self.socket = socket
        }
        public static var prefixes: [String] { ["+USOST:"] }
        public static var timeout: Duration { .seconds(10) }

        /// The number of bytes the modem took.
        public func parse(_ response: ATResponse) throws(ATParseError) -> Int {
            guard let line = response.lines.first(where: { $0.hasPrefix("+USOST:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +USOST line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+USOST:".count))
            guard fields.count == 2, try fields.requiredInt(0, in: context) == socket else { throw context.error("expected +USOST: \(socket),<length>") }
            return try fields.requiredInt(1, in: context)
        }
    }

    /// Reads a datagram from a UDP socket, in hex mode, with its sender.
    ///
    ///     → AT+USORF=1,512
    ///     ← +USORF: 1,"127.0.0.1",7001,4,"706F6E67"
    ///     ← OK
    public struct USORF: ATCommand {
        public struct Datagram: Sendable, Hashable {
            public var host: String
            public var port: Int
            public var bytes: [UInt8]
            public init(host: String, port: Int, bytes: [UInt8]) {
                self.host = host
                self.port = port
                self.bytes = bytes
            }
        }

        public let text: String
        public let socket: Int
        public init(socket: Int, maxLength: Int = UBlox.maxHexReadLength) {
            text = "AT+USORF=\(socket),\(min(max(1, maxLength), UBlox.maxHexReadLength))"
            self.socket = socket
        }
        public static var prefixes: [String] { ["+USORF:"] }

        /// `nil` when nothing waits: `+USORF: 1,0` or an empty read `+USORF: 1,"",0,0,""`.
        public func parse(_ response: ATResponse) throws(ATParseError) -> Datagram? {
            guard let line = response.lines.first(where: { $0.hasPrefix("+USORF:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +USORF line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+USORF:".count))
            guard !fields.unterminatedQuote, !fields.strayTextAfterQuote, try fields.requiredInt(0, in: context) == socket else {
                throw context.error("expected +USORF: \(socket),\"<ip>\",<port>,<length>,\"<hex>\"")
            }
            if fields.count == 2, try fields.requiredInt(1, in: context) == 0 { return nil }
            guard fields.count == 5 else { throw context.error("expected +USORF: \(socket),\"<ip>\",<port>,<length>,\"<hex>\"") }
            let announced = try fields.requiredInt(3, in: context)
            guard let bytes = UBlox.decodeHex(fields.text(4) ?? "") else { throw context.error("data is not hex") }
            guard bytes.count == announced else { throw context.error("announced \(announced) bytes, \(bytes.count) came") }
            if announced == 0 { return nil }
            return Datagram(host: fields.text(1) ?? "", port: try fields.requiredInt(2, in: context), bytes: bytes)
        }
    }

    /// Closes a socket (blocking; the manual allows up to 120 s).
    ///
    ///     → AT+USOCL=0
    ///     ← OK
    public struct USOCL: ATCommand {
        public let text: String
        public init(socket: Int) { text = "AT+USOCL=\(socket)" }
        public static var timeout: Duration { .seconds(120) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }

    /// The last socket error, a BSD errno (0: none).
    ///
    ///     → AT+USOER
    ///     ← +USOER: 111
    ///     ← OK
    public struct USOER: ATCommand {
        public init() {}
        public var text: String { "AT+USOER" }
        public static var prefixes: [String] { ["+USOER:"] }
        public func parse(_ response: ATResponse) throws(ATParseError) -> Int {
            guard let line = response.lines.first(where: { $0.hasPrefix("+USOER:") }) else {
                throw ATParseError(command: response.command, line: response.lines.first, reason: "no +USOER line")
            }
            let context = ATFieldsContext(command: response.command, line: line)
            let fields = ATFields(line.dropFirst("+USOER:".count))
            guard fields.count == 1 else { throw context.error("expected one error code") }
            return try fields.requiredInt(0, in: context)
        }
    }

    /// The socket URCs.
    ///
    ///     ← +UUSORD: 0,5        5 bytes wait on TCP socket 0
    ///     ← +UUSORF: 1,5        a datagram waits on UDP socket 1
    ///     ← +UUSOCL: 0          socket 0 closed (by the peer, once its data was read)
    ///     ← +UUSOCO: 0,0        asynchronous connect finished (0: connected, else errno)
    public enum SocketURC: Sendable, Hashable {
        case dataAvailable(socket: Int, length: Int)
        case datagramAvailable(socket: Int, length: Int)
        case closed(socket: Int)
        case connectResult(socket: Int, error: Int)

        public static func parse(_ line: String) throws(ATParseError) -> SocketURC {
            let names = ["+UUSORD:", "+UUSORF:", "+UUSOCL:", "+UUSOCO:"]
            let context = ATFieldsContext(command: "+UUSO", line: line)
            guard let name = names.first(where: { line.hasPrefix($0) }) else { throw context.error("not a u-blox socket URC") }
            let fields = ATFields(line.dropFirst(name.count))
            let socket = try fields.requiredInt(0, in: context)
            guard UBlox.socketRange.contains(socket) else { throw context.error("socket must be 0 to 6") }
            switch name {
            case "+UUSOCL:":
                guard fields.count == 1 else { throw context.error("expected one socket number") }
                return .closed(socket: socket)
            default:
                guard fields.count == 2 else { throw context.error("expected <socket>,<value>") }
                let value = try fields.requiredInt(1, in: context)
                switch name {
                case "+UUSORD:": return .dataAvailable(socket: socket, length: value)
                case "+UUSORF:": return .datagramAvailable(socket: socket, length: value)
                default: return .connectResult(socket: socket, error: value)
                }
            }
        }
    }

    /// Decodes hex digits (either case) to bytes; `nil` for an odd count or a non-hex digit.
    public static func decodeHex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
