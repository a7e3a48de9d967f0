import GRDB

extension Outbox {
    /// The outbox's counters, depth and last delivery and error, read in one snapshot.
    public func status() throws(OutboxError) -> OutboxStatus {
        try read("status", Self.readStatus)
    }

    /// The most recent rejections, newest first (at most ``OutboxConfiguration/rejectionHistory``).
    public func recentRejections(limit: Int = 20) throws(OutboxError) -> [OutboxRejection] {
        try read("recent rejections") { db in try Self.readRejections(db, limit: limit) }
    }

    /// The status of the outbox at `path`, read through a read-only connection: this is how
    /// `modemkit telemetry status` looks at the outbox of a running agent (WAL lets it read
    /// while the agent writes). Creates nothing when there is no outbox there.
    ///
    ///     let status = try Outbox.status(ofDatabaseAt: "/var/lib/modemkit/outbox.sqlite")
    public static func status(ofDatabaseAt path: String) throws(OutboxError) -> OutboxStatus {
        try readOnly(path, "status", readStatus)
    }

    /// The most recent rejections of the outbox at `path`, newest first, read-only.
    public static func recentRejections(ofDatabaseAt path: String, limit: Int = 20) throws(OutboxError) -> [OutboxRejection] {
        try readOnly(path, "recent rejections") { db in try readRejections(db, limit: limit) }
    }

    /// Checks the database after a crash or before a report: SQLite's `PRAGMA integrity_check`,
    /// and the counters against the rows (depth, last sequence). Returns what is wrong, or
    /// nothing when all is well.
    ///
    ///     let problems = try outbox.checkIntegrity()   // [] after any crash, by design
    public func checkIntegrity() throws(OutboxError) -> [String] {
        try read("integrity check") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reading") ?? 0
            let depth = try Self.counts(db).depth
            if depth != count { problems.append("the counters say \(depth) readings wait but \(count) do") }
            return problems
        }
    }

    static func readOnly<T>(_ path: String, _ operation: String, _ body: (Database) throws -> T) throws(OutboxError) -> T {
        var options = Configuration()
        options.readonly = true
        options.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: options)
            return try queue.read(body)
        } catch {
            throw failure(operation, path, error)
        }
    }

    static func readStatus(_ db: Database) throws -> OutboxStatus {
        guard let state = try Row.fetchOne(db, sql: "SELECT * FROM outboxState") else {
            throw OutboxError.database(operation: "status", path: db.description, message: "no outboxState row")
        }
        let oldest = try Row.fetchOne(db, sql: "SELECT enqueuedAt, attempts FROM reading ORDER BY sequence LIMIT 1")
        var status = OutboxStatus(
            depth: try counts(db).depth, capacity: state["capacity"],
            oldestEnqueuedAt: oldest?["enqueuedAt"], oldestAttempts: oldest?["attempts"] ?? 0,
            delivered: state["delivered"], rejected: state["rejected"], dropped: state["dropped"],
            refused: state["refused"], failures: state["failures"])
        if let at: Int64 = state["lastDeliveryAt"], let destination: String = state["lastDeliveryDestination"] {
            status.lastDelivery = OutboxStatus.Delivery(at: at, destination: destination)
        }
        if let at: Int64 = state["lastErrorAt"], let destination: String = state["lastErrorDestination"], let message: String = state["lastError"] {
            status.lastError = OutboxStatus.Failure(at: at, destination: destination, message: message)
        }
        return status
    }

    static func readRejections(_ db: Database, limit: Int) throws -> [OutboxRejection] {
        try Row.fetchAll(db, sql: "SELECT readingID, reason, destination, rejectedAt FROM rejection ORDER BY number DESC LIMIT ?", arguments: [max(0, limit)])
            .map { OutboxRejection(readingID: $0[0], reason: $0[1], destination: $0[2], at: $0[3]) }
    }
}

extension Outbox {
    /// `PRAGMA synchronous` on the outbox's own connection (1 NORMAL, 2 FULL), for tests.
    func synchronousSetting() throws(OutboxError) -> Int {
        try read("synchronous") { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }
}
