/// Small judgements about the text of a log line that several importers share.
///
///     ImportedText.isCommand("at+cpin?")                // true
///     ImportedText.modemLine("+CSQ: 21,99")             // "\r\n+CSQ: 21,99\r\n" as bytes
///     ImportedText.isFinalResult("+CME ERROR: 30")      // true
///     ImportedText.isUnsolicited("+CMTI: \"SM\",1")     // true
enum ImportedText {
    /// A command line as the host types it: `AT` in either case, then anything.
    static func isCommand(_ text: Substring) -> Bool {
        let utf8 = text.utf8
        guard utf8.count >= 2 else { return false }
        return utf8.first! | 0x20 == UInt8(ascii: "a") && utf8.dropFirst().first! | 0x20 == UInt8(ascii: "t")
    }

    /// Bytes below 0x20 other than TAB, or DEL.
    static func hasControlCharacters(_ text: Substring) -> Bool {
        text.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
    }

    /// A line of the modem's as it crossed the wire: `CR LF text CR LF`.
    static func modemLine(_ text: some StringProtocol) -> [UInt8] {
        [0x0D, 0x0A] + Array(text.utf8) + [0x0D, 0x0A]
    }

    /// The result codes that end a command (V.250, TS 27.007/27.005, and the vendors' socket finals).
    static func isFinalResult(_ text: Substring) -> Bool {
        finals.contains(String(text)) || text.hasPrefix("+CME ERROR") || text.hasPrefix("+CMS ERROR") || text.hasPrefix("CONNECT")
    }

    private static let finals: Set<String> = [
        "OK", "ERROR", "NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE", "SEND OK", "SEND FAIL", "SHUT OK", "CLOSE OK",
    ]

    /// A line a modem sends on its own: `+XXXX: ...` (also `^`, `*`, `#`, `$`, `%` vendor prefixes) or
    /// one of the well-known bare URCs.
    static func isUnsolicited(_ text: Substring) -> Bool {
        if bareURCs.contains(String(text)) { return true }
        guard let first = text.first, "+^*#$%".contains(first), let colon = text.firstIndex(of: ":") else { return false }
        let name = text[text.index(after: text.startIndex)..<colon]
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    private static let bareURCs: Set<String> = [
        "RING", "RDY", "NO CARRIER", "Call Ready", "SMS Ready", "NORMAL POWER DOWN", "POWERED DOWN", "PB DONE", "SMS DONE",
        "+CPIN: READY", "APP RDY",
    ]
}

/// A wall-clock time as logs print it, in microseconds since 1970 (the zone does not matter:
/// importers only use differences).
enum WallClock {
    /// `2023-05-01 12:00:00,123` or `2023/05/01 12:00:00` (any one separator in the date, `,` or
    /// `.` before up to 6 fraction digits); `nil` if `text` does not start with one.
    /// Returns the time and the index after it.
    static func parse(_ text: Substring) -> (microseconds: Int64, end: Substring.Index)? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        func number(_ digits: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<digits {
                guard index < utf8.endIndex, let digit = digitValue(utf8[index]) else { return nil }
                value = value * 10 + digit
                index = utf8.index(after: index)
            }
            return value
        }
        func skip(_ allowed: String) -> Bool {
            guard index < utf8.endIndex, allowed.utf8.contains(utf8[index]) else { return false }
            index = utf8.index(after: index)
            return true
        }
        guard let year = number(4), skip("-/"), let month = number(2), skip("-/"), let day = number(2), skip(" T"),
            let hour = number(2), skip(":"), let minute = number(2), skip(":"), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var micro: Int64 = 0
        if skip(",.") {
            var scale: Int64 = 100_000
            while index < utf8.endIndex, let digit = digitValue(utf8[index]) {
                micro += digit * scale
                scale /= 10
                index = utf8.index(after: index)
            }
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return (seconds * 1_000_000 + micro, index)
    }

    private static func digitValue(_ byte: UInt8) -> Int64? {
        byte >= 0x30 && byte <= 0x39 ? Int64(byte - 0x30) : nil
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Turns absolute times into trace times: relative to the first, never going backwards.
struct RelativeClock: Sendable {
    private var origin: Int64?
    private(set) var now = TraceTime.zero

    mutating func advance(to microseconds: Int64) {
        let first = origin ?? microseconds
        origin = first
        now = TraceTime(microseconds: max(now.microseconds, microseconds - first))
    }
}
