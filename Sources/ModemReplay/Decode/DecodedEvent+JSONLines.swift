import ModemTrace

/// `--json` written straight into a ``TextBuffer``: the bytes `JSONEncoder` makes of the
/// ``DecodedEvent/encode(to:)`` form with `[.sortedKeys, .withoutEscapingSlashes]`, without
/// the encoder (which took three quarters of the time of a `--json` run).
///
/// Keys are written in the encoder's sorted order (byte order: `endLine` before `ended`);
/// strings escaped as it escapes them; numbers as it prints them. Tests compare the two on
/// every event shape.
extension DecodedEvent {
    /// Appends the event as one JSON object (no line end).
    public func writeJSON(into json: inout TextBuffer) {
        switch self {
        case .transaction(let transaction):
            transaction.writeJSON(into: &json)
        case .urc(let urc):
            urc.writeJSON(into: &json)
        case .unexpectedLine(let line):
            json.flatEvent(line: line.line, [("reason", line.reason), ("text", line.text)], time: line.time, type: "unexpected")
        case .dataSession(let session):
            session.writeJSON(into: &json)
        case .annotation(let annotation):
            json.flatEvent(line: annotation.line, [("name", annotation.name), ("text", annotation.text)], time: annotation.time, type: "event")
        case .problem(let problem):
            json.flatEvent(line: problem.line, [("message", problem.message)], time: nil, type: "problem")
        }
    }
}

extension DecodedTransaction {
    fileprivate func writeJSON(into json: inout TextBuffer) {
        json.append(UInt8(ascii: "{"))
        json.key("command", first: true)
        json.jsonString(command)
        if droppedLines > 0 {
            json.key("droppedLines")
            json.integer(droppedLines)
        }
        json.key("echoed")
        json.bool(echoed)
        json.optional("explanation", explanation)
        json.key("final")
        if let final { json.jsonString(final.description) } else { json.ascii("null") }
        json.key("line")
        json.integer(line)
        json.key("lines")
        json.strings(lines)
        json.key("milliseconds")
        json.number(Double(end.microseconds - start.microseconds) / 1000)
        json.key("observations")
        json.observations(observations)
        json.key("ok")
        json.bool(succeeded)
        json.optional("payload", payload.map { TraceEscaping.escape($0) })
        if prompted { json.key("prompted"); json.ascii("true") }
        if redacted { json.key("redacted"); json.ascii("true") }
        json.key("time")
        json.seconds(start)
        json.key("type")
        json.ascii("\"transaction\"")
        json.optional("unfinished", unfinished)
        json.key("urcs")
        json.append(UInt8(ascii: "["))
        for (index, urc) in urcs.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            urc.writeJSON(into: &json)
        }
        json.ascii("]}")
    }
}

extension DecodedURC {
    fileprivate func writeJSON(into json: inout TextBuffer) {
        json.append(UInt8(ascii: "{"))
        var first = true
        if let during {
            json.key("during", first: true)
            json.jsonString(during)
            first = false
        }
        if !following.isEmpty {
            json.key("following", first: first)
            json.strings(following)
            first = false
        }
        json.key("line", first: first)
        json.integer(line)
        json.key("name")
        json.jsonString(name)
        json.key("observations")
        json.observations(observations)
        json.optional("payload", payload.map { TraceEscaping.escape($0) })
        json.key("text")
        json.jsonString(text)
        json.key("time")
        json.seconds(time)
        json.key("type")
        json.ascii("\"urc\"}")
    }
}

extension DecodedDataSession {
    fileprivate func writeJSON(into json: inout TextBuffer) {
        json.append(UInt8(ascii: "{"))
        json.key("badFrames", first: true)
        json.integer(badFrames)
        json.key("bytesRead")
        json.integer(bytesRead)
        json.key("bytesWritten")
        json.integer(bytesWritten)
        json.optional("command", command)
        json.key("connect")
        json.jsonString(connect)
        if droppedFrames > 0 {
            json.key("droppedFrames")
            json.integer(droppedFrames)
        }
        json.key("endLine")
        json.integer(endLine)
        json.key("endTime")
        json.seconds(end)
        json.key("ended")
        json.jsonString(ending.name)
        json.key("frames")
        json.append(UInt8(ascii: "["))
        for (index, frame) in frames.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            frame.writeJSON(into: &json)
        }
        json.append(UInt8(ascii: "]"))
        json.key("line")
        json.integer(line)
        json.key("milliseconds")
        json.number(Double(end.microseconds - start.microseconds) / 1000)
        json.key("ppp")
        json.bool(ppp)
        json.key("reason")
        json.jsonString(ending.description)
        json.key("time")
        json.seconds(start)
        json.key("type")
        json.ascii("\"data\"}")
    }
}

