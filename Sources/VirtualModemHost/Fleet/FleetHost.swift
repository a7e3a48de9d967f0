import ATCodec

/// The built-in host of one fleet modem: types the workload's lines and reads the answers with
/// the same framer ModemKit's engine uses. Pure: bytes and time in, bytes and deadlines out.
struct FleetHost: Sendable {
    enum Phase: Sendable, Equatable {
        case running
        case done
        case failed(String)
    }

    private(set) var phase = Phase.running
    private(set) var step = 0
    private(set) var commandsSent = 0
    /// When to type the current step's line again (retries).
    private(set) var retryAt: Duration?
    /// When the current step fails for want of an answer (steps without retries).
    private(set) var giveUpAt: Duration?
    private var framer = ATFramer(limits: .init(maxLineLength: 2048))
    /// The socket conversation while a `.conversation` step runs; `nil` otherwise.
    private var talk: FleetSocketTalk?

    /// The earliest time something is due.
    var nextDeadline: Duration? {
        guard phase == .running else { return nil }
        return [retryAt, giveUpAt].compactMap { $0 }.min()
    }

    /// Starts: the first line.
    mutating func start(workload: FleetWorkload, index: Int, at now: Duration) -> [UInt8] {
        send(workload, index: index, at: now)
    }

    /// Takes what the modem wrote; returns what to type next (possibly nothing).
    mutating func received(_ bytes: [UInt8], workload: FleetWorkload, index: Int, at now: Duration) -> [UInt8] {
        guard phase == .running else { return [] }
        framer.append(bytes)
        if talk != nil { return converse(workload, index: index, at: now) }
        let current = workload.steps[step]
        var out: [UInt8] = []
        while phase == .running, let token = framer.next(expecting: .prompt) {
            switch token {
            case .prompt:
                if case .prompt = current.until {
                    out += advance(workload, index: index, at: now, payload: current.payload)
                    return out
                }
            case .line(let line):
                out += handle(line: ATText.decode(line), workload: workload, index: index, at: now)
                if !out.isEmpty || talk != nil { return out }
            default:
                continue
            }
        }
        return out
    }

    /// Feeds buffered tokens to the socket conversation until it needs more bytes.
    private mutating func converse(_ workload: FleetWorkload, index: Int, at now: Duration) -> [UInt8] {
        guard var current = talk, let socket = workload.socket else { return [] }
        var out: [UInt8] = []
        while let token = framer.next(expecting: current.hint) {
            out += current.handle(token, socket)
            if current.failure != nil || current.isFinished { break }
        }
        talk = current
        if current.failure != nil || current.isFinished { commandsSent += current.typed }
        if let failure = current.failure {
            phase = .failed("step \(step) socket conversation: \(failure)")
            talk = nil
            return []
        }
        guard current.isFinished else {
            giveUpAt = now + workload.stepTimeout
            return out
        }
        talk = nil
        return out + advance(workload, index: index, at: now)
    }

    private mutating func handle(line: String, workload: FleetWorkload, index: Int, at now: Duration) -> [UInt8] {
        let current = workload.steps[step]
        let isError = line == "ERROR" || line.hasPrefix("+CME ERROR") || line.hasPrefix("+CMS ERROR") || line == "SEND FAIL"
        if isError {
            if current.errorEnds { return advance(workload, index: index, at: now) }
            if current.retryOnError, let every = current.retryEvery {
                retryAt = now + every
                return []
            }
            phase = .failed("step \(step) \(current.line): \(line)")
            return []
        }
        switch current.until {
        case .final(let word):
            if line == word { return advance(workload, index: index, at: now) }
        case .line(let prefixes):
            if prefixes.contains(where: { line.hasPrefix($0) }) { return advance(workload, index: index, at: now) }
            if line == "OK", current.retryEvery != nil { retryAt = now + (current.retryEvery ?? .zero) }
        case .prompt, .conversation:
            break
        }
        return []
    }

    /// Time passed: a retry may be due, or the step has waited too long.
    mutating func timerFired(workload: FleetWorkload, index: Int, at now: Duration) -> [UInt8] {
        guard phase == .running else { return [] }
        if let giveUp = giveUpAt, giveUp <= now {
            let what = talk != nil ? "socket conversation" : workload.steps[step].line
            commandsSent += talk?.typed ?? 0
            phase = .failed("step \(step) \(what): no answer within \(workload.stepTimeout)")
            talk = nil
            return []
        }
        guard let due = retryAt, due <= now else { return [] }
        return send(workload, index: index, at: now)
    }

    private mutating func advance(_ workload: FleetWorkload, index: Int, at now: Duration, payload: [UInt8] = []) -> [UInt8] {
        retryAt = nil
        giveUpAt = nil
        if !payload.isEmpty {
            // The payload answers the prompt; the next step waits for the send's result.
            step += 1
            giveUpAt = now + workload.stepTimeout
            return payload
        }
        step += 1
        guard step < workload.steps.count else {
            phase = .done
            return []
        }
        if case .conversation = workload.steps[step].until {
            guard let make = workload.conversation, let socket = workload.socket else {
                phase = .failed("step \(step): the workload has no conversation")
                return []
            }
            var started = FleetSocketTalk(make(index))
            let first = started.next(socket)
            talk = started
            giveUpAt = now + workload.stepTimeout
            return first
        }
        if workload.steps[step].line.isEmpty {
            giveUpAt = now + workload.stepTimeout
            return []
        }
        return send(workload, index: index, at: now)
    }

    private mutating func send(_ workload: FleetWorkload, index: Int, at now: Duration) -> [UInt8] {
        let current = workload.steps[step]
        retryAt = current.retryEvery.map { now + $0 }
        giveUpAt = current.retryEvery == nil ? now + workload.stepTimeout : nil
        commandsSent += 1
        return Array((current.line + "\r").utf8)
    }
}
