import Logging
import Telemetry

/// Takes readings from a ``TelemetryQueue`` (the outbox) to the destinations, in priority order,
/// at least once: a reading leaves the queue only when a destination has it or refused it for
/// good. Failing destinations back off with jitter; SMS takes over when data has been down long
/// enough (``TelemetryDeliveryStateMachine``).
///
///     let agent = TelemetryAgent(queue: outbox, routes: [.init(mqtt), .init(sms, kind: .sms)])
///     Task { await agent.run() }           // until stop()
///     try outbox.enqueue(Array(#"{"t":21.5}"#.utf8))
///     await agent.notifyEnqueued()
///     // → AT+QISEND=0,87 … PUBLISH meters/5f0c… … PUBACK → the reading leaves the outbox
///     await agent.stop()                   // finishes the batch in flight, DISCONNECTs, returns
public actor TelemetryAgent {
    /// A destination and whether it is data or the SMS fallback.
    public struct Route: Sendable {
        public var sender: any TelemetrySender
        public var kind: TelemetryDeliveryStateMachine.RouteKind

        public init(_ sender: any TelemetrySender, kind: TelemetryDeliveryStateMachine.RouteKind = .data) {
            self.sender = sender
            self.kind = kind
        }
    }

    public struct Configuration: Sendable {
        /// Readings handed to a sender at once.
        public var batchSize: Int
        /// Priorities, backoff and the SMS fallback.
        public var policy: TelemetryDeliveryStateMachine.Configuration
        /// While idle, look at the queue this often for readings enqueued by another process
        /// (`modemkit telemetry send` beside a running daemon); `nil` waits for ``notifyEnqueued()``.
        public var pollInterval: Duration?

        public init(batchSize: Int = 20, policy: TelemetryDeliveryStateMachine.Configuration = .init(), pollInterval: Duration? = .seconds(5)) {
            self.batchSize = max(1, batchSize)
            self.policy = policy
            self.pollInterval = pollInterval
        }
    }

    /// What the agent did, for progress displays and tests.
    public enum Event: Sendable, Hashable {
        case delivered(count: Int, destination: String)
        case rejected(id: String, reason: String, destination: String)
        case failed(destination: String, reason: String, retryIn: Duration?)
        /// The queue is empty.
        case idle
        /// The queue could not be read or updated.
        case queueFailed(String)
    }

    /// How a ``drain(within:)`` ended.
    public enum DrainResult: Sendable, Hashable {
        /// The queue is empty.
        case empty
        /// Stopped, or the time was up, with readings still queued; `lastFailure` says why
        /// they did not go.
        case incomplete(lastFailure: String?)
    }

    let queue: any TelemetryQueue
    let routes: [Route]
    let configuration: Configuration
    let clock: any Clock<Duration>
    let logger: Logger
    let random: @Sendable () -> Double
    private let elapsed: @Sendable () -> Duration
    private var machine: TelemetryDeliveryStateMachine
    private var stopping = false
    private var wakeup: CheckedContinuation<Void, Never>?
    private var pendingWake = false
    private var lastFailure: String?
    private let eventStream: AsyncStream<Event>
    private let eventContinuation: AsyncStream<Event>.Continuation

    public init(
        queue: any TelemetryQueue, routes: [Route], configuration: Configuration = Configuration(),
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "modemkit.telemetry"),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.queue = queue
        self.routes = routes
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.random = random
        self.elapsed = Self.stopwatch(clock)
        self.machine = TelemetryDeliveryStateMachine(routes: routes.map(\.kind), configuration: configuration.policy)
        (eventStream, eventContinuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(4096))
    }

    /// What the agent does, as it does it; one stream, for one reader.
    public nonisolated var events: AsyncStream<Event> { eventStream }

    /// Runs until ``stop()``: delivers what is queued, then waits for new readings
    /// (``notifyEnqueued()``, or the poll interval) or for a backoff to end. On stop, the batch in
    /// flight finishes and every sender closes (MQTT DISCONNECT); nothing is left half-sent.
    public func run() async {
        while !stopping {
            switch await step() {
            case .sent:
                continue
            case .empty:
                eventContinuation.yield(.idle)
                await sleep(until: configuration.pollInterval.map { elapsed() + $0 })
            case .wait(let until):
                await sleep(until: until)
            case .hold:
                await sleep(until: configuration.pollInterval.map { elapsed() + $0 })
            case .queueFailed:
                await sleep(until: elapsed() + .seconds(1))
            }
        }
        await closeSenders()
    }

    /// Delivers until the queue is empty, waiting through backoffs, for at most `bound` (`nil`:
    /// until empty or stopped). Senders stay open; ``closeSenders()`` ends them.
    public func drain(within bound: Duration? = nil) async -> DrainResult {
        let deadline = bound.map { elapsed() + $0 }
        while !stopping {
            if let deadline, elapsed() >= deadline { break }
            switch await step() {
            case .sent:
                continue
            case .empty:
                return .empty
            case .wait(let until):
                await sleep(until: deadline.map { min($0, until) } ?? until)
            case .hold:
                return .incomplete(lastFailure: lastFailure ?? "no destination can take the readings")
            case .queueFailed:
                return .incomplete(lastFailure: lastFailure)
            }
        }
        return .incomplete(lastFailure: lastFailure)
    }

    /// Runs in cycles, for a modem in power saving: every `interval`, `wake` (bring data up),
    /// deliver what is due, close the connections, `rest` (let the modem sleep), until ``stop()``.
    public func runCycles(every interval: Duration, wake: @Sendable () async -> Void, rest: @Sendable () async -> Void) async {
        while !stopping {
            let started = elapsed()
            await wake()
            _ = await drain(within: interval)
            await closeSenders()
            await rest()
            await sleep(until: started + interval)
        }
    }

    /// New readings are in the queue: an idle ``run()`` looks now.
    public func notifyEnqueued() {
        wake()
    }

    /// Stops ``run()``/``drain(within:)`` after the batch in flight.
    public func stop() {
        stopping = true
        wake()
        eventContinuation.finish()
    }

    /// Closes every sender's connection (MQTT DISCONNECT, socket close).
    public func closeSenders() async {
        for route in routes { await route.sender.close() }
    }

    private enum Step {
        case sent, empty, hold, queueFailed
        case wait(until: Duration)
    }

    private func step() async -> Step {
        let batch: [TelemetryReading]
        do {
            batch = try await queue.next(limit: configuration.batchSize)
        } catch {
            return queueFailed("cannot read the outbox: \(error)")
        }
        if batch.isEmpty { return .empty }
        guard let action = machine.handle(.batchReady(now: elapsed())).first else { return .hold }
        switch action {
        case .hold:
            return .hold
        case .wait(let until):
            return .wait(until: until)
        case .send(let index):
            let sender = routes[index].sender
            var report = await sender.deliver(batch)
            if report.failure == nil && report.delivered.isEmpty && report.rejected.isEmpty {
                report.failure = "the destination took none of \(batch.count) readings"
            }
            do {
                try await queue.complete(report, destination: sender.name, attempted: batch)
            } catch {
                // The outbox still holds them: they go again, and receivers drop the copies by ID.
                return queueFailed("cannot record a delivery in the outbox: \(error)")
            }
            let failed = report.failure != nil
            _ = machine.handle(.batchFinished(route: index, failed: failed, now: elapsed(), random: random()))
            publish(report, from: sender.name, route: index)
            return .sent
        }
    }

    private func publish(_ report: DeliveryReport, from name: String, route: Int) {
        if !report.delivered.isEmpty {
            logger.debug("delivered", metadata: ["destination": "\(name)", "count": "\(report.delivered.count)"])
            eventContinuation.yield(.delivered(count: report.delivered.count, destination: name))
        }
        for rejection in report.rejected {
            logger.warning("reading dropped: refused by the destination", metadata: [
                "destination": "\(name)", "id": "\(rejection.id)", "reason": "\(rejection.reason)",
            ])
            eventContinuation.yield(.rejected(id: rejection.id, reason: rejection.reason, destination: name))
        }
        if let failure = report.failure {
            lastFailure = "\(name): \(failure)"
            let retryIn = machine.routes[route].retryAt.map { $0 - elapsed() }
            logger.notice("delivery failed; will retry", metadata: ["destination": "\(name)", "reason": "\(failure)"])
            eventContinuation.yield(.failed(destination: name, reason: failure, retryIn: retryIn))
        }
    }

    private func queueFailed(_ reason: String) -> Step {
        lastFailure = reason
        logger.error("\(reason)")
        eventContinuation.yield(.queueFailed(reason))
        return .queueFailed
    }

    /// Waits until `until` (on the agent's clock), a wake-up, or stop.
    private func sleep(until: Duration?) async {
        if stopping { return }
        if pendingWake {
            pendingWake = false
            return
        }
        let timer: Task<Void, Never>? = until.map { until in
            let delay = until - elapsed()
            return Task { [clock] in
                if delay > .zero {
                    do { try await clock.sleep(for: delay) } catch { return }
                }
                self.wake()
            }
        }
        await withCheckedContinuation { wakeup = $0 }
        timer?.cancel()
    }

    private func wake() {
        if let wakeup {
            self.wakeup = nil
            wakeup.resume()
        } else {
            pendingWake = true
        }
    }

    private static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
