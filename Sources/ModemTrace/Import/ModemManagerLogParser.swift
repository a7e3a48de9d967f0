/// Turns ModemManager debug lines into trace records.
///
/// ModemManager logs each chunk it writes to or reads from an AT port, with CR and LF spelled
/// out and other non-printable bytes as `\<decimal>`:
///
///     ModemManager[812]: <debug> [1700000000.123456] [modem0] (ttyUSB2): --> 'AT+CSQ<CR>'
///     ModemManager[812]: <debug> [1700000000.150000] [modem0] (ttyUSB2): <-- '<CR><LF>+CSQ: 21,99<CR><LF><CR><LF>OK<CR><LF>'
///     Nov 25 03:00:01 host ModemManager[812]: <dbg> [1700000001.0] [modem0/ttyUSB2/at] --> 'AT+CMGS=19<CR>'   (journald, 1.20+)
///     <debug> [1234.5678] (ttyUSB2): --> 'AT<CR>'                                                          (older)
///
/// Times are the bracketed monotonic or epoch seconds, made relative to the first line.
/// Only the first port seen is kept (ModemManager drives several ports at once); lines of
/// other ports and arrow lines that cannot be read are reported; other debug lines are skipped.
struct ModemManagerLogParser: LogLineImporter {
    private var port: String?
    private var clock = RelativeClock()
    private(set) var header = TraceHeader(tool: "ModemManager (imported)")

    /// Where the chunk starts: the direction and the index after the opening quote.
    static func arrow(in line: Substring) -> (direction: TraceDirection, quote: Substring.Index)? {
        for (marker, direction) in [("--> '", TraceDirection.tx), ("<-- '", TraceDirection.rx)] {
            if let range = line.firstRange(of: marker) { return (direction, range.upperBound) }
        }
        return nil
    }

    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem]) {
        if let item = item(line, number: number) { items.append(item) }
    }

    private mutating func item(_ line: Substring, number: Int) -> LogLineItem? {
        guard let (direction, start) = Self.arrow(in: line) else { return nil }
        let before = line[..<start]
        let linePort = Self.port(in: before)
        if let linePort {
            if port == nil {
                port = linePort
                header.device = linePort
            } else if linePort != port {
                return .unplaceable(line, number: number, "another port (\(linePort)); only \(port ?? "") is imported")
            }
        }
        guard let end = line[start...].lastIndex(of: "'") else {
            return .unplaceable(line, number: number, "no closing quote (truncated line)")
        }
        guard let bytes = Self.unescape(line[start..<end]) else {
            return .unplaceable(line, number: number, "an escape that is not <CR>, <LF> or \\<decimal>")
        }
        if let microseconds = Self.timestamp(in: before) { clock.advance(to: microseconds) }
        return .record(TraceRecord(time: clock.now, body: .data(direction, bytes)), line: number)
    }

    /// `(ttyUSB2)` or `[modem0/ttyUSB2/at]`.
    static func port(in text: Substring) -> String? {
        if let open = text.lastIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            let name = text[text.index(after: open)..<close]
            if name.hasPrefix("tty") || name.hasPrefix("cdc") { return String(name) }
        }
        for part in text.split(whereSeparator: { "[]/ ".contains($0) }) where part.hasPrefix("tty") || part.hasPrefix("cdc-wdm") {
            return String(part.hasSuffix(":") ? part.dropLast() : part)
        }
        return nil
    }

    /// The first `[seconds.fraction]` in microseconds.
    static func timestamp(in text: Substring) -> Int64? {
        var rest = text
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]") else { return nil }
            let inside = after[..<close]
            if inside.contains("."), let time = TraceTime(parsing: inside) { return time.microseconds }
            rest = after[close...]
        }
        return nil
    }

    /// `<CR>`, `<LF>`, `\26` (decimal byte), printable text as is.
    static func unescape(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.first {
            if byte == UInt8(ascii: "<"), utf8.starts(with: "<CR>".utf8) {
                bytes.append(0x0D)
                utf8 = utf8.dropFirst(4)
            } else if byte == UInt8(ascii: "<"), utf8.starts(with: "<LF>".utf8) {
                bytes.append(0x0A)
                utf8 = utf8.dropFirst(4)
            } else if byte == UInt8(ascii: "\\") {
                let digits = utf8.dropFirst().prefix { $0 >= 0x30 && $0 <= 0x39 }.prefix(3)
                guard !digits.isEmpty, let value = UInt8(String(decoding: digits, as: UTF8.self)) else { return nil }
                bytes.append(value)
                utf8 = utf8.dropFirst(1 + digits.count)
            } else {
                bytes.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return bytes
    }
}
