/// A value for one parameter of an extended command.
public enum ATParameter: Sendable, Hashable {
    /// A number, written in decimal: `1`.
    case int(Int)
    /// A string constant, written in double quotes: `"internet"`. Checked before use.
    case string(String)
    /// A bare token written as is, such as a hex PDU length or `"SM"` already quoted by the
    /// caller; checked for control characters like any other value.
    case bare(String)
    /// Left out: `AT+CPSMS=1,,,"00000110"` has two omitted parameters.
    case omitted
}

/// A user value that would break the command line, refused before a byte is written.
public enum ATEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The value holds a character that cannot be sent inside an AT command: CR, LF, Ctrl-Z,
    /// ESC, NUL or another control character. The value itself is not kept (it may be a secret).
    case forbiddenCharacter(parameter: Int?, offset: Int, byte: UInt8)
    /// A double quote or backslash inside a string constant: V.250 strings have no escape that
    /// every modem honours, so the value is refused rather than altered.
    case unescapableCharacter(parameter: Int?, offset: Int, character: Character)
    /// The command name is not a valid AT command name.
    case invalidName(String)
    /// A raw line that does not start with `AT` (or `A/`).
    case missingPrefix

    public var description: String {
        func at(_ parameter: Int?) -> String { parameter.map { "parameter \($0 + 1)" } ?? "command line" }
        switch self {
        case .forbiddenCharacter(let parameter, let offset, let byte):
            return "\(at(parameter)) holds \(ATEncodingError.name(of: byte)) at offset \(offset); it cannot be sent inside an AT command"
        case .unescapableCharacter(let parameter, let offset, let character):
            return "\(at(parameter)) holds \(character == "\"" ? "a double quote" : "a backslash") at offset \(offset); AT strings cannot carry it safely"
        case .invalidName(let name):
            return "\"\(ATText.escaped(name.utf8))\" is not an AT command name"
        case .missingPrefix:
            return "an AT command line starts with AT"
        }
    }

    static func name(of byte: UInt8) -> String {
        switch byte {
        case 0x00: "NUL"
        case 0x0A: "LF"
        case 0x0D: "CR"
        case 0x1A: "Ctrl-Z"
        case 0x1B: "ESC"
        case 0x7F: "DEL"
        default: "control character 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}

/// Builds AT command lines, quoting strings and refusing values that would inject AT syntax.
///
///     try ATCommandLine.set("+CGDCONT", [.int(1), .string("IP"), .string("internet")])
///         // AT+CGDCONT=1,"IP","internet"
///     ATCommandLine.read("+CREG")        // AT+CREG?
///     ATCommandLine.test("+COPS")        // AT+COPS=?
///     ATCommandLine.execute("+CSQ")      // AT+CSQ
///     try ATCommandLine.compound(["AT+CMEE=1", "AT+CREG=2"])   // AT+CMEE=1;+CREG=2
public enum ATCommandLine {
    /// `AT<name>`: `execute("+CSQ")` → `AT+CSQ`, `execute("I")` → `ATI`.
    public static func execute(_ name: String) -> String { "AT" + name }

    /// `AT<name>?`
    public static func read(_ name: String) -> String { "AT" + name + "?" }

    /// `AT<name>=?`
    public static func test(_ name: String) -> String { "AT" + name + "=?" }

    /// `AT<name>=<p1>,<p2>,...`, with trailing omitted parameters dropped.
    public static func set(_ name: String, _ parameters: [ATParameter]) throws(ATEncodingError) -> String {
        try checkName(name)
        var parameters = parameters
        while parameters.last == .omitted { parameters.removeLast() }
        var line = "AT" + name + "="
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { line += "," }
            switch parameter {
            case .int(let value): line += String(value)
            case .omitted: break
            case .bare(let value):
                try check(value, parameter: index, allowQuotes: true)
                line += value
            case .string(let value):
                try check(value, parameter: index, allowQuotes: false)
                line += "\"" + value + "\""
            }
        }
        return line
    }

    /// Checks a whole command line typed by a user (`modemkit at`): it must start with `AT`
    /// (any case) or be `A/`, and hold no control characters. Quotes are the user's to balance.
    public static func raw(_ line: String) throws(ATEncodingError) -> String {
        let upper = line.uppercased()
        guard upper.hasPrefix("AT") || upper == "A/" else { throw .missingPrefix }
        try check(line, parameter: nil, allowQuotes: true)
        return line
    }

    /// Joins command lines into one, as V.250 §5.2.1 allows: basic commands follow each other,
    /// extended commands are separated by `;`. `["ATE0", "AT+CMEE=1", "AT+CREG=2"]` →
    /// `ATE0+CMEE=1;+CREG=2`.
    public static func compound(_ lines: [String]) throws(ATEncodingError) -> String {
        var result = "AT"
        var previousExtended = false
        for line in lines {
            let checked = try raw(line)
            let body = checked.dropFirst(2)
            guard let first = body.first else { continue }
            let extended = "+^$#*%".contains(first)
            if previousExtended { result += ";" }
            result += body
            previousExtended = extended
        }
        return result
    }

    static func checkName(_ name: String) throws(ATEncodingError) {
        guard !name.isEmpty, name.utf8.allSatisfy({ byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || "+&%$#^*_!".utf8.contains(byte)
        }) else { throw .invalidName(name) }
    }

    static func check(_ value: String, parameter: Int?, allowQuotes: Bool) throws(ATEncodingError) {
        for (offset, byte) in value.utf8.enumerated() {
            if byte < 0x20 || byte == 0x7F {
                throw .forbiddenCharacter(parameter: parameter, offset: offset, byte: byte)
            }
            if !allowQuotes, byte == ATByte.quote || byte == 0x5C {
                throw .unescapableCharacter(parameter: parameter, offset: offset, character: byte == ATByte.quote ? "\"" : "\\")
            }
        }
    }
}
