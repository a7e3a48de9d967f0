import ATCodec
import Logging
import ModemCore

/// Talks AT to one modem over any ``ByteTransport``: one command in flight, a FIFO queue,
/// per-command timeouts, prompts, URC fan-out, resync after a timeout, reboot detection.
///
///     let client = ATClient(transport: transport)
///     let quality = try await client.send(CSQ.Execute())      // → AT+CSQ  ← +CSQ: 21,99  ← OK
///     for await urc in client.urcs(named: ["+CMTI"]) { ... }   // ← +CMTI: "SM",3
///
/// The client owns the transport's read side from the moment it is created until ``close()``;
/// its read loop keeps it alive until then (or until the transport ends), so close it.
/// All state changes go through ``ATEngineStateMachine``, one event at a time.
public actor ATClient {
    public struct Configuration: Sendable {
        public var engine: ATEngineStateMachine.Configuration
        /// URCs to recognise; dialects add theirs to ``URCRegistry/standard``.
        public var urcs: URCRegistry
        /// Finals any command may end with on this modem (`COMMAND NOT SUPPORT`).
        public var dialectFinals: [ATFinalPattern]
        /// How many values each subscriber's stream holds before dropping the oldest.
        public var subscriberBuffer: Int

        public init(
            engine: ATEngineStateMachine.Configuration = .init(),
            urcs: URCRegistry = .standard,
            dialectFinals: [ATFinalPattern] = [],
            subscriberBuffer: Int = 256
        ) {
            self.engine = engine
            self.urcs = urcs
            self.dialectFinals = dialectFinals
            self.subscriberBuffer = subscriberBuffer
        }
    }

    typealias Outcome = Result<ATResponse, ATEngineStateMachine.Failure>

    var machine: ATEngineStateMachine
    let transport: any ByteTransport
    let clock: any Clock<Duration>
    let logger: Logger
    let subscriberBuffer: Int
    var nextID: UInt64 = 1
    var waiters: [UInt64: CheckedContinuation<Outcome, Never>] = [:]
    var timers = ClockTimers<ATEngineStateMachine.TimerID>()
    /// Used instead of ``timers`` on clocks that only time moves (see ``CoalescedTimers``).
    var coalescedTimers: CoalescedTimers<ContinuousClock, ATEngineStateMachine.TimerID>?
    var readTask: Task<Void, Never>?
    /// Bytes waiting to be written, in order; one caller at a time drains them (``flushWrites()``).
    var pendingWrites: [[UInt8]] = []
    var isWriting = false
    /// Outcomes that arrived before their caller started waiting (the answer came while the
    /// command was still being written).
    var earlyOutcomes: [UInt64: Outcome] = [:]
    var isClosed = false
    /// A command whose text was redacted is in flight: its echo must not be logged.
    var secretInFlight = false
    let urcHub = Broadcaster<ATURC>()
    let eventHub = Broadcaster<ATClientEvent>()
    let dataHub = Broadcaster<[UInt8]>()

    /// Creates a client and starts reading from `transport`.
    /// - Parameters:
    ///   - clock: drives timeouts; tests pass a test clock.
    ///   - logger: every chunk in and out is logged at `.trace`, escaped, with PINs and passwords redacted.
    public init(
        transport: any ByteTransport,
        configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "modemkit.at")
    ) {
        self.transport = transport
        self.clock = clock
        self.logger = logger
        self.subscriberBuffer = configuration.subscriberBuffer
        let classifier = ATLineClassifier(urcs: configuration.urcs, dialectFinals: configuration.dialectFinals)
        self.machine = ATEngineStateMachine(classifier: classifier, configuration: configuration.engine)
        if let continuous = clock as? ContinuousClock { coalescedTimers = CoalescedTimers(clock: continuous) }
        Task { await self.start() }
    }

    private func start() {
        guard !isClosed else { return }
        // On the transport's own thread when it has one: a chunk is handled where it was read.
        readTask = Task(executorPreference: transport.taskExecutor) { await self.readLoop() }
    }

    /// The transport's I/O thread as a task executor (``ByteTransport/taskExecutor``), or `nil`.
    ///
    /// A caller that sends many commands back to back can run on it, so that each answer is
    /// handled and returned on the thread that read it, without waking another thread (over a
    /// pty, against a raw write/read loop: 1.05–1.18× on a quiet machine and 1.43–1.47× on a
    /// busy one, against 1.22–1.33× and 1.80–1.87× from a task on the pool):
    ///
    ///     try await withTaskExecutorPreference(client.taskExecutor) {
    ///         for _ in 0..<1000 { _ = try await client.send(ATRawCommand("AT")) }   // → AT  ← OK
    ///     }
    ///
    /// The code run there must not block (no blocking syscalls, no long computations): the
    /// modem's input is not read while it runs. Keep the client alive for as long as a task
    /// prefers its executor.
    public nonisolated var taskExecutor: (any TaskExecutor)? { transport.taskExecutor }

    /// Reads until the transport closes. Isolated to the actor, so each chunk is handled where
    /// the read resumes, without a hop through another task; the actor stays free for other
    /// work while the read waits.
    private func readLoop() async {
        while !Task.isCancelled, !isClosed {
            let bytes: [UInt8]
            do {
                bytes = try await transport.read()
            } catch {
                transportEnded()
                return
            }
            received(bytes)
        }
    }

    // MARK: - Commands

    /// Sends a typed command and returns its parsed response.
    ///
    /// Throws ``ATClientError/commandFailed(command:final:response:)`` for `ERROR`,
    /// `+CME ERROR`, `+CMS ERROR` and failing vendor finals; cancelling the calling task fails
    /// this command alone.
    ///
    /// - Parameter timeout: overrides the command's own timeout (``ATCommand/responseTimeout``).
    public func send<C: ATCommand>(_ command: C, timeout: Duration? = nil) async throws(ATClientError) -> C.Response {
        let response = try await execute(command.context, timeout: timeout ?? command.responseTimeout)
        do {
            return try command.parse(response)
        } catch {
            throw .parseFailed(error)
        }
    }

    /// Sends a command whose outcome arrives later as a URC (`AT+QIOPEN=...` → `OK`, then
    /// `+QIOPEN: 0,0`), subscribing before the command is written so the URC cannot be missed.
    public func send<C: ATCommand>(
        _ command: C,
        thenAwait name: String,
        matching predicate: @escaping @Sendable (ATURC) -> Bool = { _ in true },
        timeout: Duration
    ) async throws(ATClientError) -> (C.Response, ATURC) {
        try await send(command, thenAwaitAnyOf: [name], matching: predicate, timeout: timeout)
    }

    /// Like ``send(_:thenAwait:matching:timeout:)`` when the outcome is one of several URCs
    /// (SIM800 `0, CONNECT OK` / `0, CONNECT FAIL` / `0, ALREADY CONNECT`).
    public func send<C: ATCommand>(
        _ command: C,
        thenAwaitAnyOf names: Set<String>,
        matching predicate: @escaping @Sendable (ATURC) -> Bool = { _ in true },
        timeout: Duration
    ) async throws(ATClientError) -> (C.Response, ATURC) {
        let stream = urcHub.subscribe(bufferingNewest: subscriberBuffer) { names.contains($0.name) && predicate($0) }
        let response = try await send(command)
        guard let urc = await Self.first(of: stream, within: timeout, on: clock) else {
            throw .deferredResultTimedOut(command: command.text, awaiting: names.sorted().joined(separator: " | "))
        }
        return (response, urc)
    }

    /// Sends a command context and returns the raw response whatever the final result.
    public func execute(_ context: ATCommandContext, timeout: Duration) async throws(ATClientError) -> ATResponse {
        let id = nextID
        nextID += 1
        let text = ATText.decode(context.echo)
        apply(machine.handle(.submitted(.init(id: id, context: context, timeout: timeout))))
        // The caller writes its own command: no hop to another task on the hot path.
        await flushWrites()
        let outcome: Outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if let early = earlyOutcomes.removeValue(forKey: id) {
                    continuation.resume(returning: early)
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancel(id) }
        }
        switch outcome {
        case .success(let response):
            guard response.final.isSuccess else {
                throw .commandFailed(command: text, final: response.final, response: response)
            }
            return response
        case .failure(.timedOut): throw .timedOut(command: text, after: timeout)
        case .failure(.cancelled): throw .cancelled(command: text)
        case .failure(.transportClosed): throw .transportClosed(command: text)
        case .failure(.modemRebooted): throw .modemRebooted(command: text)
        }
    }

    private func cancel(_ id: UInt64) async {
        apply(machine.handle(.cancelled(id: id)))
        await flushWrites()
    }

    // MARK: - Subscriptions

    /// URCs as they arrive, optionally only those with the given names (`"+CMTI"`, `"+CREG"`).
    public nonisolated func urcs(named names: Set<String>? = nil) -> AsyncStream<ATURC> {
        guard let names else { return urcHub.subscribe(bufferingNewest: subscriberBuffer) }
        return urcHub.subscribe(bufferingNewest: subscriberBuffer) { names.contains($0.name) }
    }

    /// Unknown lines, stray finals, overflows, reboots, resyncs and data-mode changes.
    public nonisolated func events() -> AsyncStream<ATClientEvent> {
        eventHub.subscribe(bufferingNewest: subscriberBuffer)
    }

    /// Bytes received in data mode (after a `CONNECT` for a command that enters data mode).
    public nonisolated func dataReceived() -> AsyncStream<[UInt8]> {
        dataHub.subscribe(bufferingNewest: 4096)
    }

    /// Replaces the URCs and finals lines are classified with, as when the dialect becomes
    /// known after `AT+CGMI`/`AT+CGMM`. Lines already classified are not revisited.
    public func useClassification(urcs: URCRegistry, dialectFinals: [ATFinalPattern]) {
        machine.classifier = ATLineClassifier(urcs: urcs, dialectFinals: dialectFinals)
    }

    /// Whether the modem echoes commands (`ATE1`), as seen on the last answered command;
    /// `nil` before the first. Either way responses are parsed the same.
    public var isEchoing: Bool? { machine.echoDetected }

    /// URCs and events dropped because a subscriber did not keep up.
    public nonisolated var droppedCount: Int { urcHub.droppedCount + eventHub.droppedCount }

    // MARK: - Data mode

    /// Writes raw bytes while in data mode (PPP frames, transparent sockets).
    public func writeData(_ bytes: [UInt8]) async {
        guard machine.isInDataMode else { return }
        pendingWrites.append(bytes)
        await flushWrites()
    }

    /// Tells the engine that data mode is over (after `+++` or `NO CARRIER`); queued commands resume.
    public func leaveDataMode() async {
        apply(machine.handle(.dataModeLeft))
        await flushWrites()
    }

    // MARK: - Lifecycle

    /// Closes the transport and fails everything pending with ``ATClientError/transportClosed(command:)``.
    public func close() async {
        guard !isClosed else { return }
        await transport.close()
        transportEnded()
    }

    func transportEnded() {
        guard !isClosed else { return }
        isClosed = true
        apply(machine.handle(.transportClosed))
        readTask?.cancel()
        pendingWrites = []
        timers.cancelAll()
        coalescedTimers?.cancelAll()
        eventHub.publish(.transportClosed)
        urcHub.finish()
        eventHub.finish()
        dataHub.finish()
    }
}
