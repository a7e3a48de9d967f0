import GRDB

extension Outbox {
    /// The outbox's tables, one migration per schema version. A database from a newer ModemKit
    /// (an unknown migration applied) is refused rather than misread.
    ///
    /// - `reading`: what waits, `sequence` is the rowid (the send order), `id` unique.
    /// - `outboxState`: one row of counters, so that enqueue and status never count rows. An
    ///   enqueue writes nothing here (only its rows: one page fewer per commit): the depth is
    ///   derived as `issued - removed`, where `issued` is the larger of `MAX(sequence)` and
    ///   `highWater` (the largest sequence issued, recorded before every delete) and `removed`
    ///   counts every reading ever deleted. See ``Outbox/counts(_:)``.
    /// - `rejection`: the last few rejections, capped by ``OutboxConfiguration/rejectionHistory``.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE reading (
                    sequence INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    enqueuedAt INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE outboxState (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    capacity INTEGER NOT NULL DEFAULT 0,
                    highWater INTEGER NOT NULL DEFAULT 0,
                    removed INTEGER NOT NULL DEFAULT 0,
                    delivered INTEGER NOT NULL DEFAULT 0,
                    rejected INTEGER NOT NULL DEFAULT 0,
                    dropped INTEGER NOT NULL DEFAULT 0,
                    refused INTEGER NOT NULL DEFAULT 0,
                    failures INTEGER NOT NULL DEFAULT 0,
                    lastDeliveryAt INTEGER,
                    lastDeliveryDestination TEXT,
                    lastErrorAt INTEGER,
                    lastErrorDestination TEXT,
                    lastError TEXT
                );
                INSERT INTO outboxState (singleton) VALUES (1);
                CREATE TABLE rejection (
                    number INTEGER PRIMARY KEY,
                    readingID TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    destination TEXT NOT NULL,
                    rejectedAt INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
