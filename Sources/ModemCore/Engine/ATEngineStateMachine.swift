import ATCodec
import DequeModule

/// The AT engine as a pure state machine: bytes, submissions and timers in; writes, timers,
/// completions, URCs and notices out.
///
/// One command is in flight at a time; the rest wait in FIFO order. Every line is classified
/// with the in-flight command as context, so URCs never leak into responses:
///
///     handle(.submitted(AT+CSQ))            → [.write("AT+CSQ\r"), .startTimer(.command(1), 5 s)]
///     handle(.bytesReceived("\r\n+CMTI: \"SM\",3\r\n\r\n+CSQ: 21,99\r\n\r\nOK\r\n"))
///         → [.publishURC(+CMTI), .cancelTimer(.command(1)), .complete(1, .success(["+CSQ: 21,99"], OK))]
///
/// Time enters only as ``Event/timerFired(_:)``. A command that times out fails alone and the
/// engine resynchronises (`AT` until `OK`) before the next one is written; when the first `AT`
/// goes unanswered, the second comes after a run of ESC bytes (``Configuration/resyncFlushBytes``)
/// that cancels an SMS or Ctrl-Z-terminated send prompt and completes a length-announced send
/// the modem may still be waiting for (a process killed after `AT+QISEND=0,98` and `> `).
/// A cancelled command
/// completes at once, but its answer is still awaited and discarded so it cannot be taken for
/// the next command's.
public struct ATEngineStateMachine: Sendable {
    public struct Configuration: Sendable {
        /// How many `AT` probes a resynchronisation sends before giving up.
        public var resyncAttempts: Int
        /// How long each probe waits for `OK`.
        public var resyncTimeout: Duration
        /// ESC bytes written before the second probe: at least the largest length-announced
        /// socket payload of the dialects (1,500: `+CIPSEND` on the SIM7600); 0 writes none.
        public var resyncFlushBytes: Int
        public var framerLimits: ATFramer.Limits

        public init(
            resyncAttempts: Int = 3, resyncTimeout: Duration = .milliseconds(500), resyncFlushBytes: Int = 1500,
            framerLimits: ATFramer.Limits = .init()
        ) {
            self.resyncAttempts = max(1, resyncAttempts)
            self.resyncTimeout = resyncTimeout
            self.resyncFlushBytes = max(0, resyncFlushBytes)
            self.framerLimits = framerLimits
        }
    }

    struct InFlight {
        enum Kind { case user, resync(attempt: Int) }
        var submission: Submission
        var kind: Kind
        var awaitingPrompt: Bool
        var items: [ATResponseItem] = []
        var cancelled = false
        var sawEcho = false
        var payloadRemaining = 0
        var payloadBytes: [UInt8] = []
    }

    struct PendingURC {
        var urc: URC
        var linesRemaining: Int
        var payloadRemaining: Int
    }

    public let configuration: Configuration
    public var classifier: ATLineClassifier
    var framer: ATFramer
    var queue: Deque<Submission> = []
    var inFlight: InFlight?
    var pendingURC: PendingURC?
    var dataMode = false
    var closed = false
    /// Whether the modem echoes commands, as seen on the last command answered (`nil` before any).
    public internal(set) var echoDetected: Bool?

    public init(classifier: ATLineClassifier = ATLineClassifier(), configuration: Configuration = Configuration()) {
        self.classifier = classifier
        self.configuration = configuration
        self.framer = ATFramer(limits: configuration.framerLimits)
    }

    /// The id of the command whose answer is awaited, if any.
    public var inFlightID: UInt64? {
        guard let inFlight, case .user = inFlight.kind else { return nil }
        return inFlight.submission.id
    }

    /// Commands waiting behind the one in flight.
    public var queuedCount: Int { queue.count }

    /// Whether the port is in data mode.
    public var isInDataMode: Bool { dataMode }

    public mutating func handle(_ event: Event) -> [Action] {
        var actions: [Action] = []
        switch event {
        case .submitted(let submission):
            if closed {
                actions.append(.complete(id: submission.id, .failure(.transportClosed)))
            } else {
                queue.append(submission)
                dispatchNext(into: &actions)
            }
        case .bytesReceived(let bytes):
            framer.append(bytes)
            drainFramer(into: &actions)
        case .timerFired(let timer):
            timerFired(timer, into: &actions)
        case .cancelled(let id):
            cancel(id, into: &actions)
        case .dataModeLeft:
            dataMode = false
            dispatchNext(into: &actions)
        case .transportClosed:
            close(into: &actions)
        }
        return actions
    }

    // MARK: - Dispatch

    mutating func dispatchNext(into actions: inout [Action]) {
        guard !closed, !dataMode, inFlight == nil, let next = queue.popFirst() else { return }
        inFlight = InFlight(submission: next, kind: .user, awaitingPrompt: next.context.payloadEcho != nil)
        actions.append(.write(next.context.echo + [0x0D]))
        actions.append(.startTimer(.command(next.id), next.timeout))
    }

