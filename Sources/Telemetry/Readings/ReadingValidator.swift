/// Checks that bytes are exactly one JSON value (RFC 8259) and small enough to be a reading,
/// before the outbox accepts them.
///
/// A hand-written single-pass scanner: no Foundation, no allocation for up to 64 levels of
/// nesting, no recursion (so deep input cannot exhaust the stack). It accepts what RFC 8259
/// §2–§8 allows: objects, arrays, strings (with escapes, and valid UTF-8), numbers, `true`,
/// `false`, `null`, and whitespace around tokens. It refuses everything else with a
/// ``ReadingError`` that says what and at which byte: `NaN`, `Infinity`, leading zeros,
/// trailing commas, single quotes, comments, a byte order mark, lone surrogate escapes
/// (`"\ud800"`), overlong or truncated UTF-8, unescaped control characters, a second value.
///
///     let validator = ReadingValidator(maximumSize: 4096)
///     try validator.validate(Array(#"{"t":21.5,"tags":["a","b"]}"#.utf8))   // fine
///     try validator.validate(Array("[1,2,]".utf8))   // throws: byte 4: trailing comma
///
/// Duplicate object keys are allowed (RFC 8259 says names SHOULD be unique, not MUST).
public struct ReadingValidator: Sendable, Hashable {
    /// The largest reading accepted, in bytes (whitespace included).
    public var maximumSize: Int
    /// How deep arrays and objects may nest: `[[1]]` is depth 2.
    public var maximumDepth: Int

    /// - Parameters:
    ///   - maximumSize: the largest reading, in bytes; 64 KiB by default.
    ///   - maximumDepth: the deepest nesting of arrays and objects; 64 by default.
    public init(maximumSize: Int = 65_536, maximumDepth: Int = 64) {
        self.maximumSize = max(0, maximumSize)
        self.maximumDepth = max(0, maximumDepth)
    }

    /// Throws unless `bytes` are one valid JSON value of at most ``maximumSize`` bytes.
    public func validate(_ bytes: [UInt8]) throws(ReadingError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(ReadingError) in try validate(buffer) }
    }

    /// Throws unless `bytes` are one valid JSON value; offsets count from the slice's start.
    public func validate(_ bytes: ArraySlice<UInt8>) throws(ReadingError) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(ReadingError) in try validate(buffer) }
    }

    /// Throws unless the bytes in `buffer` are one valid JSON value.
    public func validate(_ buffer: UnsafeBufferPointer<UInt8>) throws(ReadingError) {
        guard buffer.count <= maximumSize else { throw ReadingError(.tooLarge(limit: maximumSize), at: maximumSize) }
        var scanner = ReadingScanner(bytes: buffer, maximumDepth: maximumDepth)
        try scanner.scanDocument()
    }
}

