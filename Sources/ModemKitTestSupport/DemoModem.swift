import ATCodec
import ModemCore

/// A small scripted modem that answers on the far side of a transport: `modemkit demo` runs it
/// on a pty master, and the end-to-end tests drive the `modemkit` binary and ``ATClient``
/// against it. (The full virtual modem is a separate, later piece.)
///
///     let pair = try PseudoTerminalPair()
///     let modem = DemoModem(transport: pair)          // the pair is the master side
///     await modem.start()
///     // open pair.slavePath with SerialTransport and talk AT to it
///
/// It answers `AT`, `ATE0`/`ATE1` (echo is real), `ATI`, `+CGMI`, `+CGMM`, `+CGMR`, `+CGSN`,
/// `+CIMI`, `+CCID`, `+CPIN?`, `+CSQ` (the value changes on every query), `+CREG`, `+CGREG` and
/// `+CEREG` (read, test and set, the set enabling URCs), `+COPS?`, `+CMEE`, `+CFUN`; anything
/// else is `ERROR` or `+CME ERROR` as `+CMEE` says. Once the host first writes, it attaches
/// (`+CREG: 2`, then `+CREG: 1,...` after ``Configuration/attachDelay``) and then prints a
/// `+CMTI` every ``Configuration/newMessageInterval``.
///
/// Input is split into lines by ``ATFramer``, the same framer the engine uses; the behaviour
/// itself is the pure ``Behaviour``, and this actor only moves bytes and runs its timers.
public actor DemoModem {
    private let transport: any ByteTransport
    private let clock: any Clock<Duration>
    private var behaviour: Behaviour
    private var framer = ATFramer()
    private var readTask: Task<Void, Never>?
    /// Writes go through one queue so a URC never lands inside a reply.
    private let outbox: AsyncStream<[UInt8]>.Continuation
    private let outboxStream: AsyncStream<[UInt8]>
    private var timers: [Behaviour.Timer: (generation: Int, task: Task<Void, Never>)] = [:]
    private var timerGeneration = 0
    private var byteCount = 0
    private var lines: [String] = []
    /// The most lines ``receivedLines`` keeps (the latest ones).
    private static let lineHistory = 1024
    private var stopped = false
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []

    /// - Parameters:
    ///   - transport: the modem's end (a pty master, the far end of an in-memory pair).
    ///   - clock: runs the attach and new-message timers.
    public init(
        transport: any ByteTransport,
        configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.transport = transport
        self.clock = clock
        self.behaviour = Behaviour(configuration: configuration)
        (outboxStream, outbox) = AsyncStream.makeStream(of: [UInt8].self)
    }

    /// Starts answering. Idempotent.
    public func start() {
        guard readTask == nil, !stopped else { return }
        let transport = self.transport
        let stream = outboxStream
        Task {
            for await bytes in stream {
                do {
                    try await transport.write(bytes)
                } catch {
                    self.finish()
                    return
                }
            }
        }
        readTask = Task { await self.readLoop() }
    }

    /// Stops answering and closes the transport. Idempotent.
    public func stop() async {
        guard !stopped else { return }
        finish()
        await transport.close()
    }

    /// Waits until the modem has stopped: ``stop()`` was called or the transport closed.
    public func waitUntilStopped() async {
        guard !stopped else { return }
        await withCheckedContinuation { stopWaiters.append($0) }
    }

    /// How many bytes the host has written so far.
    public var receivedByteCount: Int { byteCount }

    /// The lines received so far (the latest 1024), as the framer split them.
    public var receivedLines: [String] { lines }

    // MARK: - Driving the behaviour

    private func readLoop() async {
        while !Task.isCancelled {
            let bytes: [UInt8]
            do {
                bytes = try await transport.read()
            } catch {
                break
            }
            byteCount += bytes.count
            framer.append(bytes)
            var batch: [String] = []
            while let token = framer.next(expecting: .lines) {
                if case .line(let line) = token { batch.append(ATText.decode(line)) }
            }
            for line in batch {
                lines.append(line)
                if lines.count > Self.lineHistory { lines.removeFirst(lines.count - Self.lineHistory) }
                apply(behaviour.handle(.lineReceived(line)))
            }
        }
        finish()
    }

    private func apply(_ actions: [Behaviour.Action]) {
        guard !stopped else { return }
        for action in actions {
            switch action {
            case .write(let bytes):
                outbox.yield(bytes)
            case .startTimer(let timer, let duration):
                timers.removeValue(forKey: timer)?.task.cancel()
                timerGeneration += 1
                let generation = timerGeneration
                let clock = self.clock
                let task = Task {
                    do {
                        try await clock.sleep(for: duration)
                    } catch {
                        return
                    }
                    self.fired(timer, generation: generation)
                }
                timers[timer] = (generation, task)
            case .cancelTimer(let timer):
                timers.removeValue(forKey: timer)?.task.cancel()
            }
        }
    }

    private func fired(_ timer: Behaviour.Timer, generation: Int) {
        guard timers[timer]?.generation == generation else { return }
        timers.removeValue(forKey: timer)
        apply(behaviour.handle(.timerFired(timer)))
    }

    private func finish() {
        guard !stopped else { return }
        stopped = true
        readTask?.cancel()
        outbox.finish()
        for timer in timers.values { timer.task.cancel() }
        timers = [:]
        let waiters = stopWaiters
        stopWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