    /// The resync probes, one per attempt in turn: `ATS3?`, `ATS4?`, `ATS5?` (V.250 §6.2.1–3)
    /// answer `013`, `010`, `008` before their `OK`, so a probe's answer cannot be mistaken for
    /// the late `OK` of the command that timed out, nor for the late answer of the previous
    /// attempt's probe (which would otherwise end the next command early, and shift every answer
    /// after it by one). The modem answers in order: once this attempt's own answer is in,
    /// nothing stale can follow.
    static let resyncProbes: [(command: String, value: Int)] = [("ATS3?", 13), ("ATS4?", 10), ("ATS5?", 8)]

    static func resyncProbe(attempt: Int) -> (command: String, value: Int) {
        resyncProbes[(max(1, attempt) - 1) % resyncProbes.count]
    }

    /// Whether `line` is attempt `attempt`'s answer: the register's value in digits (`013`).
    static func isResyncAnswer(_ line: ArraySlice<UInt8>, attempt: Int) -> Bool {
        guard !line.isEmpty, line.count <= 3, line.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return line.reduce(0) { $0 * 10 + Int($1 - 0x30) } == resyncProbe(attempt: attempt).value
    }

    private mutating func startResync(attempt: Int, into actions: inout [Action]) {
        let command = Self.resyncProbe(attempt: attempt).command
        let probe = Submission(id: 0, context: ATCommandContext(echo: command), timeout: configuration.resyncTimeout)
        inFlight = InFlight(submission: probe, kind: .resync(attempt: attempt), awaitingPrompt: false)
        let flush = attempt == 2 ? [UInt8](repeating: 0x1B, count: configuration.resyncFlushBytes) : []
        actions.append(.write(flush + Array((command + "\r").utf8)))
        actions.append(.startTimer(.resync, configuration.resyncTimeout))
    }

    /// Whether the resync in flight has seen its probe's own answer (or its echo): a final result
    /// before that belongs to the command that timed out, or to an earlier probe, arriving late.
    private func resyncAnswered(_ current: InFlight) -> Bool {
        guard case .resync(let attempt) = current.kind else { return true }
        return current.sawEcho || current.items.contains { item in
            guard case .line(let line) = item else { return false }
            return Self.isResyncAnswer(ArraySlice(line.utf8), attempt: attempt)
        }
    }

    mutating func finish(_ final: ATFinalResult, into actions: inout [Action]) {
        guard let current = inFlight else { return }
        if case .resync = current.kind, !resyncAnswered(current) {
            // A late answer to the command that timed out: drop it, keep waiting for the probe's.
            inFlight?.items.removeAll()
            actions.append(.notify(.strayFinal(final)))
            return
        }
        inFlight = nil
        echoDetected = current.sawEcho
        switch current.kind {
        case .resync:
            actions.append(.cancelTimer(.resync))
            actions.append(.notify(.resynchronised(true)))
        case .user:
            actions.append(.cancelTimer(.command(current.submission.id)))
            if !current.cancelled {
                let response = ATResponse(command: current.submission.text, items: current.items, final: final)
                actions.append(.complete(id: current.submission.id, .success(response)))
            }
            if case .connect = final, current.submission.context.entersDataMode {
                dataMode = true
                actions.append(.notify(.dataModeEntered))
            }
        }
        dispatchNext(into: &actions)
    }

    // MARK: - Timers, cancellation, close

    private mutating func timerFired(_ timer: TimerID, into actions: inout [Action]) {
        guard let current = inFlight else { return }
        switch (timer, current.kind) {
        case (.command(let id), .user) where id == current.submission.id:
            if !current.cancelled {
                actions.append(.complete(id: id, .failure(.timedOut)))
            }
            // A modem left waiting for a payload after a prompt takes ESC as "abort".
            if current.awaitingPrompt || current.submission.context.payloadEcho != nil {
                actions.append(.write([0x1B]))
            }
            pendingURC = nil
            startResync(attempt: 1, into: &actions)
        case (.resync, .resync(let attempt)):
            if attempt < configuration.resyncAttempts {
                startResync(attempt: attempt + 1, into: &actions)
            } else {
                inFlight = nil
                actions.append(.notify(.resynchronised(false)))
                dispatchNext(into: &actions)
            }
        default:
            break // a timer that lost the race with its command's answer
        }
    }

    private mutating func cancel(_ id: UInt64, into actions: inout [Action]) {
        if let index = queue.firstIndex(where: { $0.id == id }) {
            queue.remove(at: index)
            actions.append(.complete(id: id, .failure(.cancelled)))
        } else if var current = inFlight, case .user = current.kind, current.submission.id == id, !current.cancelled {
            current.cancelled = true
            inFlight = current
            actions.append(.complete(id: id, .failure(.cancelled)))
        }
    }

    private mutating func close(into actions: inout [Action]) {
        guard !closed else { return }
        closed = true
        if let current = inFlight {
            switch current.kind {
            case .user:
                actions.append(.cancelTimer(.command(current.submission.id)))
                if !current.cancelled {
                    actions.append(.complete(id: current.submission.id, .failure(.transportClosed)))
                }
            case .resync:
                actions.append(.cancelTimer(.resync))
            }
        }
        inFlight = nil
        while let next = queue.popFirst() {
            actions.append(.complete(id: next.id, .failure(.transportClosed)))
        }
    }
}
