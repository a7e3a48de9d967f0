/// The timers an actor runs on a clock for its state machine (``ATClient``, ``Modem``).
///
/// Starting a timer supersedes the running one with the same id. When one expires, `fire`
/// is called with its id and generation; the actor then asks ``claim(_:generation:)``, which
/// is `false` for a timer cancelled or restarted meanwhile, so a late firing is never taken
/// for the current one.
struct ClockTimers<ID: Hashable & Sendable>: Sendable {
    private var running: [ID: (generation: Int, task: Task<Void, Never>)] = [:]
    private var generation = 0

    mutating func start(
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

    mutating func cancel(_ id: ID) {
        running.removeValue(forKey: id)?.task.cancel()
    }

    mutating func cancelAll() {
        for (_, timer) in running { timer.task.cancel() }
        running = [:]
    }

    /// Whether this firing is the timer's current one; if so, it is no longer running.
    mutating func claim(_ id: ID, generation: Int) -> Bool {
        guard running[id]?.generation == generation else { return false }
        running[id] = nil
        return true
    }
}
