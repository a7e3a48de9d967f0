import Foundation
import GRDB
import Synchronization
import Telemetry

/// The durable queue every reading enters before any attempt to send it: a SQLite database
/// (WAL journal) that survives restarts and crashes, bounded, oldest first.
///
/// Producers ``enqueue(_:)`` readings (each is validated as JSON, given a unique ID, a time and
/// a sequence); the agent takes the oldest with ``next(limit:)``, hands them to a sender, and
/// passes the sender's ``DeliveryReport`` to ``complete(_:destination:attempted:)``, which
/// deletes what was delivered or rejected. Whatever is not completed stays and goes out again:
/// delivery is at least once, and receivers drop copies by ID.
///
///     let outbox = try Outbox(path: "/var/lib/modemkit/outbox.sqlite")
///     try outbox.enqueue(Array(#"{"t":21.5}"#.utf8))
///     let batch = try outbox.next(limit: 50)
///     let report = await sender.deliver(batch)
///     try outbox.complete(report, destination: sender.name, attempted: batch)
///     print(try outbox.status().depth)
///
/// One process should drain an outbox (the agent); any number of threads and other processes
/// may enqueue into it and read its status (``status(ofDatabaseAt:)``) while it runs. Calls
/// block while SQLite works (microseconds; an fsync with ``OutboxConfiguration/Durability/full``).
public final class Outbox: Sendable {
    /// The database file.
    public let path: String
    public let configuration: OutboxConfiguration
    let database: DatabaseQueue
    /// Callers of ``enqueueGrouped(_:)`` waiting for the next shared commit.
    let group = Mutex(GroupCommit())
    /// Runs the shared commits, one at a time.
    let committer = DispatchQueue(label: "ModemKit.Outbox.groupCommit")

    /// Opens the outbox at `path`, creating it (and its tables) if needed, and migrating an
    /// older schema. The parent folder must exist.
    public init(path: String, configuration: OutboxConfiguration = OutboxConfiguration()) throws(OutboxError) {
        var configuration = configuration
        configuration.capacity = max(1, configuration.capacity)
        configuration.rejectionHistory = max(0, configuration.rejectionHistory)
        self.path = path
        self.configuration = configuration
        var options = Configuration()
        options.journalMode = .wal
        options.busyMode = .timeout(10)
        options.label = "ModemKit.Outbox"
        let synchronous = configuration.durability == .full ? "FULL" : "NORMAL"
        let capacity = configuration.capacity
        do {
            database = try DatabaseQueue(path: path, configuration: options)
            try database.writeWithoutTransaction { db in
                // After GRDB's WAL set-up, which chooses NORMAL: this connection is the only
                // one that writes through this Outbox, so the setting holds for all its commits.
                try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
                if try Self.migrator.hasBeenSuperseded(db) {
                    throw OutboxError.database(operation: "open", path: path, message: "the outbox was written by a newer ModemKit (unknown schema version)")
                }
            }
            try Self.migrator.migrate(database)
            try database.write { db in
                try db.execute(sql: "UPDATE outboxState SET capacity = ?", arguments: [capacity])
            }
        } catch {
            throw Self.failure("open", path, error)
        }
    }

    /// Validates `payload` and adds it to the outbox in its own transaction; returns it with its
    /// ID, time and sequence. When the call returns, the reading is committed (see
    /// ``OutboxConfiguration/Durability`` for what that survives).
    ///
    ///     let reading = try outbox.enqueue(Array(#"{"rssi":-71}"#.utf8))
    ///     print(reading.id, reading.sequence)
    @discardableResult
    public func enqueue(_ payload: [UInt8]) throws(OutboxError) -> TelemetryReading {
        try enqueue(batch: [payload])[0]
    }

