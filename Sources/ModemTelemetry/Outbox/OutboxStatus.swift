/// What `modemkit telemetry status` shows: how much waits, how old the oldest is, what became of
/// what left, and the last delivery and error.
///
///     let status = try Outbox.status(ofDatabaseAt: "/var/lib/modemkit/outbox.sqlite")
///     print(status.depth, status.delivered, status.lastError?.message ?? "-")
public struct OutboxStatus: Sendable, Hashable, Codable {
    /// When and where readings last went out.
    public struct Delivery: Sendable, Hashable, Codable {
        /// Milliseconds since 1970-01-01 UTC.
        public var at: Int64
        public var destination: String
    }

    /// The last failure a sender reported.
    public struct Failure: Sendable, Hashable, Codable {
        /// Milliseconds since 1970-01-01 UTC.
        public var at: Int64
        public var destination: String
        public var message: String
    }

    /// Readings waiting.
    public var depth: Int
    /// The capacity the outbox was last opened with.
    public var capacity: Int
    /// When the oldest waiting reading was enqueued (ms since 1970), `nil` when empty.
    public var oldestEnqueuedAt: Int64?
    /// How many failed deliveries the oldest waiting reading has been part of.
    public var oldestAttempts: Int
    /// Readings delivered since the outbox was created.
    public var delivered: Int
    /// Readings a destination refused for good.
    public var rejected: Int
    /// Readings deleted unsent to make room (``OutboxConfiguration/FullPolicy/dropOldest``).
    public var dropped: Int
    /// Readings refused because the outbox was full (``OutboxConfiguration/FullPolicy/refuseNew``).
    public var refused: Int
    /// Deliveries that failed (each failed batch counts once).
    public var failures: Int
    public var lastDelivery: Delivery?
    public var lastError: Failure?
}

/// A reading a destination refused for good, as the outbox remembers it.
public struct OutboxRejection: Sendable, Hashable, Codable {
    public var readingID: String
    public var reason: String
    public var destination: String
    /// Milliseconds since 1970-01-01 UTC.
    public var at: Int64
}
