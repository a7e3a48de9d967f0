import Telemetry

/// Sends readings to a `tcp://host:port` destination as newline-delimited JSON envelopes, one
/// line each (``TelemetryEnvelope/line(_:)``), several lines per write.
///
///     → {"id":"0b6f3c1e-…","ts":1764112345123,"data":{"t":21.5}}\n{"id":"7d1a…",…}\n
///
/// Raw TCP has no application acknowledgement: a reading counts as delivered once its line is
/// handed to the connection (the modem or the kernel took it). Lines still in flight when the
/// connection drops are lost without anyone knowing; use HTTP or MQTT where that matters.
public struct LineSender: TelemetrySender {
    public let name: String
    /// Lines are grouped into writes of at most this many bytes (a longer line is written alone).
    public let maxWriteBytes: Int
    let link: PacketLink

    public init(endpoint: TelemetryEndpoint, connector: any TelemetryConnector, maxWriteBytes: Int = 1024) {
        name = "tcp://\(endpoint)"
        self.maxWriteBytes = max(1, maxWriteBytes)
        link = PacketLink(endpoint: endpoint, transport: .tcp, connector: connector)
    }

    public func deliver(_ readings: [TelemetryReading]) async -> DeliveryReport {
        let packing = TelemetryEnvelope.packLines(readings, maxBytes: maxWriteBytes, oversizeAlone: true)
        let (delivered, failure) = await link.send(packing.packets)
        return DeliveryReport(delivered: delivered, failure: failure)
    }

    public func close() async {
        await link.close()
    }
}
