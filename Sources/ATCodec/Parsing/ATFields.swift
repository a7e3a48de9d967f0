/// The comma-separated parameters of an information line, quotes respected.
///
///     ATFields("1,\"IP\",\"internet\",,0")
///         // [.bare("1"), .quoted("IP"), .quoted("internet"), .empty, .bare("0")]
///
/// Tolerant of what real modems print: spaces around fields, empty fields (`+CEREG: 2,,,,,,,,`),
/// commas inside quotes (`+COPS: (2,"Vodafone, D2",...)`). An unterminated quote keeps the rest
/// of the line as the field's text and is reported by ``unterminatedQuote``.
public struct ATFields: Sendable, Hashable, RandomAccessCollection {
    /// One parameter.
    public enum Field: Sendable, Hashable {
        case empty
        case bare(String)
        case quoted(String)

        /// The text, without quotes; `nil` for an empty field.
        public var text: String? {
            switch self {
            case .empty: nil
            case .bare(let text), .quoted(let text): text
            }
        }
    }

    public let fields: [Field]
    /// Whether a quote was opened and never closed.
    public let unterminatedQuote: Bool
    /// Whether text stood between a closing quote and the next comma (`"IP,"10.0.0.1",1`):
    /// that text is not kept, so a parser that cares treats the line as malformed.
    public let strayTextAfterQuote: Bool

    public init(_ text: some StringProtocol) {
        var fields: [Field] = []
        var current = ""
        var quoted = false
        var inQuotes = false
        var afterQuote = false
        var stray = false
        for character in text {
            if inQuotes {
                if character == "\"" { inQuotes = false; afterQuote = true } else { current.append(character) }
                continue
            }
            switch character {
            case "\"" where current.trimmingSpaces().isEmpty && !afterQuote:
                current = ""
                quoted = true
                inQuotes = true
            case ",":
                fields.append(ATFields.field(current, quoted: quoted))
                current = ""
                quoted = false
                afterQuote = false
            default:
                if !afterQuote {
                    current.append(character)
                } else if character != " " && character != "\t" {
                    stray = true
                }
            }
        }
        fields.append(ATFields.field(current, quoted: quoted))
        if fields == [.empty] { fields = [] }
        self.fields = fields
        self.unterminatedQuote = inQuotes
        self.strayTextAfterQuote = stray
    }

    private static func field(_ text: String, quoted: Bool) -> Field {
        if quoted { return .quoted(text) }
        let trimmed = text.trimmingSpaces()
        return trimmed.isEmpty ? .empty : .bare(trimmed)
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> Field { fields[position] }

    /// The text of field `index`, or `nil` when it is empty or missing.
    public func text(_ index: Int) -> String? {
        index < fields.count ? fields[index].text : nil
    }

    /// Field `index` as a decimal integer; `nil` when empty or missing; an error when present
    /// but not a number.
    public func int(_ index: Int, in context: ATFieldsContext) throws(ATParseError) -> Int? {
        guard let text = text(index) else { return nil }
        guard let value = Int(text) else {
            throw context.error("field \(index + 1) \"\(text)\" is not a number")
        }
        return value
    }

    /// Field `index` as a decimal integer that must be present.
    public func requiredInt(_ index: Int, in context: ATFieldsContext) throws(ATParseError) -> Int {
        guard let value = try int(index, in: context) else {
            throw context.error("field \(index + 1) is missing")
        }
        return value
    }

    /// Field `index` as a hexadecimal integer (`"1A2B"`, `1A2B`); `nil` when empty or missing.
    public func hex(_ index: Int, in context: ATFieldsContext) throws(ATParseError) -> Int? {
        guard var text = text(index) else { return nil }
        if text.hasPrefix("0x") || text.hasPrefix("0X") { text.removeFirst(2) }
        guard !text.isEmpty, let value = Int(text, radix: 16) else {
            throw context.error("field \(index + 1) \"\(text)\" is not hexadecimal")
        }
        return value
    }

    /// Field `index` as text that must be present.
    public func requiredText(_ index: Int, in context: ATFieldsContext) throws(ATParseError) -> String {
        guard let value = text(index) else { throw context.error("field \(index + 1) is missing") }
        return value
    }
}

/// Where fields came from, so a parse error names the command and the raw line.
public struct ATFieldsContext: Sendable {
    public var command: String
    public var line: String

    public init(command: String, line: String) {
        self.command = command
        self.line = line
    }

    public func error(_ reason: String) -> ATParseError {
        ATParseError(command: command, line: line, reason: reason)
    }
}
