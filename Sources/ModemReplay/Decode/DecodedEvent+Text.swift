import ModemTrace

extension DecodedEvent {
    /// The event as `modemkit replay decode` prints it: one headline with the time, then
    /// indented detail lines (`<` information, `>` payload, `URC`, `*` observation).
    ///
    ///     0.010000  AT+CSQ → OK  21.000 ms  (line 3)
    ///               < +CSQ: 21,99
    ///               * signal: rssi 21 (-71 dBm)
    ///     2.000000  URC +CEREG: 1  (line 9)
    ///               * registration +CEREG: searching → home
    public var textLines: [String] {
        var text = TextBuffer()
        writeText(into: &text)
        return text.bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// Appends ``textLines`` to `text`, each line ended by LF: the form `replay decode` prints,
    /// without a `String` per line.
    public func writeText(into text: inout TextBuffer) {
        switch self {
        case .transaction(let transaction):
            transaction.writeText(into: &text)
        case .urc(let urc):
            urc.writeText(into: &text, indent: nil)
        case .unexpectedLine(let line):
            text.time(line.time)
            text.ascii("  ? ")
            text.string(line.text)
            text.ascii("  (")
            text.string(line.reason)
            text.ascii(", line ")
            text.integer(line.line)
            text.ascii(")\n")
        case .dataSession(let session):
            session.writeText(into: &text)
        case .annotation(let annotation):
            text.time(annotation.time)
            text.ascii("  ev ")
            text.string(annotation.name)
            if !annotation.text.isEmpty {
                text.ascii(" ")
                text.string(annotation.text)
            }
            text.ascii("\n")
        case .problem(let problem):
            text.ascii("!! line ")
            text.integer(problem.line)
            text.ascii(": ")
            text.string(problem.message)
            text.ascii("\n")
        }
    }
}

extension DecodedEvent {
    /// The event as `modemkit replay decode` writes it to standard output: a JSON Lines object
    /// and its LF when `json`, else ``writeText(into:)``, where a problem writes nothing (the
    /// command reports problems on standard error).
    public func writeOutput(into text: inout TextBuffer, json: Bool) {
        if json {
            writeJSON(into: &text)
            text.append(UInt8(ascii: "\n"))
        } else if case .problem = self {
            return
        } else {
            writeText(into: &text)
        }
    }
}

extension DecodedTransaction {
    /// ``DecodedEvent/writeOutput(into:json:)`` of `.transaction(self)`.
    public func writeOutput(into text: inout TextBuffer, json: Bool) {
        if json {
            writeJSON(into: &text)
            text.append(UInt8(ascii: "\n"))
        } else {
            writeText(into: &text)
        }
    }

    /// The transaction as ``DecodedEvent/writeText(into:)`` prints `.transaction(self)`.
    public func writeText(into text: inout TextBuffer) {
        text.time(start)
        text.ascii("  ")
        text.string(command)
        text.ascii(" → ")
        if let final {
            text.final(final)
        } else {
            text.ascii("no final result (")
            text.string(unfinished ?? "unknown")
            text.ascii(")")
        }
        text.ascii("  ")
        text.milliseconds(end.microseconds - start.microseconds)
        text.ascii("  (line ")
        text.integer(line)
        text.ascii(")\n")
        if let payload {
            text.indent()
            text.ascii("> ")
            text.escaped(payload)
            text.ascii("\n")
        }
        if prompted, payload == nil {
            text.indent()
            text.ascii("> (prompt, no payload written)\n")
        }
        for line in lines {
            text.indent()
            text.ascii("< ")
            text.string(line)
            text.ascii("\n")
        }
        if droppedLines > 0 {
            text.indent()
            text.ascii("< … ")
            text.integer(droppedLines)
            text.ascii(" more lines\n")
        }
        for urc in urcs { urc.writeText(into: &text, indent: 14) }
        for observation in observations { text.observation(observation, indent: 14) }
    }
}

extension DecodedURC {
    /// `indent` `nil`: a URC on its own, with its time; else inside a transaction.
    func writeText(into text: inout TextBuffer, indent: Int?) {
        if let indent { text.spaces(indent) } else { text.time(time); text.ascii("  ") }
        text.ascii("URC ")
        text.string(self.text)
        text.ascii("  (")
        text.string(name)
        text.ascii(", line ")
        text.integer(line)
        text.ascii(")\n")
        let detail = indent.map { $0 + 2 } ?? 14
        for line in following {
            text.spaces(detail + 2)
            text.string(line)
            text.ascii("\n")
        }
        if let payload {
            text.spaces(detail + 2)
            text.ascii("[")
            text.integer(payload.count)
            text.ascii(" bytes] ")
            text.escaped(payload)
            text.ascii("\n")
        }
        for observation in observations { text.observation(observation, indent: detail) }
    }
}

extension DecodedDataSession {
    ///     12.000000  data mode (PPP) after ATD*99***1# → CONNECT  5000.000 ms  (line 14)
    ///                28 bytes written, 28 bytes read; ended by +++ escape, then OK  (line 17)
    ///                tx LCP Configure-Request id 1: MRU 1500, magic 0x12345678  (18 bytes, line 15)
    func writeText(into text: inout TextBuffer) {
        text.time(start)
        text.ascii(ppp ? "  data mode (PPP) after " : "  data mode after ")
        text.string(command ?? "no command")
        text.ascii(" → ")
        text.string(connect)
        text.ascii("  ")
        text.milliseconds(end.microseconds - start.microseconds)
        text.ascii("  (line ")
        text.integer(line)
        text.ascii(")\n")
        text.indent()
        text.string("\(bytesWritten) bytes written, \(bytesRead) bytes read; ended by \(ending)  (line \(endLine))\n")
        for frame in frames {
            text.indent()
            text.string("\(frame.direction) \(frame.summary)  (\(frame.length) bytes, line \(frame.line))")
            text.ascii(frame.aborted ? "  !! aborted or cut\n" : frame.fcsValid ? "\n" : "  !! bad FCS\n")
        }
        if droppedFrames > 0 {
            text.indent()
            text.string("… \(droppedFrames) more frames\n")
        }
        if badFrames > 0 {
            text.indent()
            text.string("!! \(badFrames) frames with a bad FCS, aborted or cut\n")
        }
    }
}
