/// Turns gammu's debug log into trace records.
///
/// gammu (`--debug textall`, `logformat = textalldate`, gammu-smsd's log) prints each chunk it
/// writes or reads as a frame header and a hex dump of up to 16 bytes a line, each byte as two
/// hex digits and the character (a space when it is not printable), then the text:
///
///     Wed 2026/11/25 23:37:31: SENDING frame type 0x00/length 0x05/5
///     Wed 2026/11/25 23:37:31: 41A|54T|45E|311|0D                                              ATE1.
///     Wed 2026/11/25 23:37:31: 1 "ATE1"                                     → skipped (gammu's parse)
///     Wed 2026/11/25 23:37:31: RECEIVED frame type 0x00/length 0x0B/11
///     Wed 2026/11/25 23:37:31: 41A|54T|45E|311|0D |0D |0A |4FO|4BK|0D |0A                      ATE1...OK..
///
/// → tx `ATE1\r`, rx `ATE1\r\r\nOK\r\n`. Also read: `frametype` (older gammu), no time, and
/// the smsd prefix `Mon 2015/08/17 18:14:51 gammu-smsd[1902]: gammu: `.
///
/// gammu logs its whole reply buffer for a command each time it reads, so after a prompt the
/// next RECEIVED frame repeats the bytes already logged (`AT+CMGS=24\r\r\n> ` and then the
/// same, the PDU's echo and `+CMS ERROR: 331`): a RECEIVED frame that starts with the previous
/// one since the last command is cut to what is new. Times (whole seconds) are relative to the
/// first stamped line. A dump shorter or longer than its header's length is reported at the
/// header's line (what was dumped is kept); all other lines are skipped.
struct GammuLogParser: LogLineImporter {
    private(set) var header = TraceHeader(tool: "gammu debug log (imported)")
    private var clock = RelativeClock()
    private var frame: Frame?
    private var lastReceived: [UInt8] = []

    private struct Frame {
        var direction: TraceDirection
        var length: Int
        var line: Int
        var text: Substring
        var time: TraceTime
        var bytes: [UInt8] = []
    }

    /// `SENDING frame type 0x00/length 0x0A/10` (or `frametype`, `RECEIVED`): the direction
    /// and the length (the decimal one, else the hex one).
    static func frameHeader(in line: Substring) -> (direction: TraceDirection, length: Int)? {
        for (word, direction) in [("SENDING frame", TraceDirection.tx), ("RECEIVED frame", TraceDirection.rx)] {
            guard let range = line.firstRange(of: word) else { continue }
            let rest = line[range.upperBound...].drop { $0 == " " }
            guard rest.hasPrefix("type 0x") || rest.hasPrefix("type0x"), let slash = rest.firstRange(of: "/length 0x") else { continue }
            let lengths = rest[slash.upperBound...].split(separator: "/", maxSplits: 1)
            guard let hex = lengths.first, let length = Int(hex, radix: 16) else { continue }
            if lengths.count == 2, let decimal = Int(lengths[1].prefix { ("0"..."9").contains($0) }) { return (direction, decimal) }
            return (direction, length)
        }
        return nil
    }

    /// The bytes of one hex dump line: `41A|54T|0D ` cells, then spaces and the text column.
    static func dumpBytes(in text: Substring) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while bytes.count < 16 {
            guard index + 2 <= utf8.count, let high = TraceEscaping.hexValue(utf8[index]), let low = TraceEscaping.hexValue(utf8[index + 1]) else { return nil }
            let byte = high << 4 | low
            let shown = index + 2 < utf8.count ? utf8[index + 2] : 0x20
            guard shown == byte || shown == 0x20 else { return nil }
            bytes.append(byte)
            guard index + 3 < utf8.count, utf8[index + 3] == UInt8(ascii: "|") else { break }
            index += 4
        }
        guard index + 3 >= utf8.count || utf8[index + 3] == 0x20 else { return nil }
        return bytes
    }

    /// The line without gammu's date (`Wed 2026/11/25 23:37:31: `), the smsd's `prog[pid]: `
    /// and its `gammu: `, and the date's time.
    static func content(of line: Substring) -> (microseconds: Int64?, body: Substring) {
        var rest = line
        var time: Int64?
        if rest.count > 4, rest.prefix(3).allSatisfy(\.isLetter), rest.dropFirst(3).first == " ",
            let parsed = WallClock.parse(rest.dropFirst(4)) {
            time = parsed.microseconds
            rest = rest[parsed.end...]
            if rest.hasPrefix(": ") {
                rest = rest.dropFirst(2)
            } else if let close = rest.prefix(80).firstRange(of: "]: ") {
                rest = rest[close.upperBound...]
            }
        }
        if rest.hasPrefix("gammu: ") { rest = rest.dropFirst(7) }
        return (time, rest)
    }

    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem]) {
        let (microseconds, body) = Self.content(of: line)
        if let microseconds { clock.advance(to: microseconds) }
        if let (direction, length) = Self.frameHeader(in: body) {
            close(into: &items)
            frame = Frame(direction: direction, length: length, line: number, text: line, time: clock.now)
            if length == 0 { close(into: &items) }
            return
        }
        guard var open = frame else { return }
        guard let bytes = Self.dumpBytes(in: body) else {
            close(into: &items)
            return
        }
        open.bytes += bytes
        frame = open
        if open.bytes.count > open.length {
            items.append(.unplaceable(line, number: number, "the dump holds \(open.bytes.count) bytes, the frame's length is \(open.length)"))
        }
        if open.bytes.count >= open.length { close(into: &items) }
    }

    mutating func finish(into items: inout [LogLineItem]) {
        close(into: &items)
    }

    /// Emits the open frame, reporting a dump cut short.
    private mutating func close(into items: inout [LogLineItem]) {
        guard let open = frame else { return }
        frame = nil
        if open.bytes.count < open.length {
            items.append(.unplaceable(open.text, number: open.line, "the frame's dump ends after \(open.bytes.count) of \(open.length) bytes"))
        }
        var bytes = open.bytes
        switch open.direction {
        case .tx:
            if ImportedText.isCommand(Substring(String(decoding: bytes.prefix(2), as: UTF8.self))) { lastReceived = [] }
        case .rx:
            let all = bytes
            if !lastReceived.isEmpty, bytes.starts(with: lastReceived) { bytes.removeFirst(lastReceived.count) }
            lastReceived = all
        }
        guard !bytes.isEmpty else { return }
        items.append(.record(TraceRecord(time: open.time, body: .data(open.direction, bytes)), line: open.line))
    }
}
