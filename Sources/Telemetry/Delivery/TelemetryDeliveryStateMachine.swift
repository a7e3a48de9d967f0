/// Decides where the next batch of readings goes, and when, given the destinations in priority
/// order and how each has fared: the policy of the telemetry agent, with time entering as values.
///
/// - Destinations are tried in the order given; the first that is not backing off gets the batch.
/// - A destination that fails backs off (``RetryBackoff``, with jitter); one that delivers is
///   ready again at once.
/// - An SMS destination is a fallback: it is used only when data has been down (every data
///   destination failing, none delivering since) for at least `smsAfter`.
///
///     var machine = TelemetryDeliveryStateMachine(routes: [.data, .sms], configuration: .init(smsAfter: .seconds(600)))
///     machine.handle(.batchReady(now: .zero))                        // [.send(route: 0)]
///     machine.handle(.batchFinished(route: 0, failed: true, now: .seconds(1), random: 0.5))
///     machine.handle(.batchReady(now: .seconds(1)))                  // [.wait(until: 3 s)]
///     // … data still failing at 601 s …                             // [.send(route: 1)]  (SMS)
public struct TelemetryDeliveryStateMachine: Sendable, Hashable {
    public enum RouteKind: Sendable, Hashable {
        /// MQTT, HTTP, TCP, UDP: over the data session.
        case data
        /// SMS: used only once data has been down for `smsAfter`.
        case sms
    }

    public struct Configuration: Sendable, Hashable {
        public var backoff: RetryBackoff
        /// How long data must have been down before readings go by SMS; `nil` never.
        public var smsAfter: Duration?

        public init(backoff: RetryBackoff = RetryBackoff(), smsAfter: Duration? = .seconds(600)) {
            self.backoff = backoff
            self.smsAfter = smsAfter
        }
    }

    public struct RouteState: Sendable, Hashable {
        public var kind: RouteKind
        /// Failures in a row.
        public var failures = 0
        /// Not tried again before this time.
        public var retryAt: Duration?
    }

    public enum Event: Sendable, Hashable {
        /// Readings are waiting in the outbox.
        case batchReady(now: Duration)
        /// A batch sent to `route` was delivered in full (`failed` false) or not.
        case batchFinished(route: Int, failed: Bool, now: Duration, random: Double)
    }

    public enum Action: Sendable, Hashable {
        /// Give the batch to this destination.
        case send(route: Int)
        /// Nothing can be sent before this time (a backoff ends, or the SMS fallback opens).
        case wait(until: Duration)
        /// Nothing will ever take it: no destinations, or only SMS with the fallback disabled.
        case hold
    }

    public private(set) var routes: [RouteState]
    public let configuration: Configuration
    /// Since when every data destination has been failing; `nil` while data works.
    public private(set) var dataDownSince: Duration?

    public init(routes: [RouteKind], configuration: Configuration = Configuration()) {
        self.routes = routes.map { RouteState(kind: $0) }
        self.configuration = configuration
    }

    /// Whether data is down long enough for the SMS fallback at `now`.
    public func smsFallbackOpen(at now: Duration) -> Bool {
        guard let smsAfter = configuration.smsAfter else { return false }
        guard routes.contains(where: { $0.kind == .data }) else { return true }
        guard let since = dataDownSince else { return false }
        return now - since >= smsAfter
    }

    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .batchReady(let now):
            return [decide(now)]
        case .batchFinished(let route, let failed, let now, let random):
            guard routes.indices.contains(route) else { return [] }
            if failed {
                routes[route].failures += 1
                routes[route].retryAt = now + configuration.backoff.delay(afterFailures: routes[route].failures, random: random)
                if routes[route].kind == .data, dataDownSince == nil { dataDownSince = now }
            } else {
                routes[route].failures = 0
                routes[route].retryAt = nil
                if routes[route].kind == .data { dataDownSince = nil }
            }
            return []
        }
    }

    private func decide(_ now: Duration) -> Action {
        var earliest: Duration?
        for (index, route) in routes.enumerated() {
            var readyAt = route.retryAt ?? now
            if route.kind == .sms {
                guard let opensAt = smsOpensAt() else { continue }
                readyAt = max(readyAt, opensAt)
            }
            if readyAt <= now { return .send(route: index) }
            earliest = min(earliest ?? readyAt, readyAt)
        }
        return earliest.map { .wait(until: $0) } ?? .hold
    }

    /// When the SMS fallback opens if data stays down; `nil` if it cannot open.
    private func smsOpensAt() -> Duration? {
        guard let smsAfter = configuration.smsAfter else { return nil }
        guard routes.contains(where: { $0.kind == .data }) else { return .zero }
        guard let since = dataDownSince else {
            // Data has not failed yet. The fallback opens smsAfter after the first failure, which
            // is not known yet: the data routes are ready, so the loop above sends to them first.
            return nil
        }
        return since + smsAfter
    }
}
