/// Turns an Arduino serial monitor capture of a TinyGSM sketch into trace records.
///
/// With `StreamDebugger`, every byte the sketch writes to the modem and every byte the modem
/// answers is copied to the monitor, interleaved with what the sketch prints itself:
///
///     [2012] ### TinyGSM Version: 0.12.0        → skipped (TinyGSM's DBG line; its time is kept)
///     AT+CSQ                                    → tx "AT+CSQ\r" (the sketch wrote it)
///     AT+CSQ                                    → rx "AT+CSQ\r" (the modem's echo)
///     +CSQ: 17,99                               → rx "\r\n+CSQ: 17,99\r\n"
///     OK                                        → rx "\r\nOK\r\n" (ends the command)
///     > 0011000B91...<SUB>0011000B91...<SUB>    → rx "> ", tx "0011...\x1a", rx the echo
///     +CMTI: "SM",3                             → rx (a URC between commands)
///     Waiting for network... success            → ev note (the sketch's own output)
///
/// Directions come from the shape of the line and from the echo: a line starting with `AT` is
/// written by the sketch, the same line right after it is the modem's echo (unless `ATE0` turned
/// echo off); lines within a command (up to its final result) and URC-shaped lines are the
/// modem's; other lines between commands are the sketch's prints and become `note` events.
/// Times come from TinyGSM's `[millis] ` debug prefixes (the last one seen), else 0. Lines
/// with control characters other than Ctrl-Z after a prompt are reported.
struct TinyGSMDumpParser: LogLineImporter {
    private(set) var header = TraceHeader(tool: "TinyGSM StreamDebugger dump (imported)")
    private var clock = RelativeClock()
    private var lastWritten: Substring?
    private var awaitingEcho = false
    private var inCommand = false
    private var echoOn = true
    private var echoAfterCommand: Bool?

    /// `[1234] rest` → (1234, "rest"); other lines → (nil, line).
    static func splitDebugPrefix(_ line: Substring) -> (milliseconds: Int64?, body: Substring) {
        guard line.first == "[", let close = line.firstIndex(of: "]") else { return (nil, line) }
        let digits = line[line.index(after: line.startIndex)..<close]
        guard (1...12).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }), let value = Int64(digits) else { return (nil, line) }
        return (value, line[line.index(after: close)...].drop { $0 == " " })
    }

    mutating func parse(_ line: Substring, number: Int, into items: inout [LogLineItem]) {
        var text = line.drop { $0 == " " }
        while text.last == " " || text.last == "\t", text != "> " { text = text.dropLast() }
        let (milliseconds, body) = Self.splitDebugPrefix(text)
        if let milliseconds {
            clock.advance(to: milliseconds * 1000)
            return
        }
        guard !body.isEmpty, !body.hasPrefix("###") else { return }
        func add(_ direction: TraceDirection, _ bytes: [UInt8]) {
            items.append(.record(TraceRecord(time: clock.now, body: .data(direction, bytes)), line: number))
        }
        if inCommand, body.hasPrefix(">") {
            awaitingEcho = false
            add(.rx, Array("> ".utf8))
            addTyped(body.dropFirst().drop { $0 == " " }, add)
            return
        }
        if ImportedText.hasControlCharacters(body) {
            items.append(.unplaceable(line, number: number, "control characters outside a prompt"))
            return
        }
        if ImportedText.isCommand(body) {
            if awaitingEcho, lastWritten == body {
                add(.rx, Array(body.utf8) + [0x0D])
                awaitingEcho = false
                return
            }
            add(.tx, Array(body.utf8) + [0x0D])
            lastWritten = body
            awaitingEcho = echoOn
            inCommand = true
            switch body.uppercased() {
            case "ATE0": echoAfterCommand = false
            case "ATE1", "ATE": echoAfterCommand = true
            default: break
            }
            return
        }
        awaitingEcho = false
        if inCommand || ImportedText.isUnsolicited(body) || ImportedText.isFinalResult(body) {
            add(.rx, ImportedText.modemLine(body))
            if ImportedText.isFinalResult(body) { endCommand() }
        } else {
            items.append(.record(.event("note", text: "sketch: \(body)", at: clock.now), line: number))
        }
    }

    private mutating func endCommand() {
        inCommand = false
        if let echo = echoAfterCommand { echoOn = echo }
        echoAfterCommand = nil
    }

    /// What follows a `> ` prompt: the text the sketch wrote, ended by Ctrl-Z, and the modem's
    /// echo of it when echo is on (`text<SUB>text<SUB>`, or the text twice when the monitor
    /// dropped the Ctrl-Z).
    private func addTyped(_ typed: Substring, _ add: (TraceDirection, [UInt8]) -> Void) {
        guard !typed.isEmpty else { return }
        let bytes = Array(typed.utf8)
        if let sub = bytes.firstIndex(of: 0x1A) {
            add(.tx, Array(bytes[...sub]))
            if sub + 1 < bytes.count { add(.rx, Array(bytes[(sub + 1)...])) }
        } else if bytes.count.isMultiple(of: 2), bytes[..<(bytes.count / 2)] == bytes[(bytes.count / 2)...] {
            add(.tx, Array(bytes[..<(bytes.count / 2)]) + [0x1A])
            add(.rx, Array(bytes[(bytes.count / 2)...]) + [0x1A])
        } else {
            add(.tx, bytes + [0x1A])
        }
    }
}
