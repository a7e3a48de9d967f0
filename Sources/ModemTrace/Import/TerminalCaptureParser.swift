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
struct TerminalCaptureParser: LogLineImporter {
    private(set) var header = TraceHeader(tool: "terminal capture (imported, no timing)")

    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem]) {
        let text = line.drop { $0 == " " }
        guard !text.isEmpty else { return }
        if ImportedText.hasControlCharacters(text) {
            items.append(.unplaceable(line, number: number, "control characters in a text capture"))
            return
        }
        func add(_ record: TraceRecord) { items.append(.record(record, line: number)) }
        if ImportedText.isCommand(text) {
            let bytes = Array(text.utf8) + [0x0D]
            add(.tx(bytes, at: .zero))
            add(.rx(bytes, at: .zero))
        } else if text.hasPrefix(">") {
            add(.rx(Array("> ".utf8), at: .zero))
            let typed = text.dropFirst().drop { $0 == " " }
            if !typed.isEmpty { add(.tx(Array(typed.utf8) + [0x1A], at: .zero)) }
        } else {
            add(.rx(ImportedText.modemLine(text), at: .zero))
        }
    }
}
