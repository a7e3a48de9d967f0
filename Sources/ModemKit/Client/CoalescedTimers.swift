/// Timers that share one sleeping task: starting or cancelling one costs no task and no
/// wake-up of another thread, which matters when every command of a busy client arms a
/// timeout and almost every one is cancelled by its answer a few milliseconds later.
///
/// The task sleeps until the earliest deadline it knows of. Starting a timer that ends later
/// only records it; cancelling one only forgets it. When the task wakes, ``takeExpired(now:wake:)``
/// hands over what has expired and sleeps again until the next deadline, so a client sending
/// 1 000 commands a second with 5 s timeouts wakes it about once every 5 s.
///
///     timers.start(.response, after: .seconds(5)) { await client.sweep() }   // → AT+CSQ
///     timers.cancel(.response)                                            // ← OK: nothing else happens
///
/// ``ATClient`` uses it on `ContinuousClock` (its default); with any other clock, such as a
/// test's, it keeps ``ClockTimers``, one sleep per timer, so that a test can wait for a timer
/// to be armed (`ManualClock.waitForSleepers`) before moving time.
package struct CoalescedTimers<C: Clock, ID: Hashable & Sendable>: Sendable where C.Duration == Duration {
    private let clock: C
    private var deadlines: [ID: C.Instant] = [:]
    /// The sleeping task and the deadline it sleeps until.
    private var sleeper: (target: C.Instant, task: Task<Void, Never>)?

    package init(clock: C) {
        self.clock = clock
    }

    /// The instant now on the timers' clock.
    package var now: C.Instant { clock.now }

    /// Whether any timer is running.
    package var isEmpty: Bool { deadlines.isEmpty }

    /// Starts (or restarts) timer `id`; `wake` runs when the sleeping task wakes at a deadline,
    /// and should call ``takeExpired(now:wake:)``.
    package mutating func start(_ id: ID, after duration: Duration, wake: @escaping @Sendable () async -> Void) {
        let deadline = clock.now.advanced(by: duration)
        deadlines[id] = deadline
        if let sleeper, sleeper.target <= deadline { return }
        sleep(until: deadline, wake: wake)
    }

    /// Forgets timer `id`; the sleeping task, if any, wakes later and finds nothing to do.
    package mutating func cancel(_ id: ID) {
        deadlines[id] = nil
    }

    /// Forgets every timer and ends the sleeping task.
    package mutating func cancelAll() {
        deadlines = [:]
        sleeper?.task.cancel()
        sleeper = nil
    }

    /// Removes and returns the timers whose deadline is `now` or earlier, earliest first, and
    /// puts the task to sleep until the next deadline (if a timer is left).
    package mutating func takeExpired(now: C.Instant, wake: @escaping @Sendable () async -> Void) -> [ID] {
        sleeper?.task.cancel()
        sleeper = nil
        let expired = deadlines.filter { $0.value <= now }.sorted { $0.value < $1.value }.map(\.key)
        for id in expired { deadlines[id] = nil }
        if let next = deadlines.values.min() { sleep(until: next, wake: wake) }
        return expired
    }

    private mutating func sleep(until deadline: C.Instant, wake: @escaping @Sendable () async -> Void) {
        sleeper?.task.cancel()
        let task = Task { [clock] in
            do {
                try await clock.sleep(until: deadline, tolerance: nil)
            } catch {
                return
            }
            await wake()
        }
        sleeper = (deadline, task)
    }
}
