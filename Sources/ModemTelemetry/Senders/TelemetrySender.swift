import Telemetry

/// Something that takes readings to one destination: MQTT, HTTP, raw TCP, UDP or SMS.
///
/// The agent hands a sender a batch from the outbox, oldest first, and deletes from the outbox
/// exactly what the report says was delivered or rejected; everything else stays and is retried.
/// A sender keeps its connection between batches and opens it again when needed.
///
///     let report = await sender.deliver(batch)
///     outbox.remove(report.delivered + report.rejected.map(\.id))
public protocol TelemetrySender: Sendable {
    /// A short name for logs and status (`mqtt://127.0.0.1:1883/meters/{id}`, passwords left out).
    var name: String { get }
    /// Delivers what it can of `readings`, in order, and says what became of each.
    func deliver(_ readings: [TelemetryReading]) async -> DeliveryReport
    /// Ends the connection cleanly (MQTT DISCONNECT, socket close). Nothing is left half-sent: a
    /// reading is only reported delivered once the destination has it.
    func close() async
}

/// What became of a batch.
public struct DeliveryReport: Sendable, Hashable {
    /// IDs the destination has (MQTT PUBACK, HTTP 2xx, TCP/UDP handed to the modem, SMS
    /// message reference received).
    public var delivered: [String]
    /// IDs the destination refused for good (HTTP 4xx): dropped from the outbox, with the reason
    /// logged and counted.
    public var rejected: [Rejection]
    /// Why the rest of the batch was not delivered (connection lost, HTTP 5xx, no answer); those
    /// readings stay in the outbox and are retried after a backoff. `nil` when nothing failed.
    public var failure: String?

    public struct Rejection: Sendable, Hashable {
        public var id: String
        public var reason: String
        public init(id: String, reason: String) {
            self.id = id
            self.reason = reason
        }
    }

    public init(delivered: [String] = [], rejected: [Rejection] = [], failure: String? = nil) {
        self.delivered = delivered
        self.rejected = rejected
        self.failure = failure
    }
}
