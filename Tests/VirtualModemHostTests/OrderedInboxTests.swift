import Foundation
import ModemKitTestSupport
import Testing
@testable import VirtualModemHost

/// The queue between a socket performer's thread and the runner: events arrive at the actor in
/// the order they were pushed, none lost, with at most one pump at a time. (A task per event, as
/// before, let `modemkit socket` print a server's echo with its chunks swapped under load.)
@Suite struct OrderedInboxTests {
    actor Consumer {
        let inbox = OrderedInbox<Int>()
        private(set) var seen: [Int] = []
        private(set) var pumps = 0
        private var running = false
        private(set) var overlapped = false

        func pump() async {
            if running { overlapped = true }
            running = true
            pumps += 1
            while case let batch = inbox.take(), !batch.isEmpty {
                seen += batch
                await Task.yield()   // let other tasks (and pumps, were there a second) run between batches
            }
            running = false
        }
    }

    @Test func eventsFromAnotherThreadKeepTheirOrder() async throws {
        let consumer = Consumer()
        let inbox = consumer.inbox
        let count = 100_000
        let producer = Thread {
            for value in 0..<count where inbox.push(value) {
                Task { await consumer.pump() }
            }
        }
        producer.start()
        let seen = try await bounded(.seconds(60)) {
            while await consumer.seen.count < count { await Task.yield() }
            return await consumer.seen
        }
        #expect(seen == Array(0..<count))
        #expect(await consumer.overlapped == false)
        #expect(await consumer.pumps >= 1)
    }

    @Test func aPushAfterTheQueueRanDryStartsAPumpAgain() {
        let inbox = OrderedInbox<String>()
        #expect(inbox.push("a"))          // no pump yet: start one
        #expect(!inbox.push("b"))         // one is running
        #expect(inbox.take() == ["a", "b"])
        #expect(inbox.take().isEmpty)     // dry: that pump ends
        #expect(inbox.push("c"))          // so the next push starts another
        #expect(inbox.take() == ["c"])
    }
}