/// The scanner behind ``ReadingValidator``: an explicit stack of open containers (one bit
/// each: object or array) instead of recursion.
struct ReadingScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    var depth = 0
    /// Bit `n` is set when the container at depth `n + 1` is an object; the first 64 levels
    /// live in `low`, deeper ones in `high` (allocated only when needed).
    var low: UInt64 = 0
    var high: [UInt64] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func scanDocument() throws(ReadingError) {
        skipWhitespace()
        guard index < bytes.count else { throw ReadingError(.empty, at: index) }
        try scanValue()
        while true {
            skipWhitespace()
            if depth == 0 {
                guard index == bytes.count else { throw ReadingError(.trailingData, at: index) }
                return
            }
            let inObject = topIsObject
            let closer = inObject ? JSONByte.closeBrace : JSONByte.closeBracket
            let expected = inObject ? "',' or '}'" : "',' or ']'"
            guard index < bytes.count else { throw ReadingError(.unexpectedEnd(expected: expected), at: index) }
            let byte = bytes[index]
            if byte == closer {
                index += 1
                pop()
            } else if byte == JSONByte.comma {
                let comma = index
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == closer { throw ReadingError(.trailingComma, at: comma) }
                if inObject { try scanKey() }
                try scanValue()
            } else {
                throw ReadingError(.unexpectedByte(byte, expected: expected), at: index)
            }
        }
    }

    /// Scans one value; for a non-empty container, opens it and goes on into its first element
    /// until a scalar (or an empty container) completes, leaving the rest to `scanDocument`.
    mutating func scanValue() throws(ReadingError) {
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw ReadingError(.unexpectedEnd(expected: "a value"), at: index) }
            switch bytes[index] {
            case JSONByte.openBrace, JSONByte.openBracket:
                let object = bytes[index] == JSONByte.openBrace
                if try openContainer(object: object) { return }
                if object { try scanKey() }
            case JSONByte.quote:
                index += 1
                try scanString()
                return
            case JSONByte.minus, JSONByte.zero...JSONByte.nine:
                try scanNumber()
                return
            case UInt8(ascii: "t"): return try scanLiteral("true")
            case UInt8(ascii: "f"): return try scanLiteral("false")
            case UInt8(ascii: "n"): return try scanLiteral("null")
            case let byte:
                throw ReadingError(.unexpectedByte(byte, expected: "a value"), at: index)
            }
        }
    }

    /// Opens the array or object at `index`; returns `true` when it is empty (and so already
    /// closed), `false` when its first element follows.
    mutating func openContainer(object: Bool) throws(ReadingError) -> Bool {
        try push(object: object)
        index += 1
        skipWhitespace()
        guard index < bytes.count, bytes[index] == (object ? JSONByte.closeBrace : JSONByte.closeBracket) else { return false }
        index += 1
        pop()
        return true
    }

    /// `"name"` then `:`, whitespace allowed around the colon.
    mutating func scanKey() throws(ReadingError) {
        guard index < bytes.count else { throw ReadingError(.unexpectedEnd(expected: "a string key"), at: index) }
        guard bytes[index] == JSONByte.quote else {
            throw ReadingError(.unexpectedByte(bytes[index], expected: "a string key"), at: index)
        }
        index += 1
        try scanString()
        skipWhitespace()
        guard index < bytes.count else { throw ReadingError(.unexpectedEnd(expected: "':'"), at: index) }
        guard bytes[index] == JSONByte.colon else { throw ReadingError(.unexpectedByte(bytes[index], expected: "':'"), at: index) }
        index += 1
    }

    /// From just after the opening quote to just after the closing one.
    mutating func scanString() throws(ReadingError) {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == JSONByte.quote {
                index += 1
                return
            } else if byte == JSONByte.backslash {
                try scanEscape()
            } else if byte < 0x20 {
                throw ReadingError(.controlCharacterInString(byte), at: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                try scanUTF8Sequence()
            }
        }
        throw ReadingError(.unexpectedEnd(expected: "'\"' closing the string"), at: index)
    }

    mutating func scanEscape() throws(ReadingError) {
        let start = index
        guard index + 1 < bytes.count else { throw ReadingError(.unexpectedEnd(expected: "an escape"), at: bytes.count) }
        switch bytes[index + 1] {
        case JSONByte.quote, JSONByte.backslash, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            index += 2
        case UInt8(ascii: "u"):
            let unit = try hex4(at: index + 2)
            index += 6
            if (0xDC00...0xDFFF).contains(unit) { throw ReadingError(.loneSurrogate, at: start) }
            if (0xD800...0xDBFF).contains(unit) {
                guard index + 1 < bytes.count, bytes[index] == JSONByte.backslash, bytes[index + 1] == UInt8(ascii: "u"),
                      (0xDC00...0xDFFF).contains(try hex4(at: index + 2))
                else { throw ReadingError(.loneSurrogate, at: start) }
                index += 6
            }
        case let byte:
            throw ReadingError(.invalidEscape(byte), at: index + 1)
        }
    }

    func hex4(at position: Int) throws(ReadingError) -> UInt16 {
        var value: UInt16 = 0
        for offset in 0..<4 {
            guard position + offset < bytes.count else { throw ReadingError(.invalidUnicodeEscape, at: position - 2) }
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case JSONByte.zero...JSONByte.nine: digit = byte - JSONByte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw ReadingError(.invalidUnicodeEscape, at: position - 2)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// One multi-byte UTF-8 sequence (Unicode 15 table 3-7): no overlong forms, no surrogates,
    /// nothing past U+10FFFF.
    mutating func scanUTF8Sequence() throws(ReadingError) {
        let lead = bytes[index]
        let continuations: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: continuations = 1
        case 0xE0: continuations = 2; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: continuations = 2
        case 0xED: continuations = 2; second = 0x80...0x9F
        case 0xF0: continuations = 3; second = 0x90...0xBF
        case 0xF1...0xF3: continuations = 3
        case 0xF4: continuations = 3; second = 0x80...0x8F
        default: throw ReadingError(.invalidUTF8, at: index)
        }
        guard index + continuations < bytes.count, second.contains(bytes[index + 1]) else {
            throw ReadingError(.invalidUTF8, at: index)
        }
        var offset = 2
        while offset <= continuations {
            guard bytes[index + offset] & 0xC0 == 0x80 else { throw ReadingError(.invalidUTF8, at: index) }
            offset += 1
        }
        index += continuations + 1
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func scanNumber() throws(ReadingError) {
        let start = index
        if bytes[index] == JSONByte.minus { index += 1 }
        guard index < bytes.count, JSONByte.isDigit(bytes[index]) else { throw ReadingError(.invalidNumber, at: start) }
        if bytes[index] == JSONByte.zero {
            index += 1
            if index < bytes.count, JSONByte.isDigit(bytes[index]) { throw ReadingError(.leadingZero, at: start) }
        } else {
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, JSONByte.isDigit(bytes[index]) else { throw ReadingError(.invalidNumber, at: start) }
            skipDigits()
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == JSONByte.minus { index += 1 }
            guard index < bytes.count, JSONByte.isDigit(bytes[index]) else { throw ReadingError(.invalidNumber, at: start) }
            skipDigits()
        }
    }

    mutating func scanLiteral(_ word: StaticString) throws(ReadingError) {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw ReadingError(.invalidLiteral, at: index) }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
            throw ReadingError(.invalidLiteral, at: index)
        }
        index += length
    }

    mutating func skipDigits() {
        while index < bytes.count, JSONByte.isDigit(bytes[index]) { index += 1 }
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case JSONByte.space, JSONByte.tab, JSONByte.newline, JSONByte.carriageReturn: index += 1
            default: return
            }
        }
    }

    var topIsObject: Bool {
        let level = depth - 1
        if level < 64 { return low & (1 << UInt64(level)) != 0 }
        return high[level / 64 - 1] & (1 << UInt64(level % 64)) != 0
    }

    mutating func push(object: Bool) throws(ReadingError) {
        guard depth < maximumDepth else { throw ReadingError(.tooDeep(limit: maximumDepth), at: index) }
        let level = depth
        depth += 1
        if level < 64 {
            if object { low |= 1 << UInt64(level) } else { low &= ~(1 << UInt64(level)) }
            return
        }
        let word = level / 64 - 1
        if word == high.count { high.append(0) }
        let bit: UInt64 = 1 << UInt64(level % 64)
        if object { high[word] |= bit } else { high[word] &= ~bit }
    }

    mutating func pop() {
        depth -= 1
    }
}

/// The ASCII bytes JSON is made of.
enum JSONByte {
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")

    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
}
