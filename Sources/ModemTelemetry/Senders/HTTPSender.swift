import HTTPTypes
import Telemetry

/// POSTs readings to an `http://` destination as a JSON array of envelopes
/// (``TelemetryEnvelope/jsonArray(_:)``), on one kept-alive connection that is opened again when
/// it closes.
///
///     → POST /ingest HTTP/1.1
///       Host: collector.example:8080
///       Content-Type: application/json
///       Content-Length: 118
///       Connection: keep-alive
///       User-Agent: ModemKit
///
///       [{"id":"0b6f…","ts":1764112345123,"data":{"t":21.5}},{"id":"7d1a…",…}]
///     ← HTTP/1.1 204 No Content
///
/// What the answer means for the batch:
/// - 2xx: all delivered.
/// - 4xx: all rejected for good, reason `HTTP 400 Bad Request` (the server will never take them),
///   except 408 and 429, which ask to come back later and count as a failure.
/// - 1xx are skipped; 3xx (redirects are not followed), 5xx, a broken response, a closed
///   connection or no answer within `responseTimeout` (on the injected clock): a failure, the
///   batch stays in the outbox and the connection is closed.
///
/// A batch larger than `maxBodyBytes` goes as several requests, one after another; a failure
/// stops there. A kept-alive connection the server closed while idle is opened again and the
/// request repeated once.
public actor HTTPSender: TelemetrySender {
    public struct Configuration: Sendable {
        public var responseTimeout: Duration
        /// Readings are split into requests whose body stays within this (one reading alone
        /// may be larger: the server decides, e.g. 413).
        public var maxBodyBytes: Int
        /// Extra fields on every request (Authorization, a device header...).
        public var headerFields: HTTPFields
        public var responseLimits: HTTPResponseParser.Limits

        public init(responseTimeout: Duration = .seconds(30), maxBodyBytes: Int = 16 * 1024, headerFields: HTTPFields = [:],
                    responseLimits: HTTPResponseParser.Limits = .init(maxBodyBytes: 64 * 1024)) {
            self.responseTimeout = responseTimeout
            self.maxBodyBytes = maxBodyBytes
            self.headerFields = headerFields
            self.responseLimits = responseLimits
        }
    }

    public nonisolated let name: String
    let destination: HTTPDestination
    let connector: any TelemetryConnector
    let clock: any Clock<Duration>
    let configuration: Configuration

    // The connection and the exchange in flight (see HTTPSender+Exchange.swift).
    var connection: (any TelemetryConnection)?
    var generation = 0
    var parser = HTTPResponseParser()
    var exchange = 0
    var awaiting = false
    var bytesThisExchange = false
    var exchangeReused = false
    var outcome: Outcome?
    var waiter: CheckedContinuation<Outcome, Never>?
    var timer: Task<Void, Never>?
    /// Callers of ``deliver(_:)`` waiting their turn: one batch at a time.
    var busy = false
    var turns: [CheckedContinuation<Void, Never>] = []

    public init(destination: HTTPDestination, connector: any TelemetryConnector, clock: any Clock<Duration> = ContinuousClock(),
                configuration: Configuration = Configuration()) {
        self.name = destination.description
        self.destination = destination
        self.connector = connector
        self.clock = clock
        self.configuration = configuration
    }

    public func deliver(_ readings: [TelemetryReading]) async -> DeliveryReport {
        await takeTurn()
        defer { endTurn() }
        var report = DeliveryReport()
        for batch in Self.batches(readings, maxBodyBytes: configuration.maxBodyBytes) {
            let ids = batch.map(\.id)
            switch await post(TelemetryEnvelope.jsonArray(batch)) {
            case .response(let message):
                let status = message.response.status
                let text = "HTTP \(status.code)" + (status.reasonPhrase.isEmpty ? "" : " \(status.reasonPhrase)")
                switch status.code {
                case 200...299:
                    report.delivered += ids
                case 408, 429:
                    report.failure = text
                    return report
                case 400...499:
                    report.rejected += ids.map { DeliveryReport.Rejection(id: $0, reason: text) }
                default:
                    report.failure = text + (status.kind == .redirection ? " (redirects are not followed)" : "")
                    return report
                }
            case .failed(let why), .stale(let why):
                report.failure = "\(name): \(why)"
                return report
            }
        }
        return report
    }

    public func close() async {
        await closeConnection()
    }

    /// Readings in order, cut so each JSON array stays within `maxBodyBytes`.
    static func batches(_ readings: [TelemetryReading], maxBodyBytes: Int) -> [[TelemetryReading]] {
        var batches: [[TelemetryReading]] = []
        var current: [TelemetryReading] = []
        var size = 2
        for reading in readings {
            let envelope = TelemetryEnvelope.json(reading).count
            if !current.isEmpty, size + 1 + envelope > maxBodyBytes {
                batches.append(current)
                current = []
                size = 2
            }
            size += envelope + (current.isEmpty ? 0 : 1)
            current.append(reading)
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    private func takeTurn() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { turns.append($0) }
    }

    private func endTurn() {
        if turns.isEmpty { busy = false } else { turns.removeFirst().resume() }
    }
}
