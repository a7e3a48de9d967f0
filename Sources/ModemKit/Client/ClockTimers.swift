/// The timers an actor runs on a clock for its state machine (``ATClient``, ``Modem``, and
/// `MQTTClient` in ModemTelemetry, hence `package`).
///
/// Starting a timer supersedes the running one with the same id. When one expires, `fire`
/// is called with its id and generation; the actor then asks ``claim(_:generation:)``, which
/// is `false` for a timer cancelled or restarted meanwhile, so a late firing is never taken
/// for the current one.
package struct ClockTimers<ID: Hashable & Sendable>: Sendable {
    private var running: [ID: (generation: Int, task: Task<Void, Never>)] = [:]
    private var generation = 0

    package init() {}

    package mutating func start(
        _ id: ID, after duration: Duration, on clock: any Clock<Duration>,
        fire: @escaping @Sendable (ID, Int) async -> Void
    ) {
        cancel(id)
        generation += 1
        let current = generation
        let task = Task {
            do {
                try await clock.sleep(for: duration)
            } catch {
                return
            }
            await fire(id, current)
        }
        running[id] = (current, task)
    }

    package mutating func cancel(_ id: ID) {
        running.removeValue(forKey: id)?.task.cancel()
    }

    package mutating func cancelAll() {
        for (_, timer) in running { timer.task.cancel() }
        running = [:]
    }

    /// Whether this firing is the timer's current one; if so, it is no longer running.
    package mutating func claim(_ id: ID, generation: Int) -> Bool {
        guard running[id]?.generation == generation else { return false }
        running[id] = nil
        return true
    }
}
