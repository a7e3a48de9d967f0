/// What the classifier needs to know about the command in flight.
///
/// Built by the engine from an ``ATCommand``; kept as bytes so classifying costs no allocation,
/// and a class so the classifier borrows it per line instead of copying its arrays.
public final class ATCommandContext: Sendable {
    /// The command line as written, without the CR: its echo (`ATE1`) is recognised exactly.
    public let echo: [UInt8]
    /// A payload written after a prompt; modems echo it back too (often with the Ctrl-Z).
    public let payloadEcho: [UInt8]?
    /// Prefixes of the command's own information lines: `+CSQ:`.
    public let prefixes: [[UInt8]]
    /// Whether lines without a known prefix belong to the command (`ATI`, `AT+CGSN`, `AT+CIMI`
    /// print bare text), rather than being reported as unknown.
    public let acceptsBareLines: Bool
    /// For commands whose prefix is also a URC's (`AT+CEREG?` and `+CEREG:`): whether a line
    /// with the prefix has the response's shape. A line that fails is tried as a URC, so
    /// `+CEREG: 2` inside the response to `AT+CEREG?` is still delivered as a URC.
    public let ownsLine: (@Sendable (ArraySlice<UInt8>) -> Bool)?
    /// Raw bytes announced by an information line (`+QIRD: 5` → 5), if the command has such lines.
    public let payloadLength: (@Sendable (ArraySlice<UInt8>) -> Int?)?
    /// Whether `CONNECT` switches the port to data mode (`ATD*99***1#`).
    public let entersDataMode: Bool
    /// Command-specific final lines (`SEND OK`, `SHUT OK`), checked before the standard ones.
    public let finals: [ATFinalPattern]
    /// The payload echo without its trailing Ctrl-Z/ESC, compared with lines that hold it.
    let payloadEchoBody: ArraySlice<UInt8>?

    public init(
        echo: String,
        prefixes: [String] = [],
        acceptsBareLines: Bool = false,
        finals: [ATFinalPattern] = [],
        payloadEcho: [UInt8]? = nil,
        ownsLine: (@Sendable (ArraySlice<UInt8>) -> Bool)? = nil,
        payloadLength: (@Sendable (ArraySlice<UInt8>) -> Int?)? = nil,
        entersDataMode: Bool = false
    ) {
        self.payloadLength = payloadLength
        self.entersDataMode = entersDataMode
        self.ownsLine = ownsLine
        self.echo = Array(echo.utf8)
        self.prefixes = prefixes.map { Array($0.utf8) }
        self.acceptsBareLines = acceptsBareLines
        self.finals = finals
        self.payloadEcho = payloadEcho
        self.payloadEchoBody = payloadEcho.map { ATBytes.trimmingTerminators($0[...]) }
    }
}

/// A non-standard line that ends a command: `SEND OK` ends `AT+QISEND`, `0, SEND FAIL` ends
/// SIMCom's multi-link `AT+CIPSEND`, `COMMAND NOT SUPPORT` ends anything on some modems.
public struct ATFinalPattern: Sendable, Hashable {
    public let pattern: ATLinePattern
    public let success: Bool
    private let matcher: CompiledPattern

    public init(_ pattern: ATLinePattern, success: Bool) {
        self.pattern = pattern
        self.success = success
        self.matcher = CompiledPattern(pattern)
    }

    public static func == (lhs: ATFinalPattern, rhs: ATFinalPattern) -> Bool {
        lhs.pattern == rhs.pattern && lhs.success == rhs.success
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(success)
    }

    /// `SEND OK` with or without a link number.
    public static func sendResult(_ text: String, success: Bool) -> [ATFinalPattern] {
        [ATFinalPattern(.exact(text), success: success), ATFinalPattern(.linked(text), success: success)]
    }

    func matches(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        matcher.matches(line)
    }
}
