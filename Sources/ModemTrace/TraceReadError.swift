/// A line of a trace that could not be read. The reader reports it and goes on with the next
/// line; nothing in a trace file can stop the reader or trap.
///
///     // line 7: "0.1 tz AT\r"
///     TraceReadError(line: 7, kind: .unknownDirection("tz"), text: "0.1 tz AT\\r")
public struct TraceReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// What is wrong with it.
    public var kind: Kind
    /// The offending line as read (at most 200 characters, invalid UTF-8 repaired).
    public var text: String

    /// The ways a line can be malformed.
    public enum Kind: Sendable, Hashable {
        /// The first line is not `#modemkit-trace v<version>`; the line is then read as any
        /// other line and the trace as version 1.
        case missingMagic
        /// The magic line names a version this reader does not know; the rest is read as v1.
        case unsupportedVersion(String)
        /// A `#` line in the header looked like a field but its value is not valid escaped text.
        case malformedHeaderField
        /// The first field is not `<seconds>[.<1-6 digits>]`.
        case invalidTime(String)
        /// The second field is not `tx`, `rx` or `ev` (with optional `:flags` for data).
        case unknownDirection(String)
        /// A flag other than `redacted`.
        case unknownFlag(String)
        /// The payload does not follow the escaping rules.
        case invalidEscape(offset: Int, reason: String)
        /// An `ev` line without a name, or with a name that is not a token.
        case invalidEventName(String)
        /// Event text that is not valid UTF-8 after unescaping.
        case invalidUTF8
        /// The line is longer than the reader's limit; it was skipped.
        case lineTooLong(Int)
        /// A line of an imported log (ModemManager, terminal capture) that could not be turned
        /// into a record; the reason says why.
        case unplaceable(String)
    }

    public init(line: Int, kind: Kind, text: String) {
        self.line = line
        self.kind = kind
        self.text = text
    }

    public var description: String {
        let what: String
        switch kind {
        case .missingMagic: what = "missing '\(TraceHeader.magic) v1' line"
        case .unsupportedVersion(let version): what = "unsupported trace version '\(version)'"
        case .malformedHeaderField: what = "malformed header field"
        case .invalidTime(let time): what = "invalid time '\(time)'"
        case .unknownDirection(let tag): what = "unknown direction '\(tag)'"
        case .unknownFlag(let flag): what = "unknown flag '\(flag)'"
        case .invalidEscape(let offset, let reason): what = "invalid escape at payload offset \(offset): \(reason)"
        case .invalidEventName(let name): what = "invalid event name '\(name)'"
        case .invalidUTF8: what = "event text is not valid UTF-8"
        case .lineTooLong(let length): what = "line too long (\(length) bytes)"
        case .unplaceable(let reason): what = "cannot place this line: \(reason)"
        }
        return "line \(line): \(what): \(text)"
    }
}
