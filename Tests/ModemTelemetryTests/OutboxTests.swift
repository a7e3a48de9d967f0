import Foundation
import GRDB
@testable import ModemTelemetry
import Synchronization
import Telemetry
import Testing

@Suite struct OutboxTests: OutboxTestSuite {
    let folder: TemporaryFolder
    let sources = TestSources()

    init() throws { folder = try TemporaryFolder() }

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func enqueuedReadingsComeBackOldestFirstWithIDTimeAndSequence() throws {
        let outbox = try open()
        let first = try outbox.enqueue(bytes(#"{"t":1}"#))
        sources.time.store(1_764_112_346_000, ordering: .relaxed)
        let batch = try outbox.enqueue(batch: [bytes("2"), bytes(#"[3]"#)])
        #expect(first == TelemetryReading(id: "id-1", enqueuedAt: 1_764_112_345_000, sequence: 1, payload: bytes(#"{"t":1}"#)))
        #expect(batch.map(\.sequence) == [2, 3])
        #expect(batch.map(\.enqueuedAt) == [1_764_112_346_000, 1_764_112_346_000])
        #expect(try outbox.next(limit: 10) == [first] + batch)
        #expect(try outbox.next(limit: 2) == [first, batch[0]])
        #expect(try outbox.next(limit: 0) == [])
    }

    @Test func defaultIDsAreLowercaseVersion4UUIDs() {
        let ids = (0..<1_000).map { _ in OutboxConfiguration.randomUUID() }
        #expect(Set(ids).count == 1_000)
        for id in ids {
            #expect(UUID(uuidString: id)?.uuidString.lowercased() == id, "\(id)")
            let characters = Array(id)
            #expect(characters[14] == "4" && "89ab".contains(characters[19]), "\(id)")
        }
    }

    @Test func invalidReadingsAreRefusedWithWhereAndNothingOfTheBatchEnters() throws {
        let outbox = try open()
        #expect(throws: OutboxError.invalidReading(index: 0, ReadingError(.trailingComma, at: 2))) {
            try outbox.enqueue(bytes("[1,]"))
        }
        #expect(throws: OutboxError.invalidReading(index: 1, ReadingError(.leadingZero, at: 0))) {
            try outbox.enqueue(batch: [bytes("1"), bytes("01"), bytes("3")])
        }
        #expect(try outbox.status().depth == 0)
        #expect(try outbox.next(limit: 10).isEmpty)
    }

    @Test func whenFullDropOldestDeletesTheOldestAndCountsThem() throws {
        let outbox = try open { $0.capacity = 3 }
        try outbox.enqueue(batch: (1...3).map { bytes("\($0)") })
        try outbox.enqueue(batch: [bytes("4"), bytes("5")])
        #expect(try outbox.next(limit: 10).map(\.payload) == [bytes("3"), bytes("4"), bytes("5")])
        let status = try outbox.status()
        #expect(status.depth == 3 && status.dropped == 2 && status.capacity == 3)
        #expect(throws: OutboxError.batchLargerThanCapacity(count: 4, capacity: 3)) {
            try outbox.enqueue(batch: Array(repeating: bytes("1"), count: 4))
        }
    }

    @Test func whenFullRefuseNewKeepsWhatIsThereAndCountsTheRefused() throws {
        let outbox = try open {
            $0.capacity = 2
            $0.whenFull = .refuseNew
        }
        try outbox.enqueue(bytes("1"))
        #expect(throws: OutboxError.full(capacity: 2)) { try outbox.enqueue(batch: [bytes("2"), bytes("3")]) }
        try outbox.enqueue(bytes("2"))
        #expect(throws: OutboxError.full(capacity: 2)) { try outbox.enqueue(bytes("3")) }
        #expect(try outbox.next(limit: 10).map(\.payload) == [bytes("1"), bytes("2")])
        let status = try outbox.status()
        #expect(status.depth == 2 && status.refused == 3 && status.dropped == 0)
    }

    @Test func completeDeletesDeliveredAndRejectedAndCountsThem() throws {
        let outbox = try open { $0.rejectionHistory = 2 }
        let readings = try outbox.enqueue(batch: (1...6).map { bytes("\($0)") })
        sources.time.store(1_764_112_400_000, ordering: .relaxed)
        let report = DeliveryReport(
            delivered: [readings[0].id, readings[1].id, "not-there"],
            rejected: [.init(id: readings[2].id, reason: "HTTP 422: bad field"), .init(id: readings[3].id, reason: "HTTP 400")])
        try outbox.complete(report, destination: "http://127.0.0.1:8080/ingest", attempted: Array(readings[0..<4]))
        #expect(try outbox.next(limit: 10) == Array(readings[4...]))
        let status = try outbox.status()
        #expect(status.depth == 2 && status.delivered == 2 && status.rejected == 2 && status.failures == 0)
        #expect(status.lastDelivery == .init(at: 1_764_112_400_000, destination: "http://127.0.0.1:8080/ingest"))
        #expect(status.lastError == nil)
        #expect(status.oldestEnqueuedAt == 1_764_112_345_000)

        try outbox.complete(DeliveryReport(rejected: [.init(id: readings[4].id, reason: "too old")]), destination: "mqtt")
        #expect(try outbox.recentRejections().map(\.reason) == ["too old", "HTTP 400"], "capped at the history of 2, newest first")
        #expect(try outbox.recentRejections(limit: 1) == [OutboxRejection(readingID: readings[4].id, reason: "too old", destination: "mqtt", at: 1_764_112_400_000)])
    }

    @Test func aFailureIsCountedKeptAsLastErrorAndAddsAnAttempt() throws {
        let outbox = try open()
        let readings = try outbox.enqueue(batch: [bytes("1"), bytes("2")])
        let failed = DeliveryReport(delivered: [readings[0].id], failure: "connection reset by peer")
        try outbox.complete(failed, destination: "tcp://127.0.0.1:9000", attempted: readings)
        try outbox.complete(DeliveryReport(failure: "no route"), destination: "tcp://127.0.0.1:9000", attempted: [readings[1]])
        let status = try outbox.status()
        #expect(status.depth == 1 && status.delivered == 1 && status.failures == 2 && status.oldestAttempts == 2)
        #expect(status.lastError == .init(at: 1_764_112_345_000, destination: "tcp://127.0.0.1:9000", message: "no route"))
        #expect(try outbox.next(limit: 5) == [readings[1]])
    }

    @Test func readingsCountersAndSequencesSurviveReopening() throws {
        do {
            let outbox = try open()
            let readings = try outbox.enqueue(batch: [bytes("1"), bytes("2"), bytes("3")])
            try outbox.complete(DeliveryReport(delivered: [readings[2].id]), destination: "udp")
        }
        let reopened = try open()
        #expect(try reopened.next(limit: 10).map(\.sequence) == [1, 2])
        #expect(try reopened.enqueue(bytes("4")).sequence == 4, "sequences are never reused")
        #expect(try reopened.status().delivered == 1)
    }

    @Test func sequencesAreNeverReusedEvenWhenTheOutboxEmpties() throws {
        do {
            let outbox = try open()
            let readings = try outbox.enqueue(batch: [bytes("1"), bytes("2"), bytes("3")])
            try outbox.complete(DeliveryReport(delivered: [readings[2].id, readings[1].id]), destination: "mqtt")
            try outbox.complete(DeliveryReport(rejected: [.init(id: readings[0].id, reason: "no")]), destination: "mqtt")
            #expect(try outbox.status().depth == 0)
        }
        let reopened = try open { $0.capacity = 2 }
        #expect(try reopened.enqueue(batch: [bytes("4"), bytes("5")]).map(\.sequence) == [4, 5])
        for value in 6...20 { try reopened.enqueue(bytes("\(value)")) }
        #expect(try reopened.next(limit: 5).map(\.sequence) == [19, 20])
        let status = try reopened.status()
        #expect(status.depth == 2 && status.dropped == 15 && status.delivered == 2 && status.rejected == 1)
        #expect(try reopened.checkIntegrity() == [])
    }

    @Test func anotherConnectionReadsTheStatusWhileTheOutboxIsOpen() throws {
        let outbox = try open()
        try outbox.enqueue(batch: [bytes("1"), bytes("2")])
        try outbox.complete(DeliveryReport(failure: "timeout"), destination: "sms:+4930")
        let seen = try Outbox.status(ofDatabaseAt: folder.path())
        #expect(seen == (try outbox.status()))
        #expect(seen.depth == 2 && seen.failures == 1 && seen.lastError?.message == "timeout")
        try outbox.enqueue(bytes("3"))
        #expect(try Outbox.status(ofDatabaseAt: folder.path()).depth == 3)
        #expect(try Outbox.recentRejections(ofDatabaseAt: folder.path()).isEmpty)
    }

    @Test func statusOfAMissingOutboxIsAnErrorAndCreatesNothing() throws {
        let path = folder.path("missing.sqlite")
        #expect(throws: OutboxError.self) { try Outbox.status(ofDatabaseAt: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [OutboxConfiguration.Durability.full, .normal])
    func theDatabaseUsesWALAndTheDurabilitysSynchronousSetting(_ durability: OutboxConfiguration.Durability) throws {
        let outbox = try open { $0.durability = durability }
        try outbox.enqueue(bytes("1"))
        let queue = try DatabaseQueue(path: folder.path())
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        // synchronous is per connection: ask the outbox's own.
        #expect(try outbox.synchronousSetting() == (durability == .full ? 2 : 1))
    }

    @Test func aNewerSchemaIsRefused() throws {
        _ = try open()
        let queue = try DatabaseQueue(path: folder.path())
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
        #expect(throws: OutboxError.database(operation: "open", path: folder.path(), message: "the outbox was written by a newer ModemKit (unknown schema version)")) {
            try open()
        }
    }

    @Test func aFileThatIsNotADatabaseIsATypedError() throws {
        try Data("not sqlite at all, not sqlite at all, not sqlite at all, not sqlite at all, not sqlite".utf8).write(to: URL(fileURLWithPath: folder.path()))
        #expect(throws: OutboxError.self) { try open() }
    }
}
