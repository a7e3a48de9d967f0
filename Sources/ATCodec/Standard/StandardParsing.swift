/// Helpers shared by the typed standard commands in this folder; not part of the API.
enum StandardParsing {
    /// The text after `prefix` with the spaces after it dropped, or an error naming the line.
    ///
    ///     body(of: "+CEREG: 2,1", prefix: "+CEREG:", command: "+CEREG")   // "2,1"
    static func body(of line: String, prefix: String, command: String) throws(ATParseError) -> Substring {
        guard line.hasPrefix(prefix) else {
            throw ATParseError(command: command, line: line, reason: "the line does not start with \(prefix)")
        }
        return line.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == "\t" })
    }

    /// The fields of `body`; an unterminated quote is an error carrying the line.
    static func fields(_ body: Substring, _ context: ATFieldsContext) throws(ATParseError) -> ATFields {
        let fields = ATFields(body)
        if fields.unterminatedQuote { throw context.error("a quote is never closed") }
        return fields
    }

    /// The raw lines of `response` that start with `prefix`, each with its body.
    static func lines(_ response: ATResponse, prefix: String) -> [(line: String, body: Substring)] {
        response.lines.compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            return (line, line.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == "\t" }))
        }
    }

    /// The one line of `response` starting with `prefix`, with its body and a context for errors.
    static func line(
        _ response: ATResponse, prefix: String
    ) throws(ATParseError) -> (body: Substring, context: ATFieldsContext) {
        guard let (line, body) = lines(response, prefix: prefix).first else {
            throw ATParseError(command: response.command, line: response.lines.first,
                               reason: "no \(prefix) line in the response")
        }
        return (body, ATFieldsContext(command: response.command, line: line))
    }

    /// The first non-empty line of a command that prints a bare value, with an optional
    /// `+XXX:` prefix, surrounding quotes and spaces removed: `+CGSN: "4901..."` → `4901...`.
    static func bareValue(
        _ response: ATResponse, prefixes: [String]
    ) throws(ATParseError) -> (value: String, context: ATFieldsContext) {
        // A boot URC the classifier does not know yet (`+QUSIM: 1` before the dialect is chosen)
        // can land among the bare lines: prefer the command's own prefix, then a line that does
        // not look like `+NAME: ...`.
        let lines = response.lines.filter { !$0.trimmingSpaces().isEmpty }
        let prefixed = lines.first { line in prefixes.contains { line.trimmingSpaces().hasPrefix($0) } }
        guard let line = prefixed ?? lines.first(where: { !looksLikeResultCode($0.trimmingSpaces()) }) ?? lines.first else {
            throw ATParseError(command: response.command, line: nil, reason: "the response has no information line")
        }
        var value = Substring(line.trimmingSpaces())
        for prefix in prefixes where value.hasPrefix(prefix) {
            value = value.dropFirst(prefix.count)
            break
        }
        return (unquoted(String(value).trimmingSpaces()), ATFieldsContext(command: response.command, line: line))
    }

    /// `+QUSIM: 1`, `+CPIN: READY`: a `+` name then a colon, never a bare identity value.
    static func looksLikeResultCode(_ text: String) -> Bool {
        guard text.hasPrefix("+"), let colon = text.firstIndex(of: ":") else { return false }
        return text[text.index(after: text.startIndex)..<colon].allSatisfy { $0.isLetter || $0.isNumber }
    }

    /// `"abc"` → `abc`; anything else unchanged.
    static func unquoted(_ text: String) -> String {
        guard text.utf8.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// Whether `text` is one or more ASCII digits.
    static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Whether `text` is one or more ASCII hexadecimal digits.
    static func isHex(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
        }
    }

    /// The Luhn check (ISO/IEC 7812-1) over a string of ASCII digits, check digit last.
    static func passesLuhn(_ digits: String) -> Bool {
        guard isDigits(digits) else { return false }
        var sum = 0
        for (position, byte) in digits.utf8.reversed().enumerated() {
            var digit = Int(byte - 0x30)
            if position % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }

    /// Field `index` as hex text of at most `maxDigits` digits, upper-cased; `nil` when empty.
    /// `"1A2B"`, `1a2b` and `0x1A2B` are all `1A2B`.
    static func hexText(
        _ fields: ATFields, _ index: Int, maxDigits: Int, name: String, in context: ATFieldsContext
    ) throws(ATParseError) -> String? {
        guard var text = fields.text(index)?.trimmingSpaces(), !text.isEmpty else { return nil }
        if text.hasPrefix("0x") || text.hasPrefix("0X") { text.removeFirst(2) }
        guard isHex(text), text.utf8.count <= maxDigits else {
            throw context.error("\(name) \"\(text)\" is not hexadecimal of at most \(maxDigits) digits")
        }
        return text.uppercased()
    }

    /// Field `index`'s text, or `nil` when empty, missing or `""`.
    static func text(_ fields: ATFields, _ index: Int) -> String? {
        guard let text = fields.text(index), !text.isEmpty else { return nil }
        return text
    }

    /// Field `index` as a number that must be present and not negative.
    static func count(_ fields: ATFields, _ index: Int, name: String, in context: ATFieldsContext) throws(ATParseError) -> Int {
        let value = try fields.requiredInt(index, in: context)
        guard value >= 0 else { throw context.error("\(name) \(value) is negative") }
        return value
    }
}

extension StandardParsing {
    /// A set command whose parameters are all numbers (`nil` leaves one out), which cannot
    /// hold anything to refuse: `setLine("+CGACT", numbers: [1, 1])` → `AT+CGACT=1,1`.
    static func setLine(_ name: String, numbers: [Int?]) -> String {
        let parameters = numbers.map { $0.map(ATParameter.int) ?? .omitted }
        do {
            return try ATCommandLine.set(name, parameters)
        } catch {
            // Only reachable with an invalid constant name; build the same text by hand.
            var numbers = numbers
            while let last = numbers.last, last == nil { numbers.removeLast() }
            return "AT" + name + "=" + numbers.map { $0.map(String.init) ?? "" }.joined(separator: ",")
        }
    }

    /// `AT+CPIN="1234","5678"` from values that hold no quote, backslash or control character (checked digits, built times).
    static func setLine(_ name: String, safeStrings values: [String]) -> String {
        do {
            return try ATCommandLine.set(name, values.map(ATParameter.string))
        } catch {
            // Such values cannot be refused; only an invalid constant name gets here.
            return "AT" + name + "=" + values.map { "\"" + $0 + "\"" }.joined(separator: ",")
        }
    }

    /// Without surrounding spaces and one pair of surrounding quotes: ` "READY" ` → `READY`.
    static func trimmed(_ text: some StringProtocol) -> String {
        unquoted(String(text).trimmingSpaces()).trimmingSpaces()
    }
}
