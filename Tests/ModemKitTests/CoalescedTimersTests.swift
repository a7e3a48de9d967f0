import ModemKit
import ModemKitTestSupport
import Synchronization
import Testing

/// Layer 2: ``CoalescedTimers`` on a test clock: one sleeping task for every timer, and each
/// timer expires at its own deadline whatever was started or cancelled around it.
@Suite struct CoalescedTimersTests {
    /// Counts how often the sleeping task woke; the test then sweeps by hand.
    private final class Wakes: Sendable {
        private let count = Mutex(0)
        private let waiters = Mutex<[(Int, CheckedContinuation<Void, Never>)]>([])
        func wake() {
            let now = count.withLock { value -> Int in
                value += 1
                return value
            }
            let ready = waiters.withLock { list -> [CheckedContinuation<Void, Never>] in
                let ready = list.filter { $0.0 <= now }.map(\.1)
                list.removeAll { $0.0 <= now }
                return ready
            }
            for continuation in ready { continuation.resume() }
        }
        /// Waits until the task has woken `target` times in all.
        func wait(for target: Int) async {
            await withCheckedContinuation { continuation in
                let done = count.withLock { $0 >= target }
                if done { continuation.resume() } else { waiters.withLock { $0.append((target, continuation)) } }
            }
        }
    }

    /// Once the task sleeps, moves the clock by `duration`, waits for the task's `wake`th
    /// wake-up (none when `nil`: no deadline is due), then sweeps as the client would.
    private static func step<ID>(
        _ timers: inout CoalescedTimers<ManualClock, ID>, _ clock: ManualClock, _ wakes: Wakes,
        by duration: Duration, wake: Int?
    ) async -> [ID] {
        await clock.waitForSleepers(1)
        clock.advance(by: duration)
        if let wake { await wakes.wait(for: wake) }
        return timers.takeExpired(now: clock.now) { wakes.wake() }
    }

    @Test func manyTimersShareOneSleepingTask() async throws {
        let clock = ManualClock()
        let wakes = Wakes()
        var timers = CoalescedTimers<ManualClock, Int>(clock: clock)
        for id in 0..<100 {
            timers.start(id, after: .seconds(5)) { wakes.wake() }
            if id < 99 { timers.cancel(id) }
        }
        await clock.waitForSleepers(1)
        #expect(clock.sleeperCount == 1, "100 timers started, 99 cancelled: one task sleeps")
        clock.advance(by: .seconds(5))
        await wakes.wait(for: 1)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [99])
        #expect(timers.isEmpty)
        timers.cancelAll()
    }

    @Test func anEarlierTimerWakesTheTaskEarlierAndALaterOneWaitsItsTurn() async throws {
        let clock = ManualClock()
        let wakes = Wakes()
        var timers = CoalescedTimers<ManualClock, String>(clock: clock)
        timers.start("long", after: .seconds(180)) { wakes.wake() }
        timers.start("short", after: .milliseconds(300)) { wakes.wake() }
        timers.start("middle", after: .seconds(5)) { wakes.wake() }
        #expect(await Self.step(&timers, clock, wakes, by: .milliseconds(300), wake: 1) == ["short"])
        #expect(await Self.step(&timers, clock, wakes, by: .seconds(4), wake: nil) == [], "nothing is due at 4.3 s")
        #expect(await Self.step(&timers, clock, wakes, by: .milliseconds(700), wake: 2) == ["middle"])
        #expect(await Self.step(&timers, clock, wakes, by: .seconds(175), wake: 3) == ["long"])
        #expect(clock.sleeperCount == 0, "nothing left to wait for")
    }

    @Test func aRestartedTimerExpiresAtItsNewDeadlineOnly() async throws {
        let clock = ManualClock()
        let wakes = Wakes()
        var timers = CoalescedTimers<ManualClock, Int>(clock: clock)
        timers.start(1, after: .seconds(5)) { wakes.wake() }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(3))
        timers.start(1, after: .seconds(5)) { wakes.wake() }   // now due at 8 s
        clock.advance(by: .seconds(2))
        await wakes.wait(for: 1)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [], "the 5 s deadline was superseded")
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(3))
        await wakes.wait(for: 2)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [1])
    }

    @Test func aTimerFoundLongPastItsDeadlineGetsOneGracePeriodAsLongAsTheDelay() async throws {
        let clock = ManualClock()
        let wakes = Wakes()
        var timers = CoalescedTimers<ManualClock, String>(clock: clock, lateTolerance: .milliseconds(100))
        timers.start("answered late", after: .seconds(1)) { wakes.wake() }
        timers.start("silent", after: .seconds(1)) { wakes.wake() }
        // The process could not run for 1.5 s: the sweep comes 0.5 s after both deadlines.
        #expect(await Self.step(&timers, clock, wakes, by: .milliseconds(1500), wake: 1) == [], "both get 0.5 s of grace")
        timers.cancel("answered late")                       // the answer that was waiting is handled
        #expect(await Self.step(&timers, clock, wakes, by: .milliseconds(499), wake: nil) == [], "not before the grace ends")
        #expect(await Self.step(&timers, clock, wakes, by: .milliseconds(1), wake: 2) == ["silent"], "a silent modem still times out")
    }

    @Test func graceIsGivenOnceAndNeverLongerThanTheTimersDuration() async throws {
        let clock = ManualClock()
        let wakes = Wakes()
        var timers = CoalescedTimers<ManualClock, Int>(clock: clock, lateTolerance: .milliseconds(100))
        timers.start(1, after: .milliseconds(300)) { wakes.wake() }
        // 9.7 s late: a grace of 300 ms, not 9.7 s; then late again, but the grace was used.
        #expect(await Self.step(&timers, clock, wakes, by: .seconds(10), wake: 1) == [])
        #expect(await Self.step(&timers, clock, wakes, by: .seconds(5), wake: 2) == [1])
    }

    @Test func cancellingEverythingEndsTheSleepingTask() async throws {
        let clock = ManualClock()
        var timers = CoalescedTimers<ManualClock, Int>(clock: clock)
        timers.start(1, after: .seconds(1)) {}
        await clock.waitForSleepers(1)
        timers.cancelAll()
        #expect(timers.isEmpty)
        #expect(timers.takeExpired(now: clock.now.advanced(by: .seconds(10))) {} == [])
    }
}
