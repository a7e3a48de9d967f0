/// The log formats that can be read as a trace: ModemKit's own and those of other tools.
///
///     LogFormat.detect(Array("#modemkit-trace v1\n".utf8))                                  // .modemKitTrace
///     LogFormat.detect(Array("<debug> [1700000000.1] [modem0] (ttyUSB2): --> 'AT<CR>'\n".utf8)) // .modemManager
///     LogFormat.detect(Array("AT+CSQ\n+CSQ: 21,99\nOK\n".utf8))                              // .terminalCapture
///     LogFormat.detect(Array("AT+CSQ\nAT+CSQ\n+CSQ: 21,99\nOK\n".utf8))                      // .tinyGSM (the echo)
///     LogFormat.detect(Array("DEBUG: write: AT+CSQ\nDEBUG: response: ['+CSQ: 21,99', 'OK']\n".utf8)) // .pythonGSMModem
///     LogFormat.detect(Array("SENDING frame type 0x00/length 0x03/3\n41A|54T|0D    AT.\n".utf8))    // .gammu
///     LogFormat.detect(Array("> 0x41 (A)\n> 0x54 (T)\n> 0x0d\n".utf8))                      // .interceptty
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
    /// The ModemKit trace format (docs/trace-format.md).
    case modemKitTrace = "modemkit"
    /// ModemManager debug output (`--debug`, journald or syslog): `--> 'AT+CSQ<CR>'` and
    /// `<-- '<CR><LF>+CSQ: 21,99<CR><LF>'` lines among other debug lines.
    case modemManager = "modemmanager"
    /// A plain terminal capture with echo on (minicom, screen, picocom logs): command lines
    /// and the modem's answers, without directions or times.
    case terminalCapture = "terminal"
    /// An Arduino serial monitor showing a TinyGSM sketch's `StreamDebugger` dump: each command
    /// as written and as echoed, the answers, `[1234] ` timed `DBG` lines and `### ` debug lines.
    case tinyGSM = "tinygsm"
    /// python-gsmmodem's debug logging: `DEBUG: write: AT+CSQ`, `DEBUG: response: ['+CSQ: 21,99', 'OK']`,
    /// `DEBUG: notification: ['+CMTI: "SM",1']`, with or without `asctime` times.
    case pythonGSMModem = "python-gsmmodem"
    /// gammu's debug log (`--debug textall`, `textalldate`, `logfile`, gammu-smsd's): `SENDING frame type`
    /// and `RECEIVED frame type` headers, each followed by its bytes as a hex dump.
    case gammu = "gammu"
    /// interceptty's capture: one byte a line (`< 0x4f (O)`, `> 0x0d`), or hex lines (`> 41 54 0d`);
    /// `>` is the host's, `<` the modem's.
    case interceptty = "interceptty"

    /// Guesses the format from the start of a log (a few KiB is plenty); `nil` when it looks
    /// like none of them.
    public static func detect(_ sample: some Collection<UInt8>) -> LogFormat? {
        let text = String(decoding: sample.prefix(64 * 1024), as: UTF8.self)
        if text.hasPrefix("#modemkit-trace") { return .modemKitTrace }
        var evidence = Evidence()
        for line in text.split(whereSeparator: \.isNewline).prefix(2000) {
            let line = Substring(line)
            if ModemManagerLogParser.arrow(in: line) != nil { return .modemManager }
            if GammuLogParser.frameHeader(in: line) != nil { return .gammu }
            if PythonGSMModemLogParser.entry(in: line)?.level == "DEBUG" { return .pythonGSMModem }
            evidence.add(line)
        }
        if evidence.intercepttyLines >= 3, evidence.intercepttyLines * 5 >= evidence.lines * 4 { return .interceptty }
        if evidence.commands > 0, evidence.results > 0 {
            return evidence.echoedCommands > 0 || evidence.tinyGSMDebugLines > 0 ? .tinyGSM : .terminalCapture
        }
        // Records without the magic line still read as a trace (the reader reports the line).
        if let first = text.split(whereSeparator: \.isNewline).first, TraceLineShape.looksLikeRecord(first) { return .modemKitTrace }
        return nil
    }

    /// What the lines of a sample look like, counted.
    private struct Evidence {
        var lines = 0
        var commands = 0
        var results = 0
        var echoedCommands = 0
        var tinyGSMDebugLines = 0
        var intercepttyLines = 0
        private var previous: Substring?

        mutating func add(_ line: Substring) {
            let trimmed = line.drop { $0 == " " }
            guard !trimmed.isEmpty else { return }
            lines += 1
            if IntercepttyCaptureParser.bytes(in: trimmed) != nil { intercepttyLines += 1 }
            let (_, body) = TinyGSMDumpParser.splitDebugPrefix(trimmed)
            if body.count < trimmed.count || body.hasPrefix("###") { tinyGSMDebugLines += 1 }
            if ImportedText.isCommand(body) {
                commands += 1
                if previous == body { echoedCommands += 1 }
            }
            if ImportedText.isFinalResult(body) { results += 1 }
            previous = body
        }
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
