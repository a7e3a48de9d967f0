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
    /// The transaction as ``DecodedEvent/writeJSON(into:)`` writes `.transaction(self)`.
    public func writeJSON(into json: inout TextBuffer) {
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
        json.decimal(end.microseconds - start.microseconds, scale: 3)
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
        json.decimal(end.microseconds - start.microseconds, scale: 3)
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
            for (key, value) in [("address", sms.address), ("error", sms.error)] as [(StaticString, String?)] {
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
    /// `"name":`, after a comma unless it is the first key of its object. Keys are the
    /// encoder's ASCII names, which need no escaping: written as they are.
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { append(UInt8(ascii: ",")) }
        append(UInt8(ascii: "\""))
        ascii(name)
        ascii("\":")
    }

    /// `{"line":…,` the string fields (keys in sorted order, all before `time`)`,"time":…,"type":"…"}`:
    /// the events that are a line number, some text and a time.
    mutating func flatEvent(line: Int, _ fields: [(key: StaticString, value: String)], time: TraceTime?, type: String) {
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
    mutating func optional(_ name: StaticString, _ value: String?) {
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
        decimal(time.microseconds, scale: 6)
    }

    /// `value / 10^scale` (`scale` 3 or 6) as ``number(_:)`` prints that `Double`, written from
    /// the integer when that is sure to be the same text: 0 is `0`; a value from 0.0001 up to
    /// 15 significant digits is its digits, the fraction without trailing zeros (`12.5`, `7`).
    /// With at most 15 digits the decimal is the only one that short that rounds to the double
    /// (doubles are 2⁻⁵² apart relative to their size, such decimals at least 10⁻¹⁵), so it is
    /// the shortest form `description` prints; below 0.0001 that switches to `1e-05`. Anything
    /// else goes through the `Double`.
    mutating func decimal(_ value: Int64, scale: Int) {
        let unit: Int64 = scale == 3 ? 1_000 : 1_000_000
        guard value == 0 || (value > 0 && value < 1_000_000_000_000_000 && value >= unit / 10_000) else {
            number(Double(value) / Double(unit))
            return
        }
        integer(value / unit)
        var fraction = value % unit
        guard fraction > 0 else { return }
        var digits = scale
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        append(UInt8(ascii: "."))
        padded(fraction, digits: digits)
    }

    /// A number as `JSONEncoder` prints a `Double`: its shortest description, without the
    /// `.0` of a whole number.
    mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        string(text)
    }

    /// A JSON string: quotes, backslashes and control characters escaped as `JSONEncoder`
    /// escapes them, `/` and everything else as it is. Runs with nothing to escape are found
    /// eight bytes at a time and copied at once.
    mutating func jsonString(_ value: String) {
        append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var run = 0
            var index = 0
            while index < bytes.count {
                index = Self.firstToEscape(in: bytes, from: index)
                guard index < bytes.count else { break }
                let byte = bytes[index]
                if index > run { append(buffer: UnsafeBufferPointer(rebasing: bytes[run..<index])) }
                index += 1
                run = index
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
            if bytes.count > run { append(buffer: UnsafeBufferPointer(rebasing: bytes[run...])) }
        }
        append(UInt8(ascii: "\""))
    }

    /// The index of the first byte at or after `start` that a JSON string escapes (a control
    /// byte, `"` or `\`), or `bytes.count`. Eight bytes at a time: each test flags the lowest
    /// such byte of a word exactly (a borrow only flags bytes above it); bytes from 0x80 up
    /// (UTF-8) are never flagged.
    static func firstToEscape(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let high: UInt64 = 0x8080_8080_8080_8080
            while index &+ 8 <= bytes.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let quotes = word ^ (ones &* 0x22)
                let backslashes = word ^ (ones &* 0x5C)
                let flagged = ((word &- ones &* 0x20) & ~word & high)
                    | ((quotes &- ones) & ~quotes & high)
                    | ((backslashes &- ones) & ~backslashes & high)
                if flagged != 0 { return index &+ flagged.trailingZeroBitCount >> 3 }
                index &+= 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return index
    }
}
