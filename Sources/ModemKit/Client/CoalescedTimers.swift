/// Timers that share one sleeping task: starting or cancelling one costs no task and no
/// wake-up of another thread, which matters when every command of a busy client arms a
/// timeout and almost every one is cancelled by its answer a few milliseconds later.
///
/// The task sleeps until the earliest deadline it knows of. Starting a timer that ends later
/// only records it; cancelling one only forgets it. When the task wakes, ``takeExpired(now:wake:)``
/// hands over what has expired and sleeps again until the next deadline, so a client sending
/// 1 000 commands a second with 5 s timeouts wakes it about once every 5 s.
///
///     timers.start(.command(7), after: .seconds(5)) { await self.sweepTimers() }   // → AT+CSQ
///     timers.cancel(.command(7))                                // ← +CSQ: 21,99  ← OK: nothing else happens
///
/// **A process that could not run.** A deadline that passes while the process is starved
/// (a loaded host, a stopped debugger, a pool full of other work) may find the answer already
/// waiting in a queue, unhandled. So when the task wakes late, more than ``lateTolerance``
/// after a deadline, that timer gets one grace period as long as the delay (at most its own
/// duration) and expires only if it is still running then. A silent modem is then reported
/// at most one duration later; an answer that was merely not yet handled is not taken for
/// silence. (A timer task per timer, as ``ClockTimers`` starts, gets the same slack by
/// accident: its sleep only begins once the starved process runs it.)
///
/// ``ATClient`` uses it on `ContinuousClock` (its default); with any other clock, such as a
/// test's, it keeps ``ClockTimers``, one sleep per timer, so that a test can wait for a timer
/// to be armed (`ManualClock.waitForSleepers`) before moving time.
package struct CoalescedTimers<C: Clock, ID: Hashable & Sendable>: Sendable where C.Duration == Duration {
    private struct Timer: Sendable {
        var deadline: C.Instant
        let duration: Duration
        var graced = false
    }

    private let clock: C
    private var timers: [ID: Timer] = [:]
    /// How late past a deadline the task may wake before the process counts as starved.
    package let lateTolerance: Duration
    /// The sleeping task and the deadline it sleeps until.
    private var sleeper: (target: C.Instant, task: Task<Void, Never>)?

    package init(clock: C, lateTolerance: Duration = .milliseconds(100)) {
        self.clock = clock
        self.lateTolerance = lateTolerance
    }

    /// The instant now on the timers' clock.
    package var now: C.Instant { clock.now }

    /// Whether any timer is running.
    package var isEmpty: Bool { timers.isEmpty }

    /// Starts (or restarts) timer `id`; `wake` runs when the sleeping task wakes at a deadline,
    /// and should call ``takeExpired(now:wake:)``.
    package mutating func start(_ id: ID, after duration: Duration, wake: @escaping @Sendable () async -> Void) {
        let deadline = clock.now.advanced(by: duration)
        timers[id] = Timer(deadline: deadline, duration: duration)
        if let sleeper, sleeper.target <= deadline { return }
        sleep(until: deadline, wake: wake)
    }

    /// Forgets timer `id`; the sleeping task, if any, wakes later and finds nothing to do.
    package mutating func cancel(_ id: ID) {
        timers[id] = nil
    }

    /// Forgets every timer and ends the sleeping task.
    package mutating func cancelAll() {
        timers = [:]
        sleeper?.task.cancel()
        sleeper = nil
    }

    /// Removes and returns the timers whose deadline is `now` or earlier, earliest first, and
    /// puts the task to sleep until the next deadline (if a timer is left). A timer `now` is
    /// more than ``lateTolerance`` past gets its grace period instead, once.
    package mutating func takeExpired(now: C.Instant, wake: @escaping @Sendable () async -> Void) -> [ID] {
        sleeper?.task.cancel()
        sleeper = nil
        var expired: [(id: ID, deadline: C.Instant)] = []
        for (id, timer) in timers where timer.deadline <= now {
            let late = timer.deadline.duration(to: now)
            if late > lateTolerance, !timer.graced {
                timers[id] = Timer(deadline: now.advanced(by: min(late, timer.duration)), duration: timer.duration, graced: true)
            } else {
                expired.append((id, timer.deadline))
                timers[id] = nil
            }
        }
        if let next = timers.values.map(\.deadline).min() { sleep(until: next, wake: wake) }
        return expired.sorted { $0.deadline < $1.deadline }.map(\.id)
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
