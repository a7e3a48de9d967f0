import ModemCore
import VirtualModem

/// Carries out socket requests for a virtual modem (the real-socket bridge, or a test double).
public protocol SocketPerformer: Sendable {
    func perform(_ request: SocketRequest)
    func shutdown() async
}

/// Runs one ``VirtualModem`` on the modem end of a transport: reads what the host writes, lets
/// the modem's time follow a clock, writes its answers (paced at an emulated baud rate when the
/// fault plan sets one) and hands its socket requests to a ``SocketPerformer``.
///
///     let pty = try PseudoTerminalPair(symlinkPath: "/tmp/ttyVM0")
///     let runner = VirtualModemRunner(modem: VirtualModem(configuration: .init(profile: .quectelBG96)), transport: pty)
///     await runner.start()
///     // any program opens /tmp/ttyVM0 and types AT+CSQ\r → "\r\n+CSQ: 20,99\r\n\r\nOK\r\n"
///
/// The modem itself is pure; this actor is the only place where its time and bytes meet the
/// world, so every behaviour can also be tested without it.
public actor VirtualModemRunner {
    private var modem: VirtualModem
    private let transport: any ByteTransport
    private let elapsed: @Sendable () -> Duration
    /// The modem's fixed UART rate (its configuration's), read off the actor by the writer.
    private nonisolated let modemBaudRate: Int?
    private let sleepUntil: @Sendable (Duration) async throws -> Void
    private var sockets: (any SocketPerformer)?
    /// Socket events from the performer's thread, in the order they happened.
    private nonisolated let socketInbox = OrderedInbox<SocketEvent>()
    private let makeSockets: (@Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer)?
    private let outbox: AsyncStream<[UInt8]>.Continuation
    private let outboxStream: AsyncStream<[UInt8]>
    private var tasks: [Task<Void, Never>] = []
    private var timerTask: Task<Void, Never>?
    private var timerDeadline: Duration?
    private var started = false
    private var stopped = false
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []
    /// When the emulated line is next free for incoming bytes.
    private var inboundFreeAt: Duration = .zero
    private var observers: [AsyncStream<[UInt8]>.Continuation] = []
    private var statusWaiters: [(predicate: @Sendable (VirtualModemStatus) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = []
    /// The latest bytes the host wrote (at most ``inputHistoryLimit``), for tests and status.
    private var inputHistory: [UInt8] = []
    private static let inputHistoryLimit = 65_536

    /// - Parameters:
    ///   - modem: the modem to run; its time zero is when the runner starts.
    ///   - transport: the modem's end (a pty master, an accepted TCP socket, one end of a pair).
    ///   - clock: the clock its time follows (a test clock in tests).
    ///   - sockets: makes the socket performer, given the function that takes its events back;
    ///     `nil` makes every socket open fail.
    public init<C: Clock>(
        modem: VirtualModem,
        transport: any ByteTransport,
        clock: C = ContinuousClock(),
        sockets: (@Sendable (@escaping @Sendable (SocketEvent) -> Void) -> any SocketPerformer)? = nil
    ) where C.Duration == Duration {
        self.modem = modem
        self.transport = transport
        self.modemBaudRate = modem.configuration.baudRate
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: start.advanced(by: $0), tolerance: nil) }
        makeSockets = sockets
        (outboxStream, outbox) = AsyncStream.makeStream(of: [UInt8].self)
    }

    /// Starts answering. Idempotent.
    public func start() {
        guard !started, !stopped else { return }
        started = true
        if let makeSockets {
            sockets = makeSockets { [weak self] event in
                guard let self else { return }
                if self.socketInbox.push(event) { Task { await self.pumpSocketEvents() } }
            }
        }
        let transport = self.transport
        let stream = outboxStream
        tasks.append(Task { [weak self] in
            for await bytes in stream {
                guard let self else { return }
                if await !self.paceOutput(bytes.count) { return }
                do {
                    try await transport.write(self.onTheLine(bytes))
                } catch {
                    await self.finish()
                    return
                }
            }
        })
        tasks.append(Task { await self.readLoop() })
        perform(modem.advance(to: elapsed()))
    }

    /// Stops: closes the transport and every socket. Idempotent.
    public func stop() async {
        guard !stopped else { return }
        finish()
        await transport.close()
        await sockets?.shutdown()
    }

    /// Waits until the runner has stopped (``stop()``, or the transport closed).
    public func waitUntilStopped() async {
        guard !stopped else { return }
        await withCheckedContinuation { stopWaiters.append($0) }
    }

    /// Injects a network event now (an incoming SMS, a signal change, a reboot).
    public func inject(_ event: NetworkEvent) {
        perform(modem.inject(event, at: elapsed()))
    }

    /// Injects a one-off fault now.
    public func inject(_ fault: Fault) {
        perform(modem.inject(fault, at: elapsed()))
    }

    /// Replaces the random fault plan.
    public func setFaults(_ plan: FaultPlan) {
        perform(modem.setFaults(plan, at: elapsed()))
    }

    /// A copy of the modem as it is now (for status and tests).
    public var snapshot: VirtualModem { modem }

    /// Waits until the modem's status satisfies `predicate` (checked after everything the
    /// modem does), e.g. until it has registered; `false` if the runner stopped first.
    ///
    ///     await runner.wait { $0.power == "on" && $0.registration == 1 }
    @discardableResult
    public func wait(until predicate: @escaping @Sendable (VirtualModemStatus) -> Bool) async -> Bool {
        if predicate(modem.status) { return true }
        if stopped { return false }
        return await withCheckedContinuation { statusWaiters.append((predicate, $0)) }
    }

    /// The latest bytes the host wrote to the modem (up to 64 KiB), oldest first.
    public var recentInput: [UInt8] { inputHistory }

    /// Every chunk the modem writes from now on (a tap for tests and `sim ctl watch`).
    public func output() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(1024))
        observers.append(continuation)
        return stream
    }

    // MARK: - Driving the modem

    private func readLoop() async {
        while !Task.isCancelled {
            let received: [UInt8]
            do {
                received = try await transport.read()
            } catch {
                break
            }
            if stopped { return }
            // Garbled or not by the line speeds as the bytes arrived.
            let bytes = onTheLine(received)
            if let rate = bytesPerSecond {
                // The emulated line delivers bytes no faster than its baud rate.
                let now = elapsed()
                let due = max(now, inboundFreeAt) + Self.transmitTime(bytes.count, rate: rate)
                inboundFreeAt = due
                do { try await sleepUntil(due) } catch { return }
            }
            inputHistory += bytes
            if inputHistory.count > Self.inputHistoryLimit { inputHistory.removeFirst(inputHistory.count - Self.inputHistoryLimit) }
            perform(modem.receive(bytes, at: elapsed()))
        }
        finish()
    }

    /// Hands every queued socket event to the modem, oldest first, until the queue is empty.
    private func pumpSocketEvents() {
        while case let batch = socketInbox.take(), !batch.isEmpty {
            for event in batch { socketEvent(event) }
        }
    }

    private func socketEvent(_ event: SocketEvent) {
        guard !stopped else { return }
        perform(modem.handle(event, at: elapsed()))
    }

    private func perform(_ actions: [VirtualModem.Action]) {
        guard !stopped else { return }
        for action in actions {
            switch action {
            case .write(let bytes):
                outbox.yield(bytes)
                for observer in observers { observer.yield(bytes) }
            case .socket(let request):
                if let sockets {
                    sockets.perform(request)
                } else if case .open(let id, _, _, _) = request {
                    perform(modem.handle(.failed(id: id, reason: "no network bridge"), at: elapsed()))
                }
            }
        }
        armTimer()
        if !statusWaiters.isEmpty {
            let status = modem.status
            var waiting: [(predicate: @Sendable (VirtualModemStatus) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = []
            for waiter in statusWaiters {
                if waiter.predicate(status) { waiter.continuation.resume(returning: true) } else { waiting.append(waiter) }
            }
            statusWaiters = waiting
        }
    }

    /// Keeps one timer task sleeping until the modem's next deadline.
    private func armTimer() {
        guard let deadline = modem.nextDeadline else {
            timerTask?.cancel()
            timerTask = nil
            timerDeadline = nil
            return
        }
        if let armed = timerDeadline, armed <= deadline, timerTask != nil { return }
        timerTask?.cancel()
        timerDeadline = deadline
        let sleepUntil = self.sleepUntil
        timerTask = Task { [weak self] in
            do { try await sleepUntil(deadline) } catch { return }
            await self?.timerFired(deadline)
        }
    }

    private func timerFired(_ deadline: Duration) {
        guard timerDeadline == deadline else { return }
        timerTask = nil
        timerDeadline = nil
        perform(modem.advance(to: max(deadline, elapsed())))
    }

    /// `bytes` as the other side receives them: framing garbage while the host's line speed
    /// (read from the pty, ``LineSpeedObserving``) is not the modem's fixed
    /// ``VirtualModemConfiguration/baudRate``; untouched otherwise.
    nonisolated func onTheLine(_ bytes: [UInt8]) -> [UInt8] {
        // Most modems have no fixed rate: no termios call on every read and write for them.
        guard let modemBaudRate else { return bytes }
        let host = (transport as? any LineSpeedObserving)?.peerBaudRate
        guard LineSpeedMismatch.garbles(host: host, modem: modemBaudRate) else { return bytes }
        return LineSpeedMismatch.garble(bytes)
    }

    private var bytesPerSecond: Int? {
        modem.faultPlan.baudRate.map { max(1, $0 / 10) }
    }

    static func transmitTime(_ count: Int, rate: Int) -> Duration {
        .nanoseconds(Int64(count) * 1_000_000_000 / Int64(rate))
    }

    /// Waits as long as `count` bytes take on the emulated line; `false` once stopped.
    private func paceOutput(_ count: Int) async -> Bool {
        guard !stopped else { return false }
        guard let rate = bytesPerSecond else { return true }
        do {
            try await sleepUntil(elapsed() + Self.transmitTime(count, rate: rate))
        } catch {
            return false
        }
        return !stopped
    }

    private func finish() {
        guard !stopped else { return }
        stopped = true
        outbox.finish()
        for observer in observers { observer.finish() }
        observers = []
        timerTask?.cancel()
        for task in tasks { task.cancel() }
        let waiters = stopWaiters
        stopWaiters = []
        for waiter in waiters { waiter.resume() }
        let statusWaiting = statusWaiters
        statusWaiters = []
        for waiter in statusWaiting { waiter.continuation.resume(returning: false) }
    }
}
