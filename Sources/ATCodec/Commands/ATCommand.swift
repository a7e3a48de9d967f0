/// A typed AT command: the line to send, how to recognise its answer, and how to parse it.
///
///     public struct Execute: ATCommand {            // CSQ.Execute, TS 27.007 §8.5
///         public var text: String { "AT+CSQ" }
///         public static var prefixes: [String] { ["+CSQ:"] }
///         public func parse(_ r: ATResponse) throws(ATParseError) -> SignalQuality { ... }
///     }
///
///     → AT+CSQ
///     ← +CSQ: 21,99
///     ← OK
///
/// `parse` is called only when the final result is a success; failures reach the caller as
/// the engine's error carrying the ``ATFinalResult``.
public protocol ATCommand: Sendable {
    associatedtype Response: Sendable

    /// The whole command line without the terminating CR: `"AT+CSQ"`. Built with
    /// ``ATCommandLine`` so user values are quoted and checked.
    var text: String { get }
    /// Prefixes of the command's own information lines: `["+CSQ:"]`.
    static var prefixes: [String] { get }
    /// Whether lines without a prefix belong to the command (`ATI`, `AT+CGSN`).
    static var acceptsBareLines: Bool { get }
    /// The time from writing the command to its final result, from the manual's maximum.
    static var timeout: Duration { get }
    /// For commands whose prefix is also a URC's: whether a line is the response's shape.
    static func ownsLine(_ line: ArraySlice<UInt8>) -> Bool
    /// Command-specific finals (`SEND OK`).
    var finals: [ATFinalPattern] { get }
    /// Bytes to write after the `> ` prompt, with their terminator (Ctrl-Z) if the command
    /// needs one; `nil` for commands without a prompt.
    var payload: [UInt8]? { get }
    /// Raw bytes announced by an information line (`+QIRD: 5` → 5).
    func payloadLength(announcedBy line: ArraySlice<UInt8>) -> Int?
    /// Whether `CONNECT` switches the port to data mode (`ATD*99#`).
    var entersDataMode: Bool { get }
    /// The timeout for this instance; ``timeout`` unless a command overrides it.
    var responseTimeout: Duration { get }
    /// The classifier context for this instance (derived from the requirements above).
    var context: ATCommandContext { get }

    func parse(_ response: ATResponse) throws(ATParseError) -> Response
}

extension ATCommand {
    public static var acceptsBareLines: Bool { false }
    public static var prefixes: [String] { [] }
    public static var timeout: Duration { .seconds(5) }
    public static func ownsLine(_ line: ArraySlice<UInt8>) -> Bool { true }
    public var finals: [ATFinalPattern] { [] }
    public var payload: [UInt8]? { nil }
    public func payloadLength(announcedBy line: ArraySlice<UInt8>) -> Int? { nil }
    public var entersDataMode: Bool { false }
    public var responseTimeout: Duration { Self.timeout }

    public var context: ATCommandContext {
        ATCommandContext(
            echo: text,
            prefixes: Self.prefixes,
            acceptsBareLines: Self.acceptsBareLines,
            finals: finals,
            payloadEcho: payload,
            ownsLine: { line in Self.ownsLine(line) },
            payloadLength: { [self] line in self.payloadLength(announcedBy: line) },
            entersDataMode: entersDataMode
        )
    }
}

extension ATCommand where Response == ATResponse {
    public func parse(_ response: ATResponse) throws(ATParseError) -> ATResponse { response }
}

/// Any command line, answered with the raw ``ATResponse``; used by `modemkit at` and for
/// commands that have no typed form yet. The text is checked by ``ATCommandLine/raw(_:)``.
///
///     let ok = try ATRawCommand("AT+QENG=\"servingcell\"", prefixes: ["+QENG:"])
public struct ATRawCommand: ATCommand {
    public typealias Response = ATResponse
    public let text: String
    public let ownPrefixes: [String]
    public let timeoutOverride: Duration
    public let finals: [ATFinalPattern]
    public let payload: [UInt8]?

    /// - Throws: ``ATEncodingError`` when the line holds CR, LF, Ctrl-Z, ESC, NUL or other
    ///   control characters, or does not start with `AT`.
    public init(
        _ text: String,
        prefixes: [String] = [],
        timeout: Duration = .seconds(10),
        finals: [ATFinalPattern] = [],
        payload: [UInt8]? = nil
    ) throws(ATEncodingError) {
        self.text = try ATCommandLine.raw(text)
        self.ownPrefixes = prefixes
        self.timeoutOverride = timeout
        self.finals = finals
        self.payload = payload
    }

    public static var acceptsBareLines: Bool { true }
    public var responseTimeout: Duration { timeoutOverride }
    public var context: ATCommandContext {
        ATCommandContext(echo: text, prefixes: ownPrefixes, acceptsBareLines: true, finals: finals, payloadEcho: payload)
    }
}
