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
        switch self {
        case .transaction(let transaction):
            return transaction.textLines
        case .urc(let urc):
            return urc.textLines(indent: "")
        case .unexpectedLine(let line):
            return ["\(Self.pad(line.time))  ? \(line.text)  (\(line.reason), line \(line.line))"]
        case .annotation(let annotation):
            let text = annotation.text.isEmpty ? "" : " \(annotation.text)"
            return ["\(Self.pad(annotation.time))  ev \(annotation.name)\(text)"]
        case .problem(let problem):
            return ["!! \(problem)"]
        }
    }

    static let indent = String(repeating: " ", count: 14)

    static func pad(_ time: TraceTime) -> String {
        let text = time.description  // ASCII: its UTF-8 count is its width, without counting graphemes
        return text.utf8.count >= 12 ? text : String(repeating: " ", count: 12 - text.utf8.count) + text
    }

    /// Milliseconds with three decimals: `21.000 ms`.
    static func milliseconds(_ microseconds: Int64) -> String {
        let whole = microseconds / 1000
        let fraction = String(abs(microseconds % 1000))
        return "\(whole).\(String(repeating: "0", count: 3 - fraction.utf8.count))\(fraction) ms"
    }
}

extension DecodedTransaction {
    var textLines: [String] {
        let result: String
        if let final {
            result = final.description
        } else {
            result = "no final result (\(unfinished ?? "unknown"))"
        }
        let elapsed = DecodedEvent.milliseconds(end.microseconds - start.microseconds)
        var lines = ["\(DecodedEvent.pad(start))  \(command) → \(result)  \(elapsed)  (line \(line))"]
        let indent = DecodedEvent.indent
        if let payload {
            lines.append("\(indent)> \(TraceEscaping.escape(payload))")
        }
        if prompted, payload == nil { lines.append("\(indent)> (prompt, no payload written)") }
        for text in self.lines { lines.append("\(indent)< \(text)") }
        if droppedLines > 0 { lines.append("\(indent)< … \(droppedLines) more lines") }
        for urc in urcs { lines += urc.textLines(indent: indent) }
        for observation in observations { lines.append("\(indent)* \(observation)") }
        return lines
    }
}

extension DecodedURC {
    func textLines(indent: String) -> [String] {
        let head = indent.isEmpty ? "\(DecodedEvent.pad(time))  " : indent
        var lines = ["\(head)URC \(text)  (\(name), line \(line))"]
        let detail = indent.isEmpty ? DecodedEvent.indent : indent + "  "
        for text in following { lines.append("\(detail)  \(text)") }
        if let payload { lines.append("\(detail)  [\(payload.count) bytes] \(TraceEscaping.escape(payload))") }
        for observation in observations { lines.append("\(detail)* \(observation)") }
        return lines
    }
}
