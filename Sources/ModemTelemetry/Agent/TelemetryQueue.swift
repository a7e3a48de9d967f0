import Telemetry

/// Where the agent takes readings from and reports what became of them: the ``Outbox``, or
/// anything else that keeps readings until they are delivered.
public protocol TelemetryQueue: Sendable {
    /// Up to `limit` readings, oldest first, that are still to be delivered.
    func next(limit: Int) async throws -> [TelemetryReading]
    /// Removes what `report` says was delivered or rejected, and records the outcome; a failure
    /// counts as one more attempt for the readings of `attempted` still queued.
    func complete(_ report: DeliveryReport, destination: String, attempted: [TelemetryReading]) async throws
}

extension Outbox: TelemetryQueue {}
