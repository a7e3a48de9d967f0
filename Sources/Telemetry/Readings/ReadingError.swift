/// Why bytes are not a reading: what was wrong, at which byte, and (for JSON-lines input) on
/// which line.
///
///     do { try ReadingValidator().validate(Array(#"{"t":01}"#.utf8)) }
///     catch { print(error) }   // byte 5: number with a leading zero
public struct ReadingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Problem: Sendable, Hashable {
        /// Nothing but whitespace (or nothing at all).
        case empty
        /// More than `limit` bytes.
        case tooLarge(limit: Int)
        /// Arrays and objects nested deeper than `limit`.
        case tooDeep(limit: Int)
        /// A byte that cannot stand here; `expected` says what could.
        case unexpectedByte(UInt8, expected: String)
        /// The bytes ended in the middle of a value; `expected` says what was still missing.
        case unexpectedEnd(expected: String)
        /// A `,` directly before `]` or `}`.
        case trailingComma
        /// Something after the one value (a second value, a stray `]`).
        case trailingData
        /// A number such as `01` or `-00`.
        case leadingZero
        /// A malformed number: `-`, `1.`, `1e`, `.5`.
        case invalidNumber
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape(UInt8)
        /// `\u` not followed by four hex digits.
        case invalidUnicodeEscape
        /// A `\uD800`–`\uDFFF` escape that is not half of a surrogate pair.
        case loneSurrogate
        /// A raw control character (U+0000–U+001F) inside a string: it must be escaped.
        case controlCharacterInString(UInt8)
        /// Bytes that are not UTF-8 (bad lead byte, missing continuation, overlong form,
        /// surrogate or beyond U+10FFFF).
        case invalidUTF8
        /// A `true`, `false` or `null` misspelled.
        case invalidLiteral
    }

    /// What was wrong.
    public var problem: Problem
    /// The byte offset of the problem from the start of the reading (of the line, for
    /// JSON-lines input).
    public var offset: Int
    /// The 1-based line number, for readings read from JSON-lines input; otherwise `nil`.
    public var line: Int?

    public init(_ problem: Problem, at offset: Int, line: Int? = nil) {
        self.problem = problem
        self.offset = offset
        self.line = line
    }

    public var description: String {
        let place = line.map { "line \($0), byte \(offset)" } ?? "byte \(offset)"
        return "\(place): \(problem)"
    }
}

extension ReadingError.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: "empty reading"
        case .tooLarge(let limit): "reading larger than \(limit) bytes"
        case .tooDeep(let limit): "arrays and objects nested deeper than \(limit)"
        case .unexpectedByte(let byte, let expected): "unexpected \(Self.show(byte)), expected \(expected)"
        case .unexpectedEnd(let expected): "unexpected end, expected \(expected)"
        case .trailingComma: "trailing comma"
        case .trailingData: "data after the JSON value"
        case .leadingZero: "number with a leading zero"
        case .invalidNumber: "malformed number"
        case .invalidEscape(let byte): "invalid escape \\\(Self.show(byte)) in a string"
        case .invalidUnicodeEscape: "\\u not followed by four hex digits"
        case .loneSurrogate: "lone UTF-16 surrogate escape"
        case .controlCharacterInString(let byte): "unescaped control character \(Self.show(byte)) in a string"
        case .invalidUTF8: "invalid UTF-8"
        case .invalidLiteral: "misspelled true, false or null"
        }
    }

    /// A byte as a reader recognises it: `'x'` when printable ASCII, `0x1F` otherwise.
    static func show(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "0x" + String(byte, radix: 16, uppercase: true)
    }
}