extension DecodedDataSession.Frame {
    fileprivate func writeJSON(into json: inout TextBuffer) {
        json.append(UInt8(ascii: "{"))
        if aborted {
            json.key("aborted", first: true)
            json.ascii("true")
        }
        json.key("direction", first: !aborted)
        json.ascii(direction == .tx ? "\"tx\"" : "\"rx\"")
        json.key("fcs")
        json.bool(fcsValid)
        json.key("length")
        json.integer(length)
        json.key("line")
        json.integer(line)
        json.key("protocol")
        json.jsonString(summary.protocolName)
        json.key("summary")
        json.jsonString(summary.description)
        json.key("time")
        json.seconds(time)
        json.append(UInt8(ascii: "}"))
    }
}

extension Observation {
    fileprivate func writeJSON(into json: inout TextBuffer) {
        json.append(UInt8(ascii: "{"))
        switch self {
        case .registration(let registration):
            var first = true
            if let accessTechnology = registration.accessTechnology {
                json.key("accessTechnology", first: true)
                json.jsonString(accessTechnology.description)
                first = false
            }
            json.key("domain", first: first)
            json.jsonString(registration.domain.name)
            json.key("kind")
            json.ascii("\"registration\"")
            json.optional("previous", registration.previous.map(RegistrationObservation.name))
            if let rejectCause = registration.rejectCause {
                json.key("rejectCause")
                json.integer(rejectCause)
            }
            json.key("status")
            json.jsonString(RegistrationObservation.name(registration.status))
        case .signal(let signal):
            json.key("dBm", first: true)
            if let dBm = signal.dBm { json.integer(dBm) } else { json.ascii("null") }
            json.key("kind")
            json.ascii("\"signal\"")
            json.key("rssi")
            if let rssi = signal.rssi { json.integer(rssi) } else { json.ascii("null") }
        case .sms(let sms):
            var first = true
            for (key, value) in [("address", sms.address), ("error", sms.error)] {
                guard let value else { continue }
                json.key(key, first: first)
                json.jsonString(value)
                first = false
            }
            json.key("kind", first: first)
            json.ascii("\"sms\"")
            json.optional("part", sms.part)
            json.key("sms")
            json.jsonString(sms.kind)
            json.optional("status", sms.status)
        case .restart(let reason):
            json.key("kind", first: true)
            json.ascii("\"restart\"")
            json.key("reason")
            json.jsonString(reason)
        }
        json.key("summary")
        json.jsonString(description)
        if case .sms(let sms) = self { json.optional("text", sms.text) }
        json.append(UInt8(ascii: "}"))
    }
}

extension TextBuffer {
    /// `"name":`, after a comma unless it is the first key of its object.
    mutating func key(_ name: String, first: Bool = false) {
        if !first { append(UInt8(ascii: ",")) }
        jsonString(name)
        append(UInt8(ascii: ":"))
    }

    /// `{"line":…,` the string fields (keys in sorted order, all before `time`)`,"time":…,"type":"…"}`:
    /// the events that are a line number, some text and a time.
    mutating func flatEvent(line: Int, _ fields: [(key: String, value: String)], time: TraceTime?, type: String) {
        append(UInt8(ascii: "{"))
        key("line", first: true)
        integer(line)
        for field in fields {
            key(field.key)
            jsonString(field.value)
        }
        if let time {
            key("time")
            seconds(time)
        }
        key("type")
        jsonString(type)
        append(UInt8(ascii: "}"))
    }

    /// `,"name":"value"` when there is a value.
    mutating func optional(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        jsonString(value)
    }

    mutating func bool(_ value: Bool) {
        ascii(value ? "true" : "false")
    }

    mutating func strings(_ values: [String]) {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            jsonString(value)
        }
        append(UInt8(ascii: "]"))
    }

    mutating func observations(_ values: [Observation]) {
        append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { append(UInt8(ascii: ",")) }
            value.writeJSON(into: &self)
        }
        append(UInt8(ascii: "]"))
    }

    /// Seconds as ``DecodedEvent/seconds(_:)`` gives them, printed as a number.
    mutating func seconds(_ time: TraceTime) {
        number(DecodedEvent.seconds(time))
    }

    /// A number as `JSONEncoder` prints a `Double`: its shortest description, without the
    /// `.0` of a whole number.
    mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        string(text)
    }

    /// A JSON string: quotes, backslashes and control characters escaped as `JSONEncoder`
    /// escapes them, `/` and everything else as it is.
    mutating func jsonString(_ value: String) {
        append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var run = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if index > run { append(UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): ascii("\\\"")
                case UInt8(ascii: "\\"): ascii("\\\\")
                case UInt8(ascii: "\n"): ascii("\\n")
                case UInt8(ascii: "\r"): ascii("\\r")
                case UInt8(ascii: "\t"): ascii("\\t")
                case 0x08: ascii("\\b")
                case 0x0C: ascii("\\f")
                default:
                    let digits: StaticString = "0123456789abcdef"
                    ascii("\\u00")
                    digits.withUTF8Buffer { digits in
                        append(digits[Int(byte >> 4)])
                        append(digits[Int(byte & 0x0F)])
                    }
                }
            }
            if bytes.count > run { append(UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
        append(UInt8(ascii: "\""))
    }
}