    /// Validates every payload and adds them all in one transaction (all or none), in order;
    /// much faster per reading than one ``enqueue(_:)`` each, above all with
    /// ``OutboxConfiguration/Durability/full`` (one fsync per batch).
    ///
    ///     let readings = try outbox.enqueue(batch: lines.map { Array($0.utf8) })
    @discardableResult
    public func enqueue(batch payloads: [[UInt8]]) throws(OutboxError) -> [TelemetryReading] {
        guard !payloads.isEmpty else { return [] }
        for (index, payload) in payloads.enumerated() {
            do { try configuration.validator.validate(payload) } catch { throw .invalidReading(index: index, error) }
        }
        let capacity = configuration.capacity
        guard payloads.count <= capacity else { throw .batchLargerThanCapacity(count: payloads.count, capacity: capacity) }
        let accepted = try insert(payloads, ids: payloads.map { _ in configuration.makeID() }, allOrNothing: true)
        guard accepted.count == payloads.count else { throw .full(capacity: capacity) }
        return accepted
    }

    /// Inserts validated payloads in one transaction, applying the full policy, and returns the
    /// readings that went in: all of them, or (when the outbox refuses new readings and has
    /// room for fewer) all or none with `allOrNothing`, else as many as fit, in order. The
    /// refused ones are counted.
    func insert(_ payloads: [[UInt8]], ids: [String], allOrNothing: Bool) throws(OutboxError) -> [TelemetryReading] {
        let capacity = configuration.capacity
        let refuseNew = configuration.whenFull == .refuseNew
        let now = configuration.now()
        return try write("enqueue") { db -> [TelemetryReading] in
            var readings: [TelemetryReading] = []
            try db.inTransaction(.immediate) {
                let counts = try Self.counts(db)
                let depth = counts.depth
                var admitted = payloads.count
                if refuseNew, depth + payloads.count > capacity {
                    admitted = allOrNothing ? 0 : max(0, capacity - depth)
                    try db.cachedStatement(sql: "UPDATE outboxState SET refused = refused + ?").execute(arguments: [payloads.count - admitted])
                }
                let insert = try db.cachedStatement(sql: "INSERT INTO reading (sequence, id, enqueuedAt, payload) VALUES (?, ?, ?, ?)")
                readings.reserveCapacity(admitted)
                for (offset, payload) in payloads.prefix(admitted).enumerated() {
                    let reading = TelemetryReading(id: ids[offset], enqueuedAt: now, sequence: counts.issued + 1 + Int64(offset), payload: payload)
                    try insert.execute(arguments: [reading.sequence, reading.id, reading.enqueuedAt, Data(payload)])
                    readings.append(reading)
                }
                let overflow = refuseNew ? 0 : depth + admitted - capacity
                if overflow > 0 {
                    try db.cachedStatement(sql: "DELETE FROM reading WHERE sequence IN (SELECT sequence FROM reading ORDER BY sequence LIMIT ?)")
                        .execute(arguments: [overflow])
                    let dropped = db.changesCount
                    try Self.recordRemoval(db, count: dropped, issued: counts.issued + Int64(admitted))
                    try db.cachedStatement(sql: "UPDATE outboxState SET dropped = dropped + ?").execute(arguments: [dropped])
                }
                return .commit
            }
            return readings
        }
    }

    /// The oldest `limit` readings, oldest first; they stay in the outbox until completed.
    public func next(limit: Int) throws(OutboxError) -> [TelemetryReading] {
        guard limit > 0 else { return [] }
        return try read("next") { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT sequence, id, enqueuedAt, payload FROM reading ORDER BY sequence LIMIT ?"), arguments: [limit])
                .map { row in
                    let payload: Data = row[3]
                    return TelemetryReading(id: row[1], enqueuedAt: row[2], sequence: row[0], payload: [UInt8](payload))
                }
        }
    }

