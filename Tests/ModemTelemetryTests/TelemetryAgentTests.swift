import ModemKitTestSupport
import ModemTelemetry
import Telemetry
import Testing

/// An outbox in memory: what the agent sees of one.
actor MemoryQueue: TelemetryQueue {
    private(set) var readings: [TelemetryReading]
    private(set) var completions: [(report: DeliveryReport, destination: String)] = []

    init(count: Int) {
        readings = (0..<count).map { TelemetryReading(id: "r\($0)", enqueuedAt: 1_000 + Int64($0), sequence: Int64($0), payload: Array("\($0)".utf8)) }
    }

    func next(limit: Int) -> [TelemetryReading] { Array(readings.prefix(limit)) }

    func complete(_ report: DeliveryReport, destination: String, attempted: [TelemetryReading]) {
        let gone = Set(report.delivered + report.rejected.map(\.id))
        readings.removeAll { gone.contains($0.id) }
        completions.append((report, destination))
    }

    func add(_ reading: TelemetryReading) { readings.append(reading) }
}

/// A destination whose answers the test scripts: deliver all, fail, or reject some.
actor ScriptedSender: TelemetrySender {
    enum Behaviour: Sendable { case deliver, fail(String), reject(Set<String>), deliverFirst(Int) }
    nonisolated let name: String
    var behaviour: Behaviour
    private(set) var received: [String] = []
    private(set) var closed = 0

    init(_ name: String, _ behaviour: Behaviour = .deliver) {
        self.name = name
        self.behaviour = behaviour
    }

    func set(_ behaviour: Behaviour) { self.behaviour = behaviour }

    func deliver(_ readings: [TelemetryReading]) -> DeliveryReport {
        switch behaviour {
        case .deliver:
            received += readings.map(\.id)
            return DeliveryReport(delivered: readings.map(\.id))
        case .fail(let why):
            return DeliveryReport(failure: why)
        case .reject(let ids):
            let kept = readings.filter { !ids.contains($0.id) }
            received += kept.map(\.id)
            return DeliveryReport(
                delivered: kept.map(\.id),
                rejected: readings.filter { ids.contains($0.id) }.map { .init(id: $0.id, reason: "HTTP 400 Bad Request") })
        case .deliverFirst(let count):
            let sent = readings.prefix(count)
            received += sent.map(\.id)
            return DeliveryReport(delivered: sent.map(\.id), failure: "connection lost")
        }
    }

    func close() { closed += 1 }
}

@Suite("TelemetryAgent: draining the outbox to destinations")
struct TelemetryAgentTests {
    let policy = TelemetryDeliveryStateMachine.Configuration(backoff: RetryBackoff(initial: .seconds(2), maximum: .seconds(60), jitter: 0), smsAfter: .seconds(30))

    @Test func drainsEverythingInOrderInBatches() async {
        let queue = MemoryQueue(count: 45)
        let mqtt = ScriptedSender("mqtt")
        let agent = TelemetryAgent(queue: queue, routes: [.init(mqtt)], configuration: .init(batchSize: 20, policy: policy), clock: ManualClock())
        #expect(await agent.drain() == .empty)
        #expect(await mqtt.received == (0..<45).map { "r\($0)" })
        #expect(await queue.completions.map(\.report.delivered.count) == [20, 20, 5])
        #expect(await queue.readings.isEmpty)
    }

    @Test func rejectedReadingsLeaveTheOutboxWithTheirReason() async {
        let queue = MemoryQueue(count: 5)
        let http = ScriptedSender("http", .reject(["r1", "r3"]))
        let agent = TelemetryAgent(queue: queue, routes: [.init(http)], configuration: .init(policy: policy), clock: ManualClock())
        #expect(await agent.drain() == .empty)
        #expect(await http.received == ["r0", "r2", "r4"])
        #expect(await queue.completions.first?.report.rejected.map(\.reason) == ["HTTP 400 Bad Request", "HTTP 400 Bad Request"])
    }

    @Test func aPartialBatchKeepsTheRestForTheRetry() async {
        let queue = MemoryQueue(count: 10)
        let mqtt = ScriptedSender("mqtt", .deliverFirst(4))
        let clock = ManualClock()
        let agent = TelemetryAgent(queue: queue, routes: [.init(mqtt)], configuration: .init(policy: policy), clock: clock)
        let drained = Task { await agent.drain() }
        await clock.waitForSleepers(1)
        #expect(await queue.readings.map(\.id) == (4..<10).map { "r\($0)" })
        await mqtt.set(.deliver)
        clock.advance(by: .seconds(2))
        #expect(await drained.value == .empty)
        #expect(await mqtt.received == (0..<10).map { "r\($0)" })
    }

