import Logging
import Telemetry

/// Delivers readings to an MQTT broker: each reading's ``TelemetryEnvelope`` JSON is one
/// PUBLISH to the topic the topic function gives it.
///
///     let sender = MQTTSender(
///         connector: modemSockets, host: "broker.example", port: 1883,
///         options: MQTTClientOptions(clientID: "meter-42", username: "meter", password: "…"),
///         topic: { _ in "meters/42/readings" })
///     let report = await sender.deliver(batch)
///     // → CONNECT (first time)  ← CONNACK
///     // → PUBLISH id 1 … PUBLISH id 16   (a window of 16 in flight, not one round trip each)
///     // ← PUBACK 1 → PUBLISH id 17, ← PUBACK 2 → PUBLISH id 18 …
///
/// A reading is reported delivered only when its PUBACK arrives (at QoS 0: once written). When
/// the connection fails, what was acknowledged is delivered and the rest is left with the reason
/// in ``DeliveryReport/failure``; the next ``deliver(_:)`` connects again. With clean session off
/// (the default of ``MQTTClientOptions``) the broker keeps the session and the client sends the
/// unacknowledged PUBLISHes again with DUP after reconnecting; those readings are in the outbox
/// still, so they may arrive twice: receivers drop copies by the envelope's ID.
public actor MQTTSender: TelemetrySender {
    public nonisolated let name: String
    /// The client underneath, for subscriptions or status.
    public nonisolated let client: MQTTClient
    let options: MQTTClientOptions
    let qos: MQTTQoS
    let window: Int
    let topic: @Sendable (TelemetryReading) -> String

    /// - Parameters:
    ///   - options: client ID, credentials, keep alive, clean session (off keeps unacknowledged
    ///     publishes across reconnects), last will.
    ///   - qos: 1 by default: delivered means acknowledged by the broker.
    ///   - window: how many QoS 1 PUBLISHes may wait for their PUBACK at once.
    ///   - topic: the topic of each reading (`meters/42/readings`); an invalid one (wildcards,
    ///     empty) rejects that reading for good.
    public init(
        connector: any TelemetryConnector, host: String, port: Int = 1883, options: MQTTClientOptions,
        qos: MQTTQoS = .atLeastOnce, window: Int = 16, clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "modemkit.mqtt"), topic: @escaping @Sendable (TelemetryReading) -> String
    ) {
        self.client = MQTTClient(connector: connector, host: host, port: port, clock: clock, logger: logger)
        self.name = "mqtt://\(host):\(port) as \(options.clientID)"
        self.options = options
        self.qos = qos
        self.window = max(1, window)
        self.topic = topic
    }

    public func deliver(_ readings: [TelemetryReading]) async -> DeliveryReport {
        var report = DeliveryReport()
        guard !readings.isEmpty else { return report }
        do {
            try await client.connect(options)
        } catch {
            report.failure = error.description
            return report
        }
        var inFlight: [(id: String, ticket: MQTTClient.PublishTicket)] = []
        var next = readings.startIndex
        var failure: MQTTError?
        while !inFlight.isEmpty || (failure == nil && next < readings.endIndex) {
            while failure == nil, next < readings.endIndex, inFlight.count < window {
                let reading = readings[next]
                next += 1
                let message = MQTTMessage(topic: topic(reading), payload: TelemetryEnvelope.json(reading), qos: qos)
                inFlight.append((reading.id, await client.startPublish(message)))
            }
            let (id, ticket) = inFlight.removeFirst()
            do {
                try await client.completion(of: ticket)
                report.delivered.append(id)
            } catch .invalidRequest(let violation) {
                report.rejected.append(DeliveryReport.Rejection(id: id, reason: violation.description))
            } catch {
                if failure == nil { failure = error }
            }
        }
        report.failure = failure?.description
        return report
    }

    /// Sends DISCONNECT and closes the connection.
    public func close() async {
        await client.disconnect()
    }
}
