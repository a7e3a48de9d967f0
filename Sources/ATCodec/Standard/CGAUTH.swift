/// Define PDP context authentication parameters, TS 27.007 §10.1.31.
///
/// Timeout: a local setting; Quectel gives 300 ms, we allow 1 s.
public enum CGAUTH {
    public static let name = "+CGAUTH"

    /// `<auth_prot>`.
    public enum Authentication: Int, Sendable, Hashable, CaseIterable {
        case none = 0
        case pap = 1
        case chap = 2
    }

    /// Sets the credentials of context `cid`. User and password are secrets: the logger's
    /// redactor hides the 3rd and 4th parameters.
    ///
    ///     → AT+CGAUTH=1,1,"user","secret"
    ///     ← OK
    public struct Set: ATCommand {
        public let text: String

        /// - Throws: ``ATEncodingError`` when `username` or `password` holds a quote, a
        ///   backslash or a control character.
        public init(cid: Int, authentication: Authentication, username: String, password: String) throws(ATEncodingError) {
            text = try ATCommandLine.set(CGAUTH.name, [.int(cid), .int(authentication.rawValue), .string(username), .string(password)])
        }

        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}

/// Packet domain event reporting, TS 27.007 §10.1.19: turns `+CGEV` URCs on or off.
///
/// Timeout: a local setting; 1 s.
public enum CGEREP {
    public static let name = "+CGEREP"

    /// `<mode>`: 0 off, 1 discard while the link is reserved, 2 buffer and forward.
    ///
    ///     → AT+CGEREP=1
    ///     ← OK
    public struct Set: ATCommand {
        public let mode: Int
        public init(mode: Int = 1) { self.mode = mode }
        public var text: String { StandardParsing.setLine(CGEREP.name, numbers: [mode]) }
        public static var timeout: Duration { .seconds(1) }
        public func parse(_ response: ATResponse) throws(ATParseError) {}
    }
}