    @Test func aFailingPrimaryBacksOffAndTheSecondDestinationTakesTheBatch() async {
        let queue = MemoryQueue(count: 3)
        let mqtt = ScriptedSender("mqtt", .fail("connect failed: 566 (socket connect failed)"))
        let http = ScriptedSender("http")
        let agent = TelemetryAgent(queue: queue, routes: [.init(mqtt), .init(http)], configuration: .init(policy: policy), clock: ManualClock())
        #expect(await agent.drain() == .empty)
        #expect(await http.received == ["r0", "r1", "r2"])
        #expect(await queue.completions.map(\.destination) == ["mqtt", "http"])
    }

    @Test func smsTakesOverOnlyAfterDataHasBeenDownForSmsAfter() async {
        let queue = MemoryQueue(count: 2)
        let mqtt = ScriptedSender("mqtt", .fail("no network service"))
        let sms = ScriptedSender("sms:+15551234567")
        let clock = ManualClock()
        let agent = TelemetryAgent(queue: queue, routes: [.init(mqtt), .init(sms, kind: .sms)], configuration: .init(policy: policy), clock: clock)
        let drained = Task { await agent.drain() }
        // Data fails at 0 s and again at each retry: 2, 6, 14 s. At 30 s the data retry and the
        // SMS fallback are both due: data keeps its priority and fails once more, then SMS goes.
        for next in [2, 6, 14, 30] {
            await clock.waitForSleepers(1)
            #expect(await queue.readings.count == 2, "nothing leaves while data is down and SMS is closed")
            clock.advance(by: .seconds(next) - clock.now.offset)
        }
        #expect(await drained.value == .empty)
        #expect(await sms.received == ["r0", "r1"])
        #expect(await mqtt.received.isEmpty)
        #expect(await queue.completions.map(\.destination) == ["mqtt", "mqtt", "mqtt", "mqtt", "mqtt", "sms:+15551234567"])
    }

    @Test func runWaitsForReadingsAndStopClosesTheSenders() async {
        let queue = MemoryQueue(count: 1)
        let mqtt = ScriptedSender("mqtt")
        let agent = TelemetryAgent(queue: queue, routes: [.init(mqtt)], configuration: .init(policy: policy, pollInterval: nil), clock: ManualClock())
        var events = agent.events.makeAsyncIterator()
        let running = Task { await agent.run() }
        #expect(await events.next() == .delivered(count: 1, destination: "mqtt"))
        #expect(await events.next() == .idle)
        await queue.add(TelemetryReading(id: "late", enqueuedAt: 9, sequence: 9, payload: Array("{}".utf8)))
        await agent.notifyEnqueued()
        #expect(await events.next() == .delivered(count: 1, destination: "mqtt"))
        await agent.stop()
        await running.value
        #expect(await mqtt.received == ["r0", "late"])
        #expect(await mqtt.closed == 1)
    }

    @Test func cyclesWakeDeliverCloseAndRest() async {
        let queue = MemoryQueue(count: 3)
        let mqtt = ScriptedSender("mqtt")
        let clock = ManualClock()
        let agent = TelemetryAgent(queue: queue, routes: [.init(mqtt)], configuration: .init(policy: policy), clock: clock)
        let log = Log()
        let running = Task {
            await agent.runCycles(every: .seconds(60), wake: { await log.add("wake") }, rest: { await log.add("rest") })
        }
        await clock.waitForSleepers(1)
        #expect(await log.entries == ["wake", "rest"])
        #expect(await mqtt.received == ["r0", "r1", "r2"])
        #expect(await mqtt.closed == 1, "connections close before the modem rests")
        await queue.add(TelemetryReading(id: "next", enqueuedAt: 9, sequence: 9, payload: Array("{}".utf8)))
        clock.advance(by: .seconds(60))
        await clock.waitForSleepers(1)
        #expect(await log.entries == ["wake", "rest", "wake", "rest"])
        #expect(await mqtt.received.last == "next")
        await agent.stop()
        await running.value
    }

    actor Log {
        var entries: [String] = []
        func add(_ entry: String) { entries.append(entry) }
    }

    @Test func noDestinationHoldsEverything() async {
        let queue = MemoryQueue(count: 2)
        let agent = TelemetryAgent(queue: queue, routes: [], clock: ManualClock())
        #expect(await agent.drain() == .incomplete(lastFailure: "no destination can take the readings"))
        #expect(await queue.readings.count == 2)
    }
}
