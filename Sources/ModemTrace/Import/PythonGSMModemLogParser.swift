/// Turns python-gsmmodem's debug log into trace records.
///
/// python-gsmmodem logs each command it writes (without its terminator) and, once the modem's
/// answer is complete, the answer's lines as a Python list; lines that arrive with no command
/// waiting are logged as a notification. With `logging.basicConfig(format='%(asctime)s
/// %(levelname)s: %(message)s', level=logging.DEBUG)`:
///
///     2026-11-25 23:37:16,518 DEBUG: write: AT+CMGR=1              → tx "AT+CMGR=1\r"
///     2026-11-25 23:37:16,519 DEBUG: response: ['+CMGR: 0,,30', '0791...', 'OK']
///                                                                   → rx "\r\n+CMGR: 0,,30\r\n\r\n0791...\r\n\r\nOK\r\n"
///     2026-11-25 23:37:16,518 DEBUG: notification: ['+CMTI: "SM",1'] → rx "\r\n+CMTI: \"SM\",1\r\n"
///     2026-11-25 23:37:17,318 DEBUG: response: ['> ']               → rx "\r\n> "
///     2026-11-25 23:37:17,318 DEBUG: write: 0021000B91...           → tx "0021000B91...\x1a" (after a prompt)
///
/// Also read: the default format (`DEBUG:gsmmodem.modem.GsmModem:write: ATZ`), no time, a `.`
/// before the milliseconds. An echoed command appears in the list with its CR (`'ATZ\r'`) and
/// is put back as the modem sent it (`ATZ\r\r\n`). Times are the `asctime` stamps relative to
/// the first (millisecond resolution), else 0. Other log lines (INFO, tracebacks) are skipped;
/// a response that is not a well-formed Python list of strings (a line cut off) is reported.
struct PythonGSMModemLogParser: LogLineImporter {
    private(set) var header = TraceHeader(tool: "python-gsmmodem debug log (imported)")
    private var clock = RelativeClock()
    private var afterPrompt = false

    enum Kind: String, CaseIterable, Sendable {
        case write, response, notification
    }

    /// A log line of python-gsmmodem's: its level, what it logs and the logged text.
    struct Entry {
        var level: Substring?
        var kind: Kind
        var payload: Substring
    }

    static func entry(in line: Substring) -> Entry? {
        let time = WallClock.parse(line)
        let rest = time.map { line[$0.end...] } ?? line
        // The earliest marker wins, so a logged list holding "write: " is not taken for a write.
        var found: (kind: Kind, range: Range<Substring.Index>)?
        for kind in Kind.allCases {
            guard let range = rest.firstRange(of: "\(kind.rawValue): "), range.lowerBound < (found?.range.lowerBound ?? rest.endIndex) else { continue }
            let before = rest[..<range.lowerBound]
            guard before.isEmpty || before.last == ":" || before.last == " " else { continue }
            found = (kind, range)
        }
        guard let (kind, range) = found else { return nil }
        let before = rest[..<range.lowerBound]
        let payload = rest[range.upperBound...]
        guard kind == .write || payload.first == "[" else { return nil }
        let level = ["DEBUG", "INFO", "WARNING", "ERROR"].first { before.contains($0) }.map { Substring($0) }
        return Entry(level: level, kind: kind, payload: payload)
    }

    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem]) {
        // Every stamped line moves the clock, so time 0 is the log's first line, not its first write.
        if let time = WallClock.parse(line) { clock.advance(to: time.microseconds) }
        guard let entry = Self.entry(in: line) else { return }
        func add(_ direction: TraceDirection, _ bytes: [UInt8]) {
            items.append(.record(TraceRecord(time: clock.now, body: .data(direction, bytes)), line: number))
        }
        switch entry.kind {
        case .write:
            add(.tx, Array(entry.payload.utf8) + [afterPrompt ? 0x1A : 0x0D])
            afterPrompt = false
        case .response, .notification:
            guard let lines = PythonStringList.parse(entry.payload) else {
                items.append(.unplaceable(line, number: number, "the \(entry.kind.rawValue) is not a Python list of strings (cut off?)"))
                return
            }
            guard !lines.isEmpty else { return }
            add(.rx, lines.flatMap(Self.wireBytes))
            if entry.kind == .response { afterPrompt = lines.last?.first == UInt8(ascii: ">") }
        }
    }

    /// A logged line as the modem sent it: an echo kept its CR (`ATZ\r` → `ATZ\r\r\n`), the
    /// prompt has no line end after it, other lines are framed by CR LF.
    private static func wireBytes(_ line: [UInt8]) -> [UInt8] {
        if line.last == 0x0D { return line + [0x0D, 0x0A] }
        if line.first == UInt8(ascii: ">") { return [0x0D, 0x0A] + line }
        return [0x0D, 0x0A] + line + [0x0D, 0x0A]
    }
}

/// A Python list of strings as `repr` prints it: `['ATZ\r', 'OK']`, `["it's"]`, `[u'OK']`.
enum PythonStringList {
    /// The strings' bytes (UTF-8), or `nil` when `text` is not exactly one such list.
    static func parse(_ text: Substring) -> [[UInt8]]? {
        var rest = text.utf8[...]
        func skipSpaces() { while rest.first == UInt8(ascii: " ") { rest = rest.dropFirst() } }
        guard rest.first == UInt8(ascii: "[") else { return nil }
        rest = rest.dropFirst()
        var strings: [[UInt8]] = []
        skipSpaces()
        if rest.first == UInt8(ascii: "]") {
            rest = rest.dropFirst()
            skipSpaces()
            return rest.isEmpty ? [] : nil
        }
        while true {
            skipSpaces()
            if let prefix = rest.first, prefix == UInt8(ascii: "u") || prefix == UInt8(ascii: "b") { rest = rest.dropFirst() }
            guard let string = string(&rest) else { return nil }
            strings.append(string)
            skipSpaces()
            guard let separator = rest.popFirst() else { return nil }
            if separator == UInt8(ascii: "]") { break }
            guard separator == UInt8(ascii: ",") else { return nil }
        }
        skipSpaces()
        return rest.isEmpty ? strings : nil
    }

    /// One quoted string with Python's escapes, consumed from the start of `rest`.
    private static func string(_ rest: inout Substring.UTF8View.SubSequence) -> [UInt8]? {
        guard let quote = rest.popFirst(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { return nil }
        var bytes: [UInt8] = []
        while let byte = rest.popFirst() {
            if byte == quote { return bytes }
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard let escape = rest.popFirst() else { return nil }
            switch escape {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "a"): bytes.append(0x07)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - 0x30)
                for _ in 0..<2 {
                    guard let next = rest.first, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(next) else { break }
                    value = value * 8 + Int(next - 0x30)
                    rest = rest.dropFirst()
                }
                guard value < 256 else { return nil }
                bytes.append(UInt8(value))
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escape == UInt8(ascii: "x") ? 2 : escape == UInt8(ascii: "u") ? 4 : 8
                guard rest.count >= digits, let value = UInt32(String(decoding: rest.prefix(digits), as: UTF8.self), radix: 16) else { return nil }
                rest = rest.dropFirst(digits)
                if escape == UInt8(ascii: "x") {
                    bytes.append(UInt8(value))
                } else {
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): bytes.append(escape)
            default: bytes.append(contentsOf: [UInt8(ascii: "\\"), escape])  // Python keeps unknown escapes as written
            }
        }
        return nil
    }
}
