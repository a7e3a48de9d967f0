import Telemetry
import Testing

@Suite("Telemetry delivery policy: priorities, backoff, SMS fallback")
struct TelemetryDeliveryStateMachineTests {
    typealias Machine = TelemetryDeliveryStateMachine
    let backoff = RetryBackoff(initial: .seconds(2), maximum: .seconds(60), multiplier: 2, jitter: 0.2)

    @Test func backoffDoublesUpToItsMaximumAndJittersBothWays() {
        #expect(backoff.delay(afterFailures: 1, random: 0.5) == .seconds(2))
        #expect(backoff.delay(afterFailures: 2, random: 0.5) == .seconds(4))
        #expect(backoff.delay(afterFailures: 5, random: 0.5) == .seconds(32))
        #expect(backoff.delay(afterFailures: 6, random: 0.5) == .seconds(60))
        #expect(backoff.delay(afterFailures: 10_000, random: 0.5) == .seconds(60))
        #expect(backoff.delay(afterFailures: 1, random: 0) == .milliseconds(1600))
        #expect(backoff.delay(afterFailures: 1, random: 0.999_999) == .milliseconds(2400))
        // Out-of-range inputs are clamped, never trap.
        #expect(backoff.delay(afterFailures: -3, random: 7) == .milliseconds(2400))
        #expect(RetryBackoff(initial: .seconds(5), maximum: .seconds(1), multiplier: 0.1, jitter: -1).delay(afterFailures: 3, random: 0) == .seconds(5))
    }

    @Test func theFirstDestinationGetsEveryBatchWhileItDelivers() {
        var machine = Machine(routes: [.data, .data], configuration: .init(backoff: backoff))
        #expect(machine.handle(.batchReady(now: .zero)) == [.send(route: 0)])
        #expect(machine.handle(.batchFinished(route: 0, failed: false, now: .seconds(1), random: 0.5)) == [])
        #expect(machine.handle(.batchReady(now: .seconds(1))) == [.send(route: 0)])
        #expect(machine.dataDownSince == nil)
    }

    @Test func aFailingDestinationBacksOffAndTheNextTakesOver() {
        var machine = Machine(routes: [.data, .data], configuration: .init(backoff: backoff))
        _ = machine.handle(.batchFinished(route: 0, failed: true, now: .seconds(10), random: 0.5))
        #expect(machine.routes[0].retryAt == .seconds(12))
        #expect(machine.handle(.batchReady(now: .seconds(10))) == [.send(route: 1)])
        _ = machine.handle(.batchFinished(route: 1, failed: true, now: .seconds(11), random: 0.5))
        #expect(machine.handle(.batchReady(now: .seconds(11))) == [.wait(until: .seconds(12))])
        // The primary's backoff ends first, so it is tried again first.
        #expect(machine.handle(.batchReady(now: .seconds(12))) == [.send(route: 0)])
        _ = machine.handle(.batchFinished(route: 0, failed: true, now: .seconds(12), random: 0.5))
        #expect(machine.routes[0].failures == 2)
        #expect(machine.routes[0].retryAt == .seconds(16))
        #expect(machine.handle(.batchReady(now: .seconds(12))) == [.wait(until: .seconds(13))])
        // One success resets that destination and ends the outage.
        _ = machine.handle(.batchFinished(route: 1, failed: false, now: .seconds(13), random: 0.5))
        #expect(machine.routes[1].failures == 0)
        #expect(machine.dataDownSince == nil)
        #expect(machine.handle(.batchReady(now: .seconds(13))) == [.send(route: 1)])
    }

    @Test func smsOpensOnlyAfterDataHasBeenDownLongEnough() {
        var machine = Machine(routes: [.data, .sms], configuration: .init(backoff: backoff, smsAfter: .seconds(100)))
        // Data never failed: SMS is not an option, however long we wait.
        #expect(machine.handle(.batchReady(now: .seconds(5000))) == [.send(route: 0)])
        _ = machine.handle(.batchFinished(route: 0, failed: true, now: .seconds(5000), random: 0.5))
        #expect(machine.dataDownSince == .seconds(5000))
        #expect(!machine.smsFallbackOpen(at: .seconds(5099)))
        #expect(machine.handle(.batchReady(now: .seconds(5001))) == [.wait(until: .seconds(5002))])
        // Keep failing; the outage is dated from the first failure, not the latest. Retries at
        // 5002, 5006, 5014, 5030, 5062; after that the next data retry (5122, the 60 s cap) is later than the
        // moment SMS opens (5100).
        for (failAt, retryAt) in [(5002, 5006), (5006, 5014), (5014, 5030), (5030, 5062), (5062, 5122)] {
            #expect(machine.handle(.batchReady(now: .seconds(failAt))) == [.send(route: 0)])
            _ = machine.handle(.batchFinished(route: 0, failed: true, now: .seconds(failAt), random: 0.5))
            #expect(machine.routes[0].retryAt == .seconds(retryAt))
        }
        #expect(machine.handle(.batchReady(now: .seconds(5062))) == [.wait(until: .seconds(5100))])
        #expect(machine.smsFallbackOpen(at: .seconds(5100)))
        #expect(machine.dataDownSince == .seconds(5000))
        #expect(machine.handle(.batchReady(now: .seconds(5100))) == [.send(route: 1)])
        _ = machine.handle(.batchFinished(route: 1, failed: false, now: .seconds(5101), random: 0.5))
        // An SMS success does not mean data is back.
        #expect(machine.dataDownSince == .seconds(5000))
        #expect(machine.handle(.batchReady(now: .seconds(5122))) == [.send(route: 0)])
        // Data comes back: SMS closes again.
        _ = machine.handle(.batchFinished(route: 0, failed: false, now: .seconds(5200), random: 0.5))
        #expect(!machine.smsFallbackOpen(at: .seconds(9999)))
        #expect(machine.handle(.batchReady(now: .seconds(5200))) == [.send(route: 0)])
    }

    @Test func onlySMSOrNothingAtAll() {
        var smsOnly = Machine(routes: [.sms], configuration: .init(backoff: backoff, smsAfter: .seconds(600)))
        #expect(smsOnly.handle(.batchReady(now: .zero)) == [.send(route: 0)])
        var disabled = Machine(routes: [.data, .sms], configuration: .init(backoff: backoff, smsAfter: nil))
        _ = disabled.handle(.batchFinished(route: 0, failed: true, now: .zero, random: 0.5))
        #expect(disabled.handle(.batchReady(now: .seconds(1))) == [.wait(until: .seconds(2))])
        var none = Machine(routes: [], configuration: .init(backoff: backoff))
        #expect(none.handle(.batchReady(now: .zero)) == [.hold])
        #expect(none.handle(.batchFinished(route: 3, failed: true, now: .zero, random: 0.5)) == [])
    }
}
