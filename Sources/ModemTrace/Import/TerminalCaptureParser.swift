/// Turns a plain terminal capture (echo on) into trace records.
///
///     AT+CSQ              → tx "AT+CSQ\r", rx "AT+CSQ\r" (the echo)
///     +CSQ: 21,99         → rx "\r\n+CSQ: 21,99\r\n"
///     OK                  → rx "\r\nOK\r\n"
///     AT+CMGS="+4477..."  → tx, echo
///     > hello             → rx "> ", tx "hello\x1a" (the text typed after the prompt, ended by Ctrl-Z)
///
/// A capture has no times and no directions: every record is at time 0, lines starting with
/// `AT` are the host's, the rest the modem's. Lines holding control characters (binary data,
/// a garbled capture) cannot be placed and are reported.
struct TerminalCaptureParser: Sendable {
    private(set) var header = TraceHeader(tool: "terminal capture (imported, no timing)")
    private var queued: TraceRecord?

    mutating func takeQueued() -> TraceReader.Item? {
        defer { queued = nil }
        return queued.map(TraceReader.Item.record)
    }

    mutating func parse(_ line: Substring, number: Int) -> TraceReader.Item? {
        let text = line.drop { $0 == " " }
        guard !text.isEmpty else { return nil }
        if text.utf8.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            return .error(TraceReadError(line: number, kind: .unplaceable("control characters in a text capture"),
                                         text: TraceEscaping.escape(Array(line.utf8.prefix(200)))))
        }
        if text.uppercased().hasPrefix("AT") {
            let bytes = Array(text.utf8) + [0x0D]
            queued = .rx(bytes, at: .zero)
            return .record(.tx(bytes, at: .zero))
        }
        if text.hasPrefix(">") {
            let typed = text.dropFirst().drop { $0 == " " }
            queued = typed.isEmpty ? nil : .tx(Array(typed.utf8) + [0x1A], at: .zero)
            return .record(.rx(Array("> ".utf8), at: .zero))
        }
        return .record(.rx(Array("\r\n\(text)\r\n".utf8), at: .zero))
    }
}
