/// Cuts JSON-lines input (one reading per line) into readings as bytes arrive, validating each
/// and carrying on past bad lines.
///
/// Lines end with `\n` (a `\r` before it is dropped). Lines holding only whitespace are skipped
/// but counted. A line longer than the validator's ``ReadingValidator/maximumSize`` is refused
/// as `.tooLarge` once it ends, and its bytes are dropped as they come, so memory stays bounded
/// by one reading whatever the input.
///
///     var lines = ReadingLines()
///     for line in lines.append(Array("{\"t\":1}\n\n[1,]\n{\"t\"".utf8)) {
///         print(line.number, line.result)   // 1 success([…]); 3 failure(line 3, byte 2: trailing comma)
///     }
///     let last = lines.finish()              // 4 failure(line 4, byte 4: unexpected end …)
public struct ReadingLines: Sendable {
    /// One non-blank line: its 1-based number and the reading (whitespace trimmed) or why not.
    public struct Line: Sendable, Hashable {
        public var number: Int
        public var result: Result<[UInt8], ReadingError>

        public init(number: Int, result: Result<[UInt8], ReadingError>) {
            self.number = number
            self.result = result
        }
    }

    public let validator: ReadingValidator
    private var current: [UInt8] = []
    private var currentLength = 0
    private var lineNumber = 1

    public init(validator: ReadingValidator = ReadingValidator()) {
        self.validator = validator
    }

    /// Takes the next bytes of input and returns the lines they complete, in order.
    public mutating func append(_ chunk: some Sequence<UInt8>) -> [Line] {
        var lines: [Line] = []
        for byte in chunk {
            if byte == JSONByte.newline {
                if let line = endLine() { lines.append(line) }
                continue
            }
            currentLength += 1
            // One byte of slack for a `\r` before the `\n`.
            if currentLength <= validator.maximumSize + 1 {
                current.append(byte)
            } else if !current.isEmpty {
                current.removeAll(keepingCapacity: false)
            }
        }
        return lines
    }

    /// Ends the input: returns the last line if it did not end with `\n` and is not blank.
    public mutating func finish() -> Line? {
        guard currentLength > 0 else { return nil }
        return endLine()
    }

    private mutating func endLine() -> Line? {
        defer {
            current.removeAll(keepingCapacity: true)
            currentLength = 0
            lineNumber += 1
        }
        if currentLength > validator.maximumSize + 1 {
            return Line(number: lineNumber, result: .failure(ReadingError(.tooLarge(limit: validator.maximumSize), at: validator.maximumSize, line: lineNumber)))
        }
        if current.last == JSONByte.carriageReturn { current.removeLast() }
        guard let first = current.firstIndex(where: { !Self.isWhitespace($0) }),
              let last = current.lastIndex(where: { !Self.isWhitespace($0) })
        else { return nil }
        do {
            try validator.validate(current)
            return Line(number: lineNumber, result: .success(Array(current[first...last])))
        } catch {
            var error = error
            error.line = lineNumber
            return Line(number: lineNumber, result: .failure(error))
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == JSONByte.space || byte == JSONByte.tab || byte == JSONByte.carriageReturn
    }
}
