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
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(300))
        await wakes.wait(for: 1)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == ["short"])
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(4))
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [], "nothing is due at 4.3 s")
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(700))
        await wakes.wait(for: 2)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == ["middle"])
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(175))
        await wakes.wait(for: 3)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == ["long"])
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
        await clock.waitForSleepers(1)
        // The process could not run for 1.5 s: the sweep comes 0.5 s after both deadlines.
        clock.advance(by: .milliseconds(1500))
        await wakes.wait(for: 1)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [], "both get 0.5 s of grace")
        timers.cancel("answered late")                       // the answer that was waiting is handled
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(499))
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [], "not before the grace ends")
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(1))
        await wakes.wait(for: 2)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == ["silent"], "a silent modem still times out")
    }

    @Test func graceIsGivenOnceAndNeverLongerThanTheTimersDuration() async throws {
        let clock = ManualClock()
        let wakes = Wakes()
        var timers = CoalescedTimers<ManualClock, Int>(clock: clock, lateTolerance: .milliseconds(100))
        timers.start(1, after: .milliseconds(300)) { wakes.wake() }
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(10))                      // 9.7 s late: grace of 300 ms, not 9.7 s
        await wakes.wait(for: 1)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [])
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(5))                       // late again, but the grace was used
        await wakes.wait(for: 2)
        #expect(timers.takeExpired(now: clock.now) { wakes.wake() } == [1])
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
