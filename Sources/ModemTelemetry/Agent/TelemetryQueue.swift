import Telemetry

/// Where the agent takes readings from and reports what became of them: the ``Outbox``, or
/// anything else that keeps readings until they are delivered.
public protocol TelemetryQueue: Sendable {
    /// Up to `limit` readings, oldest first, that are still to be delivered.
    func next(limit: Int) async throws -> [TelemetryReading]
    /// Removes what `report` says was delivered or rejected, and records the outcome.
    func complete(_ report: DeliveryReport, destination: String) async throws
}
