import Telemetry

/// Sends readings to a `udp://host:port` destination as JSON envelopes in datagrams. Each
/// envelope is one line (compact JSON and `\n`, ``TelemetryEnvelope/line(_:)``); a datagram
/// holds several whole lines up to `maxDatagramBytes` (or exactly one with `several: false`),
/// so a receiver splits each datagram at `\n`.
///
///     → datagram 1: {"id":"0b6f…","ts":1764112345123,"data":{"t":21.5}}\n{"id":"7d1a…",…}\n
///
/// UDP has no acknowledgement: a reading counts as delivered once its datagram is handed to the
/// connection. A reading whose line is larger than `maxDatagramBytes` is rejected with the
/// reason, since it could never be sent.
public struct DatagramSender: TelemetrySender {
    public let name: String
    /// Largest datagram payload; 512 by default (fits any IPv4 path, RFC 791's 576-byte minimum).
    public let maxDatagramBytes: Int
    /// Several envelopes per datagram (default) or one.
    public let several: Bool
    let link: PacketLink

    public init(endpoint: TelemetryEndpoint, connector: any TelemetryConnector, maxDatagramBytes: Int = 512, several: Bool = true) {
        name = "udp://\(endpoint)"
        self.maxDatagramBytes = max(1, maxDatagramBytes)
        self.several = several
        link = PacketLink(endpoint: endpoint, transport: .udp, connector: connector)
    }

    public func deliver(_ readings: [TelemetryReading]) async -> DeliveryReport {
        let packing = TelemetryEnvelope.packLines(readings, maxBytes: maxDatagramBytes, several: several)
        let rejected = packing.oversize.map {
            DeliveryReport.Rejection(id: $0.id, reason: "envelope of \($0.bytes) bytes is larger than the \(maxDatagramBytes)-byte datagram limit")
        }
        let (delivered, failure) = await link.send(packing.packets)
        return DeliveryReport(delivered: delivered, rejected: rejected, failure: failure)
    }

    public func close() async {
        await link.close()
    }
}