    /// Applies a sender's report in one transaction: deletes the delivered and the rejected
    /// readings, remembers the rejections (capped), counts them, and records the delivery time
    /// and `destination`. When the report has a failure, counts it, keeps it as the last error,
    /// and adds one attempt to each reading of `batch` that is still waiting.
    ///
    ///     let report = await sender.deliver(batch)
    ///     try outbox.complete(report, destination: sender.name, attempted: batch)
    ///
    /// IDs that are no longer in the outbox (completed twice, dropped meanwhile) are ignored.
    public func complete(_ report: DeliveryReport, destination: String, attempted batch: [TelemetryReading] = []) throws(OutboxError) {
        let now = configuration.now()
        let history = configuration.rejectionHistory
        try write("complete") { db in
            try db.inTransaction(.immediate) {
                let issued = try Self.counts(db).issued
                let delete = try db.cachedStatement(sql: "DELETE FROM reading WHERE id = ?")
                var delivered = 0
                var rejected = 0
                for id in report.delivered {
                    try delete.execute(arguments: [id])
                    delivered += db.changesCount
                }
                let remember = try db.cachedStatement(sql: "INSERT INTO rejection (readingID, reason, destination, rejectedAt) VALUES (?, ?, ?, ?)")
                for rejection in report.rejected {
                    try delete.execute(arguments: [rejection.id])
                    rejected += db.changesCount
                    try remember.execute(arguments: [rejection.id, rejection.reason, destination, now])
                }
                if !report.rejected.isEmpty {
                    try db.execute(sql: "DELETE FROM rejection WHERE number <= (SELECT MAX(number) FROM rejection) - ?", arguments: [history])
                }
                try Self.recordRemoval(db, count: delivered + rejected, issued: issued)
                try db.execute(sql: "UPDATE outboxState SET delivered = delivered + ?, rejected = rejected + ?", arguments: [delivered, rejected])
                if !report.delivered.isEmpty {
                    try db.execute(sql: "UPDATE outboxState SET lastDeliveryAt = ?, lastDeliveryDestination = ?", arguments: [now, destination])
                }
                if let failure = report.failure {
                    try db.execute(
                        sql: "UPDATE outboxState SET failures = failures + 1, lastErrorAt = ?, lastErrorDestination = ?, lastError = ?",
                        arguments: [now, destination, failure])
                    let attempt = try db.cachedStatement(sql: "UPDATE reading SET attempts = attempts + 1 WHERE id = ?")
                    for reading in batch { try attempt.execute(arguments: [reading.id]) }
                }
                return .commit
            }
        }
    }

    // MARK: - Plumbing

    /// The largest sequence ever issued and how many readings were ever removed; their
    /// difference is the depth. Reads one B-tree edge and one row: no counting, no writing.
    static func counts(_ db: Database) throws -> (issued: Int64, removed: Int64, depth: Int) {
        let largest = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(sequence) FROM reading")) ?? 0
        let state = try Row.fetchOne(db.cachedStatement(sql: "SELECT highWater, removed FROM outboxState"))
        let issued = max(largest, state?[0] ?? 0)
        let removed: Int64 = state?[1] ?? 0
        return (issued, removed, Int(issued - removed))
    }

    /// Records `count` deleted readings, and `issued` (taken before the delete) as the high
    /// water mark, so that no sequence is ever issued twice.
    static func recordRemoval(_ db: Database, count: Int, issued: Int64) throws {
        try db.cachedStatement(sql: "UPDATE outboxState SET highWater = MAX(highWater, ?), removed = removed + ?")
            .execute(arguments: [issued, count])
    }

    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws(OutboxError) -> T {
        do { return try database.writeWithoutTransaction(body) } catch { throw Self.failure(operation, path, error) }
    }

    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws(OutboxError) -> T {
        do { return try database.read(body) } catch { throw Self.failure(operation, path, error) }
    }

    static func failure(_ operation: String, _ path: String, _ error: any Error) -> OutboxError {
        switch error {
        case let error as OutboxError: error
        case let error as DatabaseError: .database(operation: operation, path: path, message: "\(error.resultCode): \(error.message ?? "no message")")
        default: .database(operation: operation, path: path, message: "\(error)")
        }
    }
}
