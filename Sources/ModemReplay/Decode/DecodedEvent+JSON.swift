import ModemTrace

/// `modemkit replay decode --json` writes one object per line (JSON Lines), so that any size of
/// trace streams. Every object has `type` (`transaction`, `urc`, `unexpected`, `event`,
/// `problem`), `line` (the trace line) and, except problems, `time` (seconds, a number).
///
///     {"type":"transaction","line":3,"time":0.01,"command":"AT+CSQ","lines":["+CSQ: 21,99"],
///      "final":"OK","ok":true,"milliseconds":21,"echoed":true,"observations":[{"kind":"signal",...}],...}
extension DecodedEvent: Encodable {
    fileprivate enum Keys: String, CodingKey {
        case type, line, time, command, redacted, lines, droppedLines, final, ok, explanation, unfinished
        case milliseconds, echoed, prompted, payload, urcs, observations
        case name, text, following, during, reason, message
        case connect, ppp, ended, endLine, endTime, bytesWritten, bytesRead, frames, droppedFrames, badFrames
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(line, forKey: .line)
        switch self {
        case .transaction(let transaction):
            try container.encode("transaction", forKey: .type)
            try transaction.encode(into: &container)
        case .urc(let urc):
            try container.encode("urc", forKey: .type)
            try urc.encode(into: &container)
        case .unexpectedLine(let line):
            try container.encode("unexpected", forKey: .type)
            try container.encode(Self.seconds(line.time), forKey: .time)
            try container.encode(line.text, forKey: .text)
            try container.encode(line.reason, forKey: .reason)
        case .dataSession(let session):
            try container.encode("data", forKey: .type)
            try session.encode(into: &container)
        case .annotation(let annotation):
            try container.encode("event", forKey: .type)
            try container.encode(Self.seconds(annotation.time), forKey: .time)
            try container.encode(annotation.name, forKey: .name)
            try container.encode(annotation.text, forKey: .text)
        case .problem(let problem):
            try container.encode("problem", forKey: .type)
            try container.encode(problem.message, forKey: .message)
        }
    }

    static func seconds(_ time: TraceTime) -> Double {
        Double(time.microseconds) / 1_000_000
    }

    fileprivate struct URCList: Encodable {
        var urcs: [DecodedURC]
        func encode(to encoder: any Encoder) throws {
            var list = encoder.unkeyedContainer()
            for urc in urcs { try list.encode(DecodedEvent.urc(urc)) }
        }
    }
}

extension DecodedTransaction {
    fileprivate func encode(into container: inout KeyedEncodingContainer<DecodedEvent.Keys>) throws {
        try container.encode(DecodedEvent.seconds(start), forKey: .time)
        try container.encode(command, forKey: .command)
        if redacted { try container.encode(true, forKey: .redacted) }
        try container.encode(lines, forKey: .lines)
        if droppedLines > 0 { try container.encode(droppedLines, forKey: .droppedLines) }
        try container.encode(final?.description, forKey: .final)
        try container.encode(succeeded, forKey: .ok)
        try container.encodeIfPresent(explanation, forKey: .explanation)
        try container.encodeIfPresent(unfinished, forKey: .unfinished)
        try container.encode(Double(end.microseconds - start.microseconds) / 1000, forKey: .milliseconds)
        try container.encode(echoed, forKey: .echoed)
        if prompted { try container.encode(true, forKey: .prompted) }
        try container.encodeIfPresent(payload.map { TraceEscaping.escape($0) }, forKey: .payload)
        try container.encode(DecodedEvent.URCList(urcs: urcs), forKey: .urcs)
        try container.encode(observations, forKey: .observations)
    }
}

extension DecodedDataSession {
    fileprivate func encode(into container: inout KeyedEncodingContainer<DecodedEvent.Keys>) throws {
        try container.encode(DecodedEvent.seconds(start), forKey: .time)
        try container.encodeIfPresent(command, forKey: .command)
        try container.encode(connect, forKey: .connect)
        try container.encode(ppp, forKey: .ppp)
        try container.encode(ending.name, forKey: .ended)
        try container.encode(ending.description, forKey: .reason)
        try container.encode(endLine, forKey: .endLine)
        try container.encode(DecodedEvent.seconds(end), forKey: .endTime)
        try container.encode(Double(end.microseconds - start.microseconds) / 1000, forKey: .milliseconds)
        try container.encode(bytesWritten, forKey: .bytesWritten)
        try container.encode(bytesRead, forKey: .bytesRead)
        try container.encode(frames, forKey: .frames)
        if droppedFrames > 0 { try container.encode(droppedFrames, forKey: .droppedFrames) }
        try container.encode(badFrames, forKey: .badFrames)
    }
}

extension DecodedDataSession.Frame: Encodable {
    private enum Keys: String, CodingKey {
        case direction, time, line, length, fcs, aborted, `protocol`, summary
    }

    /// `{"direction":"tx","protocol":"LCP","summary":"LCP Configure-Request id 1: MRU 1500","fcs":true,...}`
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(direction == .tx ? "tx" : "rx", forKey: .direction)
        try container.encode(DecodedEvent.seconds(time), forKey: .time)
        try container.encode(line, forKey: .line)
        try container.encode(length, forKey: .length)
        try container.encode(fcsValid, forKey: .fcs)
        if aborted { try container.encode(true, forKey: .aborted) }
        try container.encode(summary.protocolName, forKey: .protocol)
        try container.encode(summary.description, forKey: .summary)
    }
}

extension DecodedURC {
    fileprivate func encode(into container: inout KeyedEncodingContainer<DecodedEvent.Keys>) throws {
        try container.encode(DecodedEvent.seconds(time), forKey: .time)
        try container.encode(name, forKey: .name)
        try container.encode(text, forKey: .text)
        if !following.isEmpty { try container.encode(following, forKey: .following) }
        try container.encodeIfPresent(payload.map { TraceEscaping.escape($0) }, forKey: .payload)
        try container.encodeIfPresent(during, forKey: .during)
        try container.encode(observations, forKey: .observations)
    }
}

extension Observation: Encodable {
    private enum Keys: String, CodingKey {
        case kind, summary, domain, status, previous, accessTechnology, rejectCause, rssi, dBm
        case sms, address, text, part, error, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(description, forKey: .summary)
        switch self {
        case .registration(let registration):
            try container.encode("registration", forKey: .kind)
            try container.encode(registration.domain.name, forKey: .domain)
            try container.encode(RegistrationObservation.name(registration.status), forKey: .status)
            try container.encodeIfPresent(registration.previous.map(RegistrationObservation.name), forKey: .previous)
            try container.encodeIfPresent(registration.accessTechnology?.description, forKey: .accessTechnology)
            try container.encodeIfPresent(registration.rejectCause, forKey: .rejectCause)
        case .signal(let signal):
            try container.encode("signal", forKey: .kind)
            try container.encode(signal.rssi, forKey: .rssi)
            try container.encode(signal.dBm, forKey: .dBm)
        case .sms(let sms):
            try container.encode("sms", forKey: .kind)
            try container.encode(sms.kind, forKey: .sms)
            try container.encodeIfPresent(sms.address, forKey: .address)
            try container.encodeIfPresent(sms.text, forKey: .text)
            try container.encodeIfPresent(sms.part, forKey: .part)
            try container.encodeIfPresent(sms.status, forKey: .status)
            try container.encodeIfPresent(sms.error, forKey: .error)
        case .restart(let reason):
            try container.encode("restart", forKey: .kind)
            try container.encode(reason, forKey: .reason)
        }
    }
}
