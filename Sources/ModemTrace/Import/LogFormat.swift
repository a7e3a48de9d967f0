/// The log formats that can be read as a trace: ModemKit's own and those of other tools.
///
///     LogFormat.detect(Array("#modemkit-trace v1\n".utf8))                                  // .modemKitTrace
///     LogFormat.detect(Array("<debug> [1700000000.1] [modem0] (ttyUSB2): --> 'AT<CR>'\n".utf8)) // .modemManager
///     LogFormat.detect(Array("AT+CSQ\n+CSQ: 21,99\nOK\n".utf8))                              // .terminalCapture
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// The ModemKit trace format (docs/trace-format.md).
    case modemKitTrace = "modemkit"
    /// ModemManager debug output (`--debug`, journald or syslog): `--> 'AT+CSQ<CR>'` and
    /// `<-- '<CR><LF>+CSQ: 21,99<CR><LF>'` lines among other debug lines.
    case modemManager = "modemmanager"
    /// A plain terminal capture with echo on (minicom, screen, picocom logs): command lines
    /// and the modem's answers, without directions or times.
    case terminalCapture = "terminal"

    /// Guesses the format from the start of a log (a few KiB is plenty); `nil` when it looks
    /// like none of them.
    public static func detect(_ sample: some Collection<UInt8>) -> LogFormat? {
        let text = String(decoding: sample.prefix(64 * 1024), as: UTF8.self)
        if text.hasPrefix("#modemkit-trace") { return .modemKitTrace }
        var commands = 0
        var results = 0
        for line in text.split(whereSeparator: \.isNewline).prefix(2000) {
            if ModemManagerLogParser.arrow(in: Substring(line)) != nil { return .modemManager }
            let trimmed = line.drop { $0 == " " }
            if trimmed.uppercased().hasPrefix("AT") { commands += 1 }
            if trimmed == "OK" || trimmed == "ERROR" || trimmed.hasPrefix("+CME ERROR") || trimmed.hasPrefix("+CMS ERROR") {
                results += 1
            }
        }
        if commands > 0, results > 0 { return .terminalCapture }
        // Records without the magic line still read as a trace (the reader reports the line).
        if let first = text.split(whereSeparator: \.isNewline).first, TraceLineShape.looksLikeRecord(first) { return .modemKitTrace }
        return nil
    }
}

enum TraceLineShape {
    /// `0.012345 tx ...`: a time, a space and a tag.
    static func looksLikeRecord(_ line: Substring) -> Bool {
        let fields = line.split(separator: " ", maxSplits: 2)
        guard fields.count >= 2, TraceTime(parsing: fields[0]) != nil else { return false }
        return ["tx", "rx", "ev"].contains { fields[1].hasPrefix($0) }
    }
}
